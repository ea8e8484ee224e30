package io.tickwire.net.dtls;

import java.io.IOException;
import java.util.Objects;

import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.RenegotiationPolicy;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * Bouncy Castle server peer for one Tickwire DTLS handshake: DTLS 1.2 only, ECDHE-ECDSA AEAD
 * suites, x25519/secp256r1, no renegotiation, extended master secret required, and a fixed-length
 * connection ID chosen by the endpoint. With a {@link SessionCache} it issues 32-byte session IDs and
 * resumes sessions held there (an abbreviated handshake: no certificate, no key exchange); without one
 * every handshake is full. One instance per handshake; BC calls it on the thread that runs
 * {@code DTLSServerProtocol.accept}.
 */
public class TickwireTlsServer extends DefaultTlsServer {

    /** Length in bytes of every Tickwire connection ID, both directions (RFC 9146). */
    public static final int CONNECTION_ID_LENGTH = 4;

    private final ServerIdentity identity;
    private final DtlsConfig config;
    private final int connectionId;
    private final String peer;
    private final SessionCache sessions;
    // The session getSessionToResume offered, kept so the resumed handshake keeps its cipher suite.
    private volatile TlsSession offered;
    private volatile boolean abandoned;

    /**
     * Creates the server side of one handshake.
     *
     * @param crypto the crypto to run the handshake and records with (BcTlsCrypto, JcaTlsCrypto or a subclass)
     * @param identity the server's key and certificate
     * @param config handshake deadline and resend time
     * @param connectionId the connection ID clients must put in their records to this server
     *     (big-endian, {@value #CONNECTION_ID_LENGTH} bytes); the endpoint keeps it unique
     * @param peer a description of the client (usually its address) for log messages
     */
    public TickwireTlsServer(TlsCrypto crypto, ServerIdentity identity, DtlsConfig config, int connectionId,
                             String peer) {
        this(crypto, identity, config, connectionId, peer, null);
    }

    /**
     * Creates the server side of one handshake that resumes sessions held in {@code sessions} and
     * stores the session of a full handshake there (null: no resumption, every handshake is full).
     */
    public TickwireTlsServer(TlsCrypto crypto, ServerIdentity identity, DtlsConfig config, int connectionId,
                             String peer, SessionCache sessions) {
        super(Objects.requireNonNull(crypto, "crypto"));
        this.identity = Objects.requireNonNull(identity, "identity");
        this.config = Objects.requireNonNull(config, "config");
        this.connectionId = connectionId;
        this.peer = Objects.requireNonNull(peer, "peer");
        this.sessions = sessions;
    }

    /** True after a handshake that resumed a cached session (abbreviated handshake). */
    public boolean resumed() {
        SecurityParameters sp = context == null ? null : context.getSecurityParametersConnection();
        return sp != null && sp.isResumedSession();
    }

    /** The connection ID this server asks clients to use (meaningful once {@link #connectionIdNegotiated()}). */
    public int connectionId() {
        return connectionId;
    }

    /** True after a handshake in which the client accepted connection IDs (RFC 9146). */
    public boolean connectionIdNegotiated() {
        SecurityParameters sp = context == null ? null : context.getSecurityParametersConnection();
        return sp != null && sp.getConnectionIDPeer() != null;
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

    // Our order, not the client's: AES-128-GCM runs on the JDK's AES-NI path (see TickwireCrypto),
    // while OpenSSL, for one, lists AES-256 first.
    @Override
    protected boolean preferLocalCipherSuites() {
        return true;
    }

    @Override
    public int[] getSupportedGroups() {
        return DtlsPolicy.GROUPS.clone();
    }

    @Override
    protected int selectECDH(int minimumCurveBits) {
        int[] offered = context.getSecurityParametersHandshake().getClientSupportedGroups();
        if (offered == null) {
            // RFC 4492: a client without supported_groups leaves the choice to us.
            return NamedGroup.secp256r1;
        }
        for (int g : offered) {
            if (DtlsPolicy.isAllowedGroup(g) && NamedGroup.getCurveBits(g) >= minimumCurveBits) {
                return g;
            }
        }
        return -1;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() {
        return identity.signerFor(context);
    }

    @Override
    protected byte[] getNewConnectionID() {
        return new byte[] {
            (byte) (connectionId >>> 24), (byte) (connectionId >>> 16), (byte) (connectionId >>> 8), (byte) connectionId
        };
    }

    // A session ID only when sessions are cached: an empty ID tells the client not to try resuming.
    @Override
    public byte[] getNewSessionID() {
        if (sessions == null) {
            return null;
        }
        byte[] id = new byte[32];
        getCrypto().getSecureRandom().nextBytes(id);
        return id;
    }

    @Override
    public TlsSession getSessionToResume(byte[] sessionID) {
        if (sessions == null) {
            return null;
        }
        TlsSession s = sessions.lookup(sessionID);
        offered = s;
        return s;
    }

    // A resumed session keeps the suite its master secret was made for (the client checks it).
    @Override
    public int getSelectedCipherSuite() throws IOException {
        SecurityParameters sp = context.getSecurityParametersHandshake();
        TlsSession s = offered;
        if (sp.isResumedSession() && s != null) {
            int suite = s.exportSessionParameters().getCipherSuite();
            if (org.bouncycastle.util.Arrays.contains(offeredCipherSuites, suite)
                    && TlsUtils.isValidVersionForCipherSuite(suite, sp.getNegotiatedVersion())) {
                return suite;
            }
        }
        return super.getSelectedCipherSuite();
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

    /**
     * The server endpoint gave this handshake up (evicted for a newcomer): the worker's receive now fails and
     * Bouncy Castle raises internal_error, which never reaches the wire and is logged at DEBUG, not WARNING.
     * Any thread.
     */
    public void abandoned() {
        abandoned = true;
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        if (abandoned) {
            DtlsPolicy.LOG.log(System.Logger.Level.DEBUG, "DTLS server gave up the abandoned handshake with " + peer);
            return;
        }
        DtlsPolicy.logAlertRaised("server", peer, alertLevel, alertDescription, message, cause);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        DtlsPolicy.logAlertReceived("server", peer, alertLevel, alertDescription);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        if (sessions != null && !resumed()) {
            sessions.store(context.getResumableSession());
        }
        DtlsPolicy.LOG.log(System.Logger.Level.DEBUG, () -> "DTLS handshake with " + peer + " complete, suite "
                + "0x" + Integer.toHexString(negotiatedCipherSuite())
                + (connectionIdNegotiated() ? ", connection ID " + Integer.toHexString(connectionId) : ", no connection ID")
                + (resumed() ? ", session resumed" : ""));
    }
}
