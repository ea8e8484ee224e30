package io.tickwire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TickLoopTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long START = 5_000_000_000L;

    private static TickLoop loop(int tickHz, int snapHz, RecordingHandler h, ManualClock clock) {
        return new TickLoop(TickLoopConfig.builder().tickRateHz(tickHz).snapshotRateHz(snapHz).build(), h, clock);
    }

    @Test
    void runsExactlyNTicksForNPeriodsWhateverTheStepGranularity() {
        long[] steps = {1_000L, 999_983L, 16_666_667L, 33_000_001L, 80_000_000L};
        for (long step : steps) {
            RecordingHandler h = new RecordingHandler();
            TickLoop loop = loop(60, 20, h, new ManualClock());
            loop.start(START);
            long end = START + 10 * SECOND; // 600 tick periods
            for (long t = START; t < end; t += step) {
                loop.advanceTo(t);
            }
            loop.advanceTo(end);
            assertEquals(600, loop.tick(), "step " + step);
            assertEquals(0, loop.droppedTicks(), "step " + step);
            for (int i = 0; i < h.ticks.size(); i++) {
                assertEquals(i + 1, h.ticks.getLong(i));
            }
        }
        // Steps longer than maxCatchUpTicks periods need a larger catch-up budget to lose nothing.
        RecordingHandler h = new RecordingHandler();
        TickLoop loop = new TickLoop(TickLoopConfig.builder().tickRateHz(60).maxCatchUpTicks(100).build(), h,
                new ManualClock());
        loop.start(START);
        for (long t = START; t <= START + 10 * SECOND; t += 250_000_000L) {
            loop.advanceTo(t);
        }
        assertEquals(600, loop.tick());
        assertEquals(0, loop.droppedTicks());
    }

    @Test
    void tickDueExactlyAtItsScheduledNanosecondAndNotBefore() {
        RecordingHandler h = new RecordingHandler();
        TickLoop loop = loop(60, 60, h, new ManualClock());
        loop.start(0);
        long due = loop.nextTickDueNanos();
        assertEquals(16_666_667L, due);
        assertEquals(0, loop.advanceTo(due - 1));
        assertEquals(1, loop.advanceTo(due));
        assertEquals(33_333_334L, loop.nextTickDueNanos());
    }

    @Test
    void snapshotsFollowTheConfiguredRate() {
        int[] rates = {20, 30, 60, 25, 7};
        for (int rate : rates) {
            RecordingHandler h = new RecordingHandler();
            TickLoop loop = loop(60, rate, h, new ManualClock());
            loop.start(0);
            for (long i = 0; i <= 7200; i++) {
                loop.advanceTo(i * SECOND / 120);
            }
            assertEquals(3600, loop.tick());
            assertEquals(60L * rate, h.snapshots.size(), "snapshot rate " + rate);
            assertEquals(60L * rate, loop.snapshotCount());
            // Evenly spread: gaps between snapshot ticks differ by at most one tick.
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 1; i < h.snapshots.size(); i++) {
                long gap = h.snapshots.getLong(i) - h.snapshots.getLong(i - 1);
                min = Math.min(min, gap);
                max = Math.max(max, gap);
            }
            assertTrue(max - min <= 1, "rate " + rate + " gaps " + min + ".." + max);
            if (60 % rate == 0) {
                assertEquals(min, max);
                assertEquals(60 / rate, max);
            }
        }
    }

    @Test
    void noDriftOverOneSimulatedHourWithJitteryWakeUps() {
        RecordingHandler h = new RecordingHandler();
        TickLoop loop = loop(60, 30, h, new ManualClock());
        loop.start(START);
        SplittableRandom rnd = new SplittableRandom(42);
        long t = START;
        long hour = 3600 * SECOND;
        while (t < START + hour) {
            // Wake up somewhere in the next period, sometimes late by up to a few milliseconds.
            t += 1 + rnd.nextLong(SECOND / 60 + 3_000_000L);
            loop.advanceTo(Math.min(t, START + hour));
        }
        assertEquals(216_000, loop.tick());
        assertEquals(108_000, loop.snapshotCount());
        assertEquals(0, loop.droppedTicks());
        assertEquals(START + hour + SECOND / 60 + 1, loop.nextTickDueNanos() + 0, "next due one period after the hour");
    }

    @Test
    void stallRunsBoundedCatchUpThenDropsBacklogCounted() {
        RecordingHandler h = new RecordingHandler();
        TickLoop loop = new TickLoop(TickLoopConfig.builder().tickRateHz(60).maxCatchUpTicks(4).build(), h,
                new ManualClock());
        loop.start(0);
        loop.advanceTo(SECOND); // 60 ticks due at once
        assertEquals(4, loop.tick());
        assertEquals(56, loop.droppedTicks());
        assertEquals(1, loop.stallCount());
        // Schedule rebased: the next tick is due one period after the stall, then it runs normally.
        assertEquals(SECOND + 16_666_667L, loop.nextTickDueNanos());
        for (long i = 0; i <= 600; i++) {
            loop.advanceTo(SECOND + i * SECOND / 600);
        }
        assertEquals(64, loop.tick());
        assertEquals(1, loop.stallCount());
        for (int i = 0; i < h.ticks.size(); i++) {
            assertEquals(i + 1, h.ticks.getLong(i), "tick numbers stay consecutive after a drop");
        }
    }

    @Test
    void smallBacklogWithinBoundIsCaughtUpWithoutDrops() {
        RecordingHandler h = new RecordingHandler();
        TickLoop loop = new TickLoop(TickLoopConfig.builder().tickRateHz(60).maxCatchUpTicks(5).build(), h,
                new ManualClock());
        loop.start(0);
        assertEquals(5, loop.advanceTo(5 * 16_666_667L));
        assertEquals(0, loop.droppedTicks());
        assertEquals(1, loop.advanceTo(6 * 16_666_667L));
    }

    @Test
    void commandQueueAppliesBackPressureAndRunsCommandsOnTheNextStep() {
        RecordingHandler h = new RecordingHandler();
        TickLoop loop = new TickLoop(TickLoopConfig.builder().commandQueueCapacity(3).build(), h, new ManualClock());
        loop.start(0);
        long[] seen = new long[1];
        TickCommand add = now -> seen[0]++;
        assertEquals(PostStatus.QUEUED, loop.post(add));
        assertEquals(PostStatus.QUEUED, loop.post(add));
        assertEquals(PostStatus.QUEUED, loop.post(add));
        assertEquals(PostStatus.QUEUE_FULL, loop.post(add));
        assertEquals(1, loop.commandsRejected());
        assertEquals(0, seen[0], "commands run only on the loop thread's step");
        loop.advanceTo(1);
        assertEquals(3, seen[0]);
        assertEquals(3, loop.commandsExecuted());
        assertEquals(PostStatus.QUEUED, loop.post(add));
        loop.stop();
        assertEquals(PostStatus.STOPPED, loop.post(add));
    }

    @Test
    void commandsRunBeforeTheTicksOfTheSameStep() {
        long[] order = new long[2];
        long[] counter = new long[1];
        TickHandler handler = new TickHandler() {
            @Override
            public void onTick(long tick, long nowNanos) {
                if (order[1] == 0) {
                    order[1] = ++counter[0];
                }
            }

            @Override
            public void onSnapshot(long tick, long nowNanos) {
            }
        };
        TickLoop loop = new TickLoop(TickLoopConfig.builder().build(), handler, new ManualClock());
        loop.start(0);
        loop.post(now -> order[0] = ++counter[0]);
        loop.advanceTo(SECOND / 60 + 1);
        assertEquals(1, order[0]);
        assertEquals(2, order[1]);
    }

    @Test
    void configRefusesBadValuesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TickLoopConfig.builder().tickRateHz(60).snapshotRateHz(61).build());
        assertTrue(e.getMessage().contains("snapshotRateHz") && e.getMessage().contains("61"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TickLoopConfig.builder().tickRateHz(0).build());
        assertTrue(e.getMessage().contains("tickRateHz") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TickLoopConfig.builder().commandQueueCapacity(0).build());
        assertTrue(e.getMessage().contains("commandQueueCapacity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TickLoopConfig.builder().maxCatchUpTicks(0).build());
        assertTrue(e.getMessage().contains("maxCatchUpTicks"), e.getMessage());
    }

    @Test
    void modesAreEnforced() {
        TickLoop invoker = new TickLoop(TickLoopConfig.builder().build(), new RecordingHandler(), new ManualClock());
        assertThrows(IllegalStateException.class, invoker::runBlocking);
        TickLoop blocking = new TickLoop(TickLoopConfig.builder().mode(TickLoopMode.BLOCKING).build(),
                new RecordingHandler(), new ManualClock());
        assertThrows(IllegalStateException.class, () -> blocking.advanceTo(0));
    }

    @Test
    void blockingModeStepsOnTheClockAndParksUntilStopped() {
        // The parking strategy advances the manual clock by the wait, so the run is deterministic.
        ManualClock clock = new ManualClock();
        RecordingHandler h = new RecordingHandler();
        TickLoop[] self = new TickLoop[1];
        ParkingStrategy park = nanos -> {
            if (self[0].tick() >= 120) {
                self[0].stop();
            } else {
                clock.now += nanos;
            }
        };
        self[0] = new TickLoop(TickLoopConfig.builder().mode(TickLoopMode.BLOCKING).build(), h, clock, park);
        self[0].runBlocking();
        assertEquals(120, self[0].tick());
        assertEquals(2 * SECOND, clock.now, "each tick ran at its due time, parked exactly in between");
        assertEquals(0, self[0].droppedTicks());
    }

    @Test
    void tickTimeIsMeasuredPerTick() {
        ManualClock clock = new ManualClock();
        TickHandler slow = new TickHandler() {
            @Override
            public void onTick(long tick, long nowNanos) {
                clock.now += tick * 1_000L; // tick k "takes" k microseconds on the measuring clock
            }

            @Override
            public void onSnapshot(long tick, long nowNanos) {
            }
        };
        TickLoop loop = new TickLoop(TickLoopConfig.builder().maxCatchUpTicks(100).build(), slow, clock);
        loop.start(0);
        loop.advanceTo(100 * 16_666_667L);
        assertEquals(100, loop.tickTimes().count());
        assertEquals(100_000, loop.tickTimes().maxNanos());
        long p50 = loop.tickTimes().p50Nanos();
        assertTrue(p50 >= 50_000 && p50 <= 50_000 * 1.04, "p50 " + p50);
        long p99 = loop.tickTimes().p99Nanos();
        assertTrue(p99 >= 99_000 && p99 <= 100_000, "p99 " + p99);
    }
}
