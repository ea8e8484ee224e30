package io.tickwire.server;

/** Who drives a {@link TickLoop}. */
public enum TickLoopMode {
    /** The caller steps the loop with {@link TickLoop#advanceTo(long)} (tests, embedded or headless servers). */
    INVOKER,
    /** {@link TickLoop#runBlocking()} reads the clock and parks between ticks until {@link TickLoop#stop()}. */
    BLOCKING
}
