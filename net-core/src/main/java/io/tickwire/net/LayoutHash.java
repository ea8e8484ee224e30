package io.tickwire.net;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The 64-bit digest both sides compare at connect time for what they must agree on byte for byte
 * (the message registry, the replication schema): the first 8 bytes of SHA-256 over a canonical
 * text of the layout. A fingerprint for mismatch detection, not a security mechanism.
 */
public final class LayoutHash {

    private LayoutHash() {
    }

    /** The digest of {@code layout}, big-endian from the first 8 bytes of its UTF-8 SHA-256. */
    public static long of(String layout) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(layout.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xFF);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** {@code hash} as 16 lowercase hex digits, for logs and error messages. */
    public static String hex(long hash) {
        return String.format(Locale.ROOT, "%016x", hash);
    }
}
