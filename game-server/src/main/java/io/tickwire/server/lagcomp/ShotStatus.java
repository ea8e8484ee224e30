package io.tickwire.server.lagcomp;

/** Outcome of {@link LagCompensator#evaluate}; refusals are counted by the compensator. */
public enum ShotStatus {
    /** The ray hit an entity; see {@link ShotResult#hitEntityId()}. */
    HIT,
    /** The ray hit nothing within its range. */
    MISS,
    /** The interpolation time is more than {@code rewindWindowTicks} before the newest tick; refused, not clamped. */
    BEYOND_REWIND_WINDOW,
    /** The interpolation time is after the newest recorded tick; refused. */
    FUTURE_TIME,
    /** A tick needed for the interpolation time was never recorded (history gap or too young); refused. */
    NO_HISTORY,
    /** Origin, direction, range or fraction is not finite, or the direction is zero, or the range is not positive; refused. */
    INVALID_SHOT
}
