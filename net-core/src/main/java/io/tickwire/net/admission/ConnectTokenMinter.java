package io.tickwire.net.admission;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Mints connect tokens with the backend's private key: what a game's backend (or {@code arena token},
 * or a test) runs after it has authenticated a player. Not thread-safe (one per thread).
 */
public final class ConnectTokenMinter {

    private final Ed25519PrivateKeyParameters key;
    private final long applicationId;
    private final WallClock clock;
    private final SecureRandom random;
    private final Ed25519Signer signer = new Ed25519Signer();

    /** A minter for {@code applicationId}'s tokens, signing with {@code key}, issuing at {@code clock}'s time. */
    public ConnectTokenMinter(Ed25519PrivateKeyParameters key, long applicationId, WallClock clock, SecureRandom random) {
        this.key = Objects.requireNonNull(key, "key");
        this.applicationId = applicationId;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * A new signed token for {@code clientId}, valid from now for {@code validity} on {@code servers}
     * (1..{@value ConnectToken#MAX_ADDRESSES} resolved addresses), carrying {@code userData}
     * (0..{@value ConnectToken#MAX_USER_DATA_BYTES} bytes, opaque to Tickwire) and a fresh random nonce.
     *
     * @throws IllegalArgumentException naming a value outside the format's limits
     */
    public ConnectToken mint(long clientId, Duration validity, List<InetSocketAddress> servers, byte[] userData) {
        Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive, was " + validity);
        }
        long issued = clock.currentTimeMillis();
        byte[] nonce = new byte[ConnectToken.NONCE_BYTES];
        random.nextBytes(nonce);
        return mint(clientId, issued, Math.addExact(issued, validity.toMillis()), nonce, servers, userData);
    }

    /** Like {@link #mint(long, Duration, List, byte[])} with every value given: for tests that need exact tokens. */
    public ConnectToken mint(long clientId, long issuedAtMillis, long expiresAtMillis, byte[] nonce,
            List<InetSocketAddress> servers, byte[] userData) {
        byte[] body = ConnectTokenCodec.encodeUnsigned(applicationId, clientId, issuedAtMillis, expiresAtMillis,
                nonce, servers, userData == null ? new byte[0] : userData);
        signer.init(true, key);
        signer.update(body, 0, body.length);
        byte[] signature = signer.generateSignature();
        byte[] token = new byte[body.length + signature.length];
        System.arraycopy(body, 0, token, 0, body.length);
        System.arraycopy(signature, 0, token, body.length, signature.length);
        try {
            return ConnectTokenCodec.decode(token, 0, token.length);
        } catch (ConnectTokenException e) {
            throw new IllegalStateException("a freshly minted token does not decode: " + e.getMessage(), e);
        }
    }
}
