package io.tickwire.net.protocol;

import static io.tickwire.net.protocol.ConnectionPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Full queues, oversized messages and peers that exceed a receive limit. */
class BackPressureAndLimitsTest {

    private static final MessageHandler IGNORE = (channel, buf, off, len) -> { };

    static ConnectionConfig smallQueues() {
        return ConnectionConfig.builder()
                .addChannel(ChannelType.UNRELIABLE, 4, 4)
                .addChannel(ChannelType.RELIABLE_ORDERED, 8, 8)
                .maxMessageSize(64 * 1024)
                .build();
    }

    private static ConnectionPair connected(ConnectionConfig config, double loss) {
        ConnectionPair pair = ConnectionPair.create(config, IGNORE, IGNORE, 5, loss, 10 * MS);
        assertTrue(pair.connect(2_000));
        return pair;
    }

    @Test
    void fullSendQueueReturnsQueueFullUntilAcknowledgementsFreeIt() {
        ConnectionPair pair = connected(smallQueues(), 0);
        byte[] m = new byte[10];
        for (int i = 0; i < 8; i++) {
            assertEquals(SendStatus.QUEUED, pair.client.send(1, m, 0, m.length, pair.now));
        }
        SendStatus full = pair.client.send(1, m, 0, m.length, pair.now);
        assertEquals(SendStatus.QUEUE_FULL, full);
        assertTrue(pair.client.explain(full, 1, m.length).contains("sendQueueLength 8"), pair.client.explain(full, 1, 10));
        for (int i = 0; i < 4; i++) {
            assertEquals(SendStatus.QUEUED, pair.client.send(0, m, 0, m.length, pair.now));
        }
        assertEquals(SendStatus.QUEUE_FULL, pair.client.send(0, m, 0, m.length, pair.now), "unreliable queue is bounded too");
        pair.run(100, MS);
        assertEquals(0, pair.client.queuedMessages(1), "acknowledged messages leave the queue");
        assertEquals(SendStatus.QUEUED, pair.client.send(1, m, 0, m.length, pair.now), "room again after acks");
    }

    @Test
    void oversizedMessageIsRefusedNamingTheLimit() {
        ConnectionPair pair = connected(smallQueues(), 0);
        byte[] big = new byte[64 * 1024 + 1];
        SendStatus s = pair.client.send(1, big, 0, big.length, pair.now);
        assertEquals(SendStatus.MESSAGE_TOO_LARGE, s);
        assertEquals(64 * 1024, pair.client.maxMessageSize(1));
        assertTrue(pair.client.explain(s, 1, big.length).contains("maxMessageSize 65536"), pair.client.explain(s, 1, big.length));
        int unreliableLimit = pair.client.maxMessageSize(0);
        assertEquals(64 * 1024, unreliableLimit, "unreliable channels fragment too");
        SendStatus u = pair.client.send(0, big, 0, unreliableLimit + 1, pair.now);
        assertEquals(SendStatus.MESSAGE_TOO_LARGE, u);
        assertTrue(pair.client.explain(u, 0, unreliableLimit + 1).contains("maxMessageSize 65536"));
        assertEquals(SendStatus.QUEUED, pair.client.send(0, big, 0, unreliableLimit, pair.now));
        assertTrue(pair.client.isConnected(), "a refused send changes nothing else");
    }

    @Test
    void sendBeforeConnectAndToUnknownChannelAreRefused() {
        Connection c = new Connection(smallQueues(), ConnectionRole.CLIENT, 1, IGNORE, 0);
        byte[] m = new byte[4];
        assertEquals(SendStatus.NOT_CONNECTED, c.send(1, m, 0, 4, 0));
        assertEquals(SendStatus.UNKNOWN_CHANNEL, c.send(2, m, 0, 4, 0));
        assertEquals(SendStatus.UNKNOWN_CHANNEL, c.send(-1, m, 0, 4, 0));
    }

