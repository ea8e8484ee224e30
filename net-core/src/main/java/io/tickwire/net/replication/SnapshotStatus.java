package io.tickwire.net.replication;

/** Outcome of {@link SnapshotCodec} encode and decode calls. */
public enum SnapshotStatus {
    /** Done. */
    OK,
    /** Encode: the snapshot did not fit in maxSnapshotBytes (or the caller's buffer). */
    TOO_LARGE,
    /** The snapshot holds more than maxEntitiesPerSnapshot entities (or more than the output snapshot's capacity). */
    TOO_MANY_ENTITIES,
    /** Decode: the input ended before the snapshot did. */
    TRUNCATED,
    /** Decode: an entity names a type id that is not in the schema. */
    UNKNOWN_TYPE,
    /** Decode: a field value is outside its declared range. */
    BAD_VALUE,
    /** Decode: an entity id exceeds the schema's entity id range. */
    BAD_ENTITY_ID,
    /** Decode: the data is a delta against a baseline sequence other than the one given (or none was given). */
    BASELINE_MISMATCH,
    /** The snapshots passed in belong to a different schema, or decode was asked to write over its baseline. */
    SCHEMA_MISMATCH
}
