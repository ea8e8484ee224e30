package io.tickwire.net.protocol;

import java.util.Arrays;

/**
 * Byte arrays in power-of-two size classes, reused instead of allocated per message. Owned by one
 * connection and used only on its owning thread. A buffer handed out by {@link #acquire} belongs to
 * the caller until it gives it back with {@link #release}; arrays are allocated only when a class
 * is empty (warm-up), so steady state allocates nothing.
 */
final class BufferPool {

    static final int MIN_SHIFT = 6;

    private final byte[][][] free;
    private final int[] count;

    /** A pool able to hand out buffers of up to {@code maxSize} bytes. */
    BufferPool(int maxSize) {
        int classes = classOf(maxSize) + 1;
        free = new byte[classes][][];
        count = new int[classes];
        for (int i = 0; i < classes; i++) {
            free[i] = new byte[4][];
        }
    }

    private static int classOf(int len) {
        if (len <= (1 << MIN_SHIFT)) {
            return 0;
        }
        return 32 - Integer.numberOfLeadingZeros(len - 1) - MIN_SHIFT;
    }

    /** Length of the buffer {@link #acquire} hands out for {@code len} bytes (what budgets count). */
    static int capacity(int len) {
        return 1 << (classOf(len) + MIN_SHIFT);
    }

    /** A buffer of at least {@code len} bytes (its length is a power of two); contents are undefined. */
    byte[] acquire(int len) {
        int c = classOf(len);
        if (c >= free.length) {
            throw new IllegalArgumentException("buffer of " + len + " bytes exceeds the pool's largest class");
        }
        if (count[c] > 0) {
            byte[] b = free[c][--count[c]];
            free[c][count[c]] = null;
            return b;
        }
        return new byte[1 << (c + MIN_SHIFT)];
    }

    /** Returns a buffer obtained from {@link #acquire}; the caller must not touch it afterwards. */
    void release(byte[] buf) {
        int c = classOf(buf.length);
        if (count[c] == free[c].length) {
            free[c] = Arrays.copyOf(free[c], count[c] * 2);
        }
        free[c][count[c]++] = buf;
    }
}
