package io.tickwire.net.transport;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of a {@link DtlsServerEndpoint}; written by the reader, worker and owner threads without
 * allocation, readable from any thread.
 */
public final class EndpointStats {

    private static final int DATAGRAMS_IN = 0;
    private static final int BYTES_IN = 1;
    private static final int DATAGRAMS_OUT = 2;
    private static final int BYTES_OUT = 3;
    private static final int COOKIES_SENT = 4;
    private static final int HANDSHAKES_STARTED = 5;
    private static final int HANDSHAKES_COMPLETED = 6;
    private static final int ADDRESS_CHANGES = 7;
    private static final int READER_FAULTS = 8;
    private static final int COOKIE_ROTATIONS = 9;
    private static final int PREVIOUS_COOKIES = 10;
    private static final int HANDSHAKES_RESUMED = 11;
    private static final int SCALARS = 12;

    private final AtomicLongArray scalars = new AtomicLongArray(SCALARS);
    private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);
    private final AtomicLongArray failures = new AtomicLongArray(HandshakeFailure.values().length);
    private final AtomicLongArray guardVerdicts = new AtomicLongArray(HandshakeScreen.MAX_VERDICTS);

    void datagramIn(int bytes) {
        scalars.incrementAndGet(DATAGRAMS_IN);
        scalars.addAndGet(BYTES_IN, bytes);
    }

    void datagramOut(int bytes) {
        scalars.incrementAndGet(DATAGRAMS_OUT);
        scalars.addAndGet(BYTES_OUT, bytes);
    }

    void cookieSent() { scalars.incrementAndGet(COOKIES_SENT); }

    void handshakeStarted() { scalars.incrementAndGet(HANDSHAKES_STARTED); }

    void handshakeCompleted() { scalars.incrementAndGet(HANDSHAKES_COMPLETED); }

    void handshakeResumed() { scalars.incrementAndGet(HANDSHAKES_RESUMED); }

    void addressChanged() { scalars.incrementAndGet(ADDRESS_CHANGES); }

    void readerFault() { scalars.incrementAndGet(READER_FAULTS); }

    void cookieSecretRotated() { scalars.incrementAndGet(COOKIE_ROTATIONS); }

    void previousCookieAccepted() { scalars.incrementAndGet(PREVIOUS_COOKIES); }

    void drop(DropReason reason) { drops.incrementAndGet(reason.ordinal()); }

    void guardVerdict(int verdict) {
        guardVerdicts.incrementAndGet(verdict);
        drops.incrementAndGet(DropReason.GUARD.ordinal());
    }

    void handshakeFailed(HandshakeFailure reason) { failures.incrementAndGet(reason.ordinal()); }

    /** Datagrams read from the socket. */
    public long datagramsIn() { return scalars.get(DATAGRAMS_IN); }

    /** Bytes read from the socket. */
    public long bytesIn() { return scalars.get(BYTES_IN); }

    /** Datagrams written to the socket (records, cookies, alerts). */
    public long datagramsOut() { return scalars.get(DATAGRAMS_OUT); }

    /** Bytes written to the socket. */
    public long bytesOut() { return scalars.get(BYTES_OUT); }

    /** HelloVerifyRequests sent. */
    public long cookiesSent() { return scalars.get(COOKIES_SENT); }

    /** Handshakes admitted after a valid cookie. */
    public long handshakesStarted() { return scalars.get(HANDSHAKES_STARTED); }

    /** Handshakes that produced a connection handed to the owner. */
    public long handshakesCompleted() { return scalars.get(HANDSHAKES_COMPLETED); }

    /** Completed handshakes that resumed a cached DTLS session (abbreviated; a subset of {@link #handshakesCompleted()}). */
    public long handshakesResumed() { return scalars.get(HANDSHAKES_RESUMED); }

    /** Times a connection followed its peer to a new address by connection ID. */
    public long addressChanges() { return scalars.get(ADDRESS_CHANGES); }

    /** Unexpected exceptions the socket reader caught (a bug if not zero; each one is logged). */
    public long readerFaults() { return scalars.get(READER_FAULTS); }

    /** Times the cookie secret was replaced ({@link EndpointConfig#cookieSecretRotationMillis()}). */
    public long cookieSecretRotations() { return scalars.get(COOKIE_ROTATIONS); }

    /** Handshakes admitted with a cookie of the previous secret (issued before the last rotation). */
    public long previousCookiesAccepted() { return scalars.get(PREVIOUS_COOKIES); }

    /** Handshakes that failed for {@code reason}. */
    public long handshakesFailed(HandshakeFailure reason) { return failures.get(reason.ordinal()); }

    /** Datagrams or records dropped for {@code reason}. */
    public long drops(DropReason reason) { return drops.get(reason.ordinal()); }

    /** Datagrams the handshake guard refused with {@code verdict}. */
    public long guardVerdicts(int verdict) { return guardVerdicts.get(verdict); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("EndpointStats{in=").append(datagramsIn()).append('/').append(bytesIn())
                .append("B out=").append(datagramsOut()).append('/').append(bytesOut())
                .append("B cookies=").append(cookiesSent())
                .append(" handshakes=").append(handshakesStarted()).append('/').append(handshakesCompleted())
                .append(" resumed=").append(handshakesResumed());
        for (HandshakeFailure f : HandshakeFailure.values()) {
            if (handshakesFailed(f) != 0) {
                sb.append(" failed.").append(f).append('=').append(handshakesFailed(f));
            }
        }
        for (DropReason d : DropReason.values()) {
            if (drops(d) != 0) {
                sb.append(" drop.").append(d).append('=').append(drops(d));
            }
        }
        return sb.append('}').toString();
    }
}
