package io.tickwire.net.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * Bouncy Castle's JCA-backed crypto over the JDK's default providers, with every record cipher
 * wrapped in a {@link GuardedCipher}. Thread-safe like {@link JcaTlsCrypto}.
 */
final class TickwireJcaCrypto extends JcaTlsCrypto {

    private final HandshakeGuard guard;
    private final AtomicLong rejected;

    TickwireJcaCrypto(SecureRandom random, HandshakeGuard guard, AtomicLong rejected) {
        super(new DefaultJcaJceHelper(), random, random);
        this.guard = guard;
        this.rejected = rejected;
    }

    @Override
    public TlsCipher createCipher(TlsCryptoParameters cryptoParams, int encryptionAlgorithm, int macAlgorithm)
            throws IOException {
        return new GuardedCipher(super.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm), guard, rejected);
    }
}
