package io.tickwire.net.dtls;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * Creates the {@link TlsCrypto} Tickwire runs DTLS with. The default, {@link Kind#HYBRID}, won the
 * measurement in {@code io.tickwire.net.dtls.bench.CryptoBench}: Bouncy Castle's lightweight EC
 * for handshakes, the JDK's AES-GCM for records, BC's ChaCha20-Poly1305. Every kind filters
 * decrypted handshake records through a {@link HandshakeGuard}.
 */
public final class TickwireCrypto {

    /** The crypto implementations Tickwire can run. */
    public enum Kind {
        /** Bouncy Castle's lightweight crypto for everything ({@code BcTlsCrypto}). */
        BC,
        /** Bouncy Castle's JCA adapter over the JDK's providers for everything ({@code JcaTlsCrypto}); no ChaCha20. */
        JCA,
        /** {@code BcTlsCrypto} with the JDK's AES-GCM for records: fast handshakes and fast records. */
        HYBRID
    }

    /** The kind {@link #create()} returns. */
    public static final Kind DEFAULT_KIND = Kind.HYBRID;

    private static final AtomicLong REJECTED_ENCRYPTED_HANDSHAKE_RECORDS = new AtomicLong();

    private TickwireCrypto() {
    }

    /** The measured winner ({@link #DEFAULT_KIND}) with default guard limits and a fresh {@link SecureRandom}. */
    public static TlsCrypto create() {
        return create(DEFAULT_KIND, HandshakeGuardConfig.DEFAULTS);
    }

    /** A crypto of the given kind whose record ciphers enforce {@code guardConfig} on encrypted handshake records. */
    public static TlsCrypto create(Kind kind, HandshakeGuardConfig guardConfig) {
        Objects.requireNonNull(kind, "kind");
        HandshakeGuard guard = new HandshakeGuard(guardConfig);
        SecureRandom random = new SecureRandom();
        switch (kind) {
            case BC:
                return new TickwireBcCrypto(random, false, guard, REJECTED_ENCRYPTED_HANDSHAKE_RECORDS);
            case JCA:
                return new TickwireJcaCrypto(random, guard, REJECTED_ENCRYPTED_HANDSHAKE_RECORDS);
            case HYBRID:
                return new TickwireBcCrypto(random, true, guard, REJECTED_ENCRYPTED_HANDSHAKE_RECORDS);
            default:
                throw new IllegalArgumentException("unknown crypto kind " + kind);
        }
    }

    /** Encrypted handshake records dropped by the guard since start, across all cryptos made here (any thread). */
    public static long rejectedEncryptedHandshakeRecords() {
        return REJECTED_ENCRYPTED_HANDSHAKE_RECORDS.get();
    }
}
