package io.tickwire.net.transport;

/** Why the DTLS edge dropped an inbound datagram or record; each reason has its own counter. */
public enum DropReason {
    /** Shorter than a DTLS record header, or its lengths do not add up. */
    MALFORMED,
    /** Larger than {@link EndpointConfig#maxDatagramSize()}. */
    OVERSIZED,
    /** A record that is not a ClientHello from an address (or connection ID) with no session. */
    UNKNOWN_PEER,
    /** The peer's inbound queue ({@link EndpointConfig#peerQueueLength()}) was full. */
    QUEUE_FULL,
    /** The handshake guard refused the datagram before Bouncy Castle saw it (see the guard counters). */
    GUARD,
    /** A record that failed authentication (bad MAC/tag): modified on the way. */
    TAMPERED,
    /** A record whose epoch and sequence number were already accepted (or fell behind the window). */
    REPLAYED,
    /** A record of an epoch the session no longer reads (late handshake retransmission). */
    STALE_EPOCH,
    /** A ClientHello with a valid cookie while {@link EndpointConfig#maxHandshakesInFlight()} were running. */
    HANDSHAKE_CAP,
    /** A ClientHello with a valid cookie while {@link EndpointConfig#maxConnections()} were in use. */
    SERVER_FULL,
    /** A ClientHello with a valid cookie while its IP had {@link EndpointConfig#maxHandshakesPerIp()} handshakes in flight. */
    HANDSHAKES_PER_IP,
    /** A ClientHello with a valid cookie while its IP held {@link EndpointConfig#maxConnectionsPerIp()} connections. */
    CONNECTIONS_PER_IP,
    /** A reply that would have been larger than the unverified request; never sent. */
    AMPLIFICATION_REFUSED,
    /** The socket's send buffer was full; the outbound datagram was dropped as UDP would. */
    SEND_BUFFER_FULL,
    /** A ClientHello arrived after {@link DtlsServerEndpoint#stopAccepting()} (the server is shutting down). */
    NOT_ACCEPTING
}
