package io.tickwire.net.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ServerTrust} decisions on real certificates, without a handshake. */
class ServerTrustTest {

    private static final ServerIdentity A = ServerIdentity.generate("a");
    private static final ServerIdentity B = ServerIdentity.generate("b");

    @TempDir
    Path tmp;

    private static byte[][] der(ServerIdentity id) throws Exception {
        return new byte[][] {id.certificateChain().get(0).getEncoded()};
    }

    @Test
    void pinAcceptsOnlyTheExactLeafAndAnEmptyChainIsRefused() throws Exception {
        ServerTrust pin = ServerTrust.pinned(A.fingerprint());
        assertNull(pin.check("h", 1, der(A)));
        assertEquals(TrustFailure.Kind.PIN_MISMATCH, pin.check("h", 1, der(B)).kind());
        assertEquals(TrustFailure.Kind.NO_CERTIFICATE, pin.check("h", 1, new byte[0][]).kind());
    }

    @Test
    void knownHostsKeysByHostAndPortAndBracketsIpv6() throws Exception {
        Path file = tmp.resolve("sub").resolve("known_hosts");
        ServerTrust tofu = ServerTrust.trustOnFirstUse(file);
        assertNull(tofu.check("Game.Example", 7777, der(A)));
        assertNull(tofu.check("::1", 7777, der(B)));
        assertNull(tofu.check("game.example", 7778, der(B)));
        assertEquals(List.of("game.example:7777 " + A.fingerprint(), "[::1]:7777 " + B.fingerprint(),
                "game.example:7778 " + B.fingerprint()), Files.readAllLines(file));
        TrustFailure f = tofu.check("game.example", 7777, der(B));
        assertEquals(TrustFailure.Kind.KNOWN_HOST_MISMATCH, f.kind());
        assertEquals(1, f.knownHostsLine());
        assertEquals(A.fingerprint(), f.expected());
        assertEquals(B.fingerprint(), f.presented());
    }

    @Test
    void malformedKnownHostsLineIsReportedWithItsNumberInsteadOfBeingSkipped() throws Exception {
        Path file = tmp.resolve("known_hosts");
        Files.writeString(file, "# comment\n\nhost:1 sha256:00\n");
        TrustFailure f = ServerTrust.trustOnFirstUse(file).check("other", 2, der(A));
        assertNotNull(f);
        assertEquals(TrustFailure.Kind.KNOWN_HOSTS_UNUSABLE, f.kind());
        assertEquals(3, f.knownHostsLine());
        assertTrue(f.message().contains("line 3") && f.message().contains(A.fingerprint().toString()), f.message());
        Files.writeString(file, "just-one-field\n");
        assertEquals(1, ServerTrust.trustOnFirstUse(file).check("other", 2, der(A)).knownHostsLine());
    }

    @Test
    void caChainChecksHostNameAndRefusesAnEmptyRootSet() throws Exception {
        Instant now = Instant.now();
        TestPki pki = new TestPki("trust test CA", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        KeyPair keys = TestPki.p256();
        X509Certificate leaf = pki.issue(keys, "10.0.0.5", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)));
        ServerTrust ca = ServerTrust.caChain(List.of(pki.caCert));
        byte[][] chain = {leaf.getEncoded(), pki.caCert.getEncoded()};
        assertNull(ca.check("10.0.0.5", 1, chain));
        assertNull(ca.check("10.0.0.5", 1, new byte[][] {leaf.getEncoded()}));
        TrustFailure wrongName = ca.check("10.0.0.6", 1, chain);
        assertEquals(TrustFailure.Kind.CHAIN_INVALID, wrongName.kind());
        assertTrue(wrongName.message().contains("does not name '10.0.0.6'"), wrongName.message());
        assertTrue(wrongName.message().contains(Fingerprint.of(leaf).toString()), wrongName.message());
        assertThrows(IllegalArgumentException.class, () -> ServerTrust.caChain(List.of()));
    }
}
