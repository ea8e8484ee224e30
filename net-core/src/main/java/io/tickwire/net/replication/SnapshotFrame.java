package io.tickwire.net.replication;

/**
 * The frame around one encoded snapshot on the game's snapshot channel (server to client): the
 * server tick the snapshot shows, the newest client input tick the server has applied for this
 * client (for reconciliation) and how many of the client's inputs wait in its buffer (how early
 * they arrive), then the {@link SnapshotCodec} bytes.
 *
 * <pre>
 * serverTick:u32  processedInputTick+1:u32 (0 = none yet)  bufferedInputs:u8  snapshot...
 * </pre>
 * Little-endian. Ticks travel as their low 32 bits (828 days at 60 Hz) and are read back unsigned.
 * Reading is hostile-input safe: {@link #read} returns false for a frame too short to hold the header.
 * One instance per thread; it holds the fields of the last frame read.
 */
public final class SnapshotFrame {
    /** Bytes before the snapshot. */
    public static final int HEADER_BYTES = 9;
    /** {@link #processedInputTick()} when the server has applied no input of this client yet. */
    public static final long NO_INPUT = -1L;

    private long serverTick;
    private long processedInputTick;
    private int bufferedInputs;
    private int payloadOffset;
    private int payloadLength;

    /** Writes the header at {@code buf[off]} (the snapshot goes at {@code off + HEADER_BYTES}); returns {@link #HEADER_BYTES}. */
    public static int writeHeader(byte[] buf, int off, long serverTick, long processedInputTick, int bufferedInputs) {
        Bytes.putInt(buf, off, (int) serverTick);
        Bytes.putInt(buf, off + 4, processedInputTick < 0 ? 0 : (int) (processedInputTick + 1));
        buf[off + 8] = (byte) Math.min(255, Math.max(0, bufferedInputs));
        return HEADER_BYTES;
    }

    /** Reads a frame of {@code len} bytes; false if it is shorter than the header (nothing is changed then). */
    public boolean read(byte[] buf, int off, int len) {
        if (len < HEADER_BYTES || off < 0 || off + len > buf.length) {
            return false;
        }
        serverTick = Bytes.getInt(buf, off) & 0xFFFF_FFFFL;
        long p = Bytes.getInt(buf, off + 4) & 0xFFFF_FFFFL;
        processedInputTick = p - 1;
        bufferedInputs = buf[off + 8] & 0xFF;
        payloadOffset = off + HEADER_BYTES;
        payloadLength = len - HEADER_BYTES;
        return true;
    }

    /** The server tick of the snapshot in the last frame read. */
    public long serverTick() {
        return serverTick;
    }

    /** The newest client input tick the server had applied, or {@link #NO_INPUT}. */
    public long processedInputTick() {
        return processedInputTick;
    }

    /** The client's inputs waiting in the server's buffer when the snapshot was built (0..255). */
    public int bufferedInputs() {
        return bufferedInputs;
    }

    /** Where the snapshot bytes start in the buffer given to {@link #read}. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** How many snapshot bytes follow the header. */
    public int payloadLength() {
        return payloadLength;
    }
}
