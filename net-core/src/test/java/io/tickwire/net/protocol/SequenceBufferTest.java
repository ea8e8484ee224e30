package io.tickwire.net.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** 16-bit sequence comparisons and the sequence buffer survive wraparound. */
class SequenceBufferTest {

    @Test
    void comparisonsWrapAround() {
        assertTrue(Sequence16.greaterThan(1, 0));
        assertTrue(Sequence16.greaterThan(0, 65535));
        assertTrue(Sequence16.greaterThan(10, 65530));
        assertFalse(Sequence16.greaterThan(65530, 10));
        assertFalse(Sequence16.greaterThan(5, 5));
        assertTrue(Sequence16.greaterThan(32767, 0));
        assertFalse(Sequence16.greaterThan(32768, 0));
        assertEquals(16, Sequence16.distance(10, 65530));
        assertEquals(65535, Sequence16.add(0, -1));
    }

    @Test
    void bufferKeepsTheNewestWindowAcrossWraparound() {
        SequenceBuffer b = new SequenceBuffer(64);
        for (int i = 0; i < 200_000; i++) {
            int seq = i & 0xFFFF;
            assertTrue(b.insert(seq) >= 0);
            assertTrue(b.find(seq) >= 0);
            if (i >= 63) {
                int old = (i - 63) & 0xFFFF;
                assertTrue(b.find(old) >= 0, "63 behind is still held at " + i);
            }
            if (i >= 64) {
                int gone = (i - 64) & 0xFFFF;
                assertEquals(-1, b.find(gone));
                assertTrue(b.isStale(gone));
            }
        }
    }

    @Test
    void jumpingAheadForgetsSkippedSequences() {
        SequenceBuffer b = new SequenceBuffer(64);
        b.insert(65530);
        b.insert(3); // wraps, skipping 65531..2
        assertEquals(-1, b.find(65531));
        assertTrue(b.find(65530) >= 0);
        assertEquals(3, b.newest());
        b.insert(65533); // a late one inside the window is accepted
        assertTrue(b.find(65533) >= 0);
        assertEquals(3, b.newest());
        b.insert(1_000);
        assertEquals(-1, b.find(3));
        assertEquals(-1, b.insert(900), "more than 63 behind the newest is stale");
    }
}
