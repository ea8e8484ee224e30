package io.tickwire.server;

/**
 * A read-only view of the input applied for one client tick, returned by {@link InputBuffer#next()}.
 * The buffer owns the bytes; the view is valid until the next call to {@code next()} on that buffer.
 */
public final class InputRecord {

    private final byte[] bytes;
    private int length;
    private long tick;
    private boolean repeated;

    InputRecord(int maxInputBytes) {
        this.bytes = new byte[maxInputBytes];
    }

    void set(long tick, byte[] src, int offset, int length, boolean repeated) {
        System.arraycopy(src, offset, bytes, 0, length);
        this.length = length;
        this.tick = tick;
        this.repeated = repeated;
    }

    void restamp(long tick, boolean repeated) {
        this.tick = tick;
        this.repeated = repeated;
    }

    /** The client tick this input is applied for. */
    public long tick() {
        return tick;
    }

    /** True when the client's input for this tick was missing and the last one is repeated. */
    public boolean isRepeated() {
        return repeated;
    }

    /** Number of valid bytes in {@link #bytes()}. */
    public int length() {
        return length;
    }

    /** The input bytes, valid in {@code [0, length())}; owned by the buffer, do not keep or modify. */
    public byte[] bytes() {
        return bytes;
    }

    /** The byte at {@code index} (0-based, below length). */
    public byte byteAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " outside input length " + length);
        }
        return bytes[index];
    }
}
