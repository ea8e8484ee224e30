package io.tickwire.net.discovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of both directions of LAN discovery: {@link DiscoveryCodec#checkQuery}
 * (what a responder accepts) and {@link DiscoveryCodec#checkAnswer} / {@link DiscoveryCodec#decodeAnswer}
 * (what a browser accepts). Kept inputs: {@code DiscoveryCodecFuzzTestInputs/}; fuzzing mode:
 * net-core/README.md.
 */
class DiscoveryCodecFuzzTest {

    /**
     * Every datagram is judged without an exception. An accepted answer decodes, and encoding the
     * decoded info with the same nonce gives back the same bytes (the format has one spelling); a
     * refused one makes decodeAnswer throw the IllegalArgumentException it documents. An accepted
     * query re-encodes to the same first {@link DiscoveryCodec#QUERY_SIZE} header and nonce bytes.
     */
    @FuzzTest
    void datagram(byte[] bytes) {
        DiscoveryDrop query = DiscoveryCodec.checkQuery(bytes, bytes.length);
        if (query == null) {
            assertTrue(bytes.length >= DiscoveryCodec.QUERY_SIZE);
            byte[] again = new byte[DiscoveryCodec.QUERY_SIZE];
            DiscoveryCodec.encodeQuery(DiscoveryCodec.queryNonce(bytes), again);
            assertArrayEquals(Arrays.copyOf(bytes, 14), Arrays.copyOf(again, 14), "header and nonce");
            assertEquals(null, DiscoveryCodec.checkQuery(again, again.length));
        }
        DiscoveryDrop answer = DiscoveryCodec.checkAnswer(bytes, bytes.length);
        if (answer != null) {
            assertThrows(IllegalArgumentException.class, () -> DiscoveryCodec.decodeAnswer(bytes, bytes.length));
            return;
        }
        assertTrue(bytes.length >= DiscoveryCodec.MIN_ANSWER_SIZE && bytes.length <= DiscoveryCodec.MAX_ANSWER_SIZE);
        ServerInfo info = DiscoveryCodec.decodeAnswer(bytes, bytes.length);
        assertTrue(info.players() <= info.maxPlayers() && info.maxPlayers() > 0);
        assertTrue(info.gamePort() > 0 && info.gamePort() <= 0xFFFF);
        byte[] again = new byte[DiscoveryCodec.MAX_ANSWER_SIZE];
        int len = DiscoveryCodec.encodeAnswer(DiscoveryCodec.answerNonce(bytes), info, again);
        assertArrayEquals(bytes, Arrays.copyOf(again, len), "decoded answer re-encodes to the same bytes");
    }
}
