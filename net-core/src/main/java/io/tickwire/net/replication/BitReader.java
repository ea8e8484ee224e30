package io.tickwire.net.replication;

/**
 * Reads bit fields written by {@link BitWriter} from a caller-owned byte array, never past its range.
 *
 * <p>Reading beyond the end returns 0 and sets {@link #failed()}, which stays set until the next
 * {@link #wrap}; hostile or truncated input therefore never throws, and the caller checks the flag.
 * Not thread-safe: one thread owns a reader.
 */
public final class BitReader {
    private byte[] buffer = new byte[0];
    private int start;
    private int limitBits;
    private int bitPos;
    private boolean failed;

    /** Starts reading {@code length} bytes at {@code offset}; clears the failure flag. */
    public BitReader wrap(byte[] buf, int offset, int length) {
        if (buf == null || offset < 0 || length < 0 || offset + length > buf.length || offset + length < 0) {
            throw new IllegalArgumentException("bad range offset=" + offset + " length=" + length
                    + " for buffer length " + (buf == null ? "null" : String.valueOf(buf.length)));
        }
        this.buffer = buf;
        this.start = offset;
        this.limitBits = length * 8;
        this.bitPos = 0;
        this.failed = false;
        return this;
    }

    /** Reads {@code bits} (0..32) bits as an unsigned value (bit 31 may be set); returns 0 and sets the failure flag past the end. */
    public int readBits(int bits) {
        if (bits < 0 || bits > 32) {
            throw new IllegalArgumentException("bits must be 0..32, was " + bits);
        }
        if (failed || bitPos + bits > limitBits) {
            failed = true;
            return 0;
        }
        int result = 0;
        int got = 0;
        while (got < bits) {
            int b = buffer[start + (bitPos >>> 3)] & 0xFF;
            int bitInByte = bitPos & 7;
            int take = Math.min(8 - bitInByte, bits - got);
            int chunk = (b >>> bitInByte) & ((1 << take) - 1);
            result |= chunk << got;
            got += take;
            bitPos += take;
        }
        return result;
    }

    /** Reads one bit. */
    public boolean readBoolean() {
        return readBits(1) != 0;
    }

    /** Bits consumed since {@link #wrap}. */
    public int bitsRead() {
        return bitPos;
    }

    /** Bits left before the end of the range. */
    public int bitsRemaining() {
        return limitBits - bitPos;
    }

    /** True once a read ran past the end. */
    public boolean failed() {
        return failed;
    }
}
