package io.tickwire.net.protocol;

/**
 * What the credential trailing a CONNECT (or ACCEPT) body is; a stable one-byte wire code
 * (PROTOCOL.md, "Connect and disconnect control packets").
 */
public enum CredentialKind {
    /** No credential (an open LAN server; every ACCEPT today). */
    NONE(0),
    /** A server password as UTF-8 bytes. */
    PASSWORD(1),
    /** A connect token signed by the game's backend ({@code io.tickwire.net.admission.ConnectToken}). */
    CONNECT_TOKEN(2),
    /** Reserved for a server-issued resume ticket (quick reconnect); no server admits it yet. */
    RESUME(3);

    /** Most credential bytes one CONNECT or ACCEPT carries; a longer one is a protocol fault. */
    public static final int MAX_CREDENTIAL_BYTES = 1024;

    private static final CredentialKind[] BY_CODE = values();

    private final int code;

    CredentialKind(int code) {
        this.code = code;
    }

    /** Stable wire code (one unsigned byte). */
    public int code() {
        return code;
    }

    /** The kind with this wire code, or null for a code this build does not know. */
    public static CredentialKind fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
