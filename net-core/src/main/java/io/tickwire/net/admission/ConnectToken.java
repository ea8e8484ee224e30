package io.tickwire.net.admission;

import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A decoded connect token: what a game's backend signed for one client (PROTOCOL.md, "Connect
 * tokens"). Decoding checks the structure only; {@link ConnectTokenVerifier} checks the signature,
 * times, addresses and single use. Immutable.
 */
public final class ConnectToken {

    /** Format version this build writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** Nonce length in bytes (random, single use). */
    public static final int NONCE_BYTES = 16;
    /** Most server addresses one token names. */
    public static final int MAX_ADDRESSES = 8;
    /** Most opaque user data bytes. */
    public static final int MAX_USER_DATA_BYTES = 256;
    /** Ed25519 signature length. */
    public static final int SIGNATURE_BYTES = 64;
    /** Bytes before the address list: version, application id, client id, issued, expires, nonce, address count. */
    static final int FIXED_HEAD_BYTES = 1 + 8 + 8 + 8 + 8 + NONCE_BYTES + 1;
    /** Smallest token: one IPv4 address, no user data. */
    public static final int MIN_BYTES = FIXED_HEAD_BYTES + 7 + 2 + SIGNATURE_BYTES;
    /** Largest token: {@link #MAX_ADDRESSES} IPv6 addresses and {@link #MAX_USER_DATA_BYTES} of user data. */
    public static final int MAX_BYTES = FIXED_HEAD_BYTES + MAX_ADDRESSES * 19 + 2 + MAX_USER_DATA_BYTES + SIGNATURE_BYTES;

    private final long applicationId;
    private final long clientId;
    private final long issuedAtMillis;
    private final long expiresAtMillis;
    private final byte[] nonce;
    private final List<InetSocketAddress> serverAddresses;
    private final byte[] userData;
    private final byte[] encoded;

    ConnectToken(long applicationId, long clientId, long issuedAtMillis, long expiresAtMillis, byte[] nonce,
            List<InetSocketAddress> serverAddresses, byte[] userData, byte[] encoded) {
        this.applicationId = applicationId;
        this.clientId = clientId;
        this.issuedAtMillis = issuedAtMillis;
        this.expiresAtMillis = expiresAtMillis;
        this.nonce = nonce;
        this.serverAddresses = List.copyOf(serverAddresses);
        this.userData = userData;
        this.encoded = encoded;
    }

    /** The game (application) the token is for; a server of another game refuses it. */
    public long applicationId() {
        return applicationId;
    }

    /** The client (player account) the backend vouches for. */
    public long clientId() {
        return clientId;
    }

    /** When the backend issued it, Unix milliseconds. */
    public long issuedAtMillis() {
        return issuedAtMillis;
    }

    /** When it stops being valid, Unix milliseconds. */
    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    /** A copy of the single-use random nonce. */
    public byte[] nonce() {
        return nonce.clone();
    }

    /** The server addresses it is valid for (1..{@link #MAX_ADDRESSES}). */
    public List<InetSocketAddress> serverAddresses() {
        return serverAddresses;
    }

    /** A copy of the opaque user data (0..{@link #MAX_USER_DATA_BYTES} bytes). */
    public byte[] userData() {
        return userData.clone();
    }

    /** A copy of the whole signed token, as it travels in CONNECT. */
    public byte[] toBytes() {
        return encoded.clone();
    }

    /** The token as text for copy and paste: base64url without padding. */
    public String toText() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(encoded);
    }

    /** Decodes {@link #toText()} output (surrounding white space ignored); structure only, like {@link ConnectTokenCodec#decode}. */
    public static ConnectToken parse(String text) throws ConnectTokenException {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.length() > (MAX_BYTES * 4 + 2) / 3) {
            throw new ConnectTokenException("connect token text of " + t.length() + " characters is longer than the "
                    + (MAX_BYTES * 4 + 2) / 3 + " a " + MAX_BYTES + "-byte token needs");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw new ConnectTokenException("connect token text is not base64url: " + e.getMessage());
        }
        return ConnectTokenCodec.decode(bytes, 0, bytes.length);
    }

    @Override
    public String toString() {
        return "ConnectToken[client " + clientId + ", application 0x" + Long.toHexString(applicationId) + ", servers "
                + serverAddresses + ", expires " + java.time.Instant.ofEpochMilli(expiresAtMillis) + ", "
                + userData.length + " B user data, " + encoded.length + " B]";
    }
}
