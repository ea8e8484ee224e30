package io.tickwire.net.protocol;

import static io.tickwire.net.protocol.ConnectionPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import org.junit.jupiter.api.Test;

/** Jitter that reorders packets, duplicated packets and loss together, as a soak in miniature. */
class ReorderAndDuplicateTest {

    @Test
    void guaranteesHoldUnderJitterDuplicationAndLoss() {
        TestMessages.Recorder atClient = new TestMessages.Recorder(4);
        TestMessages.Recorder atServer = new TestMessages.Recorder(4);
        ConnectionPair pair = ConnectionPair.create(ReliabilityUnderLossTest.fourChannels(), atClient, atServer,
                17, 0.25, 100 * MS);
        for (LossyPipe p : new LossyPipe[] {pair.toServer, pair.toClient}) {
            p.setJitterNanos(50 * MS);
            p.setDuplicate(0.25);
        }
        assertTrue(pair.connect(5_000));
        int total = 2000;
        ReliabilityUnderLossTest.Feeder[] fromClient = {
            new ReliabilityUnderLossTest.Feeder(0, total, 100), new ReliabilityUnderLossTest.Feeder(1, total, 100),
            new ReliabilityUnderLossTest.Feeder(2, total, 1000, 50), new ReliabilityUnderLossTest.Feeder(3, total, 1000, 50)};
        ReliabilityUnderLossTest.Feeder[] fromServer = {
            new ReliabilityUnderLossTest.Feeder(0, total, 100), new ReliabilityUnderLossTest.Feeder(1, total, 100),
            new ReliabilityUnderLossTest.Feeder(2, total, 300, 100), new ReliabilityUnderLossTest.Feeder(3, total, 300, 100)};
        for (int step = 0; step < 200_000 && !(atServer.numbers[2].size() == total && atServer.numbers[3].size() == total
                && atClient.numbers[2].size() == total && atClient.numbers[3].size() == total); step++) {
            for (int ch = 0; ch < 4; ch++) {
                fromClient[ch].feed(pair.client, pair.now, 2);
                fromServer[ch].feed(pair.server, pair.now, 2);
            }
            pair.step(MS);
            assertTrue(pair.client.isConnected() && pair.server.isConnected(), pair.client.disconnectDetail());
        }
        assertTrue(pair.toServer.duplicated > 100 && pair.toClient.duplicated > 100, "duplicates happened");
        for (TestMessages.Recorder r : new TestMessages.Recorder[] {atClient, atServer}) {
            assertEquals(0, r.corrupt);
            ReliabilityUnderLossTest.assertOrderedExactlyOnce(r.numbers[2], total);
            ReliabilityUnderLossTest.assertUnorderedExactlyOnce(r.numbers[3], total);
            ReliabilityUnderLossTest.assertStrictlyIncreasing(r.numbers[1]);
            IntOpenHashSet unreliable = new IntOpenHashSet();
            for (int i = 0; i < r.numbers[0].size(); i++) {
                assertTrue(unreliable.add(r.numbers[0].getInt(i)), "unreliable message delivered twice");
            }
            assertTrue(unreliable.size() > total / 2, "unreliable arrivals " + unreliable.size());
        }
        assertTrue(pair.server.stats().drops(DropReason.DUPLICATE_PACKET) > 0);
        double rttMs = pair.client.stats().smoothedRttNanos() / 1e6;
        assertTrue(rttMs > 190 && rttMs < 320, "srtt " + rttMs + " ms for 200-300 ms round trips");
    }
}
