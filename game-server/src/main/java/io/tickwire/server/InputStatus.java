package io.tickwire.server;

/** Result of {@link InputBuffer#offer}; every status but ACCEPTED is counted by the buffer. */
public enum InputStatus {
    /** Buffered; it will be applied exactly once, in client-tick order. */
    ACCEPTED,
    /** This tick is already buffered or already applied (e.g. a redundant copy); dropped. */
    DUPLICATE,
    /** This tick's turn has passed (a repeated input stood in for it, or it is older than the window); dropped. */
    LATE,
    /** This tick is more than {@code bufferTicks} ahead of the next tick to apply; dropped. */
    TOO_FAR_AHEAD,
    /** Longer than {@code maxInputBytes}; dropped. */
    TOO_LARGE
}
