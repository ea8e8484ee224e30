package io.tickwire.net.protocol;

import static io.tickwire.net.protocol.ConnectionPair.MS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Messages larger than a packet are fragmented and reassembled intact, even at 50% loss. */
class FragmentationTest {

    static final class Collector implements MessageHandler {
        final List<List<byte[]>> byChannel = new ArrayList<>();

        Collector(int channels) {
            for (int i = 0; i < channels; i++) {
                byChannel.add(new ArrayList<>());
            }
        }

        @Override
        public void onMessage(int channel, byte[] buf, int off, int len) {
            byChannel.get(channel).add(Arrays.copyOfRange(buf, off, off + len));
        }
    }

    @Test
    void hundredKibibyteRandomMessagesArriveIntactAtHalfLoss() {
        Collector atServer = new Collector(4);
        Collector atClient = new Collector(4);
        ConnectionPair pair = ConnectionPair.create(ReliabilityUnderLossTest.fourChannels(), atClient, atServer,
                3, 0.5, 50 * MS);
        assertTrue(pair.connect(5_000));
        Random random = new Random(99);
        List<byte[]> ordered = new ArrayList<>();
        List<byte[]> unordered = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] m = new byte[100 * 1024 + random.nextInt(2000)];
            random.nextBytes(m);
            ordered.add(m);
            assertEquals(SendStatus.QUEUED, pair.client.send(ReliabilityUnderLossTest.RO, m, 0, m.length, pair.now));
            byte[] u = new byte[1 + random.nextInt(100 * 1024)];
            random.nextBytes(u);
            unordered.add(u);
            assertEquals(SendStatus.QUEUED, pair.server.send(ReliabilityUnderLossTest.RU, u, 0, u.length, pair.now));
        }
        // small messages queued behind the large ones on the same channel still arrive, in order
        byte[] small = {1, 2, 3};
        assertEquals(SendStatus.QUEUED, pair.client.send(ReliabilityUnderLossTest.RO, small, 0, 3, pair.now));
        ordered.add(small);
        for (int i = 0; i < 120_000 && (atServer.byChannel.get(2).size() < ordered.size()
                || atClient.byChannel.get(3).size() < unordered.size()); i++) {
            pair.step(MS);
        }
        List<byte[]> gotOrdered = atServer.byChannel.get(ReliabilityUnderLossTest.RO);
        assertEquals(ordered.size(), gotOrdered.size());
        for (int i = 0; i < ordered.size(); i++) {
            assertArrayEquals(ordered.get(i), gotOrdered.get(i), "ordered message " + i);
        }
        List<byte[]> gotUnordered = atClient.byChannel.get(ReliabilityUnderLossTest.RU);
        assertEquals(unordered.size(), gotUnordered.size());
        for (byte[] expected : unordered) {
            assertTrue(gotUnordered.stream().anyMatch(g -> Arrays.equals(g, expected)), "unordered message arrived");
        }
        assertTrue(pair.client.isConnected() && pair.server.isConnected());
    }
}
