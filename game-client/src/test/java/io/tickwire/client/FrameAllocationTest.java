package io.tickwire.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Steady-state frames (clock, snapshots, interpolation of 32 entities, inputs, replay, smoothing) allocate nothing. */
class FrameAllocationTest {
    private static final long TICK = 1_000_000_000L / 60;
    private static final int ENTITIES = 32;

    private final ServerClock clock = new ServerClock(ServerClockConfig.defaults(60));
    private final InterpolationDelay delay = InterpolationDelay.defaults(TICK);
    private final SnapshotBuffer buffer = new SnapshotBuffer(32, ENTITIES, 3);
    private final Interpolator interp = new Interpolator(buffer, new boolean[] {false, false, true}, 6);
    private final InputHistory history = new InputHistory(128, 8);
    private final ErrorSmoother smoother = new ErrorSmoother(2, 1.0, 10.0, 0.001);
    private final float[] values = new float[3];
    private final float[] out = new float[3];
    private final float[] error = new float[2];
    private final byte[] input = new byte[8];
    private final byte[] packet = new byte[64];
    private double sink;

    private void frames(long first, int count) {
        for (long f = first; f < first + count; f++) {
            long now = f * TICK;
            if (f % 3 == 0) {
                long serverTick = f - 5;
                clock.onSnapshot(serverTick, 150_000_000L, now);
                delay.onSnapshotArrival(serverTick, now);
                buffer.begin(serverTick);
                for (int e = 0; e < ENTITIES; e++) {
                    values[0] = serverTick * 0.1f + e;
                    values[1] = e;
                    values[2] = (float) Interpolator.wrap(serverTick * 0.01);
                    buffer.put(e, values);
                }
                buffer.commit();
                history.acknowledge(f - 10);
                error[0] = 0.01f;
                smoother.absorb(error);
            }
            clock.update(now);
            input[0] = (byte) f;
            history.record(f, input, 0, input.length);
            int bytes = 0;
            for (long u = history.redundancyFirstTick(3); u >= 0; u = history.nextTick(u)) {
                bytes += history.copy(u, packet, bytes);
            }
            for (long u = history.nextTick(history.ackedTick()); u >= 0; u = history.nextTick(u)) {
                bytes += history.length(u);
            }
            double render = delay.renderTick(now);
            for (int e = 0; e < ENTITIES; e++) {
                interp.sample(e, render, out);
                sink += out[0];
            }
            smoother.update(now);
            sink += bytes + clock.clientTime();
        }
    }

    @Test
    void steadyStateFramesAllocateNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        frames(0, 50_000);   // warm up (JIT compilation)
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        frames(50_000, 100_000);
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        // 100k frames with 32 samples each: one allocation per frame would be megabytes. Allow JVM noise.
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes");
        assertTrue(sink != 0);
    }
}
