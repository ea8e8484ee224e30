package io.tickwire.net.protocol;

import static io.tickwire.net.protocol.ConnectionPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Messages larger than a packet on unreliable channels arrive whole or not at all. */
class UnreliableFragmentationTest {

    private static TestMessages.Recorder send(double loss, long seed, int messages, int size, ConnectionPair[] out) {
        TestMessages.Recorder atServer = new TestMessages.Recorder(4);
        ConnectionPair pair = ConnectionPair.create(ReliabilityUnderLossTest.fourChannels(), (c, b, o, l) -> { },
                atServer, seed, loss, 20 * MS);
        out[0] = pair;
        assertTrue(pair.connect(5_000));
        byte[] m = new byte[size];
        for (int n = 0; n < messages; n++) {
            for (int ch = 0; ch < 2; ch++) {
                int len = TestMessages.write(m, ch, n, size - (n % 7) * 100);
                assertEquals(SendStatus.QUEUED, pair.client.send(ch, m, 0, len, pair.now));
            }
            pair.run(20, MS);
        }
        pair.run(500, MS);
        assertTrue(pair.client.isConnected() && pair.server.isConnected());
        assertEquals(0, atServer.corrupt, "no message is ever delivered incomplete or mixed up");
        return atServer;
    }

    @Test
    void largeUnreliableMessagesArriveIntactWithoutLoss() {
        ConnectionPair[] pair = new ConnectionPair[1];
        TestMessages.Recorder r = send(0, 1, 50, 10_000, pair);
        assertEquals(50, r.numbers[0].size());
        assertEquals(50, r.numbers[1].size());
        ReliabilityUnderLossTest.assertStrictlyIncreasing(r.numbers[1]);
    }

    @Test
    void aLostFragmentLosesOnlyItsMessageAndIsCounted() {
        ConnectionPair[] pair = new ConnectionPair[1];
        TestMessages.Recorder r = send(0.05, 2, 200, 5_000, pair);
        // A ~5 KB message is 5 fragments: at 5% loss about 77% arrive whole.
        assertTrue(r.numbers[0].size() > 120 && r.numbers[0].size() < 190, "unreliable arrivals " + r.numbers[0].size());
        assertTrue(r.numbers[1].size() > 120 && r.numbers[1].size() < 190, "sequenced arrivals " + r.numbers[1].size());
        ReliabilityUnderLossTest.assertStrictlyIncreasing(r.numbers[1]);
        assertTrue(pair[0].server.stats().drops(DropReason.ABANDONED_MESSAGE) > 0, "incomplete messages given up");
    }
}
