package io.tickwire.client;

/**
 * Hides small prediction corrections: when reconciliation moves the local player's predicted state, the
 * difference (previous minus corrected) becomes a visual offset that decays exponentially at
 * {@code decayPerSecond}; an offset larger than {@code snapDistance} (Euclidean over all channels) is dropped
 * so the player snaps to the corrected state instead of sliding through walls.
 *
 * <p>Draw {@code corrected + offset} with {@link #apply}. Not thread-safe: owned by the render thread.
 * Allocation-free; time is a parameter.
 */
public final class ErrorSmoother {
    private final int channels;
    private final double snapDistance;
    private final double decayPerSecond;
    private final double settleDistance;
    private final float[] offset;

    private boolean timed;
    private long lastNanos;
    private long snaps;

    /**
     * Creates a smoother; throws IllegalArgumentException naming a bad value.
     *
     * @param channels floats per state (e.g. 2 for x, y)
     * @param snapDistance offsets longer than this snap
     * @param decayPerSecond exponential decay rate of the offset (10/s: about 95% gone after 0.3 s)
     * @param settleDistance offsets shorter than this are zeroed (no endless tiny drift)
     */
    public ErrorSmoother(int channels, double snapDistance, double decayPerSecond, double settleDistance) {
        if (channels < 1) {
            throw new IllegalArgumentException("ErrorSmoother channels must be at least 1, was " + channels);
        }
        if (!(snapDistance > 0)) {
            throw new IllegalArgumentException("ErrorSmoother snapDistance out of range: " + snapDistance);
        }
        if (!(decayPerSecond > 0)) {
            throw new IllegalArgumentException("ErrorSmoother decayPerSecond out of range: " + decayPerSecond);
        }
        if (!(settleDistance >= 0 && settleDistance < snapDistance)) {
            throw new IllegalArgumentException("ErrorSmoother settleDistance out of range: " + settleDistance);
        }
        this.channels = channels;
        this.snapDistance = snapDistance;
        this.decayPerSecond = decayPerSecond;
        this.settleDistance = settleDistance;
        this.offset = new float[channels];
    }

    /** Absorbs a correction given as previous-predicted minus corrected state (the first {@code channels} floats). */
    public CorrectionKind absorb(float[] previousMinusCorrected) {
        double sq = 0;
        for (int c = 0; c < channels; c++) {
            double v = offset[c] + previousMinusCorrected[c];
            sq += v * v;
        }
        if (sq > snapDistance * snapDistance) {
            java.util.Arrays.fill(offset, 0f);
            snaps++;
            return CorrectionKind.SNAPPED;
        }
        for (int c = 0; c < channels; c++) {
            offset[c] += previousMinusCorrected[c];
        }
        return CorrectionKind.SMOOTHED;
    }

    /** Decays the offset to {@code nowNanos}; call once per frame. */
    public void update(long nowNanos) {
        if (!timed) {
            timed = true;
            lastNanos = nowNanos;
            return;
        }
        long dt = nowNanos - lastNanos;
        if (dt <= 0) {
            return;
        }
        lastNanos = nowNanos;
        float factor = (float) Math.exp(-decayPerSecond * dt * 1e-9);
        double sq = 0;
        for (int c = 0; c < channels; c++) {
            offset[c] *= factor;
            sq += (double) offset[c] * offset[c];
        }
        if (sq <= settleDistance * settleDistance) {
            java.util.Arrays.fill(offset, 0f);
        }
    }

    /** Adds the current offset to {@code state} in place (the first {@code channels} floats). */
    public void apply(float[] state) {
        for (int c = 0; c < channels; c++) {
            state[c] += offset[c];
        }
    }

    /** Current offset of channel {@code c}. */
    public float offset(int c) {
        return offset[c];
    }

    /** Length of the current offset. */
    public double offsetLength() {
        double sq = 0;
        for (int c = 0; c < channels; c++) {
            sq += (double) offset[c] * offset[c];
        }
        return Math.sqrt(sq);
    }

    /** Corrections that snapped so far. */
    public long snapCount() {
        return snaps;
    }
}
