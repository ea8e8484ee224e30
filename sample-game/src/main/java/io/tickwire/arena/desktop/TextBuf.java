package io.tickwire.arena.desktop;

/**
 * A reusable character buffer for text that changes every frame (numbers in the HUD and the net graph):
 * appending ints and fixed-point decimals writes digits straight into the buffer, so drawing it with a
 * {@code BitmapFont} allocates nothing. Render thread only.
 */
public final class TextBuf implements CharSequence {
    private final char[] chars;
    private int length;

    /** A buffer of at most {@code capacity} characters; more is cut off silently (it is display text). */
    public TextBuf(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.chars = new char[capacity];
    }

    /** Empties the buffer and returns it. */
    public TextBuf clear() {
        length = 0;
        return this;
    }

    /** Appends {@code s} (null appends nothing). */
    public TextBuf append(CharSequence s) {
        if (s != null) {
            for (int i = 0; i < s.length(); i++) {
                append(s.charAt(i));
            }
        }
        return this;
    }

    /** Appends one character. */
    public TextBuf append(char c) {
        if (length < chars.length) {
            chars[length++] = c;
        }
        return this;
    }

    /** Appends {@code v} in decimal. */
    public TextBuf append(long v) {
        if (v < 0) {
            append('-');
            // Long.MIN_VALUE has no positive twin; the HUD never shows it, so clamp rather than overflow.
            v = v == Long.MIN_VALUE ? Long.MAX_VALUE : -v;
        }
        long div = 1;
        while (v / div >= 10) {
            div *= 10;
        }
        while (div > 0) {
            append((char) ('0' + (v / div) % 10));
            div /= 10;
        }
        return this;
    }

    /** Appends {@code v} padded on the left with zeros to {@code width} digits (for clocks). */
    public TextBuf appendPadded(long v, int width) {
        long digits = 1;
        for (long t = Math.abs(v) / 10; t > 0; t /= 10) {
            digits++;
        }
        for (long i = digits; i < width; i++) {
            append('0');
        }
        return append(v);
    }

    /** Appends {@code v} rounded to {@code decimals} places (0 to 3). */
    public TextBuf append(double v, int decimals) {
        if (decimals < 0 || decimals > 3) {
            throw new IllegalArgumentException("decimals must be 0..3, got " + decimals);
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return append("-");
        }
        long scale = decimals == 0 ? 1 : decimals == 1 ? 10 : decimals == 2 ? 100 : 1000;
        long fixed = Math.round(Math.abs(v) * scale);
        if (v < 0 && fixed != 0) {
            append('-');
        }
        append(fixed / scale);
        if (decimals > 0) {
            append('.');
            appendPadded(fixed % scale, decimals);
        }
        return this;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " outside 0.." + (length - 1));
        }
        return chars[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(chars, start, end - start);
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
