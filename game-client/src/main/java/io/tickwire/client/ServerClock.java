package io.tickwire.client;

/**
 * Client-side clock sync: estimates the server tick from stamped snapshots and the RTT, and runs the
 * client's own tick a little ahead of it so inputs reach the server in time.
 *
 * <p>Not thread-safe: owned by the thread that calls {@code poll()} (the render thread in a libGDX game).
 * Time is a parameter; nothing here reads a clock and nothing allocates after construction.
 *
 * <p>How it works: the offset between the server tick and local time (in ticks) is an exponential average
 * of {@code snapshotTick + rtt/2 - localTicks(arrival)}; jitter is the average deviation of each sample
 * from that offset. The client tick is advanced by real elapsed time times a scale within
 * ±{@link ServerClockConfig#maxTimeScale}, proportional to its error against the target
 * {@code serverEstimate + lead}. It never decreases: a large error forwards snaps, a large lead is
 * removed by pausing the client tick ({@link ClockState#HOLDING}).
 */
public final class ServerClock {
    private final ServerClockConfig config;
    private final double tickNanos;

    private boolean synced;
    private long originNanos;
    private long lastUpdateNanos;
    private double offsetTicks;      // server tick minus local ticks since origin
    private double jitterTicks;
    private double rttTicks;
    private double clientTick;
    private double timeScale = 1.0;
    private ClockState state = ClockState.UNSYNCED;
    private long snapshots;
    private long forwardSnaps;
    private long holds;
    // Input-arrival feedback: extra lead learned from how early the server says inputs arrive.
    private double feedbackTicks;
    private int feedbackMin = Integer.MAX_VALUE;
    private int feedbackSamples;

    /** Creates an unsynced clock. */
    public ServerClock(ServerClockConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
        this.tickNanos = config.tickNanos;
    }

    /** Feeds one snapshot stamped with {@code serverTick} that arrived at {@code nowNanos}, with the current smoothed RTT. */
    public ClockState onSnapshot(long serverTick, long rttNanos, long nowNanos) {
        double rtt = Math.max(0L, rttNanos) / tickNanos;
        if (!synced) {
            synced = true;
            originNanos = nowNanos;
            lastUpdateNanos = nowNanos;
            rttTicks = rtt;
            offsetTicks = serverTick + rtt * 0.5;
            jitterTicks = 0;
            clientTick = offsetTicks + targetLeadTicks();
            state = ClockState.CONVERGING;
            snapshots++;
            return state;
        }
        update(nowNanos);
        snapshots++;
        rttTicks = rtt;
        double sample = serverTick + rtt * 0.5 - localTicks(nowNanos);
        double deviation = sample - offsetTicks;
        if (Math.abs(deviation) > config.snapThresholdTicks) {
            // A long stall or a server restart: averaging would take seconds, so take the new offset.
            offsetTicks = sample;
            jitterTicks = 0;
        } else {
            double a = config.smoothing;
            offsetTicks += a * deviation;
            jitterTicks += a * (Math.abs(deviation) - jitterTicks);
        }
        correct();
        return state;
    }

    /**
     * Feeds how many of this client's inputs were waiting in the server's buffer when a snapshot was
     * built ({@code SnapshotFrame.bufferedInputs}): the server's own view of how early inputs arrive,
     * which covers what RTT/2 and jitter miss (frame-rate sampling of inputs and of arrivals, one-way
     * asymmetry). Over each window of {@link #FEEDBACK_WINDOW} reports the smallest count is compared
     * with {@link #FEEDBACK_TARGET}: below it the lead grows at once by the shortfall (inputs were
     * about to arrive late), well above it the lead shrinks by a quarter tick per window; the extra
     * lead stays within 0..{@link #MAX_FEEDBACK_TICKS} ticks, so a lying server cannot run the clock away.
     */
    public void onInputFeedback(int bufferedInputs) {
        if (bufferedInputs < feedbackMin) {
            feedbackMin = bufferedInputs;
        }
        if (++feedbackSamples < FEEDBACK_WINDOW) {
            return;
        }
        if (feedbackMin < FEEDBACK_TARGET) {
            feedbackTicks += FEEDBACK_TARGET - feedbackMin;
        } else if (feedbackMin > FEEDBACK_TARGET + 1) {
            feedbackTicks -= 0.25;
        }
        feedbackTicks = Math.max(0, Math.min(MAX_FEEDBACK_TICKS, feedbackTicks));
        feedbackMin = Integer.MAX_VALUE;
        feedbackSamples = 0;
    }

