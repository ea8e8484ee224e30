package io.tickwire.net.discovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.dtls.Fingerprint;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

class DiscoveryCodecTest {

    static final Fingerprint FP = Fingerprint.ofDer(AnswerBytes.utf8("a certificate's DER stands here"));

    static ServerInfo.Builder info() {
        return ServerInfo.builder().serverName("Arena night").mapName("dust").gameVersion("0.3.1")
                .players(3, 16).gamePort(7777).passwordRequired(true).fingerprint(FP)
                .compatibility(1, 0x1111_2222_3333_4444L, 0x5555_6666_7777_8888L);
    }

    @Test
    void queryIsPaddedToQuerySizeAndCarriesItsNonce() {
        byte[] q = new byte[DiscoveryCodec.QUERY_SIZE];
        Arrays.fill(q, (byte) 0x7F);
        assertEquals(256, DiscoveryCodec.encodeQuery(0xCAFE_BABE_DEAD_BEEFL, q));
        assertArrayEquals(AnswerBytes.bytes(0x54, 0x57, 0x4C, 0x44, 1, 1, 0xCA, 0xFE, 0xBA, 0xBE, 0xDE, 0xAD, 0xBE, 0xEF),
                Arrays.copyOf(q, 14));
        for (int i = 14; i < 256; i++) {
            assertEquals(0, q[i], "padding byte " + i);
        }
        assertNull(DiscoveryCodec.checkQuery(q, q.length));
        assertEquals(0xCAFE_BABE_DEAD_BEEFL, DiscoveryCodec.queryNonce(q));
        // Longer queries are accepted (a later format may add fields); the padding is not inspected.
        byte[] longer = Arrays.copyOf(q, 400);
        longer[300] = 9;
        assertNull(DiscoveryCodec.checkQuery(longer, longer.length));
    }

    @Test
    void malformedQueriesAreRejectedByName() {
        byte[] q = new byte[DiscoveryCodec.QUERY_SIZE];
        DiscoveryCodec.encodeQuery(42, q);
        assertEquals(DiscoveryDrop.TOO_SHORT, DiscoveryCodec.checkQuery(q, 255));
        assertEquals(DiscoveryDrop.TOO_SHORT, DiscoveryCodec.checkQuery(q, 14));
        assertEquals(DiscoveryDrop.BAD_MAGIC, DiscoveryCodec.checkQuery(with(q, b -> b[0] = 'X'), 256));
        assertEquals(DiscoveryDrop.BAD_FORMAT_VERSION, DiscoveryCodec.checkQuery(with(q, b -> b[4] = 2), 256));
        assertEquals(DiscoveryDrop.BAD_FORMAT_VERSION, DiscoveryCodec.checkQuery(with(q, b -> b[4] = 0), 256));
        assertEquals(DiscoveryDrop.WRONG_TYPE, DiscoveryCodec.checkQuery(with(q, b -> b[5] = 2), 256));
        assertEquals(DiscoveryDrop.WRONG_TYPE, DiscoveryCodec.checkQuery(with(q, b -> b[5] = 0), 256));
    }

    @Test
    void answerRoundTripsAndMatchesTheDocumentedLayout() {
        ServerInfo sent = info().build();
        byte[] out = new byte[DiscoveryCodec.MAX_ANSWER_SIZE];
        int n = DiscoveryCodec.encodeAnswer(0x0102_0304_0506_0708L, sent, out);
        AnswerBytes spec = new AnswerBytes();
        spec.fingerprint = FP.digest();
        byte[] expected = spec.build();
        assertEquals(74 + 11 + 4 + 5, n);
        assertArrayEquals(expected, Arrays.copyOf(out, n));
        assertNull(DiscoveryCodec.checkAnswer(out, n));
        assertEquals(0x0102_0304_0506_0708L, DiscoveryCodec.answerNonce(out));
        ServerInfo got = DiscoveryCodec.decodeAnswer(out, n);
        assertEquals(sent, got);
        assertEquals("Arena night", got.serverName());
        assertEquals(3, got.players());
        assertEquals(16, got.maxPlayers());
        assertEquals(7777, got.gamePort());
        assertTrue(got.passwordRequired());
        assertEquals(FP, got.fingerprint());
    }

    @Test
    void nonAsciiNamesEmptyOptionalStringsAndExtremeValuesRoundTrip() {
        ServerInfo sent = ServerInfo.builder().serverName("Zoë's 競技場 🎮").players(65535, 65535).gamePort(65535)
                .fingerprint(FP).compatibility(65535, -1L, Long.MIN_VALUE).build();
        byte[] out = new byte[DiscoveryCodec.MAX_ANSWER_SIZE];
        int n = DiscoveryCodec.encodeAnswer(-1L, sent, out);
        assertNull(DiscoveryCodec.checkAnswer(out, n));
        assertEquals(-1L, DiscoveryCodec.answerNonce(out));
        ServerInfo got = DiscoveryCodec.decodeAnswer(out, n);
        assertEquals(sent, got);
        assertEquals("", got.mapName());
        assertEquals(false, got.passwordRequired());
        assertEquals(-1L, got.configHash());
    }

