package io.tickwire.net.sim;

/**
 * Immutable description of how a simulated network path treats datagrams: latency, jitter, loss,
 * duplication, reordering and a bandwidth cap; start from {@link #PERFECT} and derive with the
 * {@code with...} methods.
 *
 * <p>Every value is validated when the object is made; a bad value raises
 * {@link IllegalArgumentException} naming the field, the value and the allowed range.
 *
 * @param latencyNanos one-way base delay added to every datagram
 * @param jitterNanos each datagram's delay varies uniformly within +/- this much around the
 *     latency (floored at zero); jitter alone never reorders (see {@link NetworkSimulator})
 * @param lossPercent chance in percent (0..100) that a datagram is dropped
 * @param duplicatePercent chance in percent (0..100) that a delivered datagram arrives twice
 * @param reorderPercent chance in percent (0..100) that a datagram is held back by an extra delay
 *     and may overtake or be overtaken by its neighbours
 * @param reorderDelayNanos upper bound of the extra delay given to a reordered datagram (the
 *     extra delay is uniform in [1 ns, this]); must be positive when reordering is on
 * @param bandwidthBytesPerSecond rate cap of the path in bytes per second, 0 for unlimited
 * @param bandwidthQueueNanos how much backlog the capped path buffers, as a delay: a datagram
 *     that would wait longer than this for the link is dropped (tail drop, as a router does)
 */
