package io.tickwire.client;

/** What an {@link ErrorSmoother} did with a prediction correction. */
public enum CorrectionKind {
    /** The error joined the visual offset, which decays over the next frames. */
    SMOOTHED,
    /** The error exceeded the snap distance: the offset was dropped and the corrected state shows at once. */
    SNAPPED
}
