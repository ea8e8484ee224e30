package io.tickwire.net;

import io.tickwire.net.protocol.DisconnectReason;

/**
 * Receives a {@link NetServer}'s or a {@link NetClient}'s events; every callback does nothing by
 * default, so override only what you need.
 *
 * <p>Threads: on a server every callback runs on the thread that calls
 * {@link NetServer#update(long)} (the game's tick thread), after that update has received from
 * every peer and before it sends; on a client every callback runs on the thread that calls
 * {@link NetClient#poll(long)} (the game's render thread), which drains the client's event queue.
 * No callback ever runs on a network or handshake thread, so game state needs no locks. Sending
 * and disconnecting from inside a callback is allowed. An exception thrown by a callback is caught,
 * reported to {@link #error} and does not disturb other peers.
 */
public interface NetListener {

    /**
     * The peer completed the connect exchange (same protocol, same channel config, same message
     * registry) and messages may flow. Server: tick thread; client: the thread calling poll.
     */
    default void connected(NetPeer peer) {
    }

    /**
     * The peer's connection ended, with the reason and a detail sentence (e.g. both registry
     * hashes on {@link DisconnectReason#REGISTRY_MISMATCH}); called exactly once per peer, also for
     * a peer that never got to {@link #connected}. On a client whose DTLS handshake failed (no
     * connection ever existed) {@code peer} is null and the reason is HANDSHAKE_TIMEOUT,
     * AUTHENTICATION_FAILED (server certificate refused; the detail names both fingerprints),
     * DTLS_ALERT (the detail names the alert) or TRANSPORT_FAILED. A link that ends before any
     * DISCONNECT reports DTLS_ALERT (close_notify or a fatal alert, named) or TRANSPORT_FAILED.
     * Server: tick thread; client: the thread calling poll.
     */
    default void disconnected(NetPeer peer, DisconnectReason reason, String detail) {
    }

    /**
     * A registered message arrived on {@code channel}; the message object is the listener's to
     * keep. Server: tick thread; client: the thread calling poll.
     */
    default void received(NetPeer peer, Object message, int channel) {
    }

    /**
     * Something failed that the game may want to log: a peer sent a message this side cannot
     * decode (the peer is then disconnected with PROTOCOL_ERROR), a link's I/O failed, a
     * handshake failed, or another callback threw. {@code peer} is null when no peer is concerned.
     * Server: tick thread; client: the thread calling poll.
     */
    default void error(NetPeer peer, String detail, Throwable cause) {
    }
}
