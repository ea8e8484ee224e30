package io.tickwire.net.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipher;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Bouncy Castle's lightweight crypto for the handshake (its EC work is about twice as fast as the
 * JDK's), optionally with the JDK's AES-GCM for records, and every record cipher wrapped in a
 * {@link GuardedCipher}. Thread-safe like {@link BcTlsCrypto}; one instance may serve all handshakes.
 */
final class TickwireBcCrypto extends BcTlsCrypto {

    private final boolean jdkAesGcm;
    private final HandshakeGuard guard;
    private final AtomicLong rejected;

    TickwireBcCrypto(SecureRandom random, boolean jdkAesGcm, HandshakeGuard guard, AtomicLong rejected) {
        super(random);
        this.jdkAesGcm = jdkAesGcm;
        this.guard = guard;
        this.rejected = rejected;
    }

    @Override
    public TlsCipher createCipher(TlsCryptoParameters cryptoParams, int encryptionAlgorithm, int macAlgorithm)
            throws IOException {
        return new GuardedCipher(super.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm), guard, rejected);
    }

    @Override
    protected TlsAEADCipher createCipher_AES_GCM(TlsCryptoParameters cryptoParams, int cipherKeySize, int macSize)
            throws IOException {
        if (!jdkAesGcm) {
            return super.createCipher_AES_GCM(cryptoParams, cipherKeySize, macSize);
        }
        return new TlsAEADCipher(cryptoParams, new JdkAesGcm(true), new JdkAesGcm(false), cipherKeySize, macSize,
                TlsAEADCipher.AEAD_GCM, null);
    }
}
