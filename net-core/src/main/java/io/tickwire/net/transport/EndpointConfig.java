package io.tickwire.net.transport;

import io.tickwire.net.NanoClock;

/**
 * Limits and threading of a {@link DtlsServerEndpoint}; every limit is named, validated at
 * {@link Builder#build()} and enforced.
 */
public final class EndpointConfig {

    private final int maxHandshakesInFlight;
    private final int maxConnections;
    private final int maxHandshakesPerIp;
    private final int maxConnectionsPerIp;
    private final int peerQueueLength;
    private final int maxDatagramSize;
    private final int receiveBufferBytes;
    private final int sendBufferBytes;
    private final int handshakeWorkers;
    private final int handshakeQueueLength;
    private final int acceptedQueueLength;
    private final int handshakeTimeoutMillis;
    private final int handshakeEvictAfterSilenceMillis;
    private final int cookieSecretRotationMillis;
    private final int sessionCacheEntries;
    private final int sessionLifetimeMillis;
    private final ThreadingMode threadingMode;
    private final NanoClock clock;
    private final HandshakeScreen.Factory screens;

    private EndpointConfig(Builder b) {
        this.maxHandshakesInFlight = b.maxHandshakesInFlight;
        this.maxConnections = b.maxConnections;
        this.maxHandshakesPerIp = b.maxHandshakesPerIp;
        this.maxConnectionsPerIp = b.maxConnectionsPerIp;
        this.peerQueueLength = b.peerQueueLength;
        this.maxDatagramSize = b.maxDatagramSize;
        this.receiveBufferBytes = b.receiveBufferBytes;
        this.sendBufferBytes = b.sendBufferBytes;
        this.handshakeWorkers = b.handshakeWorkers;
        this.handshakeQueueLength = b.handshakeQueueLength;
        this.acceptedQueueLength = b.acceptedQueueLength;
        this.handshakeTimeoutMillis = b.handshakeTimeoutMillis;
        this.handshakeEvictAfterSilenceMillis = b.handshakeEvictAfterSilenceMillis;
        this.cookieSecretRotationMillis = b.cookieSecretRotationMillis;
        this.sessionCacheEntries = b.sessionCacheEntries;
        this.sessionLifetimeMillis = b.sessionLifetimeMillis;
        this.threadingMode = b.threadingMode;
        this.clock = b.clock;
        this.screens = b.screens;
    }

    /**
     * A builder with the defaults (64 handshakes in flight, 256 connections, 4 handshakes and 16
     * connections per source IP, 1472-byte datagrams, 4 MiB receive and 1 MiB send socket buffers).
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Cap on handshakes that hold per-peer state (queued or running). */
    public int maxHandshakesInFlight() { return maxHandshakesInFlight; }

    /** Cap on established connections plus handshakes in flight. */
    public int maxConnections() { return maxConnections; }

    /**
     * Cap on handshakes in flight from one source IP (any port); cookies prove an address and port,
     * so without it one host could take every handshake slot from many ports. Keep it below
     * {@link #handshakeWorkers()}: Bouncy Castle's accept blocks a worker per handshake, so one IP with
     * that many silent handshakes would hold every worker until their deadlines (logged as a warning).
     */
    public int maxHandshakesPerIp() { return maxHandshakesPerIp; }

    /**
     * Cap on connections (handshaking or established) from one source IP; several players behind one
     * NAT share an IP, so keep it well above 1. A connection stays counted against the IP it was
     * admitted from even after a connection-ID address change.
     */
    public int maxConnectionsPerIp() { return maxConnectionsPerIp; }

    /** Datagrams queued per peer between the socket reader and the thread that drains them. */
    public int peerQueueLength() { return peerQueueLength; }

    /** Largest datagram read or written, in bytes (1472 fits a 1500-byte Ethernet MTU over IPv4). */
    public int maxDatagramSize() { return maxDatagramSize; }

    /**
     * Requested {@code SO_RCVBUF} of the server socket in bytes: room for bursts while the reader is
     * descheduled. The kernel may clamp it (Linux caps it at {@code net.core.rmem_max});
     * the endpoint logs the effective size at start (a warning when clamped) and reports it in
     * {@link DtlsServerEndpoint#effectiveReceiveBufferBytes()}.
     */
    public int receiveBufferBytes() { return receiveBufferBytes; }

