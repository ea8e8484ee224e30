package io.tickwire.net.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerIdentityTest {

    @TempDir
    Path dir;

    @Test
    void loadOrCreateGeneratesOnceKeepsKeyPrivateAndReloadsSameFingerprint() throws Exception {
        ServerIdentity first = ServerIdentity.loadOrCreate(dir);
        Path key = dir.resolve(ServerIdentity.PRIVATE_KEY_FILE);
        assertTrue(Files.exists(dir.resolve(ServerIdentity.CERTIFICATE_FILE)));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(key);
            assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), perms);
        }
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
        ServerIdentity second = ServerIdentity.loadOrCreate(dir);
        assertEquals(first.fingerprint(), second.fingerprint());
        assertEquals(Fingerprint.of(second.certificateChain().get(0)), second.fingerprint());
    }

    @Test
    void loadOrCreateRefusesHalfAnIdentityInsteadOfReplacingIt() throws Exception {
        ServerIdentity.loadOrCreate(dir);
        Files.delete(dir.resolve(ServerIdentity.CERTIFICATE_FILE));
        IOException e = assertThrows(IOException.class, () -> ServerIdentity.loadOrCreate(dir));
        assertTrue(e.getMessage().contains(ServerIdentity.CERTIFICATE_FILE), e.getMessage());
    }

    @Test
    void pkcs12WithPasswordLoadsAndWrongPasswordIsAClearError() throws Exception {
        ServerIdentity generated = ServerIdentity.generate("p12 test");
        Path p12 = dir.resolve("id.p12");
        Path keyPem = dir.resolve("k.pem");
        Path certPem = dir.resolve("c.pem");
        Files.writeString(keyPem, generated.privateKeyPem());
        Files.writeString(certPem, generated.certificateChainPem());
        ServerIdentity fromPem = ServerIdentity.fromPem(certPem, keyPem);
        assertEquals(generated.fingerprint(), fromPem.fingerprint());

        // Build the PKCS#12 with the JDK's KeyStore from the PEM-loaded material.
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        java.security.PrivateKey pk = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getPrivateKey(
                (org.bouncycastle.asn1.pkcs.PrivateKeyInfo) new org.bouncycastle.openssl.PEMParser(
                        Files.newBufferedReader(keyPem)).readObject());
        ks.setKeyEntry("server", pk, "s3cret".toCharArray(),
                fromPem.certificateChain().toArray(new Certificate[0]));
        try (OutputStream out = Files.newOutputStream(p12)) {
            ks.store(out, "s3cret".toCharArray());
        }
        assertEquals(generated.fingerprint(), ServerIdentity.fromPkcs12(p12, "s3cret".toCharArray()).fingerprint());
        IOException wrong = assertThrows(IOException.class, () -> ServerIdentity.fromPkcs12(p12, "nope".toCharArray()));
        assertTrue(wrong.getMessage().contains(p12.toString()), wrong.getMessage());
    }

    @Test
    void keyThatDoesNotMatchTheCertificateIsRefused() throws Exception {
        Instant now = Instant.now();
        TestPki pki = new TestPki("ca", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)));
        KeyPair leafKeys = TestPki.p256();
        Path certPem = dir.resolve("c.pem");
        Path keyPem = dir.resolve("k.pem");
        TestPki.writePem(certPem, pki.issue(leafKeys, "127.0.0.1", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(5))));
        TestPki.writePem(keyPem, TestPki.p256().getPrivate());
        IOException e = assertThrows(IOException.class, () -> ServerIdentity.fromPem(certPem, keyPem));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void nonP256KeyIsRefusedNamingTheRequirement() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        KeyPair p384 = g.generateKeyPair();
        Path certPem = dir.resolve("c.pem");
        Path keyPem = dir.resolve("k.pem");
        Files.writeString(certPem, ServerIdentity.generate("x").certificateChainPem());
        TestPki.writePem(keyPem, p384.getPrivate());
        IOException e = assertThrows(IOException.class, () -> ServerIdentity.fromPem(certPem, keyPem));
        assertTrue(e.getMessage().contains("P-256"), e.getMessage());
    }
}
