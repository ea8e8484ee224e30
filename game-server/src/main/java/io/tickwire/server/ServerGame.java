package io.tickwire.server;

import io.tickwire.net.protocol.DisconnectReason;

/**
 * The game's rules on the authoritative side, driven by a {@link GameServer}. Every callback runs
 * on the tick thread (the caller of {@link GameServer#step} in INVOKER mode, the
 * {@code tickwire-tick} thread in BLOCKING mode), so game state needs no locks. Per step the order
 * is: joins, leaves and messages ({@link #playerJoined}, {@link #playerLeft}, {@link #playerAway},
 * {@link #playerBack}, {@link #received}) as
 * the network is read, then for each due tick {@link #applyInput} for every player, {@link #step},
 * and on snapshot ticks {@link #writeWorld}.
 */
public interface ServerGame {

    /** A client connected and is now a player; give it an entity or a viewpoint here. */
    default void playerJoined(GamePlayer player) {
    }

    /**
     * A player left for good (called once per joined player) with the reason and a detail sentence.
     * After a lost connection with a reconnect grace, this comes only when the grace ran out, with the
     * reason the connection was lost and a detail saying the client did not come back.
     */
    default void playerLeft(GamePlayer player, DisconnectReason reason, String detail) {
    }

    /**
     * A player's connection was lost ({@code reason} TIMEOUT, TRANSPORT_FAILED or DTLS_ALERT) and the
     * server keeps the player for {@link GameServerConfig#reconnectGraceMillis()}: until
     * {@link #playerBack} or {@link #playerLeft}, {@link GamePlayer#isConnected()} is false, no input
     * is applied and nothing is sent to it. Keep, freeze or hide its entity here.
     */
    default void playerAway(GamePlayer player, DisconnectReason reason, String detail) {
    }

    /**
     * An away player's client came back on a new connection with its resume ticket: the same
     * {@link GamePlayer} (same id and user data), a fresh input buffer, and a full-state snapshot next.
     */
    default void playerBack(GamePlayer player) {
    }

    /**
     * Applies one client tick's input before {@link #step}: called once per connected player per
     * tick, with the last input repeated ({@link InputRecord#isRepeated()}) when the next is
     * missing, and not at all for a player that has not sent any input yet. The record is valid
     * only during the call.
     */
    default void applyInput(GamePlayer player, InputRecord input) {
    }

    /** Advances the world by one fixed step of {@code 1 / tickRateHz} seconds. */
    void step(long tick);

    /**
     * On snapshot ticks: adds every replicated entity to {@code world} in ascending id order with
     * its position (for interest management) and sets its quantized fields.
     */
    void writeWorld(long tick, WorldWriter world);

    /** A registry message arrived from {@code player} on the EVENTS channel or a game channel. */
    default void received(GamePlayer player, Object message, int channel) {
    }
}
