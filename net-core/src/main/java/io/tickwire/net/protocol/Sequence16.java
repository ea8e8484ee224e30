package io.tickwire.net.protocol;

/** Wraparound-safe arithmetic on 16-bit sequence numbers and message ids (RFC 1982 style). */
final class Sequence16 {

    static final int MASK = 0xFFFF;
    static final int HALF = 0x8000;

    private Sequence16() {
    }

    /** Whether {@code a} is newer than {@code b}, treating the space as a circle. */
    static boolean greaterThan(int a, int b) {
        int d = (a - b) & MASK;
        return d != 0 && d < HALF;
    }

    /** Forward distance from {@code older} to {@code newer}, 0..65535. */
    static int distance(int newer, int older) {
        return (newer - older) & MASK;
    }

    /** {@code s + n} modulo 2^16. */
    static int add(int s, int n) {
        return (s + n) & MASK;
    }
}
