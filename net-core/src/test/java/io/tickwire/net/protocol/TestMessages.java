package io.tickwire.net.protocol;

import it.unimi.dsi.fastutil.ints.IntArrayList;

/**
 * Self-checking test messages: the first four bytes are the message number, the rest a pattern
 * derived from channel and number, so a receiver can verify every byte without keeping copies.
 */
final class TestMessages {

    private TestMessages() {
    }

    /** Length of message {@code n} when lengths vary between 4 and {@code 4 + spread - 1}. */
    static int length(int n, int spread) {
        return 4 + Math.floorMod(n * 13, spread);
    }

    static byte patternByte(int channel, int n, int i) {
        return (byte) (n * 31 + i * 7 + channel);
    }

    /** Writes message {@code n} of {@code len} bytes (len >= 4) into {@code buf} and returns len. */
    static int write(byte[] buf, int channel, int n, int len) {
        PacketLayout.putU32(buf, 0, n);
        for (int i = 4; i < len; i++) {
            buf[i] = patternByte(channel, n, i);
        }
        return len;
    }

    /** The message number, or -1 when any byte is wrong. */
    static int check(int channel, byte[] buf, int off, int len) {
        if (len < 4) {
            return -1;
        }
        int n = PacketLayout.u32(buf, off);
        for (int i = 4; i < len; i++) {
            if (buf[off + i] != patternByte(channel, n, i)) {
                return -1;
            }
        }
        return n;
    }

    /** Records message numbers per channel and counts corrupt ones; allocation-free once sized. */
    static final class Recorder implements MessageHandler {
        final IntArrayList[] numbers;
        int corrupt;

        Recorder(int channels) {
            numbers = new IntArrayList[channels];
            for (int i = 0; i < channels; i++) {
                numbers[i] = new IntArrayList(16384);
            }
        }

        @Override
        public void onMessage(int channel, byte[] buf, int off, int len) {
            int n = check(channel, buf, off, len);
            if (n < 0) {
                corrupt++;
            } else {
                numbers[channel].add(n);
            }
        }
    }
}
