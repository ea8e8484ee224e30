package io.tickwire.net.dtls;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test support: a tiny CA that issues ECDSA P-256 server certificates. */
final class TestPki {

    final KeyPair caKeys;
    final X509Certificate caCert;

    TestPki(String name, Instant notBefore, Instant notAfter) throws Exception {
        caKeys = p256();
        caCert = sign(new X500Name("CN=" + name), caKeys.getPublic(), new X500Name("CN=" + name), caKeys.getPrivate(),
                notBefore, notAfter, true, null);
    }

    static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return g.generateKeyPair();
    }

    /** Issues a leaf for {@code keys} naming {@code ipSan} (an IP literal) as subject alternative name. */
    X509Certificate issue(KeyPair keys, String ipSan, Instant notBefore, Instant notAfter) throws Exception {
        return sign(new X500Name("CN=tickwire test server"), keys.getPublic(), new X500Name(caCert.getSubjectX500Principal().getName()),
                caKeys.getPrivate(), notBefore, notAfter, false, ipSan);
    }

    private static X509Certificate sign(X500Name subject, PublicKey key, X500Name issuer, PrivateKey issuerKey,
                                        Instant notBefore, Instant notAfter, boolean ca, String ipSan) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(new SecureRandom().nextInt(Integer.MAX_VALUE) + 1L),
                Date.from(notBefore), Date.from(notAfter), subject, key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true,
                new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
        if (ipSan != null) {
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.iPAddress, ipSan)));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    static void writePem(Path file, Object... objects) throws Exception {
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
            for (Object o : objects) {
                w.writeObject(o instanceof PrivateKey ? new JcaPKCS8Generator((PrivateKey) o, null) : o);
            }
        }
    }
}
