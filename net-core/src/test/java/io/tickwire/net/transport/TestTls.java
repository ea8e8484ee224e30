package io.tickwire.net.transport;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Stock Bouncy Castle DTLS 1.2 peers for the endpoint's system tests: an ECDSA P-256 self-signed
 * server identity, ECDHE AEAD suites, 4-byte connection IDs both ways, and a client that pins the
 * server certificate's exact encoding. (The product peers live in io.tickwire.net.dtls.)
 */
final class TestTls {

    static final int[] SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    };

    final BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
    final AsymmetricKeyParameter privateKey;
    final byte[] certDer;

    TestTls() {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair kp = kpg.generateKeyPair();
            X500Name name = new X500Name("CN=tickwire-test");
            long now = System.currentTimeMillis();
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    new Date(now - 86_400_000L), new Date(now + 86_400_000L), name, kp.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
            this.certDer = holder.getEncoded();
            this.privateKey = PrivateKeyFactory.createKey(kp.getPrivate().getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException("test identity", e);
        }
    }

    TlsServerFactory servers() {
        return cid -> new Server(cid);
    }

    Client client() {
        return new Client();
    }

    final class Server extends DefaultTlsServer {
        private final byte[] cid;

        Server(byte[] cid) {
            super(crypto);
            this.cid = cid;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return SUITES.clone();
        }

        @Override
        protected byte[] getNewConnectionID() {
            return cid;
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return 10_000;
        }

        @Override
        protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
            TlsCertificate tc = crypto.createCertificate(certDer);
            return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, privateKey,
                    new Certificate(new TlsCertificate[] {tc}),
                    new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
        }
    }

    final class Client extends DefaultTlsClient {
        Client() {
            super(crypto);
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return SUITES.clone();
        }

        @Override
        protected byte[] getNewConnectionID() {
            byte[] cid = new byte[4];
            crypto.getSecureRandom().nextBytes(cid);
            return cid;
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return 10_000;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    Certificate chain = serverCertificate.getCertificate();
                    if (chain.isEmpty() || !Arrays.equals(chain.getCertificateAt(0).getEncoded(), certDer)) {
                        throw new TlsFatalAlert(AlertDescription.bad_certificate, "server certificate not pinned");
                    }
                }

                @Override
                public TlsCredentials getClientCredentials(org.bouncycastle.tls.CertificateRequest request) {
                    return null;
                }
            };
        }
    }
}
