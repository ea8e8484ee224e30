package io.tickwire.net.protocol;

import static io.tickwire.net.protocol.ConnectionPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-peer receive rate limit: a token bucket of packets, checked before anything else is parsed. */
class ReceiveRateLimitTest {

    private static ConnectionConfig limited(int perSecond, int burst) {
        return ConnectionConfig.builder()
                .addChannel(ChannelType.UNRELIABLE)
                .addChannel(ChannelType.RELIABLE_ORDERED)
                .receiveRateLimitPacketsPerSecond(perSecond)
                .receiveRateBurstPackets(burst)
                .build();
    }

    private static ConnectionPair connected(ConnectionConfig server) {
        ConnectionConfig client = limited(0, 1);
        TestMessages.Recorder sink = new TestMessages.Recorder(2);
        ConnectionPair pair = ConnectionPair.create(client, server, 42L, 42L, sink, sink, 1, 0, MS);
        assertTrue(pair.connect(1_000));
        return pair;
    }

    @Test
    void aPeerWithinTheRateStaysConnectedForMinutes() {
        ConnectionPair pair = connected(limited(100, 20));
        byte[] m = new byte[40];
        // 60 messages/s for two simulated minutes, plus the acks and keep-alives the client adds.
        long deliveredBefore = pair.server.stats().messagesDelivered();
        for (int i = 0; i < 120 * 60; i++) {
            pair.client.send(0, m, 0, m.length, pair.now);
            pair.step(16 * MS);
            pair.step(MS);
        }
        assertTrue(pair.server.isConnected(), "disconnected: " + pair.server.disconnectDetail());
        assertTrue(pair.server.stats().messagesDelivered() - deliveredBefore >= 120 * 60 - 10);
    }

    @Test
    void aPeerAboveTheRateIsDisconnectedWithAReasonNamingTheLimit() {
        ConnectionPair pair = connected(limited(100, 20));
        byte[] packet = new byte[64];
        int sent = 0;
        // Raw well-formed ACK packets, 1000/s: the burst of 20 plus 100/s run out within a fraction of a second.
        while (pair.server.isConnected() && sent < 1000) {
            int len = RawPackets.header(packet, PacketLayout.TYPE_ACK, 1000 + sent);
            pair.server.receivePacket(packet, 0, len, pair.now);
            pair.now += MS;
            sent++;
        }
        assertEquals(ConnectionState.DISCONNECTING, pair.server.state());
        assertEquals(DisconnectReason.RECEIVE_LIMIT_EXCEEDED, pair.server.disconnectReason());
        assertTrue(pair.server.disconnectDetail().contains("receiveRateLimitPacketsPerSecond 100"), pair.server.disconnectDetail());
        // burst 20 + 100/s over the elapsed time (ms): the limit cuts in at the computed packet, not later.
        assertTrue(sent >= 20 && sent <= 20 + 100 * sent / 1000 + 2, "cut at packet " + sent);
        assertTrue(pair.server.stats().drops(DropReason.PROTOCOL_FAULT) > 0);
    }

    @Test
    void theBucketRefillsAfterAPauseButNoMoreThanTheBurst() {
        ConnectionPair pair = connected(limited(10, 5));
        byte[] packet = new byte[64];
        int seq = 2000;
        pair.now += 60_000 * MS; // a long pause fills the bucket only up to its burst
        for (int i = 0; i < 5; i++) {
            int len = RawPackets.header(packet, PacketLayout.TYPE_ACK, seq++);
            pair.server.receivePacket(packet, 0, len, pair.now);
        }
        assertTrue(pair.server.isConnected());
        int len = RawPackets.header(packet, PacketLayout.TYPE_ACK, seq++);
        pair.server.receivePacket(packet, 0, len, pair.now);
        assertEquals(DisconnectReason.RECEIVE_LIMIT_EXCEEDED, pair.server.disconnectReason());
    }

    @Test
    void badSettingsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> limited(-1, 5));
        assertTrue(e.getMessage().contains("receiveRateLimitPacketsPerSecond"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> limited(100, 0));
        assertTrue(e.getMessage().contains("receiveRateBurstPackets"), e.getMessage());
        assertEquals(0, limited(0, 0).receiveRateLimitPacketsPerSecond(), "0 turns the limit off");
        assertEquals(limited(0, 1).hash(), limited(100, 20).hash(), "a local setting, not hashed");
    }
}
