package io.tickwire.net.admission;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The backend's Ed25519 key pair for connect tokens (Bouncy Castle): generate it, save and load it
 * as PEM (PKCS#8 "PRIVATE KEY", X.509 "PUBLIC KEY", the formats {@code openssl pkey} reads). The
 * backend keeps the private key; dedicated servers get only the public key.
 */
public final class BackendKeys {

    private BackendKeys() {
    }

    /** A new private key from {@code random}; its public key is {@code key.generatePublicKey()}. */
    public static Ed25519PrivateKeyParameters generate(SecureRandom random) {
        return new Ed25519PrivateKeyParameters(random);
    }

    /** The private key as PEM text. */
    public static String privatePem(Ed25519PrivateKeyParameters key) {
        try {
            return pem("PRIVATE KEY", PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("encoding an Ed25519 private key failed", e);
        }
    }

    /** The public key as PEM text. */
    public static String publicPem(Ed25519PublicKeyParameters key) {
        try {
            return pem("PUBLIC KEY", SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("encoding an Ed25519 public key failed", e);
        }
    }

    /** Writes the private key to {@code file} (owner-only permissions where the file system has them). */
    public static void savePrivate(Ed25519PrivateKeyParameters key, Path file) throws IOException {
        Files.writeString(file, privatePem(key), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the ACLs of the directory apply.
        }
    }

    /** Writes the public key to {@code file}. */
    public static void savePublic(Ed25519PublicKeyParameters key, Path file) throws IOException {
        Files.writeString(file, publicPem(key), StandardCharsets.US_ASCII);
    }

    /**
     * Reads an Ed25519 private key from a PEM file.
     *
     * @throws IOException when the file cannot be read or holds no Ed25519 private key (the message says what it holds)
     */
    public static Ed25519PrivateKeyParameters loadPrivate(Path file) throws IOException {
        Object o = readPem(file);
        if (!(o instanceof PrivateKeyInfo info)) {
            throw new IOException(file + " holds no PRIVATE KEY (found " + describe(o) + "); make one with"
                    + " `arena token keygen` or BackendKeys.savePrivate");
        }
        AsymmetricKeyParameter k = PrivateKeyFactory.createKey(info);
        if (!(k instanceof Ed25519PrivateKeyParameters ed)) {
            throw new IOException(file + " holds a " + k.getClass().getSimpleName() + ", not an Ed25519 private key");
        }
        return ed;
    }

    /**
     * Reads an Ed25519 public key from a PEM file.
     *
     * @throws IOException when the file cannot be read or holds no Ed25519 public key (the message says what it holds)
     */
    public static Ed25519PublicKeyParameters loadPublic(Path file) throws IOException {
        Object o = readPem(file);
        if (!(o instanceof SubjectPublicKeyInfo info)) {
            throw new IOException(file + " holds no PUBLIC KEY (found " + describe(o) + "); a server needs the backend's"
                    + " public key, written by `arena token keygen` as backend-public.pem");
        }
        AsymmetricKeyParameter k = PublicKeyFactory.createKey(info);
        if (!(k instanceof Ed25519PublicKeyParameters ed)) {
            throw new IOException(file + " holds a " + k.getClass().getSimpleName() + ", not an Ed25519 public key");
        }
        return ed;
    }

    private static Object readPem(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try (Reader r = new StringReader(text); PEMParser parser = new PEMParser(r)) {
            return parser.readObject();
        }
    }

    private static String describe(Object o) {
        return o == null ? "no PEM block" : o.getClass().getSimpleName();
    }

    private static String pem(String type, byte[] der) throws IOException {
        StringWriter out = new StringWriter();
        try (Writer w = out; PemWriter pw = new PemWriter(w)) {
            pw.writeObject(new PemObject(type, der));
        }
        return out.toString();
    }
}
