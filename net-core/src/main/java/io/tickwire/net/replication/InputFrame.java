package io.tickwire.net.replication;

/**
 * The frame of client inputs on the game's input channel (client to server), sent every client tick
 * with redundancy: the newest input and the ones before it, so a lost packet costs nothing; plus
 * the sequence of the newest snapshot the client has decoded, which the server uses as the delta
 * baseline for this client (the Quake III acknowledgement).
 *
 * <pre>
 * flags:u8 (bit 0: snapshot ack present; others zero)  ackedSnapshot:u16  newestTick:u32  count:u8
 * count * { length:u8  input bytes }      oldest first: input i is for tick newestTick - count + 1 + i
 * </pre>
 * Little-endian; ticks as their low 32 bits, read back unsigned. {@link #read} checks everything
 * before anything is exposed: count in 1..{@link #MAX_INPUTS}, each length at most the reader's
 * {@code maxInputBytes}, no bytes left over. One reader per thread; it holds the last frame read.
 */
public final class InputFrame {
    /** Most inputs one frame may carry. */
    public static final int MAX_INPUTS = 16;
    /** Bytes before the first input. */
    public static final int HEADER_BYTES = 8;
    /** {@link #ackedSnapshot()} when the frame carries no snapshot acknowledgement. */
    public static final int NO_ACK = -1;

    /** Outcome of {@link #read}. */
    public enum Status {
        /** The frame is well formed. */
        OK,
        /** Shorter than its header or than the inputs it announces. */
        TRUNCATED,
        /** Reserved flag bits set. */
        BAD_FLAGS,
        /** Count is 0 or above {@link #MAX_INPUTS}. */
        BAD_COUNT,
        /** An input is longer than maxInputBytes. */
        INPUT_TOO_LARGE,
        /** Bytes follow the last input. */
        TRAILING_BYTES
    }

    private final int maxInputBytes;
    private final int[] offsets = new int[MAX_INPUTS];
    private final int[] lengths = new int[MAX_INPUTS];
    private int count;
    private long newestTick;
    private int ackedSnapshot;

    /** A reader that refuses inputs longer than {@code maxInputBytes} (1..255). */
    public InputFrame(int maxInputBytes) {
        if (maxInputBytes < 1 || maxInputBytes > 255) {
            throw new IllegalArgumentException("maxInputBytes must be in 1..255: " + maxInputBytes);
        }
        this.maxInputBytes = maxInputBytes;
    }

    /** Bytes a frame of {@code count} inputs totalling {@code inputBytes} takes. */
    public static int frameBytes(int count, int inputBytes) {
        return HEADER_BYTES + count + inputBytes;
    }

    /**
     * Writes the header of a frame of {@code count} inputs, the newest for {@code newestTick}, at
     * {@code buf[off]}; then write each input, oldest first, with {@link #writeInput}. Returns the
     * offset of the first input.
     */
    public static int writeHeader(byte[] buf, int off, int ackedSnapshot, long newestTick, int count) {
        if (count < 1 || count > MAX_INPUTS) {
            throw new IllegalArgumentException("count must be in 1.." + MAX_INPUTS + ": " + count);
        }
        buf[off] = (byte) (ackedSnapshot >= 0 ? 1 : 0);
        Bytes.putShort(buf, off + 1, ackedSnapshot >= 0 ? ackedSnapshot : 0);
        Bytes.putInt(buf, off + 3, (int) newestTick);
        buf[off + 7] = (byte) count;
        return off + HEADER_BYTES;
    }

    /** Writes one input (at most 255 bytes) at {@code buf[pos]}; returns the position after it. */
    public static int writeInput(byte[] buf, int pos, byte[] src, int srcOff, int len) {
        if (len < 0 || len > 255) {
            throw new IllegalArgumentException("an input must be 0..255 bytes: " + len);
        }
        buf[pos] = (byte) len;
        System.arraycopy(src, srcOff, buf, pos + 1, len);
        return pos + 1 + len;
    }

    /** Parses a frame of {@code len} bytes at {@code buf[off]}; anything but OK leaves no inputs readable. */
    public Status read(byte[] buf, int off, int len) {
        count = 0;
        if (len < HEADER_BYTES || off < 0 || off + len > buf.length) {
            return Status.TRUNCATED;
        }
        int flags = buf[off] & 0xFF;
        if ((flags & ~1) != 0) {
            return Status.BAD_FLAGS;
        }
        int n = buf[off + 7] & 0xFF;
        if (n < 1 || n > MAX_INPUTS) {
            return Status.BAD_COUNT;
        }
        int end = off + len;
        int p = off + HEADER_BYTES;
        for (int i = 0; i < n; i++) {
            if (p >= end) {
                return Status.TRUNCATED;
            }
            int l = buf[p] & 0xFF;
            if (l > maxInputBytes) {
                return Status.INPUT_TOO_LARGE;
            }
            if (p + 1 + l > end) {
                return Status.TRUNCATED;
            }
            offsets[i] = p + 1;
            lengths[i] = l;
            p += 1 + l;
        }
        if (p != end) {
            return Status.TRAILING_BYTES;
        }
        ackedSnapshot = (flags & 1) != 0 ? Bytes.getShort(buf, off + 1) : NO_ACK;
        newestTick = Bytes.getInt(buf, off + 3) & 0xFFFF_FFFFL;
        count = n;
        return Status.OK;
    }

    /** Inputs in the last frame read (0 after a failed read). */
    public int count() {
        return count;
    }

    /** The client tick of input {@code i} (0 = oldest). */
    public long tick(int i) {
        return newestTick - count + 1 + i;
    }

    /** Offset of input {@code i}'s bytes in the buffer given to {@link #read}. */
    public int offset(int i) {
        return offsets[i];
    }

    /** Length of input {@code i}. */
    public int length(int i) {
        return lengths[i];
    }

    /** The client tick of the newest input. */
    public long newestTick() {
        return newestTick;
    }

    /** The newest snapshot sequence the client decoded, or {@link #NO_ACK}. */
    public int ackedSnapshot() {
        return ackedSnapshot;
    }

    /** The reader's input size limit. */
    public int maxInputBytes() {
        return maxInputBytes;
    }
}
