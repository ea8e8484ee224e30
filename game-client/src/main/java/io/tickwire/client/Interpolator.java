package io.tickwire.client;

/**
 * Samples an entity's channels from a {@link SnapshotBuffer} at a render time (in fractional server ticks).
 *
 * <p>Between two snapshots holding the entity it interpolates linearly, angle channels the short way round
 * (radians, result in [-pi, pi)). Past the newest snapshot it extrapolates along the last known velocity for
 * at most {@code maxExtrapolationTicks}, then holds the value where extrapolation stopped, so a starved
 * entity slows to a stop instead of flying off or snapping back.
 *
 * <p>Not thread-safe: owned by the polling/render thread. Allocation-free; the caller owns {@code out}.
 */
public final class Interpolator {
    private static final double TWO_PI = Math.PI * 2.0;

    private final SnapshotBuffer buffer;
    private final boolean[] angle;
    private final double maxExtrapolationTicks;

    /**
     * Creates an interpolator; throws IllegalArgumentException naming a bad value.
     *
     * @param buffer snapshots to read
     * @param angleChannels which channels are angles in radians (length = buffer channels), or null for none
     * @param maxExtrapolationTicks extrapolation cap in ticks (e.g. 100 ms = 6 ticks at 60 Hz); 0 disables it
     */
    public Interpolator(SnapshotBuffer buffer, boolean[] angleChannels, double maxExtrapolationTicks) {
        if (buffer == null) {
            throw new IllegalArgumentException("buffer must not be null");
        }
        if (angleChannels != null && angleChannels.length != buffer.channels()) {
            throw new IllegalArgumentException("angleChannels length " + angleChannels.length
                    + " differs from buffer channels " + buffer.channels());
        }
        if (!(maxExtrapolationTicks >= 0)) {
            throw new IllegalArgumentException("maxExtrapolationTicks out of range: " + maxExtrapolationTicks);
        }
        this.buffer = buffer;
        this.angle = angleChannels == null ? new boolean[buffer.channels()] : angleChannels.clone();
        this.maxExtrapolationTicks = maxExtrapolationTicks;
    }

    /** Writes {@code entityId}'s channels at {@code renderTick} into {@code out} and says how they were obtained. */
    public SampleKind sample(int entityId, double renderTick, float[] out) {
        int before = -1;
        int beforeRow = -1;
        int after = -1;
        int afterRow = -1;
        int k = buffer.size() - 1;
        for (; k >= 0; k--) {
            int row = buffer.find(k, entityId);
            if (row < 0) {
                continue;
            }
            if (buffer.tick(k) > renderTick) {
                after = k;          // keeps moving to the oldest snapshot after renderTick
                afterRow = row;
            } else {
                before = k;
                beforeRow = row;
                break;
            }
        }
        if (before < 0 && after < 0) {
            return SampleKind.MISSING;
        }
        int channels = buffer.channels();
        if (before < 0) {
            // Render time is older than anything buffered: show the oldest sample.
            copy(after, afterRow, out, channels);
            return SampleKind.HELD;
        }
        double tb = buffer.tick(before);
        if (after >= 0) {
            double alpha = (renderTick - tb) / (buffer.tick(after) - tb);
            blend(before, beforeRow, after, afterRow, alpha, out, channels);
            return SampleKind.INTERPOLATED;
        }
        double past = renderTick - tb;
        if (past == 0) {
            copy(before, beforeRow, out, channels);
            return SampleKind.INTERPOLATED;
        }
        int prev = -1;
        int prevRow = -1;
        for (k = before - 1; k >= 0; k--) {
            int row = buffer.find(k, entityId);
            if (row >= 0) {
                prev = k;
                prevRow = row;
                break;
            }
        }
        if (prev < 0 || maxExtrapolationTicks == 0) {
            copy(before, beforeRow, out, channels);
            return SampleKind.HELD;
        }
        // Extrapolate as interpolation from prev through before with alpha > 1, capped.
        double tp = buffer.tick(prev);
        double ahead = Math.min(past, maxExtrapolationTicks);
        double alpha = (tb - tp + ahead) / (tb - tp);
        blend(prev, prevRow, before, beforeRow, alpha, out, channels);
        return past <= maxExtrapolationTicks ? SampleKind.EXTRAPOLATED : SampleKind.HELD;
    }

    private void copy(int k, int row, float[] out, int channels) {
        for (int c = 0; c < channels; c++) {
            out[c] = buffer.value(k, row, c);
        }
    }

    private void blend(int ka, int rowA, int kb, int rowB, double alpha, float[] out, int channels) {
        for (int c = 0; c < channels; c++) {
            double a = buffer.value(ka, rowA, c);
            double b = buffer.value(kb, rowB, c);
            if (angle[c]) {
                double v = a + wrap(b - a) * alpha;
                out[c] = (float) wrap(v);
            } else {
                out[c] = (float) (a + (b - a) * alpha);
            }
        }
    }

    /** Wraps radians into [-pi, pi). */
    static double wrap(double radians) {
        double r = (radians + Math.PI) % TWO_PI;
        if (r < 0) {
            r += TWO_PI;
        }
        return r - Math.PI;
    }

    /** Extrapolation cap in ticks. */
    public double maxExtrapolationTicks() {
        return maxExtrapolationTicks;
    }
}
