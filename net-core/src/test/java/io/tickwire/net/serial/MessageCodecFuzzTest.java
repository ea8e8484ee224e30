package io.tickwire.net.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of {@link MessageCodec#decode} (Kryo with the guarded serializers) over
 * the test registry's message classes, arrays and collections. Kept inputs:
 * {@code MessageCodecFuzzTestInputs/}; fuzzing mode: net-core/README.md.
 */
class MessageCodecFuzzTest {

    private static final MessageRegistry REGISTRY = TestMessages.standard().maxMessageSize(2048).build();

    /**
     * Only {@link MessageCodecException} may come out of decode, with a named error. A decoded
     * message encodes again, and that encoding decodes to an equal message and is stable.
     */
    @FuzzTest
    void decode(byte[] bytes) {
        MessageCodec codec = REGISTRY.newCodec();
        Object message;
        try {
            message = codec.decode(bytes, 0, bytes.length);
        } catch (MessageCodecException e) {
            assertNotNull(e.error());
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), "the error says what happened");
            assertTrue(bytes.length > 0 || e.error() == CodecError.MALFORMED);
            return;
        }
        assertNotNull(message);
        byte[] out = new byte[4096];
        int len;
        try {
            len = codec.encode(message, out, 0, out.length);
        } catch (MessageCodecException e) {
            throw new AssertionError("a decoded " + message.getClass().getName() + " does not encode again", e);
        }
        assertTrue(len <= REGISTRY.maxMessageSize());
        Object back;
        try {
            back = codec.decode(out, 0, len);
        } catch (MessageCodecException e) {
            throw new AssertionError("the re-encoding of a decoded message does not decode", e);
        }
        assertEquals(message.getClass(), back.getClass());
        // A float field may carry NaN (the codec passes any float through; games validate their values),
        // and NaN != NaN makes such a message unequal to itself: compare only self-equal messages.
        if (hasOwnEquals(message.getClass()) && message.equals(message)) {
            assertTrue(Arrays.deepEquals(new Object[] {message}, new Object[] {back}), "round trip: " + message + " vs " + back);
        }
        byte[] out2 = new byte[4096];
        try {
            int len2 = codec.encode(back, out2, 0, out2.length);
            assertArrayEquals(Arrays.copyOf(out, len), Arrays.copyOf(out2, len2), "encoding is stable");
        } catch (MessageCodecException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean hasOwnEquals(Class<?> type) {
        try {
            return type.isArray() || type.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
