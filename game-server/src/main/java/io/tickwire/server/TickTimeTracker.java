package io.tickwire.server;

/**
 * A fixed-size log-linear histogram of durations in nanoseconds with p50/p99/max; recording and
 * reading allocate nothing. Values below 64 ns are exact; above, each power of two is split into
 * 32 buckets (about 3% resolution). Not thread-safe: the loop thread records and reads it.
 */
public final class TickTimeTracker {

    private static final int EXACT = 64;
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    // Highest bit index a positive long can have is 62; shifts run from 1 to 57.
    private static final int BUCKETS = EXACT + 57 * SUB;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long max;
    private long sum;

    /** Records one duration; negative values count as zero. */
    public void record(long nanos) {
        long v = Math.max(0L, nanos);
        counts[indexOf(v)]++;
        total++;
        sum += v;
        if (v > max) {
            max = v;
        }
    }

    /** Clears every recorded value (e.g. once per metrics interval). */
    public void reset() {
        java.util.Arrays.fill(counts, 0L);
        total = 0;
        max = 0;
        sum = 0;
    }

    /** Number of recorded values. */
    public long count() {
        return total;
    }

    /** Largest recorded value, exact; 0 when empty. */
    public long maxNanos() {
        return max;
    }

    /** Sum of the recorded values (negative ones counted as zero). */
    public long sumNanos() {
        return sum;
    }

    /** Mean of the recorded values; 0 when empty. */
    public long meanNanos() {
        return total == 0 ? 0 : sum / total;
    }

    /** Median (upper edge of its bucket, never above max); 0 when empty. */
    public long p50Nanos() {
        return percentileNanos(50.0);
    }

    /** 99th percentile (upper edge of its bucket, never above max); 0 when empty. */
    public long p99Nanos() {
        return percentileNanos(99.0);
    }

    /** The given percentile in (0, 100]; the upper edge of its bucket, never above max; 0 when empty. */
    public long percentileNanos(double percentile) {
        if (!(percentile > 0.0 && percentile <= 100.0)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(percentile / 100.0 * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperEdge(i), max);
            }
        }
        return max;
    }

    static int indexOf(long v) {
        if (v < EXACT) {
            return (int) v;
        }
        int msb = 63 - Long.numberOfLeadingZeros(v);
        int shift = msb - SUB_BITS;
        int top = (int) (v >>> shift) - SUB;
        return EXACT + (shift - 1) * SUB + top;
    }

    static long upperEdge(int index) {
        if (index < EXACT) {
            return index;
        }
        int shift = (index - EXACT) / SUB + 1;
        long top = (index - EXACT) % SUB + SUB;
        return ((top + 1) << shift) - 1;
    }
}
