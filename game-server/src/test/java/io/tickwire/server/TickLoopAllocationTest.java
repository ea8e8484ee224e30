package io.tickwire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        for (int round = 0; round < 2; round++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 200_000; i++) {
                clock.now += 1_000_000L; // 1 ms steps
                loop.post(command);
                loop.advanceTo(clock.now);
            }
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            if (round == 1) {
                assertEquals(0, allocated, "bytes allocated by 200000 steps");
            }
        }
        assertEquals(400_000, work[2]);
        assertEquals(24_000, loop.tick());
        assertEquals(12_000, work[1]);
    }
}
