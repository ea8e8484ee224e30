package io.tickwire.net.replication;

/**
 * Writes bit fields, least significant bit first, into a caller-owned byte array within a byte budget.
 *
 * <p>The caller owns the array; one writer is reused across packets by calling {@link #wrap}. When a
 * write would exceed the budget nothing is written, {@link #overflowed()} becomes true and stays true
 * until the next {@code wrap}, so a caller checks once at the end instead of after every field.
 * Not thread-safe: one thread owns a writer.
 */
public final class BitWriter {
    private byte[] buffer = new byte[0];
    private int start;
    private int limitBits;
    private int bitPos;
    private boolean overflowed;

    /** Starts writing at {@code offset} with at most {@code maxBytes} bytes; clears the overflow flag. */
    public BitWriter wrap(byte[] buf, int offset, int maxBytes) {
        if (buf == null || offset < 0 || maxBytes < 0 || offset + maxBytes > buf.length || offset + maxBytes < 0) {
            throw new IllegalArgumentException("bad range offset=" + offset + " maxBytes=" + maxBytes
                    + " for buffer length " + (buf == null ? "null" : String.valueOf(buf.length)));
        }
        this.buffer = buf;
        this.start = offset;
        this.limitBits = maxBytes * 8;
        this.bitPos = 0;
        this.overflowed = false;
        return this;
    }

    /** Writes the low {@code bits} (0..32) bits of {@code value}; returns false (and sets the overflow flag) if they do not fit. */
    public boolean writeBits(int value, int bits) {
        if (bits < 0 || bits > 32) {
            throw new IllegalArgumentException("bits must be 0..32, was " + bits);
        }
        if (overflowed || bitPos + bits > limitBits) {
            overflowed = true;
            return false;
        }
        int remaining = bits;
        int v = value;
        while (remaining > 0) {
            int byteIndex = start + (bitPos >>> 3);
            int bitInByte = bitPos & 7;
            int take = Math.min(8 - bitInByte, remaining);
            int chunk = v & ((1 << take) - 1);
            if (bitInByte == 0) {
                buffer[byteIndex] = (byte) chunk; // first bits of a fresh byte: clear stale content
            } else {
                buffer[byteIndex] = (byte) (buffer[byteIndex] | (chunk << bitInByte));
            }
            v >>>= take;
            remaining -= take;
            bitPos += take;
        }
        return true;
    }

    /** Writes one bit. */
    public boolean writeBoolean(boolean value) {
        return writeBits(value ? 1 : 0, 1);
    }

    /** Bits written since {@link #wrap}. */
    public int bitsWritten() {
        return bitPos;
    }

    /** Bytes used so far (the last one possibly partial, its unused high bits zero). */
    public int bytesWritten() {
        return (bitPos + 7) >>> 3;
    }

    /** True once any write did not fit the budget. */
    public boolean overflowed() {
        return overflowed;
    }

    /** The byte budget given to {@link #wrap}. */
    public int maxBytes() {
        return limitBits >>> 3;
    }
}
