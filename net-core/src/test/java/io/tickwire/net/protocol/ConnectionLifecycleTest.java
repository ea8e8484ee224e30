package io.tickwire.net.protocol;

import static io.tickwire.net.protocol.ConnectionPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Handshake, refusal on mismatch, keep-alive, timeout and disconnect with a reason. */
class ConnectionLifecycleTest {

    private static final MessageHandler IGNORE = (channel, buf, off, len) -> { };

    private static ConnectionConfig config() {
        return ConnectionConfig.builder().addChannel(ChannelType.RELIABLE_ORDERED).addChannel(ChannelType.UNRELIABLE).build();
    }

    @Test
    void disconnectReasonReachesThePeerAtHalfLoss() {
        for (long seed = 1; seed <= 20; seed++) {
            ConnectionPair pair = ConnectionPair.create(config(), IGNORE, IGNORE, seed, 0.5, 50 * MS);
            assertTrue(pair.connect(5_000), "seed " + seed);
            pair.run(100, MS);
            pair.server.disconnect(DisconnectReason.KICKED, "too many teamkills: ☠", pair.now);
            assertEquals(ConnectionState.DISCONNECTING, pair.server.state());
            pair.run(500, MS);
            assertEquals(ConnectionState.DISCONNECTED, pair.server.state());
            assertFalse(pair.server.isDisconnectRemote());
            assertEquals(ConnectionState.DISCONNECTED, pair.client.state(), "seed " + seed);
            assertEquals(DisconnectReason.KICKED, pair.client.disconnectReason());
            assertEquals("too many teamkills: ☠", pair.client.disconnectDetail());
            assertTrue(pair.client.isDisconnectRemote());
        }
    }

    @Test
    void longDetailIsTruncatedOnACharacterBoundary() {
        ConnectionPair pair = ConnectionPair.create(config(), IGNORE, IGNORE, 1, 0, 5 * MS);
        assertTrue(pair.connect(1_000));
        String detail = "é".repeat(150); // 300 UTF-8 bytes
        pair.client.disconnect(DisconnectReason.CLOSED_BY_APPLICATION, detail, pair.now);
        pair.run(200, MS);
        assertEquals("é".repeat(100), pair.server.disconnectDetail());
        assertEquals(DisconnectReason.CLOSED_BY_APPLICATION, pair.server.disconnectReason());
    }

    @Test
    void silentPeerTimesOut() {
        ConnectionPair pair = ConnectionPair.create(config(), IGNORE, IGNORE, 2, 0, 20 * MS);
        assertTrue(pair.connect(1_000));
        pair.setSilent(false, true);
        long silentFrom = pair.now;
        while (pair.client.isConnected() && pair.now - silentFrom < 20_000 * MS) {
            pair.step(MS);
        }
        assertEquals(DisconnectReason.TIMEOUT, pair.client.disconnectReason());
        assertFalse(pair.client.isDisconnectRemote());
        long waited = pair.now - silentFrom;
        assertTrue(waited >= 10_000 * MS && waited <= 10_100 * MS, "timed out after " + waited / MS + " ms");
        assertTrue(pair.client.disconnectDetail().contains("connectionTimeout 10000 ms"), pair.client.disconnectDetail());
    }

    @Test
    void keepAlivesKeepAnIdleConnectionAliveEvenUnderLoss() {
        ConnectionPair pair = ConnectionPair.create(config(), IGNORE, IGNORE, 3, 0.5, 50 * MS);
        assertTrue(pair.connect(5_000));
        long sentBefore = pair.client.stats().packetsSent();
        pair.run(60_000, MS); // a minute with no application traffic, six timeouts long
        assertTrue(pair.client.isConnected() && pair.server.isConnected());
        long sent = pair.client.stats().packetsSent() - sentBefore;
        assertTrue(sent >= 500 && sent <= 1300, "about ten keep-alives per second: " + sent);
        double rate = pair.client.stats().packetsSentPerSecond();
        assertTrue(rate >= 8 && rate <= 22, "packets per second while idle: " + rate);
        assertTrue(pair.client.stats().bytesSentPerSecond() >= 9 * rate, "every packet has at least a header");
    }