    @Test
    void maximalNamesAreCutOnCodePointsAndTheAnswerNeverExceedsTheQuery() {
        assertEquals(194, DiscoveryCodec.MAX_ANSWER_SIZE);
        assertTrue(DiscoveryCodec.MAX_ANSWER_SIZE <= DiscoveryCodec.QUERY_SIZE);
        ServerInfo ascii = info().serverName("n".repeat(500)).mapName("m".repeat(500)).gameVersion("v".repeat(500)).build();
        assertEquals(64, ascii.serverName().length());
        assertEquals(32, ascii.mapName().length());
        assertEquals(24, ascii.gameVersion().length());
        byte[] out = new byte[DiscoveryCodec.MAX_ANSWER_SIZE];
        assertEquals(DiscoveryCodec.MAX_ANSWER_SIZE, DiscoveryCodec.encodeAnswer(1, ascii, out));
        // 4-byte code points: 16 fit in 64 bytes, the 17th is cut whole (never half a surrogate pair).
        ServerInfo emoji = info().serverName("🎮".repeat(20)).mapName("é".repeat(20)).gameVersion("€".repeat(9)).build();
        assertEquals("🎮".repeat(16), emoji.serverName());
        assertEquals("é".repeat(16), emoji.mapName());
        assertEquals("€".repeat(8), emoji.gameVersion());
        // 63 bytes of ASCII, then a 2-byte character that does not fit: cut before it.
        assertEquals("a".repeat(63), info().serverName("a".repeat(63) + "é").build().serverName());
        int n = DiscoveryCodec.encodeAnswer(1, emoji, out);
        assertTrue(n <= DiscoveryCodec.QUERY_SIZE, n + " bytes");
        assertEquals(emoji, DiscoveryCodec.decodeAnswer(out, n));
    }

    @Test
    void everyMalformedAnswerIsRejectedByName() {
        assertNull(DiscoveryCodec.checkAnswer(new AnswerBytes().build(), new AnswerBytes().build().length));
        byte[] valid = new AnswerBytes().build();
        assertEquals(DiscoveryDrop.TOO_SHORT, DiscoveryCodec.checkAnswer(valid, 5));
        assertEquals(DiscoveryDrop.BAD_MAGIC, check(a -> a.magic = 0x54574C45));
        assertEquals(DiscoveryDrop.BAD_FORMAT_VERSION, check(a -> a.version = 2));
        assertEquals(DiscoveryDrop.WRONG_TYPE, check(a -> a.type = 1));
        assertEquals(DiscoveryDrop.WRONG_TYPE, check(a -> a.type = 3));
        // Cut inside the fingerprint (offsets 39..70) and right after it.
        assertEquals(DiscoveryDrop.TRUNCATED, DiscoveryCodec.checkAnswer(valid, 50));
        assertEquals(DiscoveryDrop.TRUNCATED, DiscoveryCodec.checkAnswer(valid, 70));
        assertEquals(DiscoveryDrop.TRUNCATED, DiscoveryCodec.checkAnswer(valid, 71));
        // Cut inside the server name, and before the last length byte.
        assertEquals(DiscoveryDrop.TRUNCATED, DiscoveryCodec.checkAnswer(valid, 75));
        assertEquals(DiscoveryDrop.TRUNCATED, DiscoveryCodec.checkAnswer(valid, valid.length - 6));
        assertEquals(DiscoveryDrop.TRUNCATED, DiscoveryCodec.checkAnswer(valid, valid.length - 1));
        assertEquals(DiscoveryDrop.TRAILING_BYTES, DiscoveryCodec.checkAnswer(Arrays.copyOf(valid, valid.length + 1),
                valid.length + 1));
        byte[] huge = Arrays.copyOf(valid, 195);
        assertEquals(DiscoveryDrop.OVERSIZED, DiscoveryCodec.checkAnswer(huge, 195));
        assertEquals(DiscoveryDrop.BAD_STRING_LENGTH, check(a -> a.name = new byte[65]));
        assertEquals(DiscoveryDrop.BAD_STRING_LENGTH, check(a -> a.map = AnswerBytes.utf8("m".repeat(33))));
        assertEquals(DiscoveryDrop.BAD_STRING_LENGTH, check(a -> a.gameVersion = AnswerBytes.utf8("v".repeat(25))));
        assertEquals(DiscoveryDrop.EMPTY_SERVER_NAME, check(a -> a.name = new byte[0]));
        assertEquals(DiscoveryDrop.BAD_PLAYER_COUNT, check(a -> a.maxPlayers = 0));
        assertEquals(DiscoveryDrop.BAD_PLAYER_COUNT, check(a -> a.players = 17));
        assertEquals(DiscoveryDrop.BAD_PORT, check(a -> a.gamePort = 0));
        assertEquals(DiscoveryDrop.RESERVED_FLAGS, check(a -> a.flags = 0x81));
        assertEquals(DiscoveryDrop.RESERVED_FLAGS, check(a -> a.flags = 0x02));
    }

