package io.tickwire.net.protocol;

import static io.tickwire.net.protocol.ConnectionPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import org.junit.jupiter.api.Test;

/** After heavy loss stops, every packet gets acknowledged and the RTT settles on the real round trip. */
class AckAndRttConvergenceTest {

    @Test
    void everyPacketIsAckedOnceLossStopsAndRttConvergesToTheConfiguredRoundTrip() {
        TestMessages.Recorder atServer = new TestMessages.Recorder(4);
        TestMessages.Recorder atClient = new TestMessages.Recorder(4);
        ConnectionPair pair = ConnectionPair.create(ReliabilityUnderLossTest.fourChannels(), atClient, atServer,
                11, 0.5, 50 * MS);
        IntArrayList clientSeqsLossless = new IntArrayList();
        IntOpenHashSet ackedByServer = new IntOpenHashSet();
        boolean[] recordSent = {false};
        pair.setTap((fromClient, buf, off, len) -> {
            if (fromClient) {
                if (!recordSent[0]) {
                    return;
                }
                clientSeqsLossless.add(PacketLayout.u16(buf, off + 1));
            } else if ((buf[off] & PacketLayout.FLAG_ACK_PRESENT) != 0) {
                int ack = PacketLayout.u16(buf, off + 3);
                int bits = PacketLayout.u32(buf, off + 5);
                ackedByServer.add(ack);
                for (int i = 0; i < 32; i++) {
                    if ((bits & (1 << i)) != 0) {
                        ackedByServer.add(Sequence16.add(ack, -1 - i));
                    }
                }
            }
        });
        assertTrue(pair.connect(5_000));
        ReliabilityUnderLossTest.Feeder ro = new ReliabilityUnderLossTest.Feeder(ReliabilityUnderLossTest.RO, 8000, 300);
        for (int i = 0; i < 5_000; i++) {
            ro.feed(pair.client, pair.now, 1);
            pair.step(MS);
        }
        assertTrue(pair.client.stats().packetLoss() > 0.3, "loss estimate under 50% loss: " + pair.client.stats().packetLoss());
        pair.setLoss(0);
        pair.run(200, MS); // let packets sent under loss drain from the pipes
        recordSent[0] = true;
        for (int i = 0; i < 4_000; i++) {
            ro.feed(pair.client, pair.now, 1);
            pair.step(MS);
        }
        recordSent[0] = false;
        for (int i = 0; i < 5_000 && atServer.numbers[ReliabilityUnderLossTest.RO].size() < 8000; i++) {
            ro.feed(pair.client, pair.now, 1);
            pair.step(MS);
        }
        pair.run(1_000, MS); // acks of the last packets come back
        int checked = 0;
        for (int i = 0; i < clientSeqsLossless.size(); i++) {
            int seq = clientSeqsLossless.getInt(i);
            assertTrue(ackedByServer.contains(seq), "client packet " + seq + " acknowledged by the server");
            checked++;
        }
        assertTrue(checked > 100, "packets checked: " + checked);
        assertEquals(8000, atServer.numbers[ReliabilityUnderLossTest.RO].size());
        assertEquals(0, pair.client.queuedMessages(ReliabilityUnderLossTest.RO), "every reliable message acknowledged");
        double rttMs = pair.client.stats().smoothedRttNanos() / 1e6;
        assertTrue(rttMs >= 100 && rttMs <= 110, "client srtt " + rttMs + " ms for a 100 ms round trip");
        double serverRttMs = pair.server.stats().smoothedRttNanos() / 1e6;
        assertTrue(serverRttMs >= 100 && serverRttMs <= 110, "server srtt " + serverRttMs + " ms for a 100 ms round trip");
        assertTrue(pair.client.stats().packetLoss() < 0.1, "loss estimate decays once loss stops: " + pair.client.stats().packetLoss());
    }
}
