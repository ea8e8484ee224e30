package io.tickwire.net.transport;

/** Why a server-side DTLS handshake did not produce a connection; each reason has its own counter. */
public enum HandshakeFailure {
    /** The total deadline per handshake passed. */
    TIMEOUT,
    /** The client sent a fatal alert (for example it refused the server's certificate). */
    ALERT_RECEIVED,
    /** The server aborted with a fatal alert (protocol violation, unsupported version or suite). */
    ALERT_SENT,
    /** The handshake guard saw the peer's flight break a per-handshake limit (fragment flood). */
    GUARD,
    /**
     * Abandoned while {@link EndpointConfig#maxHandshakesInFlight()} was reached: its peer had been silent
     * for at least {@link EndpointConfig#handshakeEvictAfterSilenceMillis()}, the longest of all, and a
     * new verified ClientHello took its place.
     */
    EVICTED,
    /** The worker pool's queue ({@link EndpointConfig#handshakeQueueLength()}) was full. */
    POOL_FULL,
    /** The owner did not take finished connections fast enough ({@link EndpointConfig#acceptedQueueLength()}). */
    ACCEPT_QUEUE_FULL,
    /** The endpoint closed while the handshake ran. */
    ENDPOINT_CLOSED,
    /** Any other I/O or internal failure. */
    ERROR
}
