package io.tickwire.net.discovery;

import java.nio.charset.StandardCharsets;

/**
 * The text rules of discovery strings, shared by the encoder (server side) and the validator
 * (browser side) so that whatever a server can send, a browser accepts: strict UTF-8, no control,
 * line-separator or bidirectional-override characters, and a byte limit per field that long text is
 * cut to on a code point boundary.
 */
final class DiscoveryText {

    /** {@link #validate} result: the bytes are acceptable. */
    static final int OK = 0;
    /** {@link #validate} result: not well-formed UTF-8. */
    static final int BAD_UTF8 = 1;
    /** {@link #validate} result: a forbidden character. */
    static final int FORBIDDEN = 2;

    private DiscoveryText() {
    }

    /**
     * Whether a code point may appear in a name shown in a server list. Control characters (C0, DEL,
     * C1), the line and paragraph separators and the bidirectional embedding, override and isolate
     * controls are refused: they can break a list row or make one server's name read like another's.
     */
    static boolean allowed(int cp) {
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
            return false;
        }
        return !(cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069));
    }

    /**
     * Checks {@code length} bytes at {@code offset} without allocating: {@link #OK}, {@link #BAD_UTF8}
     * (bad lead or continuation byte, truncated sequence, overlong form, surrogate, above U+10FFFF) or
     * {@link #FORBIDDEN}.
     */
    static int validate(byte[] in, int offset, int length) {
        int p = offset;
        int end = offset + length;
        while (p < end) {
            int b0 = in[p] & 0xFF;
            int cp;
            int extra;
            if (b0 < 0x80) {
                cp = b0;
                extra = 0;
            } else if (b0 >= 0xC2 && b0 <= 0xDF) {
                cp = b0 & 0x1F;
                extra = 1;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                cp = b0 & 0x0F;
                extra = 2;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                cp = b0 & 0x07;
                extra = 3;
            } else {
                // 0x80..0xC1 (continuation or overlong 2-byte lead) and 0xF5..0xFF never start a character.
                return BAD_UTF8;
            }
            if (p + extra >= end) {
                return BAD_UTF8; // the sequence runs past the field
            }
            for (int i = 1; i <= extra; i++) {
                int b = in[p + i] & 0xFF;
                if ((b & 0xC0) != 0x80) {
                    return BAD_UTF8;
                }
                cp = (cp << 6) | (b & 0x3F);
            }
            if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)))
                    || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
                return BAD_UTF8;
            }
            if (!allowed(cp)) {
                return FORBIDDEN;
            }
            p += 1 + extra;
        }
        return OK;
    }

    /**
     * The longest prefix of {@code text} made of whole code points whose UTF-8 encoding fits in
     * {@code maxBytes}: the truncation rule of every discovery string. A surrogate pair is never
     * split; a combining mark may be separated from its base character (cutting is by code point,
     * not by grapheme).
     */
    static String truncate(String text, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) {
                return text.substring(0, i);
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return text;
    }

    /**
     * Refuses text a server must not advertise, naming the field: an unpaired surrogate (not
     * encodable as UTF-8) or a character {@link #allowed} refuses.
     */
    static void requireAllowed(String field, String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isSurrogate((char) cp) && cp < 0x10000) {
                throw new IllegalArgumentException(field + " has an unpaired surrogate at index " + i
                        + " (not encodable as UTF-8): '" + text + "'");
            }
            if (!allowed(cp)) {
                throw new IllegalArgumentException(field + " has the forbidden character U+"
                        + String.format("%04X", cp) + " at index " + i
                        + " (no control, line-separator or bidirectional-override characters): '" + text + "'");
            }
            i += Character.charCount(cp);
        }
    }

    /** The UTF-8 bytes of {@code text}, which {@link #requireAllowed} has accepted. */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
