package io.tickwire.net.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tickwire.net.serial.TestMessages.Blob;
import io.tickwire.net.serial.TestMessages.Chat;
import io.tickwire.net.serial.TestMessages.Position;
import io.tickwire.net.serial.TestMessages.Roster;
import io.tickwire.net.serial.TestMessages.Secret;
import io.tickwire.net.serial.TestMessages.Team;
import io.tickwire.net.serial.TestMessages.Wrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private final MessageRegistry registry = TestMessages.standard().build();
    private final MessageCodec codec = registry.newCodec();
    private final byte[] buf = new byte[4096];

    /** Encodes, pins the wire size, decodes and compares (Kryo's roundTrip(length, ...) idea). */
    private Object roundTrip(int expectedLength, Object message) throws MessageCodecException {
        int len = codec.encode(message, buf, 0, buf.length);
        assertEquals(expectedLength, len, "wire size of " + message.getClass().getSimpleName());
        Object back = codec.decode(buf, 0, len);
        assertEquals(message, back);
        // A second codec (the other side) reads the same bytes the same way.
        assertEquals(message, registry.newCodec().decode(Arrays.copyOf(buf, len), 0, len));
        return back;
    }

    @Test
    void roundTripsKeepPinnedWireSizes() throws Exception {
        // id byte + varint entity + two 4-byte floats
        roundTrip(10, new Position(5, 1.5f, -2f));
        // id byte + varint from + ASCII "hi" (2 bytes, last one flagged)
        roundTrip(4, new Chat(3, "hi"));
        roundTrip(3, new Chat(3, null));
        roundTrip(9, new Chat(-1, "h\u00e9llo")); // 1-byte UTF-8 header + 6 bytes
        roundTrip(2, Team.BLUE);
        Roster r = new Roster();
        r.team = Team.RED;
        r.scores = new int[] {1, 2, 300};
        r.names = new ArrayList<>(TestMessages.names("a", "bc"));
        r.spawns = new Position[] {new Position(1, 0f, 0f), null};
        roundTrip(25, r); // pinned from Kryo 5.6.2: a change means the wire format moved
    }

    @Test
    void encodesInsideTheWindowAndTouchesNothingElse() throws Exception {
        byte[] out = new byte[64];
        Arrays.fill(out, (byte) 0x5A);
        int len = codec.encode(new Position(5, 1.5f, -2f), out, 20, 30);
        assertEquals(10, len);
        for (int i = 0; i < 20; i++) {
            assertEquals(0x5A, out[i]);
        }
        for (int i = 30; i < 64; i++) {
            assertEquals(0x5A, out[i]);
        }
        assertEquals(new Position(5, 1.5f, -2f), codec.decode(out, 20, len));
    }

    @Test
    void messageLargerThanTheCallersBufferIsRefusedWithoutWritingPastIt() {
        byte[] out = new byte[64];
        Arrays.fill(out, (byte) 0x5A);
        MessageCodecException e = assertThrows(MessageCodecException.class,
                () -> codec.encode(new Blob(new byte[100]), out, 4, 40));
        assertEquals(CodecError.TOO_LARGE, e.error());
        assertEquals(24, e.registrationId());
        assertTrue(e.getMessage().contains("40-byte buffer"), e.getMessage());
        for (int i = 44; i < 64; i++) {
            assertEquals(0x5A, out[i], "byte " + i + " outside the window was written");
        }
    }

    @Test
    void messageLargerThanTheRegistryLimitIsRefusedNamingTheLimit() throws Exception {
        MessageRegistry small = TestMessages.standard().maxMessageSize(1000).build();
        MessageCodec c = small.newCodec();
        assertEquals(903, c.encode(new Blob(new byte[900]), buf, 0, buf.length));
        MessageCodecException e = assertThrows(MessageCodecException.class,
                () -> c.encode(new Blob(new byte[1000]), buf, 0, buf.length));
        assertEquals(CodecError.TOO_LARGE, e.error());
        assertTrue(e.getMessage().contains("maxMessageSize of 1000 bytes"), e.getMessage());
        MessageCodecException d = assertThrows(MessageCodecException.class, () -> c.decode(buf, 0, 1001));
        assertEquals(CodecError.TOO_LARGE, d.error());
        assertTrue(d.getMessage().contains("maxMessageSize of 1000 bytes"), d.getMessage());
    }

    @Test
    void unregisteredClassErrorNamesTheClassAndTheCallThatRegistersIt() {
        MessageCodecException e = assertThrows(MessageCodecException.class,
                () -> codec.encode(new Secret(), buf, 0, buf.length));
        assertEquals(CodecError.UNREGISTERED_CLASS, e.error());
        assertTrue(e.getMessage().contains(Secret.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(".register(io.tickwire.net.serial.TestMessages.Secret.class, <id>)"),
                e.getMessage());
    }

    @Test
    void unregisteredClassInsideAFieldIsNamedToo() {
        Wrapper w = new Wrapper();
        w.payload = new Secret();
        MessageCodecException e = assertThrows(MessageCodecException.class,
                () -> codec.encode(w, buf, 0, buf.length));
        assertEquals(CodecError.UNREGISTERED_CLASS, e.error());
        assertEquals(23, e.registrationId());
        assertTrue(e.getMessage().contains(Wrapper.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("register(io.tickwire.net.serial.TestMessages.Secret.class"),
                e.getMessage());
    }

    @Test
    void nullMessageIsRefused() {
        assertEquals(CodecError.NULL_MESSAGE, assertThrows(MessageCodecException.class,
                () -> codec.encode(null, buf, 0, buf.length)).error());
        buf[0] = 0;
        assertEquals(CodecError.NULL_MESSAGE, assertThrows(MessageCodecException.class,
                () -> codec.decode(buf, 0, 1)).error());
    }

    @Test
    void aListOfNullsRoundTripsWithinTheAllowanceAndAClaimBeyondItIsRefused() throws Exception {
        // Found by MessageCodecFuzzTest: Kryo writes a list whose elements are all null as its size and
        // one null class tag, and the size guard refused what our own encoder wrote.
        MessageRegistry big = TestMessages.standard().build();
        MessageCodec c = big.newCodec();
        byte[] out = new byte[64];
        for (int n : new int[] {2, 17, BoundedInput.MAX_ELEMENTS_WITHOUT_BYTES}) {
            java.util.ArrayList<Object> nulls = new java.util.ArrayList<>(java.util.Collections.nCopies(n, null));
            int len = c.encode(nulls, out, 0, out.length);
            assertTrue(len <= 8, "a list of " + n + " nulls takes " + len + " bytes");
            assertEquals(nulls, c.decode(out, 0, len));
        }
        java.util.ArrayList<Object> tooMany = new java.util.ArrayList<>(
                java.util.Collections.nCopies(BoundedInput.MAX_ELEMENTS_WITHOUT_BYTES + 1, null));
        int len = c.encode(tooMany, out, 0, out.length);
        MessageCodecException e = assertThrows(MessageCodecException.class, () -> c.decode(out, 0, len));
        assertEquals(CodecError.MALFORMED, e.error());
        assertTrue(e.getMessage().contains("collection size 4097"), e.getMessage());
        assertTrue(e.getMessage().contains("up to 4096 elements per message"), e.getMessage());
    }

    @Test
    void aNullArrayBehindAValidClassIdIsRefusedNotDelivered() {
        // Found by MessageCodecFuzzTest: Kryo writes a null array as length 0, so the id of a
        // registered array type (Position[], 22) followed by 0 decoded to null and reached the listener.
        for (int arrayId : new int[] {20, 22, 25}) {
            buf[0] = (byte) (arrayId + 2);
            buf[1] = 0;
            MessageCodecException e = assertThrows(MessageCodecException.class, () -> codec.decode(buf, 0, 2));
            assertEquals(CodecError.NULL_MESSAGE, e.error(), "id " + arrayId);
            assertEquals(arrayId, e.registrationId());
        }
    }

    @Test
    void unknownIdIsReportedWithTheId() {
        buf[0] = (byte) (99 + 2);
        MessageCodecException e = assertThrows(MessageCodecException.class, () -> codec.decode(buf, 0, 5));
        assertEquals(CodecError.UNKNOWN_ID, e.error());
        assertEquals(99, e.registrationId());
        assertTrue(e.getMessage().contains("unknown message id 99"), e.getMessage());
    }

    @Test
    void messageFromADifferentRegistryIsUnknownOrMalformedNeverMisread() throws Exception {
        MessageRegistry other = MessageRegistry.builder().register(Position.class, 40).build();
        int len = other.newCodec().encode(new Position(1, 2f, 3f), buf, 0, buf.length);
        MessageCodecException e = assertThrows(MessageCodecException.class, () -> codec.decode(buf, 0, len));
        assertEquals(CodecError.UNKNOWN_ID, e.error());
        assertEquals(40, e.registrationId());
    }

    @Test
    void truncatedAndTrailingBytesAreMalformed() throws Exception {
        int len = codec.encode(new Position(5, 1.5f, -2f), buf, 0, buf.length);
        MessageCodecException t = assertThrows(MessageCodecException.class, () -> codec.decode(buf, 0, len - 1));
        assertEquals(CodecError.MALFORMED, t.error());
        assertEquals(17, t.registrationId());
        assertTrue(t.getMessage().contains(Position.class.getName()), t.getMessage());
        MessageCodecException x = assertThrows(MessageCodecException.class, () -> codec.decode(buf, 0, len + 1));
        assertEquals(CodecError.MALFORMED, x.error());
        assertTrue(x.getMessage().contains("1 trailing bytes"), x.getMessage());
    }

    @Test
    void hugeLengthPrefixesAreRefusedBeforeAllocating() {
        // int[] claiming 2^28 elements, byte[] claiming 2^28, and a string claiming 2^27 chars.
        byte[][] crafted = {
            {(byte) (20 + 2), (byte) 0x81, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01},
            {(byte) (25 + 2), (byte) 0x81, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01},
            {(byte) (16 + 2), 0x02, (byte) 0xC1, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01, 'a'},
            // collections carry a flag bit in the size varint (0x80 flag, 0x40 continuation)
            {(byte) (21 + 2), 0x40, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x02},
            {(byte) (22 + 2), (byte) 0x81, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01},
        };
        for (byte[] c : crafted) {
            MessageCodecException e = assertThrows(MessageCodecException.class, () -> codec.decode(c, 0, c.length));
            assertEquals(CodecError.MALFORMED, e.error(), e.getMessage());
            assertTrue(e.getMessage().contains("bytes left in the message"), e.getMessage());
        }
    }

    @Test
    void randomAndMutatedGarbageOnlyEverYieldsACheckedCodecError() throws Exception {
        SplittableRandom rnd = new SplittableRandom(0x71C3_0001L);
        Roster r = new Roster();
        r.team = Team.BLUE;
        r.scores = new int[] {7, 8, 9, 10};
        r.names = new ArrayList<>(TestMessages.names("alpha", "b\u00e9ta"));
        r.spawns = new Position[] {new Position(3, 1f, 2f)};
        Object[] seeds = {new Position(5, 1.5f, -2f), new Chat(9, "hello there"), r, Team.RED,
            new Blob(new byte[] {1, 2, 3})};
        byte[] garbage = new byte[256];
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < 60_000; i++) {
            int len;
            if ((i & 1) == 0) {
                len = 1 + rnd.nextInt(garbage.length);
                for (int j = 0; j < len; j++) {
                    garbage[j] = (byte) rnd.nextInt(256);
                }
                if (rnd.nextBoolean()) {
                    garbage[0] = (byte) (16 + 2 + rnd.nextInt(10)); // a known id, so serializers run
                }
            } else {
                len = codec.encode(seeds[rnd.nextInt(seeds.length)], garbage, 0, garbage.length);
                int flips = 1 + rnd.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    garbage[rnd.nextInt(len)] ^= (byte) (1 << rnd.nextInt(8));
                }
                if (rnd.nextInt(4) == 0) {
                    len = Math.max(1, len + rnd.nextInt(5) - 2);
                }
            }
            try {
                codec.decode(garbage, 0, len);
                decoded++;
            } catch (MessageCodecException expected) {
                refused++;
            } catch (Throwable t) {
                fail("decode of garbage #" + i + " threw " + t, t);
            }
        }
        assertEquals(60_000, decoded + refused);
        assertTrue(refused > 30_000, "most garbage must be refused, refused " + refused);
        // The codec still works after all that.
        roundTrip(10, new Position(5, 1.5f, -2f));
    }

    @Test
    void decodedBytesAreNotAliasedToTheCallersBuffer() throws Exception {
        Blob b = new Blob(new byte[] {1, 2, 3, 4});
        int len = codec.encode(b, buf, 0, buf.length);
        Blob back = (Blob) codec.decode(buf, 0, len);
        Arrays.fill(buf, (byte) 0);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, back.data);
    }
}
