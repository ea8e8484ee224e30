package io.tickwire.net.serial;

import com.esotericsoftware.kryo.io.Output;

/**
 * A Kryo {@link Output} that writes straight into a window {@code [off, off + max)} of a caller's
 * array and never grows: writing past the window throws Kryo's buffer overflow, which the codec
 * reports as {@link CodecError#TOO_LARGE}. Kryo's own {@code setBuffer} has no offset and would
 * let a write run past the window into the caller's neighbouring bytes.
 */
final class BoundedOutput extends Output {

    BoundedOutput() {
        super(0, 0);
    }

    /** Points this output at {@code buf[off .. off + max)}; the caller keeps owning {@code buf}. */
    void window(byte[] buf, int off, int max) {
        this.buffer = buf;
        this.position = off;
        this.capacity = off + max;
        this.maxCapacity = off + max;
        this.total = 0;
        this.outputStream = null;
    }

    /** Drops the reference to the caller's array so the codec does not keep it alive. */
    void release() {
        this.buffer = EMPTY;
        this.position = 0;
        this.capacity = 0;
        this.maxCapacity = 0;
    }

    private static final byte[] EMPTY = new byte[0];
}
