package io.tickwire.net.protocol;

import static io.tickwire.net.protocol.ConnectionPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Out-of-order reliable-ordered messages and reassemblies share one per-connection receive budget
 * ({@link ConnectionConfig#receiveBudgetBytes()}), counted at their pooled size.
 */
class ReceiveBudgetTest {

    private static final MessageHandler IGNORE = (channel, buf, off, len) -> { };

    private static ConnectionConfig threeOrderedChannels() {
        return ConnectionConfig.builder()
                .addChannel(ChannelType.RELIABLE_ORDERED)
                .addChannel(ChannelType.RELIABLE_ORDERED)
                .addChannel(ChannelType.RELIABLE_ORDERED)
                // Off here: these tests feed thousands of packets at one instant to reach the budget; the receive
                // rate limit has its own tests.
                .receiveRateLimitPacketsPerSecond(0)
                .build();
    }

    @Test
    void aPeerThatWithholdsTheFirstIdOnEveryOrderedChannelIsCutOffAtTheReceiveBudget() {
        ConnectionConfig config = threeOrderedChannels();
        int budget = config.receiveBudgetBytes();
        int payload = config.maxUnfragmentedMessageSize();
        int perMessage = BufferPool.capacity(payload);
        // Three full windows of maximal messages would be 3 x 1024 x 2048 bytes: more than the budget.
        assertTrue(3L * config.channel(0).receiveWindow() * perMessage > budget);

        ConnectionPair pair = ConnectionPair.create(config, IGNORE, IGNORE, 3, 0, 5 * MS);
        assertTrue(pair.connect(1_000));
        pair.setSilent(true, true);
        byte[] packet = new byte[config.maxPacketSize()];
        int seq = 20_000;
        int accepted = 0;
        int maxHeld = 0;
        outer:
        for (int ch = 0; ch < 3; ch++) {
            // Ids 1..window-1, never id 0: nothing is deliverable, everything must be held.
            for (int id = 1; id < config.channel(ch).receiveWindow(); id++) {
                int p = RawPackets.header(packet, PacketLayout.TYPE_DATA, seq++);
                int end = RawPackets.entry(packet, p, ch, true, id, payload);
                assertEquals(config.maxPacketSize(), end);
                pair.server.receivePacket(packet, 0, end, pair.now);
                maxHeld = Math.max(maxHeld, pair.server.stats().receiveHeldBytes());
                if (!pair.server.isConnected()) {
                    break outer;
                }
                accepted++;
            }
        }
        assertEquals(budget / perMessage, accepted, "held exactly as many copies as the budget allows");
        assertTrue(maxHeld <= budget, "held " + maxHeld + " bytes, budget " + budget);
        assertEquals(DisconnectReason.RECEIVE_LIMIT_EXCEEDED, pair.server.disconnectReason());
        String detail = pair.server.disconnectDetail();
        assertTrue(detail.contains("receiveBudgetBytes " + budget) && detail.contains("out of order")
                && detail.contains("(" + budget + " in use)"), detail);
        assertEquals(0, pair.server.stats().receiveHeldBytes(), "disconnecting gives everything back");
    }

    @Test
    void outOfOrderCopiesAndReassembliesShareOneBudget() {
        ConnectionConfig shared = ConnectionConfig.builder()
                .addChannel(ChannelType.RELIABLE_ORDERED)
                .addChannel(ChannelType.RELIABLE_ORDERED)
                .maxMessageSize(60 * 1024)
                .build();
        int reassembly = BufferPool.capacity(shared.maxFragments() * shared.fragmentSize());
        int perMessage = BufferPool.capacity(shared.maxUnfragmentedMessageSize());
        // Room for one reassembly and three held messages; budgets are local, not hashed.
        int budget = reassembly + 3 * perMessage;
        ConnectionConfig tight = ConnectionConfig.builder()
                .addChannel(ChannelType.RELIABLE_ORDERED)
                .addChannel(ChannelType.RELIABLE_ORDERED)
                .maxMessageSize(60 * 1024)
                .receiveBudgetBytes(budget)
                .build();
        ConnectionPair pair = ConnectionPair.create(shared, tight, 1, 1, IGNORE, IGNORE, 4, 0, 5 * MS);
        assertTrue(pair.connect(1_000));
        pair.setSilent(true, true);
        byte[] packet = new byte[shared.maxPacketSize()];
        int seq = 20_000;
        // Channel 0: the first fragment of a maximal message (id 0) opens a reassembly.
        int p = RawPackets.header(packet, PacketLayout.TYPE_DATA, seq++);
        int end = RawPackets.fragment(packet, p, 0, 0, 0, shared.maxFragments(), shared.fragmentSize());
        pair.server.receivePacket(packet, 0, end, pair.now);
        assertEquals(reassembly, pair.server.stats().receiveHeldBytes());
        // Channel 1: held messages 1, 2, 3 fit; 4 does not.
        for (int id = 1; id <= 4; id++) {
            p = RawPackets.header(packet, PacketLayout.TYPE_DATA, seq++);
            end = RawPackets.entry(packet, p, 1, true, id, shared.maxUnfragmentedMessageSize());
            pair.server.receivePacket(packet, 0, end, pair.now);
            assertEquals(id <= 3, pair.server.isConnected(), "after id " + id);
        }
        assertEquals(DisconnectReason.RECEIVE_LIMIT_EXCEEDED, pair.server.disconnectReason());
        assertTrue(pair.server.disconnectDetail().contains("receiveBudgetBytes " + budget), pair.server.disconnectDetail());
    }

    @Test
    void aConformingPeerUnderLossUsesTheBudgetAndGivesItAllBack() {
        TestMessages.Recorder atServer = new TestMessages.Recorder(3);
        ConnectionPair pair = ConnectionPair.create(threeOrderedChannels(), IGNORE, atServer, 8, 0.3, 20 * MS);
        assertTrue(pair.connect(2_000));
        int total = 2000;
        ReliabilityUnderLossTest.Feeder feeder = new ReliabilityUnderLossTest.Feeder(0, total, 300, 97);
        int maxHeld = 0;
        for (int step = 0; step < 60_000 && atServer.numbers[0].size() < total; step++) {
            feeder.feed(pair.client, pair.now, 4);
            pair.step(MS);
            maxHeld = Math.max(maxHeld, pair.server.stats().receiveHeldBytes());
        }
        assertEquals(total, atServer.numbers[0].size());
        assertEquals(0, atServer.corrupt);
        assertTrue(pair.server.isConnected());
        assertTrue(maxHeld > 0, "loss made the server hold messages out of order");
        assertTrue(maxHeld <= pair.server.config().receiveBudgetBytes());
        assertEquals(0, pair.server.stats().receiveHeldBytes(), "every reservation was released");
    }
}
