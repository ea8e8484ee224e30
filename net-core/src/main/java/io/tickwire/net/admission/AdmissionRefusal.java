package io.tickwire.net.admission;

import java.util.Locale;

/**
 * Why a connection was not admitted, as a category the server counts ({@code NetServer.admissionsRefused},
 * {@code tickwire_admissions_refused_total{reason}}); the sentence sent to the client is
 * {@link AdmissionResult#refusal()}.
 */
public enum AdmissionRefusal {
    /** The server needs a credential and the CONNECT carried none. */
    NO_CREDENTIAL,
    /** The CONNECT carried another kind of credential than this server takes. */
    WRONG_KIND,
    /** The connect token's bytes are not a well-formed token (truncated, bad version, bad address...). */
    MALFORMED,
    /** The token's Ed25519 signature does not verify with the backend's key. */
    BAD_SIGNATURE,
    /** The token is for another game (application id). */
    WRONG_APPLICATION,
    /** The token is issued further in the future than the clock skew allows. */
    NOT_YET_VALID,
    /** The token has expired. */
    EXPIRED,
    /** The token names none of this server's addresses. */
    WRONG_ADDRESS,
    /** The token's nonce was already used (a replay). */
    REPLAYED,
    /** The replay cache is full of unexpired tokens; a valid token is refused until one expires. */
    REPLAY_CACHE_FULL,
    /** The password is wrong. */
    WRONG_PASSWORD,
    /** A quick-reconnect resume ticket was refused (used, unknown, expired, malformed). */
    RESUME_REFUSED,
    /** No acceptable CONNECT within {@code admissionDeadlineMillis} after the DTLS handshake. */
    DEADLINE,
    /** The admission policy threw or returned null (a server bug, logged). */
    SERVER_ERROR,
    /** A refusal of the application's own admission rules. */
    OTHER;

    /** The lower-case name used as a metrics label ({@code bad_signature}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
