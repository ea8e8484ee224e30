package io.tickwire.net.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BitPackingTest {

    @Test
    void randomFieldSequencesRoundTripAtAnyOffset() {
        SplittableRandom rnd = new SplittableRandom(42);
        byte[] buf = new byte[600];
        int[] values = new int[200];
        int[] widths = new int[200];
        BitWriter w = new BitWriter();
        BitReader r = new BitReader();
        for (int trial = 0; trial < 2000; trial++) {
            int offset = rnd.nextInt(8);
            int n = rnd.nextInt(1, 100);
            w.wrap(buf, offset, buf.length - offset);
            for (int i = 0; i < n; i++) {
                widths[i] = rnd.nextInt(0, 33);
                values[i] = rnd.nextInt();
                assertTrue(w.writeBits(values[i], widths[i]));
            }
            r.wrap(buf, offset, w.bytesWritten());
            for (int i = 0; i < n; i++) {
                int expected = widths[i] == 32 ? values[i] : values[i] & (int) ((1L << widths[i]) - 1);
                assertEquals(expected, r.readBits(widths[i]), "trial " + trial + " field " + i);
            }
            assertFalse(r.failed());
            assertTrue(r.bitsRemaining() < 8);
        }
    }

    @Test
    void writerReportsOverflowAndKeepsEarlierBytes() {
        byte[] buf = new byte[4];
        BitWriter w = new BitWriter().wrap(buf, 1, 2);
        assertTrue(w.writeBits(0xABC, 12));
        assertFalse(w.writeBits(0x3F, 6));
        assertTrue(w.overflowed());
        assertFalse(w.writeBits(1, 1), "stays overflowed");
        assertEquals(12, w.bitsWritten());
        assertEquals(0, buf[0]);
        assertEquals(0, buf[3]);
        BitReader r = new BitReader().wrap(buf, 1, 2);
        assertEquals(0xABC, r.readBits(12));
    }

    @Test
    void readerPastTheEndReturnsZeroAndFlagsFailure() {
        byte[] buf = {(byte) 0xFF};
        BitReader r = new BitReader().wrap(buf, 0, 1);
        assertEquals(0x7F, r.readBits(7));
        assertEquals(0, r.readBits(2));
        assertTrue(r.failed());
        assertEquals(0, r.readBits(1), "stays failed");
        r.wrap(buf, 0, 1);
        assertFalse(r.failed());
    }

    @Test
    void reusedWriterClearsStaleBytes() {
        byte[] buf = {(byte) 0xFF, (byte) 0xFF};
        BitWriter w = new BitWriter().wrap(buf, 0, 2);
        w.writeBits(0, 3);
        w.writeBits(1, 6);
        assertEquals(0x08, buf[0] & 0xFF);
        assertEquals(0x00, buf[1] & 0xFF);
    }
}
