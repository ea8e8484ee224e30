package io.tickwire.net.protocol;

import static io.tickwire.net.protocol.ConnectionPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import org.junit.jupiter.api.Test;

/** The packet ack hook reports exactly the packets the connection wrote and the peer acknowledged, each once. */
class PacketAckListenerTest {

    @Test
    void listenerReportsEachWrittenPacketOnceWhenAckedUnderLossAndAllOnceLossStops() {
        TestMessages.Recorder atServer = new TestMessages.Recorder(4);
        TestMessages.Recorder atClient = new TestMessages.Recorder(4);
        ConnectionPair pair = ConnectionPair.create(ReliabilityUnderLossTest.fourChannels(), atClient, atServer,
                7, 0.3, 20 * MS);
        IntOpenHashSet written = new IntOpenHashSet();
        IntOpenHashSet everWritten = new IntOpenHashSet();
        int[] lastTapped = {-1};
        pair.setTap((fromClient, buf, off, len) -> {
            if (fromClient) {
                int seq = PacketLayout.u16(buf, off + 1);
                written.add(seq);
                everWritten.add(seq);
                lastTapped[0] = seq;
            }
        });
        IntOpenHashSet acked = new IntOpenHashSet();
        IntOpenHashSet ackedEver = new IntOpenHashSet();
        int[] duplicates = {0};
        int[] notWritten = {0};
        pair.client.setPacketAckListener(seq -> {
            if (!everWritten.contains(seq)) {
                notWritten[0]++;
            }
            if (!acked.add(seq) || !ackedEver.add(seq)) {
                duplicates[0]++;
            }
        });
        assertTrue(pair.connect(5_000));
        byte[] msg = new byte[40];
        for (int i = 0; i < 2_000; i++) {
            pair.client.send(0, msg, 0, msg.length, pair.now);
            pair.step(MS);
            assertEquals(lastTapped[0], pair.client.lastWrittenPacketSequence());
        }
        assertTrue(acked.size() > 100, "acks reported under 30% loss: " + acked.size());
        assertTrue(acked.size() < written.size(), "some packets lost");
        pair.setLoss(0);
        pair.run(500, MS);
        written.clear();
        acked.clear();
        for (int i = 0; i < 300; i++) {
            pair.client.send(0, msg, 0, msg.length, pair.now);
            pair.step(MS);
        }
        int[] toCheck = written.toIntArray();
        // the server keeps writing (carrying acks) while the client only answers
        for (int i = 0; i < 500; i++) {
            pair.server.send(0, msg, 0, msg.length, pair.now);
            pair.step(MS);
        }
        assertEquals(0, duplicates[0]);
        assertEquals(0, notWritten[0]);
        for (int seq : toCheck) {
            assertTrue(acked.contains(seq), "written packet " + seq + " acked once loss stopped");
        }
    }
}
