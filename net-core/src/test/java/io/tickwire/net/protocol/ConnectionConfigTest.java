package io.tickwire.net.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Validation names the bad value; the hash covers exactly what both sides must agree on. */
class ConnectionConfigTest {

    private static ConnectionConfig.Builder base() {
        return ConnectionConfig.builder().addChannel(ChannelType.RELIABLE_ORDERED).addChannel(ChannelType.UNRELIABLE);
    }

    private static void assertRejected(ConnectionConfig.Builder b, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void invalidValuesAreRejectedNamingTheValue() {
        assertRejected(ConnectionConfig.builder(), "channel count = 0");
        assertRejected(base().maxPacketSize(40), "maxPacketSize = 40");
        assertRejected(base().addChannel(ChannelType.RELIABLE_UNORDERED, 100, 128), "channel 2 sendQueueLength = 100");
        assertRejected(base().addChannel(ChannelType.RELIABLE_UNORDERED, 128, 0), "channel 2 receiveWindow = 0");
        assertRejected(base().maxMessagesPerPacket(0), "maxMessagesPerPacket = 0");
        assertRejected(base().receiveBudgetBytes(1000), "receiveBudgetBytes = 1000");
        assertRejected(base().keepAliveIntervalNanos(0), "keepAliveIntervalNanos = 0");
        assertRejected(base().connectionTimeoutNanos(50_000_000L), "connectionTimeoutNanos = 50000000");
        assertRejected(base().minResendDelayNanos(2_000_000_000L), "maxResendDelayNanos = 1000000000");
        assertRejected(base().packetHistorySize(100), "packetHistorySize = 100");
        assertRejected(base().maxPacketSize(64).maxMessageSize(1 << 30), "maxMessageSize = 1073741824");
        assertRejected(base().maxPacketSize(64).maxMessageSize(8 << 20), "needs 182362 fragments of 46 bytes");
    }

    @Test
    void derivedSizesFollowThePacketBudget() {
        ConnectionConfig c = base().build();
        assertEquals(1200, c.maxPacketSize());
        assertEquals(256 * 1024, c.maxMessageSize());
        assertEquals(1182, c.fragmentSize());
        assertEquals(1186, c.maxUnfragmentedMessageSize());
        assertEquals(222, c.maxFragments());
    }

    @Test
    void hashIsStableAndCoversSharedSettingsOnly() {
        long h = base().build().hash();
        assertEquals(h, base().build().hash());
        assertEquals(h, base().keepAliveIntervalNanos(50_000_000L).connectionTimeoutNanos(3_000_000_000L)
                .receiveBudgetBytes(8 << 20).packetHistorySize(1024).build().hash(), "local settings are not hashed");
        assertNotEquals(h, base().maxPacketSize(1000).build().hash());
        assertNotEquals(h, base().maxMessageSize(1000).build().hash());
        assertNotEquals(h, ConnectionConfig.builder().addChannel(ChannelType.UNRELIABLE)
                .addChannel(ChannelType.RELIABLE_ORDERED).build().hash(), "channel order matters");
        assertNotEquals(h, ConnectionConfig.builder().addChannel(ChannelType.RELIABLE_ORDERED, 1024, 512)
                .addChannel(ChannelType.UNRELIABLE).build().hash(), "receive window matters");
        assertNotEquals(h, base().protocolVersion(3).build().hash());
    }

    @Test
    void disconnectReasonCodesAreStableAndUnknownCodesMapToUnknown() {
        assertEquals(1, DisconnectReason.CLOSED_BY_APPLICATION.code());
        assertEquals(4, DisconnectReason.PROTOCOL_ERROR.code());
        assertEquals(12, DisconnectReason.AUTHENTICATION_FAILED.code());
        for (DisconnectReason r : DisconnectReason.values()) {
            assertEquals(r, DisconnectReason.fromCode(r.code()));
        }
        assertEquals(DisconnectReason.UNKNOWN, DisconnectReason.fromCode(250));
        assertEquals(DisconnectReason.UNKNOWN, DisconnectReason.fromCode(-3));
    }
}
