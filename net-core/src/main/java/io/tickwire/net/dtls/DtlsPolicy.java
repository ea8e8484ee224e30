package io.tickwire.net.dtls;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The protocol choices both Tickwire peers share: versions, suites, groups, CID length, and how
 * alerts are logged. Kept in one place so client and server can never drift apart.
 */
final class DtlsPolicy {

    static final Logger LOG = System.getLogger("io.tickwire.net.dtls");

    /** DTLS 1.2 only: 1.0 has no AEAD suites, and bctls 1.84 has no DTLS 1.3. */
    static final ProtocolVersion[] VERSIONS = ProtocolVersion.DTLSv12.only();

    /**
     * AEAD with ECDHE and ECDSA only, in preference order: AES-128-GCM (AES-NI through the JDK),
     * ChaCha20-Poly1305 (fast in software), AES-256-GCM.
     */
    static final int[] SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    };

    /** Key-exchange groups in preference order. */
    static final int[] GROUPS = {NamedGroup.x25519, NamedGroup.secp256r1};

    private DtlsPolicy() {
    }

    /** The suites of {@link #SUITES} that {@code crypto} can actually run (ChaCha20 needs BC's crypto). */
    static int[] suitesFor(TlsCrypto crypto) {
        return TlsUtils.getSupportedCipherSuites(crypto, SUITES);
    }

    static boolean isAllowedGroup(int namedGroup) {
        for (int g : GROUPS) {
            if (g == namedGroup) {
                return true;
            }
        }
        return false;
    }

    static void logAlertRaised(String role, String peer, short level, short description, String message,
                               Throwable cause) {
        Level l = level == AlertLevel.fatal ? Level.WARNING : Level.DEBUG;
        if (LOG.isLoggable(l)) {
            LOG.log(l, "DTLS " + role + " sent " + AlertLevel.getText(level) + " alert "
                    + AlertDescription.getText(description) + " to " + peer
                    + (message != null ? ": " + message : "")
                    + (cause != null ? " (cause: " + cause + ")" : ""));
        }
    }

    static void logAlertReceived(String role, String peer, short level, short description) {
        Level l = level == AlertLevel.fatal ? Level.WARNING
                : description == AlertDescription.close_notify ? Level.DEBUG : Level.INFO;
        if (LOG.isLoggable(l)) {
            LOG.log(l, "DTLS " + role + " received " + AlertLevel.getText(level) + " alert "
                    + AlertDescription.getText(description) + " from " + peer);
        }
    }
}
