package io.tickwire.server.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Building, encoding and acknowledging snapshots allocates nothing in steady state, with and without the budget biting. */
class ReplicationAllocationTest {

    @Test
    void snapshotBuildEncodeAndAckAllocateNothingInSteadyState() {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int budget : new int[] {4096, 300}) {
            ReplicationHarness h = new ReplicationHarness(3, new GridInterest(40, 1), budget);
            h.replicator.setViewpoint(100, 100);
            h.mutate(150, 0f);
            long tid = Thread.currentThread().getId();
            int packets = 0;
            long fewest = Long.MAX_VALUE;
            for (int round = 0; round < 6; round++) {
                long before = mx.getThreadAllocatedBytes(tid);
                for (int t = 0; t < 5_000; t++) {
                    for (int i = 0; i < h.world.count(); i += 3) {
                        float x = h.world.getFloat(i, 0) + ((t / 50 + i) % 2 == 0 ? 0.3f : -0.3f);
                        h.world.setFloat(i, 0, Math.max(0, Math.min(200, x)));
                        h.xs[i] = h.world.getFloat(i, 0);
                    }
                    int len = h.replicator.buildAndEncode(h.world, h.xs, h.ys, h.packet, 0);
                    assertTrue(len > 0);
                    h.state.recordSent(h.replicator.lastSequence(), packets);
                    if (t % 4 != 0) { // one packet in four is never acknowledged
                        h.state.onPacketAcked(packets);
                    }
                    packets = (packets + 1) & 0xFFFF;
                }
                long allocated = mx.getThreadAllocatedBytes(tid) - before;
                if (round > 0) {
                    fewest = Math.min(fewest, allocated);
                }
            }
            // Per-snapshot allocation would show in every round; one-off JIT or class-loading bytes do not.
            assertEquals(0, fewest, "fewest bytes allocated by 5000 snapshots in a warm round, budget " + budget);
        }
    }
}
