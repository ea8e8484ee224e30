package io.tickwire.server;

import io.tickwire.net.protocol.DisconnectReason;

/**
 * The game's rules on the authoritative side, driven by a {@link GameServer}. Every callback runs
 * on the tick thread (the caller of {@link GameServer#step} in INVOKER mode, the
 * {@code tickwire-tick} thread in BLOCKING mode), so game state needs no locks. Per step the order
 * is: joins, leaves and messages ({@link #playerJoined}, {@link #playerLeft}, {@link #received}) as
 * the network is read, then for each due tick {@link #applyInput} for every player, {@link #step},
 * and on snapshot ticks {@link #writeWorld}.
 */
public interface ServerGame {

    /** A client connected and is now a player; give it an entity or a viewpoint here. */
    default void playerJoined(GamePlayer player) {
    }

    /** A player's connection ended (called once per joined player) with the reason and a detail sentence. */
    default void playerLeft(GamePlayer player, DisconnectReason reason, String detail) {
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
