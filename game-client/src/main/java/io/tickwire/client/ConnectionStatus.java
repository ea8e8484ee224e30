package io.tickwire.client;

/** Where a {@link GameClient}'s connection stands, for the game to show (e.g. a "reconnecting" banner). */
public enum ConnectionStatus {
    /** The first connection is being made (DTLS handshake, connect exchange). */
    CONNECTING,
    /** Connected: snapshots and inputs flow. */
    CONNECTED,
    /**
     * The connection was lost and the client is reconnecting by itself: waiting for the next attempt
     * or making it ({@link GameClient#reconnectAttempt()}, {@link GameClient#nextReconnectNanos()}).
     */
    RECONNECTING,
    /** Over for good: {@link ClientGame#disconnected} was called with the reason. */
    DISCONNECTED
}
