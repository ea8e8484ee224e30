package io.tickwire.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tickwire.net.sim.NetworkConditions;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A whole GameClient frame in steady state (receive, decode a delta snapshot, clock, interpolation buffer,
 * reconciliation and replay, sampling and predicting a tick, sending an input frame, drawing 16 entities)
 * allocates nothing. The scripted server runs on the same thread and is allocation-free too, so whatever the
 * per-thread counter shows is the loop's cost. No events travel in the measured windows (Kryo objects are
 * the game's). Single windows can catch one-off JIT bytes, so the quietest of five must be zero.
 */
class GameClientAllocationTest {

    @Test
    void steadyStateFramesAllocateNothing() throws Exception {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        try (Rig rig = new Rig(NetworkConditions.PERFECT, 21, 4_000_000L, new TestWorld.Game(), b -> b)) {
            float[] out = new float[3];
            float[] me = new float[2];
            double[] sink = new double[1];
            rig.afterFrame = () -> {
                for (int id = 1; id <= TestWorld.BOTS; id++) {
                    if (rig.client.sampleRemote(id, out) != SampleKind.MISSING) {
                        sink[0] += out[0];
                    }
                }
                for (int id = 10; id < 10 + TestWorld.ROCKS; id++) {
                    rig.client.sampleRemote(id, out);
                    sink[0] += out[1];
                }
                if (rig.client.predictedState(me)) {
                    sink[0] += me[0];
                }
                NetGraph g = rig.client.netGraph();
                sink[0] += g.rttMillis() + g.kbpsIn() + g.interpolationDelayMillis() + rig.client.renderTick();
            };
            rig.run(120_000);   // warm-up: 30,000 frames for the JIT
            assertTrue(rig.client.isPredicting());
            long tid = Thread.currentThread().getId();
            long[] windows = new long[5];
            for (int w = 0; w < windows.length; w++) {
                long decoded = rig.client.netGraph().snapshotsDecoded();
                long before = mx.getThreadAllocatedBytes(tid);
                rig.run(20_000);   // 5,000 frames, 1,200 snapshots and input frames
                windows[w] = mx.getThreadAllocatedBytes(tid) - before;
                decoded = rig.client.netGraph().snapshotsDecoded() - decoded;
                System.out.printf("GameClient frames, window %d: %d snapshots decoded, %d bytes allocated%n",
                        w, decoded, windows[w]);
                assertTrue(decoded > 1100, "snapshots keep arriving: " + decoded);
                assertTrue(windows[w] < 16_384, "window " + w + " allocated " + windows[w] + " bytes");
            }
            assertEquals(0, Arrays.stream(windows).min().orElseThrow(),
                    "a steady-state window allocates nothing: " + Arrays.toString(windows));
            assertTrue(sink[0] != 0);
            assertEquals(0, rig.client.netGraph().snapshotsMissingBaseline());
        }
    }
}
