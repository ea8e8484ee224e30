package io.tickwire.net.protocol;

import static io.tickwire.net.protocol.ConnectionPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A saturated reliable channel does not stop unreliable traffic or another reliable channel. */
class ChannelFairnessTest {

    private static final int U = 0;
    private static final int BULK = 1;
    private static final int CHAT = 2;

    private static ConnectionConfig config() {
        return ConnectionConfig.builder()
                .addChannel(ChannelType.UNRELIABLE)
                .addChannel(ChannelType.RELIABLE_ORDERED, 1024, 1024)
                .addChannel(ChannelType.RELIABLE_ORDERED, 256, 256)
                .build();
    }

    /** Keeps BULK full, sends one unreliable and one CHAT message every 10 ms; returns the recorder. */
    private static TestMessages.Recorder run(double loss, long seed, int[] sentCounts) {
        TestMessages.Recorder atServer = new TestMessages.Recorder(3);
        ConnectionPair pair = ConnectionPair.create(config(), (c, b, o, l) -> { }, atServer, seed, loss, 50 * MS);
        assertTrue(pair.connect(5_000));
        byte[] m = new byte[1200];
        int bulkNext = 0;
        int uNext = 0;
        int chatNext = 0;
        int chatDue = 0;
        for (int step = 0; step < 10_000; step++) {
            while (true) {
                int len = TestMessages.write(m, BULK, bulkNext, 900);
                if (pair.client.send(BULK, m, 0, len, pair.now) != SendStatus.QUEUED) {
                    break;
                }
                bulkNext++;
            }
            assertEquals(1024, pair.client.queuedMessages(BULK), "bulk channel saturated at every step");
            if (step % 10 == 0) {
                int len = TestMessages.write(m, U, uNext, 40);
                assertEquals(SendStatus.QUEUED, pair.client.send(U, m, 0, len, pair.now));
                uNext++;
                chatDue++;
            }
            // CHAT wants one message per 10 ms; a lost message holds its queue until resent, so
            // QUEUE_FULL may occur under loss: back-pressure, the message is offered again later.
            while (chatNext < chatDue) {
                int len = TestMessages.write(m, CHAT, chatNext, 40);
                if (pair.client.send(CHAT, m, 0, len, pair.now) != SendStatus.QUEUED) {
                    break;
                }
                chatNext++;
            }
            pair.step(MS);
        }
        for (int i = 0; i < 10_000 && chatNext < chatDue; i++) {
            int len = TestMessages.write(m, CHAT, chatNext, 40);
            if (pair.client.send(CHAT, m, 0, len, pair.now) == SendStatus.QUEUED) {
                chatNext++;
            }
            pair.step(MS);
        }
        assertEquals(chatDue, chatNext);
        pair.run(5_000, MS);
        assertTrue(pair.client.isConnected());
        assertEquals(0, atServer.corrupt);
        sentCounts[0] = uNext;
        sentCounts[1] = chatNext;
        sentCounts[2] = bulkNext;
        return atServer;
    }

    @Test
    void unreliableAndSmallReliableTrafficFlowWhileABulkChannelIsSaturated() {
        int[] sent = new int[3];
        TestMessages.Recorder r = run(0, 1, sent);
        assertEquals(sent[0], r.numbers[U].size(), "every unreliable message arrives at 0% loss");
        ReliabilityUnderLossTest.assertOrderedExactlyOnce(r.numbers[CHAT], sent[1]);
        assertTrue(r.numbers[BULK].size() > 5_000, "bulk progressed: " + r.numbers[BULK].size());
    }

    @Test
    void unreliableTrafficKeepsItsShareAtHalfLossWhileABulkChannelIsSaturated() {
        int[] sent = new int[3];
        TestMessages.Recorder r = run(0.5, 2, sent);
        double share = r.numbers[U].size() / (double) sent[0];
        assertTrue(share > 0.4 && share < 0.6, "about half the unreliable messages arrive at 50% loss: " + share);
        ReliabilityUnderLossTest.assertOrderedExactlyOnce(r.numbers[CHAT], sent[1]);
        ReliabilityUnderLossTest.assertStrictlyIncreasing(r.numbers[U]);
    }
}