    @Test
    void serverThatNeverAnswersMakesTheClientTimeOut() {
        ConnectionPair pair = ConnectionPair.create(config(), IGNORE, IGNORE, 4, 0, 20 * MS);
        pair.setSilent(false, true);
        pair.run(6_000, MS);
        assertEquals(DisconnectReason.TIMEOUT, pair.client.disconnectReason());
        assertTrue(pair.client.disconnectDetail().contains("no ACCEPT within connectTimeout 5000 ms"), pair.client.disconnectDetail());
        assertEquals(DisconnectReason.TIMEOUT, pair.server.disconnectReason(), "server gives up waiting for CONNECT too");
    }

    @Test
    void handshakeCompletesAtHalfLoss() {
        ConnectionPair pair = ConnectionPair.create(config(), IGNORE, IGNORE, 5, 0.5, 100 * MS);
        assertTrue(pair.connect(5_000));
    }

    @Test
    void configMismatchIsRefusedWithTheReasonOnBothSides() {
        ConnectionConfig other = ConnectionConfig.builder().addChannel(ChannelType.RELIABLE_UNORDERED)
                .addChannel(ChannelType.UNRELIABLE).build();
        ConnectionPair pair = ConnectionPair.create(other, config(), 7, 7, IGNORE, IGNORE, 6, 0.5, 20 * MS);
        pair.run(3_000, MS);
        assertEquals(DisconnectReason.CONFIG_MISMATCH, pair.server.disconnectReason());
        assertEquals(DisconnectReason.CONFIG_MISMATCH, pair.client.disconnectReason());
        assertTrue(pair.client.isDisconnectRemote());
        String detail = pair.client.disconnectDetail();
        assertTrue(detail.contains(String.format("0x%016x", other.hash())) && detail.contains(String.format("0x%016x", config().hash())), detail);
    }

    @Test
    void registryMismatchIsRefusedWithTheReasonOnBothSides() {
        ConnectionPair pair = ConnectionPair.create(config(), config(), 0x1234, 0x5678, IGNORE, IGNORE, 7, 0.5, 20 * MS);
        pair.run(3_000, MS);
        assertEquals(DisconnectReason.REGISTRY_MISMATCH, pair.server.disconnectReason());
        assertEquals(DisconnectReason.REGISTRY_MISMATCH, pair.client.disconnectReason());
        assertTrue(pair.client.disconnectDetail().contains("client registry hash 0x0000000000001234"), pair.client.disconnectDetail());
        assertTrue(pair.client.disconnectDetail().contains("server registry hash 0x0000000000005678"), pair.client.disconnectDetail());
    }

    @Test
    void protocolVersionMismatchIsRefusedWithBothVersions() {
        ConnectionConfig v3 = ConnectionConfig.builder().addChannel(ChannelType.RELIABLE_ORDERED)
                .addChannel(ChannelType.UNRELIABLE).protocolVersion(3).build();
        ConnectionPair pair = ConnectionPair.create(v3, config(), 7, 7, IGNORE, IGNORE, 8, 0, 20 * MS);
        pair.run(1_000, MS);
        assertEquals(DisconnectReason.PROTOCOL_VERSION_MISMATCH, pair.client.disconnectReason());
        assertEquals("client protocol version 3, server protocol version 2", pair.client.disconnectDetail());
    }

    @Test
    void sendAfterDisconnectIsRefusedAndLatePacketsAreCounted() {
        ConnectionPair pair = ConnectionPair.create(config(), IGNORE, IGNORE, 9, 0, 20 * MS);
        assertTrue(pair.connect(1_000));
        pair.client.disconnect(DisconnectReason.CLOSED_BY_APPLICATION, "bye", pair.now);
        assertEquals(SendStatus.NOT_CONNECTED, pair.client.send(0, new byte[1], 0, 1, pair.now));
        byte[] m = new byte[1];
        pair.server.send(0, m, 0, 1, pair.now);
        pair.run(300, MS);
        assertTrue(pair.client.stats().drops(DropReason.AFTER_DISCONNECT) > 0);
    }
}
