package io.tickwire.net.serial;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * A Kryo {@link Input} over a caller's array that refuses any length prefix claiming more elements
 * than the bytes left could hold, before anything is allocated.
 *
 * <p>Why: Kryo allocates arrays and strings from the length it reads (an {@code int[]} of
 * {@code 2^31} elements from five garbage bytes), so one malformed datagram could exhaust the heap.
 * Every element of a primitive array and every char of a string needs at least one byte, so a
 * length larger than {@code remaining()} (or {@code remaining() / width} for fixed-width elements)
 * is malformed by construction.
 */
final class BoundedInput extends Input {

    private static final byte[] EMPTY = new byte[0];

    BoundedInput() {
        super(EMPTY);
    }

    /**
     * Most collection elements one message may hold beyond its bytes. Kryo writes a collection whose
     * elements are all null as its size and one null class tag, so such a collection legitimately
     * claims more elements than bytes; this bounds what a peer can make the decoder allocate that way
     * (4096 references, about 16 KiB per message) however many such collections the message nests.
     */
    static final int MAX_ELEMENTS_WITHOUT_BYTES = 4096;

    private int elementsWithoutBytes;

    @Override
    public void setBuffer(byte[] bytes, int offset, int count) {
        super.setBuffer(bytes, offset, count);
        elementsWithoutBytes = 0;
    }

    /** Takes {@code count} elements from this message's allowance of elements without bytes; false when it is spent. */
    boolean takeElementsWithoutBytes(int count) {
        if (count < 0 || count > MAX_ELEMENTS_WITHOUT_BYTES - elementsWithoutBytes) {
            return false;
        }
        elementsWithoutBytes += count;
        return true;
    }

    /** Bytes between the read position and the end of the window. */
    int remaining() {
        return limit - position;
    }

    /** Forgets the caller's array so the codec does not keep it alive. */
    void release() {
        setBuffer(EMPTY, 0, 0);
    }

    private void check(int count, int bytesPerElement) {
        if (count < 0 || (long) count * bytesPerElement > remaining()) {
            throw new KryoException("length prefix " + count + " exceeds the " + remaining()
                    + " bytes left in the message");
        }
    }

    @Override
    public byte[] readBytes(int length) {
        check(length, 1);
        return super.readBytes(length);
    }

    @Override
    public int[] readInts(int length) {
        check(length, 4);
        return super.readInts(length);
    }

    @Override
    public int[] readInts(int length, boolean optimizePositive) {
        check(length, varEncoding ? 1 : 4);
        return super.readInts(length, optimizePositive);
    }

    @Override
    public long[] readLongs(int length) {
        check(length, 8);
        return super.readLongs(length);
    }

    @Override
    public long[] readLongs(int length, boolean optimizePositive) {
        check(length, varEncoding ? 1 : 8);
        return super.readLongs(length, optimizePositive);
    }

    @Override
    public float[] readFloats(int length) {
        check(length, 4);
        return super.readFloats(length);
    }

    @Override
    public double[] readDoubles(int length) {
        check(length, 8);
        return super.readDoubles(length);
    }

    @Override
    public short[] readShorts(int length) {
        check(length, 2);
        return super.readShorts(length);
    }

    @Override
    public char[] readChars(int length) {
        check(length, 2);
        return super.readChars(length);
    }

    @Override
    public boolean[] readBooleans(int length) {
        check(length, 1);
        return super.readBooleans(length);
    }

    @Override
    public String readString() {
        checkUtf8Length();
        return super.readString();
    }

    @Override
    public StringBuilder readStringBuilder() {
        checkUtf8Length();
        return super.readStringBuilder();
    }

    /**
     * Peeks at Kryo's string header without consuming it. An ASCII string (high bit of the first
     * byte clear) is read byte by byte and needs no check; otherwise the header is a char count + 1
     * in 6 bits plus 7-bit continuation bytes, and every char takes at least one byte.
     */
    private void checkUtf8Length() {
        int p = position;
        if (p >= limit) {
            return; // super.readString reports the underflow
        }
        int b = buffer[p++];
        if ((b & 0x80) == 0) {
            return;
        }
        long count = b & 0x3F;
        if ((b & 0x40) != 0) {
            int shift = 6;
            do {
                if (p >= limit) {
                    return;
                }
                b = buffer[p++];
                count |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0 && shift <= 27);
        }
        long chars = count - 1;
        if (chars > limit - p) {
            throw new KryoException("string length " + chars + " exceeds the " + (limit - p)
                    + " bytes left in the message");
        }
    }
}
