package io.tickwire.net.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real DTLS 1.2 handshakes over loopback UDP between {@link TickwireTlsClient} and {@link TickwireTlsServer}. */
class TickwireDtlsHandshakeTest {

    private static final DtlsConfig CONFIG = new DtlsConfig(10_000, 200);
    private static final int SERVER_CID = 0x1234ABCD;

    private static ServerIdentity identity;
    private static ServerIdentity otherIdentity;

    @TempDir
    Path tmp;

    @BeforeAll
    static void identities() {
        identity = ServerIdentity.generate("handshake test server");
        otherIdentity = ServerIdentity.generate("impostor");
    }

    private static TickwireTlsServer server(TlsCrypto crypto, ServerIdentity id) {
        return new TickwireTlsServer(crypto, id, CONFIG, SERVER_CID, "test client");
    }

    private static TickwireTlsClient client(TlsCrypto crypto, ServerTrust trust, int port) {
        return new TickwireTlsClient(crypto, trust, "127.0.0.1", port, CONFIG);
    }

    @Test
    void pinnedFingerprintHandshakeNegotiatesAeadSuiteAndConnectionIdsAndCarriesData() throws Exception {
        try (DtlsPair p = new DtlsPair()) {
            TickwireTlsServer server = server(DtlsPair.bcCrypto(), identity);
            TickwireTlsClient client = client(DtlsPair.bcCrypto(), ServerTrust.pinned(identity.fingerprint()), p.serverPort());
            p.handshake(server, client);
            assertNull(p.clientError, () -> "client failed: " + p.clientError);
            assertNull(p.serverError, () -> "server failed: " + p.serverError);
            assertEquals(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, client.negotiatedCipherSuite());
            assertEquals(identity.fingerprint(), client.serverFingerprint());
            assertTrue(client.connectionIdNegotiated());
            assertTrue(server.connectionIdNegotiated());

            int before = p.clientSent.size();
            byte[] msg = "hello over dtls".getBytes(StandardCharsets.US_ASCII);
            p.clientTransport.send(msg, 0, msg.length);
            byte[] buf = new byte[2048];
            int n = p.serverTransport.receive(buf, 0, buf.length, 5_000);
            assertEquals(msg.length, n);
            assertArrayEquals(msg, java.util.Arrays.copyOf(buf, n));

            // The application record went out as tls12_cid (25) carrying the server's CID after
            // the 11-byte type/version/epoch/sequence prefix.
            byte[] record = p.clientSent.get(before);
            assertEquals(ContentType.tls12_cid, record[0]);
            int cid = ((record[11] & 0xFF) << 24) | ((record[12] & 0xFF) << 16) | ((record[13] & 0xFF) << 8)
                    | (record[14] & 0xFF);
            assertEquals(SERVER_CID, cid);
        }
    }

    @Test
    void wrongPinFailsHandshakeWithMessageNamingBothFingerprints() throws Exception {
        try (DtlsPair p = new DtlsPair()) {
            TickwireTlsClient client = client(DtlsPair.bcCrypto(), ServerTrust.pinned(identity.fingerprint()), p.serverPort());
            p.handshake(server(DtlsPair.bcCrypto(), otherIdentity), client);
            TlsFatalAlert alert = assertInstanceOf(TlsFatalAlert.class, p.clientError);
            assertEquals(AlertDescription.bad_certificate, alert.getAlertDescription());
            TrustFailure f = client.trustFailure().orElseThrow();
            assertEquals(TrustFailure.Kind.PIN_MISMATCH, f.kind());
            assertTrue(f.message().contains(identity.fingerprint().toString()), f.message());
            assertTrue(f.message().contains(otherIdentity.fingerprint().toString()), f.message());
            assertEquals(identity.fingerprint(), f.expected());
            assertEquals(otherIdentity.fingerprint(), f.presented());
            assertNotNull(p.serverError, "server must not complete a handshake the client refused");
        }
    }

