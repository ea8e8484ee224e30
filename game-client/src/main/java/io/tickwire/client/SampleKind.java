package io.tickwire.client;

/** How an {@link Interpolator} produced a sample, so the game (and the net graph) can tell a smooth world from a starved one. */
public enum SampleKind {
    /** Between two received snapshots: the normal, exact-to-the-data case. */
    INTERPOLATED,
    /** Past the newest snapshot, projected along the last known velocity, within the extrapolation cap. */
    EXTRAPOLATED,
    /** Past the extrapolation cap (or with only one sample): the value stands still where it stopped. */
    HELD,
    /** No snapshot in the buffer holds the entity; the output was not written. */
    MISSING
}