    /** Reports per feedback window (one second of snapshots at 30 Hz). */
    public static final int FEEDBACK_WINDOW = 30;
    /** Fewest inputs that should wait in the server's buffer at the worst moment of a window. */
    public static final int FEEDBACK_TARGET = 1;
    /** Most extra lead the feedback may add, in ticks. */
    public static final double MAX_FEEDBACK_TICKS = 8;

    /** Extra lead learned from the server's input-arrival feedback, in ticks (0..{@link #MAX_FEEDBACK_TICKS}). */
    public double feedbackTicks() {
        return feedbackTicks;
    }

    /** Advances the client tick to {@code nowNanos} with the current time scale; call once per frame. */
    public ClockState update(long nowNanos) {
        if (!synced) {
            return state;
        }
        long dt = nowNanos - lastUpdateNanos;
        if (dt > 0) {
            lastUpdateNanos = nowNanos;
            clientTick += (dt / tickNanos) * timeScale;
            correct();
        }
        return state;
    }

    private void correct() {
        double error = targetClientTick() - clientTick;
        if (error > config.snapThresholdTicks) {
            clientTick += error;
            forwardSnaps++;
            timeScale = 1.0;
            state = ClockState.CONVERGING;
        } else if (error < -config.snapThresholdTicks) {
            if (state != ClockState.HOLDING) {
                holds++;
            }
            timeScale = 0.0;
            state = ClockState.HOLDING;
        } else {
            double s = error * config.correctionGainPerTick;
            s = Math.max(-config.maxTimeScale, Math.min(config.maxTimeScale, s));
            timeScale = 1.0 + s;
            state = Math.abs(error) <= config.lockToleranceTicks ? ClockState.LOCKED : ClockState.CONVERGING;
        }
    }

    private double localTicks(long nowNanos) {
        return (nowNanos - originNanos) / tickNanos;
    }

    private double targetClientTick() {
        return offsetTicks + localTicks(lastUpdateNanos) + targetLeadTicks();
    }

    /** Lead the clock aims for, in ticks: RTT/2 + jitter margin + safety ticks + the input-arrival feedback. */
    public double targetLeadTicks() {
        return rttTicks * 0.5 + jitterTicks * config.jitterMultiplier + config.safetyTicks + feedbackTicks;
    }

    /** Estimated server tick (fractional) at {@code nowNanos}; NaN before the first snapshot. */
    public double serverTickEstimate(long nowNanos) {
        return synced ? offsetTicks + localTicks(nowNanos) : Double.NaN;
    }

    /** The client's current tick (fractional) as of the last update; NaN before the first snapshot. */
    public double clientTime() {
        return synced ? clientTick : Double.NaN;
    }

    /** The client's current whole tick, the tick its next input belongs to; -1 before the first snapshot. */
    public long clientTick() {
        return synced ? (long) Math.floor(clientTick) : -1L;
    }

    /** Current lead of the client tick over the estimated server tick, in ticks, as of the last update. */
    public double leadTicks() {
        return synced ? clientTick - serverTickEstimate(lastUpdateNanos) : 0.0;
    }

    /** Rate at which the client tick currently runs relative to real time (1.0 = real time, 0 = holding). */
    public double timeScale() {
        return timeScale;
    }

    /** Smoothed snapshot arrival jitter, in ticks. */
    public double jitterTicks() {
        return jitterTicks;
    }

    /** Current state. */
    public ClockState state() {
        return state;
    }

    /** Snapshots fed so far. */
    public long snapshotCount() {
        return snapshots;
    }

    /** Times the client tick was snapped forward because its error exceeded the snap threshold. */
    public long forwardSnapCount() {
        return forwardSnaps;
    }

    /** Times the client tick was paused because it ran too far ahead. */
    public long holdCount() {
        return holds;
    }

    /** The configuration. */
    public ServerClockConfig config() {
        return config;
    }
}