public record NetworkConditions(
        long latencyNanos,
        long jitterNanos,
        double lossPercent,
        double duplicatePercent,
        double reorderPercent,
        long reorderDelayNanos,
        long bandwidthBytesPerSecond,
        long bandwidthQueueNanos) {

    /** Largest latency, jitter, reorder delay or queue delay accepted: one hour, in nanoseconds. */
    public static final long MAX_DELAY_NANOS = 3_600_000_000_000L;

    /** Default bound of the extra delay given to reordered datagrams: 50 ms. */
    public static final long DEFAULT_REORDER_DELAY_NANOS = 50_000_000L;

    /** Default backlog of a bandwidth-capped path: 100 ms. */
    public static final long DEFAULT_BANDWIDTH_QUEUE_NANOS = 100_000_000L;

    /** No delay, no loss, no duplicates, no reordering, unlimited bandwidth. */
    public static final NetworkConditions PERFECT = new NetworkConditions(
            0, 0, 0, 0, 0, DEFAULT_REORDER_DELAY_NANOS, 0, DEFAULT_BANDWIDTH_QUEUE_NANOS);

    /** Validates every component; the exception names the bad one. */
    public NetworkConditions {
        checkDelay("latencyNanos", latencyNanos);
        checkDelay("jitterNanos", jitterNanos);
        checkPercent("lossPercent", lossPercent);
        checkPercent("duplicatePercent", duplicatePercent);
        checkPercent("reorderPercent", reorderPercent);
        checkDelay("reorderDelayNanos", reorderDelayNanos);
        if (reorderPercent > 0 && reorderDelayNanos == 0) {
            throw new IllegalArgumentException("reorderDelayNanos must be > 0 when reorderPercent is "
                    + reorderPercent + " (a reordered datagram needs an extra delay)");
        }
        if (bandwidthBytesPerSecond < 0) {
            throw new IllegalArgumentException("bandwidthBytesPerSecond must be >= 0 (0 = unlimited), was "
                    + bandwidthBytesPerSecond);
        }
        checkDelay("bandwidthQueueNanos", bandwidthQueueNanos);
    }

    private static void checkDelay(String name, long value) {
        if (value < 0 || value > MAX_DELAY_NANOS) {
            throw new IllegalArgumentException(name + " must be in [0, " + MAX_DELAY_NANOS
                    + "] (MAX_DELAY_NANOS), was " + value);
        }
    }

    private static void checkPercent(String name, double value) {
        // The negated comparison also rejects NaN.
        if (!(value >= 0.0 && value <= 100.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 100], was " + value);
        }
    }

    private static long millisToNanos(String name, long millis) {
        if (millis < 0 || millis > MAX_DELAY_NANOS / 1_000_000L) {
            throw new IllegalArgumentException(name + " must be in [0, " + MAX_DELAY_NANOS / 1_000_000L
                    + "] ms, was " + millis);
        }
        return millis * 1_000_000L;
    }

    /** Whether this is a perfect path (nothing delayed, lost, duplicated, reordered or capped). */
    public boolean isPerfect() {
        return latencyNanos == 0 && jitterNanos == 0 && lossPercent == 0 && duplicatePercent == 0
                && reorderPercent == 0 && bandwidthBytesPerSecond == 0;
    }

    /** A copy with the given one-way latency in nanoseconds. */
    public NetworkConditions withLatencyNanos(long nanos) {
        return new NetworkConditions(nanos, jitterNanos, lossPercent, duplicatePercent, reorderPercent,
                reorderDelayNanos, bandwidthBytesPerSecond, bandwidthQueueNanos);
    }

    /** A copy with the given one-way latency in milliseconds. */
    public NetworkConditions withLatencyMillis(long millis) {
        return withLatencyNanos(millisToNanos("latency", millis));
    }

    /** A copy with the given jitter (+/- around the latency) in nanoseconds. */
    public NetworkConditions withJitterNanos(long nanos) {
        return new NetworkConditions(latencyNanos, nanos, lossPercent, duplicatePercent, reorderPercent,
                reorderDelayNanos, bandwidthBytesPerSecond, bandwidthQueueNanos);
    }

    /** A copy with the given jitter (+/- around the latency) in milliseconds. */
    public NetworkConditions withJitterMillis(long millis) {
        return withJitterNanos(millisToNanos("jitter", millis));
    }

    /** A copy with the given loss chance in percent (0..100). */
    public NetworkConditions withLossPercent(double percent) {
        return new NetworkConditions(latencyNanos, jitterNanos, percent, duplicatePercent, reorderPercent,
                reorderDelayNanos, bandwidthBytesPerSecond, bandwidthQueueNanos);
    }

    /** A copy with the given duplication chance in percent (0..100). */
    public NetworkConditions withDuplicatePercent(double percent) {
        return new NetworkConditions(latencyNanos, jitterNanos, lossPercent, percent, reorderPercent,
                reorderDelayNanos, bandwidthBytesPerSecond, bandwidthQueueNanos);
    }

    /** A copy with the given reordering chance in percent (0..100). */
    public NetworkConditions withReorderPercent(double percent) {
        return new NetworkConditions(latencyNanos, jitterNanos, lossPercent, duplicatePercent, percent,
                reorderDelayNanos, bandwidthBytesPerSecond, bandwidthQueueNanos);
    }

    /** A copy with the given bound of a reordered datagram's extra delay, in nanoseconds. */
    public NetworkConditions withReorderDelayNanos(long nanos) {
        return new NetworkConditions(latencyNanos, jitterNanos, lossPercent, duplicatePercent, reorderPercent,
                nanos, bandwidthBytesPerSecond, bandwidthQueueNanos);
    }

    /** A copy with the given bound of a reordered datagram's extra delay, in milliseconds. */
    public NetworkConditions withReorderDelayMillis(long millis) {
        return withReorderDelayNanos(millisToNanos("reorderDelay", millis));
    }

    /** A copy with the given bandwidth cap in bytes per second (0 = unlimited). */
    public NetworkConditions withBandwidthBytesPerSecond(long bytesPerSecond) {
        return new NetworkConditions(latencyNanos, jitterNanos, lossPercent, duplicatePercent, reorderPercent,
                reorderDelayNanos, bytesPerSecond, bandwidthQueueNanos);
    }

    /** A copy with the given backlog of the capped path, in nanoseconds. */
    public NetworkConditions withBandwidthQueueNanos(long nanos) {
        return new NetworkConditions(latencyNanos, jitterNanos, lossPercent, duplicatePercent, reorderPercent,
                reorderDelayNanos, bandwidthBytesPerSecond, nanos);
    }

    /** A copy with the given backlog of the capped path, in milliseconds. */
    public NetworkConditions withBandwidthQueueMillis(long millis) {
        return withBandwidthQueueNanos(millisToNanos("bandwidthQueue", millis));
    }
}
