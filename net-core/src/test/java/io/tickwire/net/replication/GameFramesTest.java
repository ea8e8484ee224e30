package io.tickwire.net.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The snapshot and input frames: exact round trips, pinned sizes, and hostile bytes that never throw. */
class GameFramesTest {

    @Test
    void snapshotFrameHeaderRoundTripsAndIsNineBytes() {
        byte[] buf = new byte[32];
        assertEquals(9, SnapshotFrame.writeHeader(buf, 3, 4_000_000_000L, SnapshotFrame.NO_INPUT, 300));
        SnapshotFrame f = new SnapshotFrame();
        assertTrue(f.read(buf, 3, 20));
        assertEquals(4_000_000_000L, f.serverTick());
        assertEquals(SnapshotFrame.NO_INPUT, f.processedInputTick());
        assertEquals(255, f.bufferedInputs(), "saturates at one byte");
        assertEquals(12, f.payloadOffset());
        assertEquals(11, f.payloadLength());
        SnapshotFrame.writeHeader(buf, 0, 7, 0, 2);
        assertTrue(f.read(buf, 0, 9));
        assertEquals(0, f.processedInputTick());
        assertFalse(f.read(buf, 0, 8), "shorter than the header");
        assertEquals(7, f.serverTick(), "a refused frame changes nothing");
    }

    @Test
    void inputFramesRoundTripWithRedundancy() {
        Random rnd = new Random(5);
        byte[] buf = new byte[1200];
        byte[] in = new byte[32];
        InputFrame reader = new InputFrame(32);
        for (int trial = 0; trial < 2_000; trial++) {
            int count = 1 + rnd.nextInt(InputFrame.MAX_INPUTS);
            long newest = (rnd.nextLong() & 0xFFFF_FFFFL) | (count - 1);
            int ack = rnd.nextBoolean() ? InputFrame.NO_ACK : rnd.nextInt(65_536);
            int p = InputFrame.writeHeader(buf, 0, ack, newest, count);
            int total = 0;
            int[] lens = new int[count];
            for (int i = 0; i < count; i++) {
                lens[i] = rnd.nextInt(33);
                for (int k = 0; k < lens[i]; k++) {
                    in[k] = (byte) (i * 31 + k);
                }
                p = InputFrame.writeInput(buf, p, in, 0, lens[i]);
                total += lens[i];
            }
            assertEquals(InputFrame.frameBytes(count, total), p, "pinned size");
            assertEquals(InputFrame.Status.OK, reader.read(buf, 0, p));
            assertEquals(count, reader.count());
            assertEquals(ack, reader.ackedSnapshot());
            assertEquals(newest, reader.newestTick());
            for (int i = 0; i < count; i++) {
                assertEquals(newest - count + 1 + i, reader.tick(i));
                assertEquals(lens[i], reader.length(i));
                for (int k = 0; k < lens[i]; k++) {
                    assertEquals((byte) (i * 31 + k), buf[reader.offset(i) + k]);
                }
            }
        }
    }

    @Test
    void malformedInputFramesAreNamedAndExposeNothing() {
        InputFrame reader = new InputFrame(8);
        byte[] buf = new byte[64];
        int p = InputFrame.writeHeader(buf, 0, 5, 100, 2);
        p = InputFrame.writeInput(buf, p, new byte[8], 0, 4);
        p = InputFrame.writeInput(buf, p, new byte[8], 0, 4);
        assertEquals(InputFrame.Status.OK, reader.read(buf, 0, p));
        assertEquals(InputFrame.Status.TRUNCATED, reader.read(buf, 0, p - 1));
        assertEquals(0, reader.count());
        assertEquals(InputFrame.Status.TRAILING_BYTES, reader.read(buf, 0, p + 1));
        assertEquals(InputFrame.Status.TRUNCATED, reader.read(buf, 0, 5));
        buf[0] = 2;
        assertEquals(InputFrame.Status.BAD_FLAGS, reader.read(buf, 0, p));
        buf[0] = 1;
        buf[7] = 0;
        assertEquals(InputFrame.Status.BAD_COUNT, reader.read(buf, 0, p));
        buf[7] = 2;
        buf[InputFrame.HEADER_BYTES] = 9;
        assertEquals(InputFrame.Status.INPUT_TOO_LARGE, reader.read(buf, 0, p));
        // Random bytes: any status, never an exception, and counts stay in bounds.
        Random rnd = new Random(9);
        for (int i = 0; i < 20_000; i++) {
            int len = rnd.nextInt(64);
            rnd.nextBytes(buf);
            if (rnd.nextBoolean()) {
                buf[0] = (byte) rnd.nextInt(2);
            }
            if (reader.read(buf, 0, len) == InputFrame.Status.OK) {
                assertTrue(reader.count() >= 1 && reader.count() <= InputFrame.MAX_INPUTS);
            } else {
                assertEquals(0, reader.count());
            }
        }
    }
}
