package io.tickwire.net.admission;

import io.tickwire.net.protocol.CredentialKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Who a server lets in: asked once per connection, on the server's update thread, with the
 * credential of the client's first acceptable CONNECT (after the DTLS handshake, inside the
 * encrypted channel). Until it answers the connection stays CONNECTING and receives no messages;
 * a refusal ends it with {@code AUTHENTICATION_FAILED} and the result's detail.
 *
 * <p>Implementations must be fast (they run on the tick thread) and must not throw for bad input:
 * refuse with a sentence instead. Wrap one to add rules (a ban list, a resume ticket) in front of it.
 */
@FunctionalInterface
public interface Admission {

    /** Largest password accepted, in UTF-8 bytes. */
    int MAX_PASSWORD_BYTES = 256;

    /** Decides about one client; never null. */
    AdmissionResult decide(AdmissionRequest request);

    /** Lets everyone in (a LAN game without a password); whatever credential a client sends is ignored. */
    static Admission open() {
        return request -> AdmissionResult.admit(CredentialKind.NONE, 0, null);
    }

    /**
     * Lets in the clients whose CONNECT carries this password (compared in constant time).
     *
     * @throws IllegalArgumentException for an empty password or one over {@link #MAX_PASSWORD_BYTES}
     */
    static Admission password(String password) {
        Objects.requireNonNull(password, "password");
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        if (utf8.length == 0 || utf8.length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("password must be 1.." + MAX_PASSWORD_BYTES + " UTF-8 bytes, was "
                    + utf8.length);
        }
        byte[] expected = sha256(utf8);
        return request -> {
            switch (request.kind()) {
                case PASSWORD:
                    // Digests of equal length, compared without an early exit: timing says nothing about the password.
                    if (MessageDigest.isEqual(expected, sha256(request.credential()))) {
                        return AdmissionResult.admit(CredentialKind.PASSWORD, 0, null);
                    }
                    return AdmissionResult.refuse(AdmissionRefusal.WRONG_PASSWORD,
                            "wrong password: ask the host for the server's password");
                case NONE:
                    return AdmissionResult.refuse(AdmissionRefusal.NO_CREDENTIAL, "this server needs a password: enter the one the host gave you");
                default:
                    return AdmissionResult.refuse(AdmissionRefusal.WRONG_KIND, "this server takes a password, not a "
                            + request.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
        };
    }

    /** Lets in the clients that present a valid, unused connect token for this server (see {@link ConnectTokenVerifier}). */
    static Admission connectTokens(ConnectTokenVerifier verifier) {
        return Objects.requireNonNull(verifier, "verifier");
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
