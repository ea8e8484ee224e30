package io.tickwire.net.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SnapshotCodecAllocationTest {

    @Test
    void steadyStateEncodeAndDecodeAllocateNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());

        ReplicationSchema schema = SnapshotCodecRoundTripTest.schema();
        SnapshotCodec codec = new SnapshotCodec(schema, 200, 16384);
        SplittableRandom rnd = new SplittableRandom(3);
        Snapshot[] worlds = new Snapshot[8];
        Snapshot prev = new Snapshot(schema, 200);
        for (int k = 0; k < worlds.length; k++) {
            worlds[k] = new Snapshot(schema, 200);
            SnapshotCodecRoundTripTest.evolve(rnd, prev, worlds[k], k);
            prev = worlds[k];
        }
        Snapshot out = new Snapshot(schema, 200);
        byte[] buf = new byte[16384];
        int bad = run(codec, worlds, out, buf, 20000); // warm-up so the JIT has settled
        long before = mx.getCurrentThreadAllocatedBytes();
        bad += run(codec, worlds, out, buf, 20000);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertEquals(0, bad);
        // A few hundred bytes of slack for the measurement itself; per-call allocation would be megabytes.
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes over 20000 encode+decode pairs");
    }

    private static int run(SnapshotCodec codec, Snapshot[] worlds, Snapshot out, byte[] buf, int n) {
        int bad = 0;
        for (int i = 0; i < n; i++) {
            Snapshot cur = worlds[(i + 1) % worlds.length];
            Snapshot base = (i & 3) == 0 ? null : worlds[i % worlds.length];
            if (codec.encode(cur, base, buf, 0) != SnapshotStatus.OK
                    || codec.decode(buf, 0, codec.encodedBytes(), base, out) != SnapshotStatus.OK) {
                bad++;
            }
        }
        return bad;
    }
}
