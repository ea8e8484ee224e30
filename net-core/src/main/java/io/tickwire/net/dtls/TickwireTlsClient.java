package io.tickwire.net.dtls;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.Vector;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.RenegotiationPolicy;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * Bouncy Castle client peer for one Tickwire DTLS handshake: the same protocol choices as
 * {@link TickwireTlsServer}, a random fixed-length connection ID, and server verification by a
 * {@link ServerTrust}. Given a session from an earlier handshake with the same server
 * ({@link #resumeSession}), it offers to resume it; a server that still holds it answers with an
 * abbreviated handshake, any other runs a full one. One instance per handshake; BC calls it on the
 * thread that runs {@code DTLSClientProtocol.connect}.
 */
public class TickwireTlsClient extends DefaultTlsClient {

    private final ServerTrust trust;
    private final String host;
    private final int port;
    private final DtlsConfig config;
    private volatile TrustFailure trustFailure;
    private volatile Fingerprint serverFingerprint;
    private volatile TlsSession sessionToResume;

    /**
     * Creates the client side of one handshake with the server at {@code host}:{@code port}.
     *
     * @param crypto the crypto to run the handshake and records with
     * @param trust how the server's certificate is verified
     * @param host the server's host name or address literal, as the user gave it (TOFU key, CA name check)
     * @param port the server's UDP port
     * @param config handshake deadline and resend time
     */
    public TickwireTlsClient(TlsCrypto crypto, ServerTrust trust, String host, int port, DtlsConfig config) {
        super(Objects.requireNonNull(crypto, "crypto"));
        this.trust = Objects.requireNonNull(trust, "trust");
        this.host = Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, was " + port);
        }
        this.port = port;
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Offers {@code session} (from {@link #resumableSession()} of an earlier handshake with this same
     * server and trust) for resumption in this handshake; call before it starts. Null offers nothing.
     * The session's server certificate passed this client's trust when it was made; it is checked
     * again against the trust when the handshake resumes it.
     */
    public void resumeSession(TlsSession session) {
        this.sessionToResume = session;
    }

    /** The session of the finished handshake if the server allows resuming it later, else null. */
    public TlsSession resumableSession() {
        return context == null ? null : context.getResumableSession();
    }

    /** True after a handshake in which the server resumed the offered session. */
    public boolean resumed() {
        SecurityParameters sp = context == null ? null : context.getSecurityParametersConnection();
        return sp != null && sp.isResumedSession();
    }

    @Override
    public TlsSession getSessionToResume() {
        TlsSession s = sessionToResume;
        return s != null && s.isResumable() ? s : null;
    }

    // A resumed handshake carries no certificate, so notifyServerCertificate is not called: the
    // session's certificate is checked against the trust here (a pin may have changed since).
    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        if (!resumed()) {
            return;
        }
        checkServerCertificate(context.getSecurityParametersConnection().getPeerCertificate());
    }

    /**
     * Checks the server's chain against {@link #trust} (on a full handshake, and again on a resumed one with
     * the chain stored in the session); remembers its fingerprint; refuses with {@code bad_certificate}.
     */
    private void checkServerCertificate(Certificate chain) throws IOException {
        int n = chain == null ? 0 : chain.getLength();
        byte[][] der = new byte[n][];
        for (int i = 0; i < n; i++) {
            der[i] = chain.getCertificateAt(i).getEncoded();
        }
        if (n > 0) {
            serverFingerprint = Fingerprint.ofDer(der[0]);
        }
        TrustFailure failure = trust.check(host, port, der);
        if (failure != null) {
            trustFailure = failure;
            DtlsPolicy.LOG.log(System.Logger.Level.WARNING, failure.message());
            throw new TlsFatalAlert(AlertDescription.bad_certificate, failure.message());
        }
    }

    /** Why the server's certificate was refused, if it was; safe to read from any thread after the handshake. */
    public Optional<TrustFailure> trustFailure() {
        return Optional.ofNullable(trustFailure);
    }

    /** The fingerprint of the leaf the server presented, once it has presented one; else null. */
    public Fingerprint serverFingerprint() {
        return serverFingerprint;
    }

    /** True after a handshake in which the server accepted connection IDs (RFC 9146). */
    public boolean connectionIdNegotiated() {
        SecurityParameters sp = context == null ? null : context.getSecurityParametersConnection();
        return sp != null && sp.getConnectionIDPeer() != null && sp.getConnectionIDLocal() != null;
    }

    /** The negotiated cipher suite (a {@code org.bouncycastle.tls.CipherSuite} value), or -1 before the handshake completes. */
    public int negotiatedCipherSuite() {
        SecurityParameters sp = context == null ? null : context.getSecurityParametersConnection();
        return sp == null ? -1 : sp.getCipherSuite();
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return DtlsPolicy.VERSIONS.clone();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return DtlsPolicy.suitesFor(getCrypto());
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Vector getSupportedGroups(Vector namedGroupRoles) {
        Vector groups = new Vector();
        TlsUtils.addIfSupported(groups, getCrypto(), DtlsPolicy.GROUPS);
        return groups;
    }

    @Override
    protected byte[] getNewConnectionID() {
        byte[] cid = new byte[TickwireTlsServer.CONNECTION_ID_LENGTH];
        getCrypto().getSecureRandom().nextBytes(cid);
        return cid;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return config.handshakeTimeoutMillis();
    }

    @Override
    public int getHandshakeResendTimeMillis() {
        return config.handshakeResendMillis();
    }

    @Override
    public int getRenegotiationPolicy() {
        return RenegotiationPolicy.DENY;
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        DtlsPolicy.logAlertRaised("client", peer(), alertLevel, alertDescription, message, cause);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        DtlsPolicy.logAlertReceived("client", peer(), alertLevel, alertDescription);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                checkServerCertificate(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) {
                // Clients are authenticated after the handshake (tokens, passwords), not by certificates.
                return null;
            }
        };
    }

    private String peer() {
        return KnownHostsTrust.hostKey(host, port);
    }
}
