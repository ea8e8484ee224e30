package io.tickwire.server.lagcomp;

/**
 * Evaluates a hitscan shot against a {@link HitboxHistory} as the shooter saw the world at its
 * interpolation time; called on the tick thread, allocation-free, refusing rewinds beyond the window.
 */
public final class LagCompensator {
    private final HitboxHistory history;
    private final long[] counts = new long[ShotStatus.values().length];

    /** Creates a compensator reading {@code history} (same thread). */
    public LagCompensator(HitboxHistory history) {
        if (history == null) {
            throw new IllegalArgumentException("history must not be null");
        }
        this.history = history;
    }

    /**
     * Casts a ray from ({@code originX}, {@code originY}) along ({@code dirX}, {@code dirY}) (any
     * non-zero length) for at most {@code maxRange} against the hit circles interpolated at
     * {@code renderTick + renderFraction} (the tick the client was displaying, fraction in [0, 1)),
     * ignoring {@code shooterId}; writes the nearest hit, a miss or a refusal into {@code out} and
     * returns its status.
     *
     * <p>The interpolation time may lie at most {@link HitboxHistory#rewindWindowTicks()} before the
     * history's newest tick; further back is {@link ShotStatus#BEYOND_REWIND_WINDOW}, never clamped.
     * Entities present at {@code renderTick} but gone at the next tick are taken as they were at
     * {@code renderTick} (the client still showed them); entities that first appear at the next
     * tick are ignored (the client had not received them yet).
     */
    public ShotStatus evaluate(long renderTick, float renderFraction, int shooterId,
                               float originX, float originY, float dirX, float dirY, float maxRange,
                               ShotResult out) {
        int window = history.rewindWindowTicks();
        if (!(renderFraction >= 0f && renderFraction < 1f) || !Float.isFinite(originX) || !Float.isFinite(originY)
                || !Float.isFinite(dirX) || !Float.isFinite(dirY) || !(maxRange > 0f) || !Float.isFinite(maxRange)) {
            return refuse(ShotStatus.INVALID_SHOT, Double.NaN, window, out);
        }
        double len = Math.sqrt((double) dirX * dirX + (double) dirY * dirY);
        if (!(len > 0.0) || !Double.isFinite(len)) {
            return refuse(ShotStatus.INVALID_SHOT, Double.NaN, window, out);
        }
        long newest = history.newestTick();
        if (newest == Long.MIN_VALUE) {
            return refuse(ShotStatus.NO_HISTORY, Double.NaN, window, out);
        }
        // Whole ticks first, in long, so huge tick numbers keep their precision.
        long wholeBack = newest - renderTick;
        double rewind = wholeBack - (double) renderFraction;
        if (wholeBack < 0 || rewind < 0.0) {
            return refuse(ShotStatus.FUTURE_TIME, rewind, window, out);
        }
        if (rewind > window) {
            return refuse(ShotStatus.BEYOND_REWIND_WINDOW, rewind, window, out);
        }
        int f0 = history.frameIndex(renderTick);
        int f1 = renderFraction > 0f ? history.frameIndex(renderTick + 1) : f0;
        if (f0 < 0 || f1 < 0) {
            return refuse(ShotStatus.NO_HISTORY, rewind, window, out);
        }
        double dx = dirX / len;
        double dy = dirY / len;
        double a = renderFraction;
        int base0 = history.base(f0);
        int n0 = history.count(f0);
        double bestT = Double.POSITIVE_INFINITY;
        int bestId = -1;
        for (int i = 0; i < n0; i++) {
            int s0 = base0 + i;
            int id = history.id(s0);
            if (id == shooterId) {
                continue;
            }
            int s1 = f1 == f0 ? s0 : history.find(f1, id, i);
            if (s1 < 0) {
                s1 = s0;
            }
            double cx = history.x(s0) + (history.x(s1) - history.x(s0)) * a;
            double cy = history.y(s0) + (history.y(s1) - history.y(s0)) * a;
            double r = history.radius(s0) + (history.radius(s1) - history.radius(s0)) * a;
            double t = rayCircle(originX, originY, dx, dy, cx, cy, r);
            if (t <= maxRange && t < bestT) {
                bestT = t;
                bestId = id;
            }
        }
        counts[bestId >= 0 ? ShotStatus.HIT.ordinal() : ShotStatus.MISS.ordinal()]++;
        if (bestId < 0) {
            out.clear(ShotStatus.MISS, rewind, window);
            return ShotStatus.MISS;
        }
        out.clear(ShotStatus.HIT, rewind, window);
        out.hitEntityId = bestId;
        out.distance = (float) bestT;
        out.hitX = (float) (originX + dx * bestT);
        out.hitY = (float) (originY + dy * bestT);
        return ShotStatus.HIT;
    }

    /** How many evaluations ended with {@code status} since construction. */
    public long count(ShotStatus status) {
        return counts[status.ordinal()];
    }

    /** The history this compensator reads. */
    public HitboxHistory history() {
        return history;
    }

    /**
     * Distance along the unit ray to its first contact with the circle, 0 when the origin is
     * inside it, or +infinity when the ray misses.
     */
    static double rayCircle(double ox, double oy, double dx, double dy, double cx, double cy, double r) {
        double mx = ox - cx;
        double my = oy - cy;
        double b = mx * dx + my * dy;
        double c = mx * mx + my * my - r * r;
        if (c <= 0.0) {
            return 0.0; // origin inside the volume: point-blank contact
        }
        if (b > 0.0) {
            return Double.POSITIVE_INFINITY; // outside and pointing away
        }
        double disc = b * b - c;
        if (disc < 0.0) {
            return Double.POSITIVE_INFINITY;
        }
        return -b - Math.sqrt(disc);
    }

    private ShotStatus refuse(ShotStatus s, double rewind, int window, ShotResult out) {
        counts[s.ordinal()]++;
        out.clear(s, rewind, window);
        return s;
    }
}
