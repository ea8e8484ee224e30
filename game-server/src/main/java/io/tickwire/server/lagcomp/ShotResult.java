package io.tickwire.server.lagcomp;

/**
 * Reusable, caller-owned outcome of one shot; {@link LagCompensator#evaluate} overwrites every
 * field, so one instance can serve every shot on the tick thread.
 */
public final class ShotResult {
    ShotStatus status = ShotStatus.MISS;
    int hitEntityId = -1;
    float distance = Float.NaN;
    float hitX = Float.NaN;
    float hitY = Float.NaN;
    double rewindTicks = Double.NaN;
    int rewindWindowTicks;

    /** The status of the last evaluation. */
    public ShotStatus status() {
        return status;
    }

    /** True when the last evaluation hit an entity. */
    public boolean isHit() {
        return status == ShotStatus.HIT;
    }

    /** The id of the entity hit, or -1 when not {@link ShotStatus#HIT}. */
    public int hitEntityId() {
        return hitEntityId;
    }

    /** The distance from the shot origin to the hit point, or NaN when not a hit. */
    public float distance() {
        return distance;
    }

    /** The x of the hit point (on the rewound hit volume's surface), or NaN when not a hit. */
    public float hitX() {
        return hitX;
    }

    /** The y of the hit point, or NaN when not a hit. */
    public float hitY() {
        return hitY;
    }

    /** How many ticks the shot asked to rewind (newest tick minus interpolation time); NaN when the shot was invalid. */
    public double rewindTicks() {
        return rewindTicks;
    }

    /** The rewind limit in ticks that applied (named in {@link ShotStatus#BEYOND_REWIND_WINDOW} refusals). */
    public int rewindWindowTicks() {
        return rewindWindowTicks;
    }

    void clear(ShotStatus s, double rewind, int window) {
        status = s;
        hitEntityId = -1;
        distance = Float.NaN;
        hitX = Float.NaN;
        hitY = Float.NaN;
        rewindTicks = rewind;
        rewindWindowTicks = window;
    }

    @Override
    public String toString() {
        return "ShotResult[" + status + ", entity=" + hitEntityId + ", distance=" + distance
                + ", rewindTicks=" + rewindTicks + ", rewindWindowTicks=" + rewindWindowTicks + "]";
    }
}
