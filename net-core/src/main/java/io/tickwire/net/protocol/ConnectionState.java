package io.tickwire.net.protocol;

/** Lifecycle of a {@link Connection}; see PROTOCOL.md for the transitions. */
public enum ConnectionState {
    /** Client: sending CONNECT and waiting for ACCEPT; server: waiting for CONNECT. */
    CONNECTING,
    /** Handshake done; messages flow both ways. */
    CONNECTED,
    /** Disconnect decided locally; DISCONNECT packets are still being sent redundantly. */
    DISCONNECTING,
    /** Final state; nothing more is sent or accepted. */
    DISCONNECTED
}
