package io.tickwire.net.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of {@link InputFrame#read}, the server's parser of client input frames.
 * Kept inputs: {@code InputFrameFuzzTestInputs/}; fuzzing mode: net-core/README.md.
 */
class InputFrameFuzzTest {

    /**
     * Input: the reader's maxInputBytes, an offset, then the frame. An accepted frame's inputs lie
     * inside the frame and within maxInputBytes; writing them again gives a frame that reads back
     * identically. A refused frame leaves no inputs readable.
     */
    @FuzzTest
    void read(FuzzedDataProvider data) {
        int maxInputBytes = data.consumeInt(1, 255);
        int off = data.consumeInt(0, 8);
        byte[] bytes = data.consumeRemainingAsBytes();
        byte[] buf = new byte[off + bytes.length];
        System.arraycopy(bytes, 0, buf, off, bytes.length);
        InputFrame frame = new InputFrame(maxInputBytes);
        InputFrame.Status status = frame.read(buf, off, bytes.length);
        if (status != InputFrame.Status.OK) {
            assertEquals(0, frame.count());
            return;
        }
        int n = frame.count();
        assertTrue(n >= 1 && n <= InputFrame.MAX_INPUTS);
        int total = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(frame.length(i) <= maxInputBytes);
            assertTrue(frame.offset(i) >= off + InputFrame.HEADER_BYTES && frame.offset(i) + frame.length(i) <= buf.length);
            total += frame.length(i);
        }
        assertEquals(bytes.length, InputFrame.frameBytes(n, total), "no byte unaccounted for");
        assertTrue(frame.newestTick() >= 0 && frame.newestTick() <= 0xFFFF_FFFFL);
        assertTrue(frame.ackedSnapshot() == InputFrame.NO_ACK || (frame.ackedSnapshot() >= 0 && frame.ackedSnapshot() <= 0xFFFF));

        byte[] copy = new byte[bytes.length];
        int p = InputFrame.writeHeader(copy, 0, frame.ackedSnapshot(), frame.newestTick(), n);
        for (int i = 0; i < n; i++) {
            p = InputFrame.writeInput(copy, p, buf, frame.offset(i), frame.length(i));
        }
        assertEquals(bytes.length, p);
        InputFrame again = new InputFrame(maxInputBytes);
        assertEquals(InputFrame.Status.OK, again.read(copy, 0, p));
        assertEquals(frame.ackedSnapshot(), again.ackedSnapshot());
        assertEquals(frame.newestTick(), again.newestTick());
        for (int i = 0; i < n; i++) {
            assertArrayEquals(Arrays.copyOfRange(buf, frame.offset(i), frame.offset(i) + frame.length(i)),
                    Arrays.copyOfRange(copy, again.offset(i), again.offset(i) + again.length(i)), "input " + i);
        }
    }
}
