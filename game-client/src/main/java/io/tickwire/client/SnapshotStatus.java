package io.tickwire.client;

/** Result of writing into a {@link SnapshotBuffer}; anything but {@link #OK} means nothing was stored. */
public enum SnapshotStatus {
    /** Stored. */
    OK,
    /** The snapshot's server tick is not newer than the newest stored one (late or duplicate); ignored. */
    STALE_TICK,
    /** {@code put} or {@code commit} without an open snapshot from {@code begin}. */
    NOT_OPEN,
    /** The open snapshot already holds {@code maxEntities} entities (the named limit). */
    ENTITY_LIMIT,
    /** The open snapshot already holds this entity id. */
    DUPLICATE_ENTITY,
    /** The value array is shorter than the buffer's channel count. */
    BAD_VALUES
}
