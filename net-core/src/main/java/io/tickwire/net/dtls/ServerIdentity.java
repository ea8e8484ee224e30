package io.tickwire.net.dtls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * The server's long-term identity: an ECDSA P-256 private key and its certificate chain (leaf
 * first), generated self-signed on first start or loaded from the operator's PEM or PKCS#12
 * files. Immutable and thread-safe.
 */
public final class ServerIdentity {

    /** File name of the certificate that {@link #loadOrCreate} keeps in its directory. */
    public static final String CERTIFICATE_FILE = "server-cert.pem";

    /** File name of the private key that {@link #loadOrCreate} keeps in its directory (mode 0600). */
    public static final String PRIVATE_KEY_FILE = "server-key.pem";

    /** Validity of a generated self-signed certificate. */
    public static final Duration GENERATED_VALIDITY = Duration.ofDays(3650);

    private static final String CURVE = "secp256r1";
    private static final int CURVE_BITS = 256;
    private static final SignatureAndHashAlgorithm ECDSA_SHA256 =
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final Fingerprint fingerprint;
    private final byte[][] derChain;
    // The same private key in Bouncy Castle's lightweight form, for BcTlsCrypto and its subclasses.
    private final AsymmetricKeyParameter bcPrivateKey;

    private ServerIdentity(PrivateKey privateKey, List<X509Certificate> chain, String source) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate in " + source);
        }
        checkP256(privateKey, source);
        X509Certificate leaf = chain.get(0);
        checkKeyMatchesCertificate(privateKey, leaf, source);
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
        this.fingerprint = Fingerprint.of(leaf);
        this.derChain = new byte[chain.size()][];
        try {
            for (int i = 0; i < chain.size(); i++) {
                derChain[i] = chain.get(i).getEncoded();
            }
            this.bcPrivateKey = PrivateKeyFactory.createKey(privateKey.getEncoded());
        } catch (CertificateEncodingException | IOException e) {
            throw new IllegalArgumentException("cannot encode the identity from " + source + ": " + e.getMessage(), e);
        }
    }

    /** Generates a fresh in-memory identity (key and self-signed certificate) with the given common name. */
    public static ServerIdentity generate(String commonName) {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec(CURVE), new SecureRandom());
            KeyPair kp = kpg.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=" + commonName);
            BigInteger serial = new BigInteger(63, new SecureRandom()).add(BigInteger.ONE);
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(GENERATED_VALIDITY)), name,
                    kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            return new ServerIdentity(kp.getPrivate(), List.of(cert), "generated identity");
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate an ECDSA P-256 identity: " + e.getMessage(), e);
        }
    }

    /**
     * Loads {@value #CERTIFICATE_FILE} and {@value #PRIVATE_KEY_FILE} from {@code directory}, or,
     * when neither exists, generates a new identity and writes both there (the key with POSIX
     * permissions 0600 where the file system has them).
     *
     * @throws IOException when only one of the two files exists, or a file cannot be read or written
     */
    public static ServerIdentity loadOrCreate(Path directory) throws IOException {
        Path certFile = directory.resolve(CERTIFICATE_FILE);
        Path keyFile = directory.resolve(PRIVATE_KEY_FILE);
        boolean haveCert = Files.exists(certFile);
        boolean haveKey = Files.exists(keyFile);
        if (haveCert && haveKey) {
            return fromPem(certFile, keyFile);
        }
        if (haveCert || haveKey) {
            throw new IOException("server identity is incomplete: " + (haveCert ? keyFile : certFile)
                    + " is missing while " + (haveCert ? certFile : keyFile)
                    + " exists; restore it or delete both to generate a new identity (clients will see a new fingerprint)");
        }
        Files.createDirectories(directory);
        ServerIdentity id = generate("Tickwire server");
        // Key first, so a crash between the two writes leaves "key without cert", which the
        // check above reports instead of silently generating a second identity.
        writeAtomically(keyFile, id.privateKeyPem(), true);
        writeAtomically(certFile, id.certificateChainPem(), false);
        return id;
    }

    /**
     * Loads an operator-given identity: a PEM file with the certificate chain (leaf first) and a
     * PEM file with the unencrypted private key (PKCS#8 "PRIVATE KEY" or SEC1 "EC PRIVATE KEY").
     *
     * @throws IOException when a file cannot be read or does not hold what is expected (the message names it)
     */
    public static ServerIdentity fromPem(Path certificateChainPem, Path privateKeyPem) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(certificateChainPem, StandardCharsets.US_ASCII);
             PEMParser p = new PEMParser(r)) {
            JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (!(o instanceof X509CertificateHolder)) {
                    throw new IOException(certificateChainPem + " contains a " + o.getClass().getSimpleName()
                            + " where only CERTIFICATE blocks are expected");
                }
                chain.add(conv.getCertificate((X509CertificateHolder) o));
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot decode certificate in " + certificateChainPem + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException("no CERTIFICATE block in " + certificateChainPem);
        }
        PrivateKey key;
        try (Reader r = Files.newBufferedReader(privateKeyPem, StandardCharsets.US_ASCII);
             PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo) {
                key = conv.getPrivateKey((PrivateKeyInfo) o);
            } else if (o instanceof PEMKeyPair) {
                key = conv.getKeyPair((PEMKeyPair) o).getPrivate();
            } else if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new IOException(privateKeyPem + " holds an encrypted key; give an unencrypted PEM key "
                        + "(file mode 0600) or a password-protected PKCS#12 file instead");
            } else {
                throw new IOException("no PRIVATE KEY or EC PRIVATE KEY block in " + privateKeyPem);
            }
        }
        try {
            return new ServerIdentity(key, chain, certificateChainPem + " + " + privateKeyPem);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Loads an operator-given PKCS#12 file holding one private key entry (ECDSA P-256) and its chain.
     *
     * @throws IOException when the file cannot be read, the password is wrong, or it holds no usable key entry
     */
    public static ServerIdentity fromPkcs12(Path pkcs12, char[] password) throws IOException {
        KeyStore ks;
        try (InputStream in = Files.newInputStream(pkcs12)) {
            ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot open PKCS#12 file " + pkcs12 + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException("cannot open PKCS#12 file " + pkcs12 + " (wrong password?): " + e.getMessage(), e);
        }
        try {
            String alias = null;
            for (Enumeration<String> e = ks.aliases(); e.hasMoreElements(); ) {
                String a = e.nextElement();
                if (ks.isKeyEntry(a)) {
                    if (alias != null) {
                        throw new IOException(pkcs12 + " holds more than one key entry ('" + alias + "', '" + a
                                + "'); give a file with exactly one");
                    }
                    alias = a;
                }
            }
            if (alias == null) {
                throw new IOException(pkcs12 + " holds no private key entry");
            }
            Key key = ks.getKey(alias, password);
            if (!(key instanceof PrivateKey)) {
                throw new IOException("entry '" + alias + "' in " + pkcs12 + " is not a private key");
            }
            Certificate[] certs = ks.getCertificateChain(alias);
            List<X509Certificate> chain = new ArrayList<>();
            if (certs != null) {
                for (Certificate c : certs) {
                    chain.add((X509Certificate) c);
                }
            }
            return new ServerIdentity((PrivateKey) key, chain, pkcs12 + " entry '" + alias + "'");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("cannot use PKCS#12 file " + pkcs12 + ": " + e.getMessage(), e);
        }
    }

    /** The SHA-256 fingerprint of the leaf certificate, the value clients pin. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** The certificate chain, leaf first (unmodifiable). */
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    /** The certificate chain as PEM text, leaf first. */
    public String certificateChainPem() {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (X509Certificate c : chain) {
                w.writeObject(c);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot PEM-encode certificate: " + e.getMessage(), e);
        }
        return sw.toString();
    }

    // Package-private: only the key file writer and tests need the key's text form.
    String privateKeyPem() {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(new JcaPKCS8Generator(privateKey, null));
        } catch (IOException e) {
            throw new IllegalStateException("cannot PEM-encode private key: " + e.getMessage(), e);
        }
        return sw.toString();
    }

    /**
     * Signing credentials for one handshake on {@code context}, using the context's crypto
     * ({@link BcTlsCrypto} and its subclasses, or {@link JcaTlsCrypto}).
     */
    public TlsCredentialedSigner signerFor(TlsContext context) {
        TlsCrypto crypto = context.getCrypto();
        TlsCertificate[] tlsChain = new TlsCertificate[derChain.length];
        try {
            for (int i = 0; i < derChain.length; i++) {
                tlsChain[i] = crypto.createCertificate(derChain[i]);
            }
        } catch (IOException e) {
            throw new IllegalStateException("crypto refused our own certificate: " + e.getMessage(), e);
        }
        org.bouncycastle.tls.Certificate bcChain = new org.bouncycastle.tls.Certificate(tlsChain);
        TlsCryptoParameters params = new TlsCryptoParameters(context);
        if (crypto instanceof BcTlsCrypto) {
            return new BcDefaultTlsCredentialedSigner(params, (BcTlsCrypto) crypto, bcPrivateKey, bcChain, ECDSA_SHA256);
        }
        if (crypto instanceof JcaTlsCrypto) {
            return new JcaDefaultTlsCredentialedSigner(params, (JcaTlsCrypto) crypto, privateKey, bcChain, ECDSA_SHA256);
        }
        throw new IllegalArgumentException("unsupported TlsCrypto " + crypto.getClass().getName()
                + " (expected BcTlsCrypto or JcaTlsCrypto)");
    }

    private static void checkP256(PrivateKey key, String source) {
        if (!(key instanceof ECKey) || ((ECKey) key).getParams().getCurve().getField().getFieldSize() != CURVE_BITS
                || ((ECKey) key).getParams().getOrder().bitLength() != CURVE_BITS) {
            throw new IllegalArgumentException("the private key in " + source + " is " + key.getAlgorithm()
                    + ", not ECDSA P-256 (secp256r1) as Tickwire requires");
        }
    }

    private static void checkKeyMatchesCertificate(PrivateKey key, X509Certificate leaf, String source) {
        // Sign and verify a probe: the only check that holds for every key encoding.
        try {
            byte[] probe = "tickwire identity probe".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance("SHA256withECDSA");
            v.initVerify(leaf.getPublicKey());
            v.update(probe);
            if (!v.verify(sig)) {
                throw new IllegalArgumentException("the private key in " + source
                        + " does not belong to the leaf certificate " + leaf.getSubjectX500Principal());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the private key in " + source
                    + " does not fit the leaf certificate " + leaf.getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path target, String text, boolean secret) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp;
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        if (secret && posix) {
            tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        }
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
                w.write(text);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException(target + " appeared while the identity was being written; another server "
                    + "instance may share this directory", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public String toString() {
        return "ServerIdentity[" + chain.get(0).getSubjectX500Principal() + ", " + fingerprint + "]";
    }

}
