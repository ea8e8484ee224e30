package io.tickwire.net.dtls;

/**
 * Timing limits of one DTLS handshake, shared by {@link TickwireTlsServer} and
 * {@link TickwireTlsClient}.
 *
 * @param handshakeTimeoutMillis total deadline for a whole handshake, in milliseconds; Bouncy
 *     Castle aborts the handshake when it passes (never zero: an unbounded handshake is refused)
 * @param handshakeResendMillis time before the first resend of an unanswered flight, in
 *     milliseconds (Bouncy Castle doubles it on every further resend)
 */
public record DtlsConfig(int handshakeTimeoutMillis, int handshakeResendMillis) {

    /** Default total handshake deadline: 10 seconds. */
    public static final int DEFAULT_HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    /** Default first resend time: 1 second, the RFC 6347 recommendation. */
    public static final int DEFAULT_HANDSHAKE_RESEND_MILLIS = 1_000;

    /** The defaults: 10 s deadline, 1 s first resend. */
    public static final DtlsConfig DEFAULTS =
            new DtlsConfig(DEFAULT_HANDSHAKE_TIMEOUT_MILLIS, DEFAULT_HANDSHAKE_RESEND_MILLIS);

    /** Validates both values; the exception names the bad one. */
    public DtlsConfig {
        if (handshakeTimeoutMillis <= 0) {
            throw new IllegalArgumentException("handshakeTimeoutMillis must be > 0 (a handshake is always bounded), was "
                    + handshakeTimeoutMillis);
        }
        if (handshakeResendMillis <= 0 || handshakeResendMillis > handshakeTimeoutMillis) {
            throw new IllegalArgumentException("handshakeResendMillis must be in 1.." + handshakeTimeoutMillis
                    + " (handshakeTimeoutMillis), was " + handshakeResendMillis);
        }
    }
}
