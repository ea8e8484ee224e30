package io.tickwire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class TickLoopAllocationTest {

    @Test
    void steppingWithCommandsAndSnapshotsAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] work = new long[3];
        TickHandler handler = new TickHandler() {
            @Override
            public void onTick(long tick, long nowNanos) {
                work[0] += tick;
            }

            @Override
            public void onSnapshot(long tick, long nowNanos) {
                work[1]++;
            }
        };
        ManualClock clock = new ManualClock();
        TickLoop loop = new TickLoop(TickLoopConfig.builder().build(), handler, clock);
        TickCommand command = now -> work[2]++;
        loop.start(0);
        long tid = Thread.currentThread().getId();
        // One warm-up round, then the quietest of five must be exactly zero (a single round can catch
        // one-off JIT or class-loading bytes, which are not a per-step cost).
        long fewest = Long.MAX_VALUE;
        long most = 0;
        for (int round = 0; round < 6; round++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 200_000; i++) {
                clock.now += 1_000_000L; // 1 ms steps
                loop.post(command);
                loop.advanceTo(clock.now);
            }
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            if (round > 0) {
                fewest = Math.min(fewest, allocated);
                most = Math.max(most, allocated);
            }
        }
        assertEquals(0, fewest, "bytes allocated by the quietest 200000 steps");
        assertTrue(most < 16 * 1024, "every round stays below one-off noise, was " + most);
        assertEquals(1_200_000, work[2]);
        assertEquals(72_000, loop.tick());
        assertEquals(36_000, work[1]);
    }
}