    @Test
    void trustOnFirstUseRemembersServerAndRefusesChangedCertificateNamingFileAndLine() throws Exception {
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, "# tickwire known hosts\n");
        ServerTrust tofu = ServerTrust.trustOnFirstUse(knownHosts);
        int port;
        try (DtlsPair p = new DtlsPair()) {
            port = p.serverPort();
            p.handshake(server(DtlsPair.bcCrypto(), identity), client(DtlsPair.bcCrypto(), tofu, port));
            assertNull(p.clientError, () -> "first contact must be accepted: " + p.clientError);
        }
        List<String> lines = Files.readAllLines(knownHosts);
        assertEquals(List.of("# tickwire known hosts", "127.0.0.1:" + port + " " + identity.fingerprint()), lines);

        // The same server again: accepted, nothing added. Then an impostor on the same address.
        TickwireTlsClient again = client(DtlsPair.bcCrypto(), tofu, port);
        assertNull(tofu.check("127.0.0.1", port, new byte[][] {identity.certificateChain().get(0).getEncoded()}));
        assertEquals(2, Files.readAllLines(knownHosts).size());
        try (DtlsPair p = new DtlsPair()) {
            // The pair's port differs; the entry is keyed by host:port, so check via the recorded port.
            TickwireTlsClient impostorTarget = new TickwireTlsClient(DtlsPair.bcCrypto(), tofu, "127.0.0.1", port, CONFIG);
            p.handshake(server(DtlsPair.bcCrypto(), otherIdentity), impostorTarget);
            TlsFatalAlert alert = assertInstanceOf(TlsFatalAlert.class, p.clientError);
            assertEquals(AlertDescription.bad_certificate, alert.getAlertDescription());
            TrustFailure f = impostorTarget.trustFailure().orElseThrow();
            assertEquals(TrustFailure.Kind.KNOWN_HOST_MISMATCH, f.kind());
            assertEquals(knownHosts, f.knownHostsFile());
            assertEquals(2, f.knownHostsLine());
            assertTrue(f.message().contains(identity.fingerprint().toString()), f.message());
            assertTrue(f.message().contains(otherIdentity.fingerprint().toString()), f.message());
            assertTrue(f.message().contains(knownHosts.toString()) && f.message().contains("line 2"), f.message());
        }
        assertFalse(again.trustFailure().isPresent());
    }

    @Test
    void caChainHandshakeSucceedsAndExpiredLeafIsRefused() throws Exception {
        Instant now = Instant.now();
        TestPki pki = new TestPki("tickwire test CA", now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(400)));
        KeyPair leafKeys = TestPki.p256();
        X509Certificate leaf = pki.issue(leafKeys, "127.0.0.1", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        Path certPem = tmp.resolve("chain.pem");
        Path keyPem = tmp.resolve("key.pem");
        TestPki.writePem(certPem, leaf, pki.caCert);
        TestPki.writePem(keyPem, leafKeys.getPrivate());
        ServerIdentity caIdentity = ServerIdentity.fromPem(certPem, keyPem);
        assertEquals(2, caIdentity.certificateChain().size());

        try (DtlsPair p = new DtlsPair()) {
            TickwireTlsClient client = client(DtlsPair.bcCrypto(), ServerTrust.caChain(List.of(pki.caCert)), p.serverPort());
            p.handshake(server(DtlsPair.bcCrypto(), caIdentity), client);
            assertNull(p.clientError, () -> "client failed: " + p.clientError);
            assertNull(p.serverError, () -> "server failed: " + p.serverError);
        }
        // Sixty days on, the leaf has expired: the same chain is refused, naming the presented fingerprint.
        Clock later = Clock.fixed(now.plus(Duration.ofDays(60)), ZoneOffset.UTC);
        try (DtlsPair p = new DtlsPair()) {
            TickwireTlsClient client = client(DtlsPair.bcCrypto(), ServerTrust.caChain(List.of(pki.caCert), later), p.serverPort());
            p.handshake(server(DtlsPair.bcCrypto(), caIdentity), client);
            assertInstanceOf(TlsFatalAlert.class, p.clientError);
            TrustFailure f = client.trustFailure().orElseThrow();
            assertEquals(TrustFailure.Kind.CHAIN_INVALID, f.kind());
            assertTrue(f.message().contains(caIdentity.fingerprint().toString()), f.message());
        }
        // A self-signed identity does not chain to the CA.
        try (DtlsPair p = new DtlsPair()) {
            TickwireTlsClient client = client(DtlsPair.bcCrypto(), ServerTrust.caChain(List.of(pki.caCert)), p.serverPort());
            p.handshake(server(DtlsPair.bcCrypto(), identity), client);
            assertInstanceOf(TlsFatalAlert.class, p.clientError);
            assertEquals(TrustFailure.Kind.CHAIN_INVALID, client.trustFailure().orElseThrow().kind());
        }
    }

    @Test
    void jcaCryptoOnBothSidesCompletesHandshake() throws Exception {
        try (DtlsPair p = new DtlsPair()) {
            TlsCrypto jca1 = new JcaTlsCryptoProvider().create(new SecureRandom());
            TlsCrypto jca2 = new JcaTlsCryptoProvider().create(new SecureRandom());
            TickwireTlsClient client = client(jca1, ServerTrust.pinned(identity.fingerprint()), p.serverPort());
            p.handshake(server(jca2, identity), client);
            assertNull(p.clientError, () -> "client failed: " + p.clientError);
            assertNull(p.serverError, () -> "server failed: " + p.serverError);
        }
    }

    @Test
    void chachaIsOfferedOnlyWhenTheCryptoCanRunIt() {
        TlsCrypto bc = DtlsPair.bcCrypto();
        TlsCrypto jca = new JcaTlsCryptoProvider().create(new SecureRandom());
        int chacha = CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256;
        assertTrue(contains(DtlsPolicy.suitesFor(bc), chacha));
        assertEquals(jca.hasEncryptionAlgorithm(org.bouncycastle.tls.EncryptionAlgorithm.CHACHA20_POLY1305),
                contains(DtlsPolicy.suitesFor(jca), chacha));
        assertTrue(contains(DtlsPolicy.suitesFor(jca), CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256));
    }

    @Test
    void dtls10OnlyClientIsRefusedWithProtocolVersionAlert() throws Exception {
        try (DtlsPair p = new DtlsPair()) {
            DefaultTlsClient old = new LegacyClient(ProtocolVersion.DTLSv10,
                    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA);
            p.handshake(server(DtlsPair.bcCrypto(), identity), old);
            assertNotNull(p.clientError);
            TlsFatalAlert serverAlert = assertInstanceOf(TlsFatalAlert.class, p.serverError);
            assertEquals(AlertDescription.protocol_version, serverAlert.getAlertDescription());
        }
    }

    @Test
    void clientOfferingOnlyNonAeadSuitesIsRefusedWithHandshakeFailure() throws Exception {
        try (DtlsPair p = new DtlsPair()) {
            DefaultTlsClient cbc = new LegacyClient(ProtocolVersion.DTLSv12,
                    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA);
            p.handshake(server(DtlsPair.bcCrypto(), identity), cbc);
            TlsFatalAlertReceived received = assertInstanceOf(TlsFatalAlertReceived.class, p.clientError);
            assertEquals(AlertDescription.handshake_failure, received.getAlertDescription());
            TlsFatalAlert serverAlert = assertInstanceOf(TlsFatalAlert.class, p.serverError);
            assertEquals(AlertDescription.handshake_failure, serverAlert.getAlertDescription());
        }
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** A plain BC client restricted to one version and the given suites; it never gets far enough to authenticate. */
    private static final class LegacyClient extends DefaultTlsClient {
        private final ProtocolVersion version;
        private final int[] suites;

        LegacyClient(ProtocolVersion version, int... suites) {
            super(DtlsPair.bcCrypto());
            this.version = version;
            this.suites = suites;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return version.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return suites.clone();
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return 10_000;
        }

        @Override
        public TlsAuthentication getAuthentication() throws java.io.IOException {
            throw new TlsFatalAlert(AlertDescription.internal_error, "test client must not reach authentication");
        }
    }
}
