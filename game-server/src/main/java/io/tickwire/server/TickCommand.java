package io.tickwire.server;

/**
 * Work another thread hands to the tick loop; {@link #execute} runs on the loop's owning thread at
 * the start of a step, before that step's ticks. Posters should reuse command objects (pooled)
 * so that posting allocates nothing.
 */
@FunctionalInterface
public interface TickCommand {

    /** Runs the command on the loop thread; {@code nowNanos} is the step's clock reading. */
    void execute(long nowNanos);
}
