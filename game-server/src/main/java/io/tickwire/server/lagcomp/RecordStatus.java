package io.tickwire.server.lagcomp;

/** Result of {@link HitboxHistory#beginTick} and {@link HitboxHistory#record}; non-OK results are counted. */
public enum RecordStatus {
    /** The tick was opened or the volume was stored. */
    OK,
    /** The tick is not newer than the newest recorded tick; ignored. */
    STALE_TICK,
    /** {@code record} was called before any {@code beginTick}; ignored. */
    NO_OPEN_TICK,
    /** The tick already holds {@code maxEntitiesPerTick} volumes; this one was dropped. */
    TICK_FULL,
    /** Position or radius is not finite, or the radius is not positive; dropped. */
    INVALID_VOLUME
}
