package io.tickwire.client;

/**
 * Tuning values of a {@link ServerClock}; every limit the clock enforces is named here.
 *
 * <p>Immutable; validated in the constructor, which names the bad value.
 */
public final class ServerClockConfig {
    /** Length of one server tick in nanoseconds. */
    public final long tickNanos;
    /** Extra ticks of lead on top of RTT/2 and the jitter margin, so inputs arrive before the server needs them. */
    public final double safetyTicks;
    /** The jitter margin is this many times the measured arrival jitter. */
    public final double jitterMultiplier;
    /** Largest fraction by which the client tick may run faster or slower than real time (0.05 = ±5%). */
    public final double maxTimeScale;
    /** Time-scale change per tick of error (0.02: one tick behind runs 2% fast), clamped to {@link #maxTimeScale}. */
    public final double correctionGainPerTick;
    /** An error beyond this many ticks is corrected at once (forward snap, or a hold when ahead) instead of by scaling. */
    public final double snapThresholdTicks;
    /** Within this many ticks of the target the clock reports {@link ClockState#LOCKED}. */
    public final double lockToleranceTicks;
    /** Weight of a new snapshot in the server offset and jitter averages (0..1]. */
    public final double smoothing;

    /** Creates a config; throws IllegalArgumentException naming the first bad value. */
    public ServerClockConfig(long tickNanos, double safetyTicks, double jitterMultiplier, double maxTimeScale,
            double correctionGainPerTick, double snapThresholdTicks, double lockToleranceTicks, double smoothing) {
        require(tickNanos > 0, "tickNanos", tickNanos);
        require(safetyTicks >= 0, "safetyTicks", safetyTicks);
        require(jitterMultiplier >= 0, "jitterMultiplier", jitterMultiplier);
        require(maxTimeScale > 0 && maxTimeScale < 1, "maxTimeScale", maxTimeScale);
        require(correctionGainPerTick > 0, "correctionGainPerTick", correctionGainPerTick);
        require(snapThresholdTicks > lockToleranceTicks, "snapThresholdTicks", snapThresholdTicks);
        require(lockToleranceTicks > 0, "lockToleranceTicks", lockToleranceTicks);
        require(smoothing > 0 && smoothing <= 1, "smoothing", smoothing);
        this.tickNanos = tickNanos;
        this.safetyTicks = safetyTicks;
        this.jitterMultiplier = jitterMultiplier;
        this.maxTimeScale = maxTimeScale;
        this.correctionGainPerTick = correctionGainPerTick;
        this.snapThresholdTicks = snapThresholdTicks;
        this.lockToleranceTicks = lockToleranceTicks;
        this.smoothing = smoothing;
    }

    /** Defaults for a server ticking at {@code tickRateHz}: 1 safety tick, 4x mean jitter, ±5%, snap beyond 30 ticks. */
    public static ServerClockConfig defaults(int tickRateHz) {
        if (tickRateHz <= 0 || tickRateHz > 1000) {
            throw new IllegalArgumentException("tickRateHz must be in 1..1000, was " + tickRateHz);
        }
        return new ServerClockConfig(1_000_000_000L / tickRateHz, 1.0, 4.0, 0.05, 0.02, 30.0, 1.0, 0.05);
    }

    private static void require(boolean ok, String name, double value) {
        if (!ok) {
            throw new IllegalArgumentException("ServerClockConfig." + name + " out of range: " + value);
        }
    }
}
