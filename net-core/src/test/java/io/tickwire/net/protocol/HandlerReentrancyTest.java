package io.tickwire.net.protocol;

import static io.tickwire.net.protocol.ConnectionPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The message handler may send and disconnect from inside the callback. */
class HandlerReentrancyTest {

    /** Echoes every message back on the same channel, from inside onMessage. */
    static final class Echo implements MessageHandler {
        Connection connection;
        long now;
        int refused;

        @Override
        public void onMessage(int channel, byte[] buf, int off, int len) {
            if (connection.send(channel, buf, off, len, now) != SendStatus.QUEUED) {
                refused++;
            }
        }
    }

    @Test
    void serverEchoesFromInsideTheCallbackAtHalfLoss() {
        TestMessages.Recorder atClient = new TestMessages.Recorder(4);
        Echo echo = new Echo();
        ConnectionPair pair = ConnectionPair.create(ReliabilityUnderLossTest.fourChannels(), atClient, echo, 13, 0.5, 20 * MS);
        echo.connection = pair.server;
        assertTrue(pair.connect(5_000));
        ReliabilityUnderLossTest.Feeder f = new ReliabilityUnderLossTest.Feeder(ReliabilityUnderLossTest.RO, 1000, 500);
        for (int i = 0; i < 60_000 && atClient.numbers[ReliabilityUnderLossTest.RO].size() < 1000; i++) {
            if (i % 4 == 0) { // 250 messages/s: well inside what the echo's send queue absorbs at 50% loss
                f.feed(pair.client, pair.now, 1);
            }
            echo.now = pair.now;
            pair.step(MS);
        }
        assertEquals(0, echo.refused);
        assertEquals(0, atClient.corrupt);
        ReliabilityUnderLossTest.assertOrderedExactlyOnce(atClient.numbers[ReliabilityUnderLossTest.RO], 1000);
    }

    @Test
    void disconnectFromInsideTheCallbackStopsDeliveryAndReachesThePeer() {
        int[] delivered = new int[1];
        Connection[] server = new Connection[1];
        MessageHandler kicker = (channel, buf, off, len) -> {
            delivered[0]++;
            if (TestMessages.check(channel, buf, off, len) == 5) {
                server[0].disconnect(DisconnectReason.KICKED, "message 5 was rude", 0);
            }
        };
        ConnectionPair pair = ConnectionPair.create(ReliabilityUnderLossTest.fourChannels(), (c, b, o, l) -> { }, kicker, 14, 0, 10 * MS);
        server[0] = pair.server;
        assertTrue(pair.connect(1_000));
        byte[] m = new byte[64];
        for (int n = 0; n < 20; n++) {
            assertEquals(SendStatus.QUEUED, pair.client.send(ReliabilityUnderLossTest.RO, m, 0,
                    TestMessages.write(m, ReliabilityUnderLossTest.RO, n, 20), pair.now));
        }
        pair.run(300, MS);
        assertEquals(6, delivered[0], "delivery stops with the message that disconnected");
        assertEquals(ConnectionState.DISCONNECTED, pair.server.state());
        assertEquals(DisconnectReason.KICKED, pair.client.disconnectReason());
        assertEquals("message 5 was rude", pair.client.disconnectDetail());
    }
}
