package io.tickwire.server;

/**
 * The game's per-tick callbacks; all are called on the thread that owns the {@link TickLoop}
 * (the caller of {@code advanceTo} or {@code runBlocking}). One step runs: commands,
 * {@link #onStepBegin}, every due tick ({@link #onTick}, then {@link #onSnapshot} on snapshot
 * ticks), {@link #onStepEnd}.
 */
public interface TickHandler {

    /** Steps the game by one fixed tick; {@code nowNanos} is the step's single clock reading. */
    void onTick(long tick, long nowNanos);

    /** Builds and sends a snapshot of the state after {@code tick}; called right after that tick's onTick. */
    void onSnapshot(long tick, long nowNanos);

    /**
     * Called once at the start of every step, after the command queue is drained and before the
     * step's due ticks (e.g. to receive from the network); does nothing by default.
     */
    default void onStepBegin(long nowNanos) {
    }

    /** Called once at the end of every step with the number of ticks it ran (e.g. to send); does nothing by default. */
    default void onStepEnd(long nowNanos, int ticksRun) {
    }
}