    @Test
    void peerExceedingTheReceiveBudgetWithReassembliesIsDisconnectedWithThatLimit() {
        ConnectionConfig shared = ConnectionConfig.builder()
                .addChannel(ChannelType.RELIABLE_ORDERED)
                .addChannel(ChannelType.RELIABLE_UNORDERED)
                .maxMessageSize(60 * 1024)
                .build();
        // The budget is local (not part of the hash): this server can reassemble only one message at a time.
        int oneMessage = BufferPool.capacity(shared.maxFragments() * shared.fragmentSize());
        ConnectionConfig tightServer = ConnectionConfig.builder()
                .addChannel(ChannelType.RELIABLE_ORDERED)
                .addChannel(ChannelType.RELIABLE_UNORDERED)
                .maxMessageSize(60 * 1024)
                .receiveBudgetBytes(oneMessage)
                .build();
        assertEquals(shared.hash(), tightServer.hash());
        ConnectionPair pair = ConnectionPair.create(shared, tightServer, 1, 1, IGNORE, IGNORE, 9, 0, 10 * MS);
        assertTrue(pair.connect(2_000));
        byte[] big = new byte[60 * 1024];
        assertEquals(SendStatus.QUEUED, pair.client.send(0, big, 0, big.length, pair.now));
        assertEquals(SendStatus.QUEUED, pair.client.send(1, big, 0, big.length, pair.now));
        pair.run(500, MS);
        assertEquals(ConnectionState.DISCONNECTED, pair.server.state());
        assertEquals(DisconnectReason.RECEIVE_LIMIT_EXCEEDED, pair.server.disconnectReason());
        assertTrue(pair.server.disconnectDetail().contains("receiveBudgetBytes " + oneMessage), pair.server.disconnectDetail());
        assertEquals(DisconnectReason.RECEIVE_LIMIT_EXCEEDED, pair.client.disconnectReason(), "the peer learns why");
        assertTrue(pair.client.isDisconnectRemote());
    }

    /** A connected server and a way to inject hand-built packets from a misbehaving client. */
    private static Connection connectedServer(ConnectionConfig config) {
        ConnectionPair pair = connected(config, 0);
        pair.run(50, MS);
        return pair.server;
    }

    @Test
    void messageBeyondTheReceiveWindowDisconnectsWithReceiveLimitExceeded() {
        Connection server = connectedServer(smallQueues());
        byte[] p = new byte[1200];
        int end = RawPackets.entry(p, RawPackets.header(p, PacketLayout.TYPE_DATA, 30_000), 1, true, 8, 4);
        server.receivePacket(p, 0, end, 2_000 * MS);
        assertEquals(DisconnectReason.RECEIVE_LIMIT_EXCEEDED, server.disconnectReason());
        assertTrue(server.disconnectDetail().contains("receiveWindow 8"), server.disconnectDetail());
    }

    @Test
    void tooManyMessagesInOnePacketDisconnectsWithReceiveLimitExceeded() {
        Connection server = connectedServer(smallQueues());
        byte[] p = new byte[1200];
        int q = RawPackets.header(p, PacketLayout.TYPE_DATA, 30_000);
        for (int i = 0; i < 65; i++) {
            q = RawPackets.entry(p, q, 0, false, 0, 0);
        }
        server.receivePacket(p, 0, q, 2_000 * MS);
        assertEquals(DisconnectReason.RECEIVE_LIMIT_EXCEEDED, server.disconnectReason());
        assertTrue(server.disconnectDetail().contains("maxMessagesPerPacket 64"), server.disconnectDetail());
    }

    @Test
    void unknownChannelDisconnectsWithReceiveLimitExceeded() {
        Connection server = connectedServer(smallQueues());
        byte[] p = new byte[1200];
        int end = RawPackets.entry(p, RawPackets.header(p, PacketLayout.TYPE_DATA, 30_000), 9, false, 0, 3);
        server.receivePacket(p, 0, end, 2_000 * MS);
        assertEquals(DisconnectReason.RECEIVE_LIMIT_EXCEEDED, server.disconnectReason());
        assertTrue(server.disconnectDetail().contains("unknown channel 9"), server.disconnectDetail());
    }

    @Test
    void fragmentCountBeyondMaxMessageSizeDisconnectsWithMessageTooLarge() {
        ConnectionConfig config = smallQueues();
        Connection server = connectedServer(config);
        byte[] p = new byte[1200];
        int end = RawPackets.fragment(p, RawPackets.header(p, PacketLayout.TYPE_DATA, 30_000), 1, 0, 0,
                config.maxFragments() + 1, config.fragmentSize());
        server.receivePacket(p, 0, end, 2_000 * MS);
        assertEquals(DisconnectReason.MESSAGE_TOO_LARGE, server.disconnectReason());
        assertTrue(server.disconnectDetail().contains("maxMessageSize 65536"), server.disconnectDetail());
    }

    @Test
    void packetLargerThanMaxPacketSizeDisconnectsWithReceiveLimitExceeded() {
        Connection server = connectedServer(smallQueues());
        byte[] p = new byte[1300];
        RawPackets.header(p, PacketLayout.TYPE_ACK, 30_000);
        server.receivePacket(p, 0, 1201, 2_000 * MS);
        assertEquals(DisconnectReason.RECEIVE_LIMIT_EXCEEDED, server.disconnectReason());
        assertTrue(server.disconnectDetail().contains("maxPacketSize 1200"), server.disconnectDetail());
    }
}
