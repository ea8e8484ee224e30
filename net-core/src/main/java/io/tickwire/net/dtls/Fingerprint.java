package io.tickwire.net.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * The SHA-256 digest of a DER-encoded leaf certificate, written {@code sha256:} followed by 64
 * lowercase hex digits; the value clients pin to recognise a Tickwire server.
 */
public final class Fingerprint {

    /** The canonical text prefix. */
    public static final String PREFIX = "sha256:";

    /** Length of the SHA-256 digest in bytes. */
    public static final int DIGEST_LENGTH = 32;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final byte[] digest;

    private Fingerprint(byte[] digest) {
        this.digest = digest;
    }

    /** The fingerprint of the given DER-encoded certificate. */
    public static Fingerprint ofDer(byte[] derCertificate) {
        try {
            return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(derCertificate));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256, so this is a broken runtime.
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    /**
     * The fingerprint whose digest is {@code digest} (exactly {@value #DIGEST_LENGTH} bytes, copied),
     * as carried in binary form, for example in a LAN discovery answer.
     */
    public static Fingerprint fromDigest(byte[] digest) {
        if (digest == null || digest.length != DIGEST_LENGTH) {
            throw new IllegalArgumentException("a SHA-256 fingerprint digest is exactly " + DIGEST_LENGTH
                    + " bytes, was " + (digest == null ? "null" : digest.length + " bytes"));
        }
        return new Fingerprint(digest.clone());
    }

    /** Copies the {@value #DIGEST_LENGTH} digest bytes into {@code out} at {@code offset}, without allocating. */
    public void copyDigest(byte[] out, int offset) {
        System.arraycopy(digest, 0, out, offset, DIGEST_LENGTH);
    }

    /** The fingerprint of the given certificate's DER encoding. */
    public static Fingerprint of(X509Certificate certificate) {
        try {
            return ofDer(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be DER-encoded: "
                    + certificate.getSubjectX500Principal(), e);
        }
    }

    /**
     * Parses {@code sha256:} plus 64 hex digits; upper case, colons between byte pairs and a
     * missing prefix are tolerated, anything else is refused with a message naming the input.
     */
    public static Fingerprint parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("fingerprint is missing (expected sha256: + 64 hex digits)");
        }
        String s = text.strip();
        if (s.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            s = s.substring(PREFIX.length());
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') < 7 && s.indexOf(':') != 2) {
            // Something like "sha1:" or "md5:": a different algorithm, never silently accepted.
            throw new IllegalArgumentException("unsupported fingerprint algorithm in '" + text
                    + "': only sha256: fingerprints are accepted");
        }
        byte[] digest = new byte[DIGEST_LENGTH];
        int nibbles = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                // Colons may only separate complete byte pairs (as in "AB:CD:...").
                if (nibbles % 2 != 0 || nibbles == 0 || i == s.length() - 1) {
                    throw new IllegalArgumentException("misplaced ':' at position " + i + " in fingerprint '"
                            + text + "' (expected sha256: + 64 hex digits)");
                }
                continue;
            }
            int v = Character.digit(c, 16);
            if (v < 0) {
                throw new IllegalArgumentException("invalid character '" + c + "' in fingerprint '" + text
                        + "' (expected sha256: + 64 hex digits)");
            }
            if (nibbles >= 2 * DIGEST_LENGTH) {
                throw new IllegalArgumentException("fingerprint '" + text
                        + "' is too long (expected sha256: + 64 hex digits)");
            }
            digest[nibbles / 2] |= (byte) (nibbles % 2 == 0 ? v << 4 : v);
            nibbles++;
        }
        if (nibbles != 2 * DIGEST_LENGTH) {
            throw new IllegalArgumentException("fingerprint '" + text + "' has " + nibbles
                    + " hex digits (expected sha256: + 64 hex digits)");
        }
        return new Fingerprint(digest);
    }

    /** True when this fingerprint matches the given DER-encoded certificate. */
    public boolean matchesDer(byte[] derCertificate) {
        return MessageDigest.isEqual(digest, ofDer(derCertificate).digest);
    }

    /** A copy of the 32 digest bytes. */
    public byte[] digest() {
        return digest.clone();
    }

    /** The canonical text: {@code sha256:} + 64 lowercase hex digits. */
    @Override
    public String toString() {
        char[] out = new char[PREFIX.length() + 2 * DIGEST_LENGTH];
        PREFIX.getChars(0, PREFIX.length(), out, 0);
        int p = PREFIX.length();
        for (byte b : digest) {
            out[p++] = HEX[(b >> 4) & 0xF];
            out[p++] = HEX[b & 0xF];
        }
        return new String(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint && MessageDigest.isEqual(digest, ((Fingerprint) o).digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }
}
