package io.tickwire.server;

/**
 * The game's per-tick callbacks; both are called on the thread that owns the {@link TickLoop}
 * (the caller of {@code advanceTo} or {@code runBlocking}).
 */
public interface TickHandler {

    /** Steps the game by one fixed tick; {@code nowNanos} is the step's single clock reading. */
    void onTick(long tick, long nowNanos);

    /** Builds and sends a snapshot of the state after {@code tick}; called right after that tick's onTick. */
    void onSnapshot(long tick, long nowNanos);
}
