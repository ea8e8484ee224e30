package io.tickwire.net.protocol;

/**
 * Why a connection ended; carried to the peer in the DISCONNECT packet by its stable wire code.
 * Codes 0-63 belong to the protocol core; 64-199 to the transport; 200-255 to applications.
 */
public enum DisconnectReason {
    /** The peer sent a code this build does not know. */
    UNKNOWN(0),
    /** The application closed the connection. */
    CLOSED_BY_APPLICATION(1),
    /** The server is shutting down. */
    SERVER_SHUTDOWN(2),
    /** Nothing was received within the configured timeout (or no handshake answer in time). */
    TIMEOUT(3),
    /** The peer sent a packet that breaks the wire protocol; the detail names the fault. */
    PROTOCOL_ERROR(4),
    /** The two sides speak different protocol versions; the detail names both. */
    PROTOCOL_VERSION_MISMATCH(5),
    /** The two sides' {@link ConnectionConfig#hash()} differ; the detail names both. */
    CONFIG_MISMATCH(6),
    /** The two sides' message registry hashes differ; the detail names both. */
    REGISTRY_MISMATCH(7),
    /** The peer sent a message larger than the configured maximum; the detail names the limit. */
    MESSAGE_TOO_LARGE(8),
    /** The peer exceeded a receive limit (window, reassembly budget, message count, channel). */
    RECEIVE_LIMIT_EXCEEDED(9),
    /** The server has no free connection slot. */
    SERVER_FULL(10),
    /** The server removed this client on purpose. */
    KICKED(11),
    /** The client's credentials (password, connect token) were refused. */
    AUTHENTICATION_FAILED(12),
    /**
     * Transport: the link's socket failed or closed under the connection before any DISCONNECT
     * (e.g. the server endpoint closed); the detail names the I/O error. Reported locally.
     */
    TRANSPORT_FAILED(64),
    /**
     * Transport: the DTLS session ended by an alert, received (close_notify from a peer that closed
     * without a DISCONNECT, or a fatal alert) or raised by this side; the detail names the alert as
     * Bouncy Castle's {@code AlertDescription.getText} prints it. Reported locally.
     */
    DTLS_ALERT(65),
    /** Transport: the DTLS handshake did not finish within its deadline (handshakeTimeoutMillis). Reported locally. */
    HANDSHAKE_TIMEOUT(66);

    private static final DisconnectReason[] BY_CODE = new DisconnectReason[256];

    static {
        for (DisconnectReason r : values()) {
            BY_CODE[r.code] = r;
        }
    }

    private final int code;

    DisconnectReason(int code) {
        this.code = code;
    }

    /** Stable wire code (one unsigned byte). */
    public int code() {
        return code;
    }

    /** The reason with this wire code, or {@link #UNKNOWN} for a code this build does not know. */
    public static DisconnectReason fromCode(int code) {
        if (code < 0 || code > 255) {
            return UNKNOWN;
        }
        DisconnectReason r = BY_CODE[code];
        return r == null ? UNKNOWN : r;
    }
}