    /**
     * Requested {@code SO_SNDBUF} of the server socket in bytes; clamped like {@link #receiveBufferBytes()}
     * (Linux: {@code net.core.wmem_max}); effective size in {@link DtlsServerEndpoint#effectiveSendBufferBytes()}.
     */
    public int sendBufferBytes() { return sendBufferBytes; }

    /**
     * Fixed number of handshake worker threads (default 8). They mostly wait for the peer's next
     * flight, so there may be more than cores; more than {@link #maxHandshakesPerIp()} keeps one
     * source IP from occupying all of them.
     */
    public int handshakeWorkers() { return handshakeWorkers; }

    /** Handshakes waiting for a worker before new ones are refused. */
    public int handshakeQueueLength() { return handshakeQueueLength; }

    /** Finished connections waiting for the owner's {@link DtlsServerEndpoint#pollAccepted()}. */
    public int acceptedQueueLength() { return acceptedQueueLength; }

    /** Total deadline per handshake when the TLS server's {@code getHandshakeTimeoutMillis()} is 0. */
    public int handshakeTimeoutMillis() { return handshakeTimeoutMillis; }

    /**
     * How long a handshake's peer must have been silent before a new verified ClientHello may take its
     * place when {@link #maxHandshakesInFlight()} is reached, or its worker when every one of
     * {@link #handshakeWorkers()} is busy (default 1 500 ms; 0 = never evict). Only a
     * handshake waiting on its peer (the server has answered its last datagram) counts as silent, and
     * the one silent longest goes; a queued handshake this silent is also evicted when a worker takes it while
     * the slots are (or were within this time) full. The default sits above a Bouncy Castle client's first resend timer
     * (1 s) plus a slow round trip, so a client that lost one flight resends before it could be evicted.
     * Timed by {@link #clock()}.
     */
    public int handshakeEvictAfterSilenceMillis() { return handshakeEvictAfterSilenceMillis; }

    /**
     * Interval at which the stateless cookie check gets a fresh secret (RFC 6347 4.2.1 recommends
     * changing it often). The previous secret is still accepted for one more interval, so a cookie is
     * honoured for at least one and less than two intervals after it was issued. Timed by {@link #clock()}.
     */
    public int cookieSecretRotationMillis() { return cookieSecretRotationMillis; }

    /**
     * Most DTLS sessions the server keeps for resumption (default 1024; 0 turns resumption off). A
     * reconnecting client that offers a held session gets an abbreviated handshake (no certificate,
     * no ECDHE or signature on the server). Oldest evicted first. See {@link io.tickwire.net.dtls.SessionCache}.
     */
    public int sessionCacheEntries() { return sessionCacheEntries; }

    /**
     * How long after its full handshake a session may be resumed (default 600 000 ms). Resumed
     * handshakes reuse the full handshake's master secret, so this bounds how long a leak of the
     * server's memory could expose resumed sessions.
     */
    public int sessionLifetimeMillis() { return sessionLifetimeMillis; }

    /** Who reads the socket. */
    public ThreadingMode threadingMode() { return threadingMode; }

    /** Clock for handshake deadlines and cookie secret rotation. */
    public NanoClock clock() { return clock; }

    /** Source of pre-authentication handshake screens (default: {@link GuardScreens#defaults()}). */
    public HandshakeScreen.Factory screens() { return screens; }

