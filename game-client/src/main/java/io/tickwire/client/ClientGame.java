package io.tickwire.client;

import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.replication.Snapshot;

/**
 * The game's side of a {@link GameClient}: what to send each tick, how to read the replicated world and how
 * to step the local player for prediction.
 *
 * <p>Threads: every method is called on the thread that calls {@link GameClient#update(long)} (the render
 * thread in a libGDX game), from inside {@code update}, so game state needs no locks. Arrays passed in are
 * owned by the client and valid only during the call; snapshots are owned by the client and must not be kept.
 * Prediction only works when {@link #predict} is exactly the step the server runs for this player.
 */
public interface ClientGame {

    /** Writes the input for {@code clientTick} into {@code dst} (at most {@code dst.length} = maxInputBytes) and returns its length. */
    int sampleInput(long clientTick, byte[] dst);

    /** Reads the authoritative state of the local player's entity at {@code index} of {@code s} into {@code state}. */
    default void readPredicted(Snapshot s, int index, float[] state) {
    }

    /** Advances {@code state} by one fixed tick with the input of {@code len} bytes at {@code input[off]}, exactly as the server does. */
    default void predict(float[] state, byte[] input, int off, int len) {
    }

    /** Reads the float channels to interpolate (e.g. x, y, angle) of the entity at {@code index} of {@code s} into {@code channels}. */
    void readInterpolated(Snapshot s, int index, float[] channels);

    /** A reliable event stamped with {@code serverTick}, delivered once the render tick reaches that tick. */
    default void event(Object event, long serverTick) {
    }

    /** A message delivered at once: on a game channel, or on the events channel before any tick stamp. */
    default void received(Object message, int channel) {
    }

    /** The connection to the server is established (registry, channels and schema agreed). */
    default void connected() {
    }

    /**
     * The connection was lost for {@code reason} (one a reconnect may fix, see
     * {@link ReconnectPolicy#retries}) and the client will try again by itself: attempt number
     * {@code attempt} starts in {@code delayNanos}. Called before each attempt; keep drawing the world
     * (frozen or extrapolated) with a "reconnecting" notice rather than freezing.
     */
    default void reconnecting(int attempt, long delayNanos, DisconnectReason reason, String detail) {
    }

    /**
     * A reconnect succeeded: the connection is back and the world restarts from a full snapshot.
     * {@code resumed} true: the server gave back the same player (its resume ticket was accepted);
     * false: this is a new player (the server restarted or no longer held the old one), so redo what
     * {@link #connected} did (send the join message, wait for a new local entity).
     */
    default void reconnected(boolean resumed) {
    }

    /**
     * The connection ended (or never started) for {@code reason}, explained by {@code detail}; called once.
     * After reconnect attempts, it comes when they are given up (the give-up time passed, or the server
     * refused the client for good).
     */
    default void disconnected(DisconnectReason reason, String detail) {
    }

    /** Something failed that the game may want to log (an undecodable message, an I/O failure). */
    default void error(String detail, Throwable cause) {
    }
}
