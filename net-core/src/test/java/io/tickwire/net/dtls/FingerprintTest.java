package io.tickwire.net.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static final byte[] DER = "not really a certificate, but bytes to hash".getBytes(StandardCharsets.US_ASCII);

    @Test
    void canonicalTextIsSha256PrefixAnd64LowercaseHexOfTheDerDigest() throws Exception {
        Fingerprint f = Fingerprint.ofDer(DER);
        byte[] d = MessageDigest.getInstance("SHA-256").digest(DER);
        StringBuilder hex = new StringBuilder("sha256:");
        for (byte b : d) {
            hex.append(String.format("%02x", b & 0xFF));
        }
        assertEquals(hex.toString(), f.toString());
        assertTrue(f.matchesDer(DER));
    }

    @Test
    void parseToleratesUppercaseColonsAndMissingPrefix() {
        Fingerprint f = Fingerprint.ofDer(DER);
        String hex = f.toString().substring(7);
        StringBuilder colons = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            colons.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        assertEquals(f, Fingerprint.parse(f.toString()));
        assertEquals(f, Fingerprint.parse("SHA256:" + hex.toUpperCase()));
        assertEquals(f, Fingerprint.parse(colons.toString().toUpperCase()));
        assertEquals(f, Fingerprint.parse("sha256:" + colons));
        assertEquals(f, Fingerprint.parse("  " + hex + "\n"));
    }

    @Test
    void parseRejectsWrongLengthsCharactersAndAlgorithmsWithClearMessages() {
        String hex = Fingerprint.ofDer(DER).toString().substring(7);
        IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class,
                () -> Fingerprint.parse("sha256:" + hex.substring(2)));
        assertTrue(shortOne.getMessage().contains("62 hex digits"), shortOne.getMessage());
        IllegalArgumentException longOne = assertThrows(IllegalArgumentException.class,
                () -> Fingerprint.parse("sha256:" + hex + "00"));
        assertTrue(longOne.getMessage().contains("too long"), longOne.getMessage());
        IllegalArgumentException badChar = assertThrows(IllegalArgumentException.class,
                () -> Fingerprint.parse("sha256:" + hex.substring(1) + "g"));
        assertTrue(badChar.getMessage().contains("'g'"), badChar.getMessage());
        IllegalArgumentException sha1 = assertThrows(IllegalArgumentException.class,
                () -> Fingerprint.parse("sha1:" + hex.substring(0, 40)));
        assertTrue(sha1.getMessage().contains("only sha256"), sha1.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse("a:" + hex.substring(1)));
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse(null));
    }

    @Test
    void differentCertificatesHaveDifferentFingerprints() {
        assertNotEquals(Fingerprint.ofDer(DER), Fingerprint.ofDer(new byte[] {1, 2, 3}));
    }

    @Test
    void digestBytesRoundTripAndAWrongLengthIsRefusedNamingIt() {
        Fingerprint f = Fingerprint.ofDer(DER);
        byte[] out = new byte[40];
        f.copyDigest(out, 8);
        byte[] digest = java.util.Arrays.copyOfRange(out, 8, 40);
        assertEquals(f, Fingerprint.fromDigest(digest));
        digest[0] ^= 1;
        assertNotEquals(f, Fingerprint.fromDigest(digest));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fingerprint.fromDigest(new byte[31]));
        assertTrue(e.getMessage().contains("exactly 32 bytes, was 31 bytes"), e.getMessage());
    }
}
