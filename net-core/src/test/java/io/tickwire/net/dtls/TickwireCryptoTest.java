package io.tickwire.net.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TickwireCryptoTest {

    private static final ServerIdentity ID = ServerIdentity.generate("crypto test");
    private static final DtlsConfig CONFIG = new DtlsConfig(10_000, 200);

    @ParameterizedTest
    @EnumSource(TickwireCrypto.Kind.class)
    void everyKindCompletesAGuardedHandshakeWithConnectionIdsAndCarriesData(TickwireCrypto.Kind kind) throws Exception {
        handshakeAndEcho(TickwireCrypto.create(kind, HandshakeGuardConfig.DEFAULTS),
                TickwireCrypto.create(kind, HandshakeGuardConfig.DEFAULTS),
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    }

    @Test
    void defaultCryptoRunsAllThreeSuitesIncludingChaCha() throws Exception {
        TlsCrypto c = TickwireCrypto.create();
        assertTrue(c.hasEncryptionAlgorithm(EncryptionAlgorithm.CHACHA20_POLY1305));
        for (int suite : DtlsPolicy.SUITES) {
            handshakeAndEcho(TickwireCrypto.create(), TickwireCrypto.create(), suite);
        }
    }

    @Test
    void hybridServerInteroperatesWithPlainBouncyCastleClientBothWays() throws Exception {
        // The JDK's AES-GCM and BC's must produce the same records.
        handshakeAndEcho(TickwireCrypto.create(), DtlsPair.bcCrypto(), CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384);
        handshakeAndEcho(DtlsPair.bcCrypto(), TickwireCrypto.create(), CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    }

    @Test
    void encryptedHandshakeCheckAcceptsOnlySmallFinishedMessages() {
        HandshakeGuard g = new HandshakeGuard(HandshakeGuardConfig.DEFAULTS);
        byte[] finished = HandshakeGuardTest.fragment(20, 12, 3, 0, 12);
        assertEquals(GuardVerdict.PASS, g.checkEncryptedHandshake(finished, 0, finished.length));
        byte[] huge = HandshakeGuardTest.fragment(20, 0xFFFFFF, 3, 0, 12);
        assertEquals(GuardVerdict.MESSAGE_TOO_LONG, g.checkEncryptedHandshake(huge, 0, huge.length));
        byte[] notFinished = HandshakeGuardTest.fragment(1, 12, 3, 0, 12);
        assertEquals(GuardVerdict.UNEXPECTED_MESSAGE_TYPE, g.checkEncryptedHandshake(notFinished, 0, notFinished.length));
        byte[] manyEmpty = HandshakeGuardTest.concat(HandshakeGuardTest.fragment(20, 4000, 4, 0, 0),
                HandshakeGuardTest.fragment(20, 4000, 5, 0, 0));
        assertEquals(GuardVerdict.FRAGMENT_TOO_SMALL, g.checkEncryptedHandshake(manyEmpty, 0, manyEmpty.length));
    }

    private static void handshakeAndEcho(TlsCrypto serverCrypto, TlsCrypto clientCrypto, int suite) throws Exception {
        try (DtlsPair p = new DtlsPair()) {
            TickwireTlsServer server = new TickwireTlsServer(serverCrypto, ID, CONFIG, 99, "crypto test");
            TickwireTlsClient client = new TickwireTlsClient(clientCrypto, ServerTrust.pinned(ID.fingerprint()),
                    "127.0.0.1", p.serverPort(), CONFIG) {
                @Override
                protected int[] getSupportedCipherSuites() {
                    return new int[] {suite};
                }
            };
            p.handshake(server, client);
            assertNull(p.clientError, () -> "client: " + p.clientError);
            assertNull(p.serverError, () -> "server: " + p.serverError);
            assertEquals(suite, server.negotiatedCipherSuite());
            assertTrue(server.connectionIdNegotiated());
            byte[] buf = new byte[1500];
            for (int size : new int[] {1, 64, 1200}) {
                byte[] msg = new byte[size];
                Arrays.fill(msg, (byte) size);
                p.clientTransport.send(msg, 0, size);
                assertEquals(size, p.serverTransport.receive(buf, 0, buf.length, 5_000));
                assertArrayEquals(msg, Arrays.copyOf(buf, size));
                p.serverTransport.send(msg, 0, size);
                assertEquals(size, p.clientTransport.receive(buf, 0, buf.length, 5_000));
                assertArrayEquals(msg, Arrays.copyOf(buf, size));
            }
            byte[] bye = "bye".getBytes(StandardCharsets.US_ASCII);
            p.clientTransport.send(bye, 0, bye.length);
            assertEquals(3, p.serverTransport.receive(buf, 0, buf.length, 5_000));
        }
    }
}
