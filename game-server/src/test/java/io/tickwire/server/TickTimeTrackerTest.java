package io.tickwire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TickTimeTrackerTest {

    @Test
    void percentilesAreWithinBucketResolutionOfTheExactOnes() {
        SplittableRandom rnd = new SplittableRandom(3);
        TickTimeTracker tracker = new TickTimeTracker();
        long[] values = new long[10_000];
        for (int i = 0; i < values.length; i++) {
            // Log-uniform from 10 ns to about 100 ms: covers exact and log buckets.
            values[i] = (long) Math.pow(10, 1 + rnd.nextDouble() * 7);
            tracker.record(values[i]);
        }
        Arrays.sort(values);
        long exactP50 = values[4999];
        long exactP99 = values[9899];
        assertEquals(values[values.length - 1], tracker.maxNanos());
        assertEquals(values.length, tracker.count());
        assertTrue(tracker.p50Nanos() >= exactP50 && tracker.p50Nanos() <= exactP50 * 1.04,
                tracker.p50Nanos() + " vs " + exactP50);
        assertTrue(tracker.p99Nanos() >= exactP99 && tracker.p99Nanos() <= exactP99 * 1.04,
                tracker.p99Nanos() + " vs " + exactP99);
        tracker.reset();
        assertEquals(0, tracker.count());
        assertEquals(0, tracker.p99Nanos());
    }

    @Test
    void everyBucketEdgeContainsItsValues() {
        for (long v = 0; v < 1_000_000; v += 7) {
            int i = TickTimeTracker.indexOf(v);
            assertTrue(TickTimeTracker.upperEdge(i) >= v, "edge of " + v);
            assertTrue(i == 0 || TickTimeTracker.upperEdge(i - 1) < v, "previous edge of " + v);
        }
        assertTrue(TickTimeTracker.upperEdge(TickTimeTracker.indexOf(Long.MAX_VALUE)) >= Long.MAX_VALUE - 1);
    }

    @Test
    void refusesPercentileOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TickTimeTracker().percentileNanos(0));
        assertTrue(e.getMessage().contains("percentile"), e.getMessage());
    }
}