    /** A copy of this config with {@code mode} as its {@link #threadingMode()}. */
    public EndpointConfig withThreadingMode(ThreadingMode mode) {
        return builder().maxHandshakesInFlight(maxHandshakesInFlight).maxConnections(maxConnections)
                .maxHandshakesPerIp(maxHandshakesPerIp).maxConnectionsPerIp(maxConnectionsPerIp)
                .peerQueueLength(peerQueueLength).maxDatagramSize(maxDatagramSize)
                .receiveBufferBytes(receiveBufferBytes).sendBufferBytes(sendBufferBytes).handshakeWorkers(handshakeWorkers)
                .handshakeQueueLength(handshakeQueueLength).acceptedQueueLength(acceptedQueueLength)
                .handshakeTimeoutMillis(handshakeTimeoutMillis)
                .handshakeEvictAfterSilenceMillis(handshakeEvictAfterSilenceMillis).cookieSecretRotationMillis(cookieSecretRotationMillis)
                .sessionCacheEntries(sessionCacheEntries).sessionLifetimeMillis(sessionLifetimeMillis)
                .threadingMode(mode).clock(clock).screens(screens)
                .build();
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int maxHandshakesInFlight = 64;
        private int maxConnections = 256;
        private int maxHandshakesPerIp = 4;
        private int maxConnectionsPerIp = 16;
        private int peerQueueLength = 64;
        private int maxDatagramSize = 1472;
        private int receiveBufferBytes = 4 << 20;
        private int sendBufferBytes = 1 << 20;
        private int handshakeWorkers = 8;
        private int handshakeQueueLength = 64;
        private int acceptedQueueLength = 64;
        private int handshakeTimeoutMillis = 10_000;
        private int handshakeEvictAfterSilenceMillis = 1_500;
        private int cookieSecretRotationMillis = 300_000;
        private int sessionCacheEntries = io.tickwire.net.dtls.SessionCache.DEFAULT_MAX_ENTRIES;
        private int sessionLifetimeMillis = io.tickwire.net.dtls.SessionCache.DEFAULT_LIFETIME_MILLIS;
        private ThreadingMode threadingMode = ThreadingMode.DEDICATED_READER;
        private NanoClock clock = NanoClock.SYSTEM;
        private HandshakeScreen.Factory screens = GuardScreens.defaults();

        private Builder() {
        }

        /** Sets {@link EndpointConfig#maxHandshakesInFlight()}. */
        public Builder maxHandshakesInFlight(int v) { this.maxHandshakesInFlight = v; return this; }

        /** Sets {@link EndpointConfig#maxConnections()}. */
        public Builder maxConnections(int v) { this.maxConnections = v; return this; }

        /** Sets {@link EndpointConfig#maxHandshakesPerIp()}. */
        public Builder maxHandshakesPerIp(int v) { this.maxHandshakesPerIp = v; return this; }

        /** Sets {@link EndpointConfig#maxConnectionsPerIp()}. */
        public Builder maxConnectionsPerIp(int v) { this.maxConnectionsPerIp = v; return this; }

        /** Sets {@link EndpointConfig#peerQueueLength()}. */
        public Builder peerQueueLength(int v) { this.peerQueueLength = v; return this; }

        /** Sets {@link EndpointConfig#maxDatagramSize()}. */
        public Builder maxDatagramSize(int v) { this.maxDatagramSize = v; return this; }

        /** Sets {@link EndpointConfig#receiveBufferBytes()}. */
        public Builder receiveBufferBytes(int v) { this.receiveBufferBytes = v; return this; }

        /** Sets {@link EndpointConfig#sendBufferBytes()}. */
        public Builder sendBufferBytes(int v) { this.sendBufferBytes = v; return this; }

        /** Sets {@link EndpointConfig#handshakeWorkers()}. */
        public Builder handshakeWorkers(int v) { this.handshakeWorkers = v; return this; }

        /** Sets {@link EndpointConfig#handshakeQueueLength()}. */
        public Builder handshakeQueueLength(int v) { this.handshakeQueueLength = v; return this; }

        /** Sets {@link EndpointConfig#acceptedQueueLength()}. */
        public Builder acceptedQueueLength(int v) { this.acceptedQueueLength = v; return this; }

        /** Sets {@link EndpointConfig#handshakeTimeoutMillis()}. */
        public Builder handshakeTimeoutMillis(int v) { this.handshakeTimeoutMillis = v; return this; }

        /** Sets {@link EndpointConfig#handshakeEvictAfterSilenceMillis()} (0 = never evict). */
        public Builder handshakeEvictAfterSilenceMillis(int v) { this.handshakeEvictAfterSilenceMillis = v; return this; }

        /** Sets {@link EndpointConfig#cookieSecretRotationMillis()}. */
        public Builder cookieSecretRotationMillis(int v) { this.cookieSecretRotationMillis = v; return this; }

        /** Sets {@link EndpointConfig#sessionCacheEntries()} (0 = no resumption). */
        public Builder sessionCacheEntries(int v) { this.sessionCacheEntries = v; return this; }

        /** Sets {@link EndpointConfig#sessionLifetimeMillis()}. */
        public Builder sessionLifetimeMillis(int v) { this.sessionLifetimeMillis = v; return this; }

        /** Sets {@link EndpointConfig#threadingMode()}. */
        public Builder threadingMode(ThreadingMode v) { this.threadingMode = v; return this; }

        /** Sets {@link EndpointConfig#clock()}. */
        public Builder clock(NanoClock v) { this.clock = v; return this; }

        /** Sets {@link EndpointConfig#screens()}. */
        public Builder screens(HandshakeScreen.Factory v) { this.screens = v; return this; }

        /** Validates every limit and returns the config; throws {@link IllegalArgumentException} naming the bad value. */
        public EndpointConfig build() {
            positive("maxHandshakesInFlight", maxHandshakesInFlight, 1 << 14);
            positive("maxConnections", maxConnections, 1 << 16);
            positive("maxHandshakesPerIp", maxHandshakesPerIp, 1 << 14);
            positive("maxConnectionsPerIp", maxConnectionsPerIp, 1 << 16);
            positive("peerQueueLength", peerQueueLength, 1 << 14);
            positive("handshakeWorkers", handshakeWorkers, 256);
            if (receiveBufferBytes < 4096 || receiveBufferBytes > (1 << 30)) {
                throw new IllegalArgumentException("receiveBufferBytes must be in [4096, 1073741824], was "
                        + receiveBufferBytes);
            }
            if (sendBufferBytes < 4096 || sendBufferBytes > (1 << 30)) {
                throw new IllegalArgumentException("sendBufferBytes must be in [4096, 1073741824], was " + sendBufferBytes);
            }
            positive("handshakeQueueLength", handshakeQueueLength, 1 << 16);
            positive("acceptedQueueLength", acceptedQueueLength, 1 << 16);
            positive("handshakeTimeoutMillis", handshakeTimeoutMillis, 600_000);
            if (handshakeEvictAfterSilenceMillis < 0 || handshakeEvictAfterSilenceMillis > 600_000) {
                throw new IllegalArgumentException("handshakeEvictAfterSilenceMillis must be in [0, 600000] (0 = never evict), was "
                        + handshakeEvictAfterSilenceMillis);
            }
            positive("cookieSecretRotationMillis", cookieSecretRotationMillis, 86_400_000);
            if (sessionCacheEntries < 0 || sessionCacheEntries > 65_536) {
                throw new IllegalArgumentException("sessionCacheEntries must be in [0, 65536] (0 = no resumption), was "
                        + sessionCacheEntries);
            }
            positive("sessionLifetimeMillis", sessionLifetimeMillis, 86_400_000);
            if (maxDatagramSize < 256 || maxDatagramSize > 65_507) {
                throw new IllegalArgumentException("maxDatagramSize must be in [256, 65507], was " + maxDatagramSize);
            }
            if (maxHandshakesInFlight > maxConnections) {
                throw new IllegalArgumentException("maxHandshakesInFlight (" + maxHandshakesInFlight
                        + ") must not exceed maxConnections (" + maxConnections + ")");
            }
            if (maxHandshakesPerIp > maxConnectionsPerIp) {
                throw new IllegalArgumentException("maxHandshakesPerIp (" + maxHandshakesPerIp
                        + ") must not exceed maxConnectionsPerIp (" + maxConnectionsPerIp + ")");
            }
            if (threadingMode == null || clock == null || screens == null) {
                throw new IllegalArgumentException("threadingMode, clock and screens must not be null");
            }
            return new EndpointConfig(this);
        }

        private static void positive(String name, int v, int max) {
            if (v < 1 || v > max) {
                throw new IllegalArgumentException(name + " must be in [1, " + max + "], was " + v);
            }
        }
    }
}
