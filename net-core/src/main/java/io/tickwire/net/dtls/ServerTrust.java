package io.tickwire.net.dtls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;

/**
 * How a client decides that the server's certificate is the right one: a pinned fingerprint,
 * trust-on-first-use with a known-hosts file, or a CA chain. There is deliberately no option that
 * accepts any certificate.
 */
public sealed interface ServerTrust permits PinnedTrust, KnownHostsTrust, CaChainTrust {

    /** Trusts exactly the leaf certificate with this fingerprint. */
    static ServerTrust pinned(Fingerprint fingerprint) {
        return new PinnedTrust(fingerprint);
    }

    /**
     * Trusts whatever a server presents the first time and records it in {@code knownHostsFile}
     * (lines of {@code host:port sha256:hex}); later connections must present the same leaf.
     */
    static ServerTrust trustOnFirstUse(Path knownHostsFile) {
        return new KnownHostsTrust(knownHostsFile);
    }

    /**
     * Trusts a chain that the JDK's PKIX validator accepts against {@code roots} at the time of
     * {@code clock}, whose leaf names the host the client connects to (DNS or IP subject
     * alternative name). Revocation is not checked (no CRL/OCSP on a LAN).
     */
    static ServerTrust caChain(Collection<X509Certificate> roots, Clock clock) {
        return new CaChainTrust(roots, clock);
    }

    /** Same as {@link #caChain(Collection, Clock)} with the system clock. */
    static ServerTrust caChain(Collection<X509Certificate> roots) {
        return new CaChainTrust(roots, Clock.systemUTC());
    }

    /**
     * Checks the DER-encoded chain (leaf first) that the server at {@code host}:{@code port}
     * presented; returns null when it is trusted, otherwise the failure. Called on the handshake
     * thread.
     */
    TrustFailure check(String host, int port, byte[][] derChain);
}
