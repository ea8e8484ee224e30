package io.tickwire.client;

/**
 * Adaptive interpolation delay and render time: how far behind the snapshot arrival timeline remote
 * entities are drawn.
 *
 * <p>The arrival timeline is the server tick that snapshots carry as they arrive here: an exponential average
 * of {@code serverTick - localTicks(arrival)}. Rendering relative to it (not to the server's present) makes
 * the delay independent of RTT and of the one-way delay estimate.
 *
 * <p>It measures the snapshot interval (server ticks between consecutive received snapshots, so loss shows
 * up as a longer interval) and arrival jitter (RFC 3550 style: the change in transit time between
 * consecutive snapshots), and aims at {@code interval * intervalMultiplier + jitter * jitterMultiplier},
 * clamped to [minDelayTicks, maxDelayTicks]. The delay moves towards that target by {@code smoothing} per
 * snapshot, so render time slows or speeds a little rather than jumping.
 *
 * <p>Not thread-safe: owned by the polling thread. Allocation-free; time is a parameter.
 */
public final class InterpolationDelay {
    private final double tickNanos;
    private final double intervalMultiplier;
    private final double jitterMultiplier;
    private final double minDelayTicks;
    private final double maxDelayTicks;
    private final double smoothing;

    private boolean started;
    private long originNanos;
    private double arrivalOffsetTicks;   // server tick minus local ticks since origin, at arrival
    private long lastTick;
    private long lastArrivalNanos;
    private double intervalTicks;
    private double jitterTicks;
    private double delayTicks;

    /**
     * Creates an estimator; throws IllegalArgumentException naming a bad value.
     *
     * @param tickNanos server tick length in nanoseconds
     * @param intervalMultiplier delay in snapshot intervals (2 tolerates one lost snapshot)
     * @param jitterMultiplier delay per tick of measured jitter
     * @param minDelayTicks lower clamp of the delay
     * @param maxDelayTicks upper clamp of the delay
     * @param smoothing weight of each new measurement and of each step towards the target (0..1]
     */
    public InterpolationDelay(long tickNanos, double intervalMultiplier, double jitterMultiplier,
            double minDelayTicks, double maxDelayTicks, double smoothing) {
        check(tickNanos > 0, "tickNanos", tickNanos);
        check(intervalMultiplier >= 1, "intervalMultiplier", intervalMultiplier);
        check(jitterMultiplier >= 0, "jitterMultiplier", jitterMultiplier);
        check(minDelayTicks >= 0, "minDelayTicks", minDelayTicks);
        check(maxDelayTicks >= minDelayTicks, "maxDelayTicks", maxDelayTicks);
        check(smoothing > 0 && smoothing <= 1, "smoothing", smoothing);
        this.tickNanos = tickNanos;
        this.intervalMultiplier = intervalMultiplier;
        this.jitterMultiplier = jitterMultiplier;
        this.minDelayTicks = minDelayTicks;
        this.maxDelayTicks = maxDelayTicks;
        this.smoothing = smoothing;
        this.delayTicks = minDelayTicks;
    }

    /** Defaults: two snapshot intervals plus 3x jitter, between 1 and 60 ticks, smoothing 0.05. */
    public static InterpolationDelay defaults(long tickNanos) {
        return new InterpolationDelay(tickNanos, 2.0, 3.0, 1.0, 60.0, 0.05);
    }

    /** Records that the snapshot stamped {@code serverTick} arrived at {@code nowNanos}; older or duplicate ticks are ignored. */
    public void onSnapshotArrival(long serverTick, long nowNanos) {
        if (!started) {
            started = true;
            originNanos = nowNanos;
            arrivalOffsetTicks = serverTick;
            lastTick = serverTick;
            lastArrivalNanos = nowNanos;
            return;
        }
        long dTick = serverTick - lastTick;
        if (dTick <= 0) {
            return;
        }
        double offsetSample = serverTick - (nowNanos - originNanos) / tickNanos;
        double deviation = offsetSample - arrivalOffsetTicks;
        if (Math.abs(deviation) > maxDelayTicks) {
            arrivalOffsetTicks = offsetSample;   // a stall or a server restart: re-anchor instead of averaging
        } else {
            arrivalOffsetTicks += smoothing * deviation;
        }
        double arrivalTicks = (nowNanos - lastArrivalNanos) / tickNanos;
        double transitChange = Math.abs(arrivalTicks - dTick);
        if (intervalTicks == 0) {
            intervalTicks = dTick;
            delayTicks = clamp(dTick * intervalMultiplier);
        } else {
            intervalTicks += smoothing * (dTick - intervalTicks);
        }
        jitterTicks += smoothing * (transitChange - jitterTicks);
        delayTicks += smoothing * (targetDelayTicks() - delayTicks);
        lastTick = serverTick;
        lastArrivalNanos = nowNanos;
    }

    /** Delay the estimator is moving towards, in ticks. */
    public double targetDelayTicks() {
        return clamp(intervalTicks * intervalMultiplier + jitterTicks * jitterMultiplier);
    }

    /** Current (smoothed) delay in ticks. */
    public double delayTicks() {
        return delayTicks;
    }

    /** Render time for remote entities at {@code nowNanos}, in fractional server ticks; NaN before the first snapshot. */
    public double renderTick(long nowNanos) {
        if (!started) {
            return Double.NaN;
        }
        return arrivalOffsetTicks + (nowNanos - originNanos) / tickNanos - delayTicks;
    }

    /** Measured snapshot interval, in ticks (0 until two snapshots arrived). */
    public double intervalTicks() {
        return intervalTicks;
    }

    /** Measured arrival jitter, in ticks. */
    public double jitterTicks() {
        return jitterTicks;
    }

    private double clamp(double v) {
        return Math.max(minDelayTicks, Math.min(maxDelayTicks, v));
    }

    private static void check(boolean ok, String name, double value) {
        if (!ok) {
            throw new IllegalArgumentException("InterpolationDelay." + name + " out of range: " + value);
        }
    }
}