    @Test
    void badUtf8AndForbiddenCharactersAreRejectedInEveryString() {
        int[][] badUtf8 = {
            {0x80},                   // lone continuation byte
            {0xC0, 0x80},             // overlong NUL
            {0xE0, 0x80, 0x80},       // overlong 3-byte
            {0xED, 0xA0, 0x80},       // UTF-16 surrogate D800
            {0xF4, 0x90, 0x80, 0x80}, // above U+10FFFF
            {0xF5, 0x80, 0x80, 0x80}, // never a lead byte
            {0xFF},
            {'o', 'k', 0xE2, 0x82},   // sequence cut by the end of the field
            {0xC3, 'x'},              // continuation expected
        };
        for (int[] bad : badUtf8) {
            byte[] b = AnswerBytes.bytes(bad);
            assertEquals(DiscoveryDrop.BAD_UTF8, check(a -> a.name = b), Arrays.toString(bad));
            assertEquals(DiscoveryDrop.BAD_UTF8, check(a -> a.map = b), Arrays.toString(bad));
            assertEquals(DiscoveryDrop.BAD_UTF8, check(a -> a.gameVersion = b), Arrays.toString(bad));
        }
        for (String forbidden : new String[] {"a\nb", "\0", "tab\t", "\u007F", "\u0085", "\u2028", "evil\u202Egnp", "\u2066x"}) {
            byte[] b = AnswerBytes.utf8(forbidden);
            assertEquals(DiscoveryDrop.FORBIDDEN_CHARACTER, check(a -> a.name = b), forbidden);
            assertEquals(DiscoveryDrop.FORBIDDEN_CHARACTER, check(a -> a.map = b), forbidden);
        }
        // The checks allocate nothing, so the decode step must refuse what they refuse.
        byte[] bad = new AnswerBytes().build();
        bad[72] = (byte) 0xFF;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DiscoveryCodec.decodeAnswer(bad, bad.length));
        assertTrue(e.getMessage().contains("BAD_UTF8"), e.getMessage());
    }

    @Test
    void serverInfoRefusesWhatNoBrowserWouldAcceptNamingTheLimit() {
        assertMessage("serverName must not be empty", () -> info().serverName("").build());
        assertMessage("forbidden character U+000A", () -> info().serverName("two\nlines").build());
        assertMessage("forbidden character U+202E", () -> info().mapName("\u202Eevil").build());
        assertMessage("unpaired surrogate", () -> info().gameVersion("x\uD83C").build());
        assertMessage("players must be in [0, maxPlayers 16], was 17", () -> info().players(17, 16).build());
        assertMessage("maxPlayers must be in [1, 65535], was 0", () -> info().players(0, 0).build());
        assertMessage("maxPlayers must be in [1, 65535], was 70000", () -> info().players(0, 70000).build());
        assertMessage("gamePort must be in [1, 65535], was 0", () -> info().gamePort(0).build());
        assertMessage("protocolVersion must be in [0, 65535]", () -> info().compatibility(70000, 0, 0).build());
        assertMessage("compatibility(protocolVersion, configHash, applicationHash)", () -> ServerInfo.builder()
                .serverName("x").players(0, 1).gamePort(1).fingerprint(FP).build());
        assertEquals(5, info().build().withPlayers(5).players());
        assertMessage("players must be in [0, maxPlayers 16], was 20", () -> info().build().withPlayers(20));
    }

    @Test
    void randomCorruptionsAreRejectedOrDecodeConsistently() {
        // Seeded and bounded: every corrupted answer either fails a named check or decodes to an info
        // that encodes back to the same bytes (checking and decoding agree).
        SplittableRandom random = new SplittableRandom(20251206);
        byte[] valid = new AnswerBytes().build();
        byte[] reencoded = new byte[DiscoveryCodec.MAX_ANSWER_SIZE];
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] b = Arrays.copyOf(valid, valid.length + 8);
            int length = valid.length + random.nextInt(-8, 9);
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                b[random.nextInt(length)] = (byte) random.nextInt(256);
            }
            DiscoveryDrop problem = DiscoveryCodec.checkAnswer(b, length);
            if (problem == null) {
                accepted++;
                ServerInfo info = DiscoveryCodec.decodeAnswer(b, length);
                int n = DiscoveryCodec.encodeAnswer(DiscoveryCodec.answerNonce(b), info, reencoded);
                assertArrayEquals(Arrays.copyOf(b, length), Arrays.copyOf(reencoded, n), "round " + round);
            }
        }
        assertTrue(accepted > 200, "some corruptions (same length, free-form fields) stay valid: " + accepted);
    }

    private static DiscoveryDrop check(Consumer<AnswerBytes> change) {
        AnswerBytes a = new AnswerBytes();
        change.accept(a);
        byte[] b = a.build();
        return DiscoveryCodec.checkAnswer(b, b.length);
    }

    private static byte[] with(byte[] original, Consumer<byte[]> change) {
        byte[] copy = original.clone();
        change.accept(copy);
        return copy;
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
