package io.tickwire.net.protocol;

import static io.tickwire.net.protocol.ConnectionPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.EnumSet;
import java.util.Set;

/**
 * Coverage-guided fuzzing of {@link Connection#receivePacket}: packet header, acks, channel framing,
 * fragments and reassembly, on a connected server-side connection with a small receive budget so
 * the limits are within the fuzzer's reach. Regression mode (every {@code mvn test}) replays the kept
 * inputs under {@code ConnectionFuzzTestInputs/}; fuzzing mode is described in net-core/README.md.
 */
class ConnectionFuzzTest {

    private static final Set<DisconnectReason> FAULTS = EnumSet.of(DisconnectReason.PROTOCOL_ERROR,
            DisconnectReason.RECEIVE_LIMIT_EXCEEDED, DisconnectReason.MESSAGE_TOO_LARGE);

    // Small limits so that a few fuzzed packets can reach every one of them.
    static ConnectionConfig smallLimits() {
        return ConnectionConfig.builder()
                .addChannel(ChannelType.UNRELIABLE)
                .addChannel(ChannelType.UNRELIABLE_SEQUENCED)
                .addChannel(ChannelType.RELIABLE_ORDERED, 64, 64)
                .addChannel(ChannelType.RELIABLE_UNORDERED, 64, 64)
                .maxMessageSize(8 * 1024)
                .receiveBudgetBytes(16 * 1024)
                .maxMessagesPerPacket(16)
                .build();
    }

    /** Counts and checks every delivered message against the configured size. */
    static final class Sink implements MessageHandler {
        final int maxMessageSize;
        long delivered;

        Sink(int maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
        }

        @Override
        public void onMessage(int channel, byte[] buf, int off, int len) {
            assertTrue(channel >= 0 && channel < 4, "channel " + channel);
            assertTrue(len >= 0 && len <= maxMessageSize, "delivered " + len + " bytes");
            assertTrue(off >= 0 && off + len <= buf.length, "window inside the buffer");
            delivered++;
        }
    }

    /**
     * Input: a sequence of packets, each preceded by a byte telling how many milliseconds pass
     * before it. After each packet: no exception, the receive budget holds, and the connection is
     * either still connected or disconnected with a named fault (or by a well-formed DISCONNECT).
     */
    @FuzzTest
    void receivePacket(FuzzedDataProvider data) {
        ConnectionConfig config = smallLimits();
        Sink serverSink = new Sink(config.maxMessageSize());
        ConnectionPair pair = ConnectionPair.create(config, new Sink(config.maxMessageSize()), serverSink, 7, 0, MS);
        assertTrue(pair.connect(1_000), "in-memory pair connects");
        Connection server = pair.server;
        byte[] out = new byte[config.maxPacketSize()];
        int packets = 0;
        while (data.remainingBytes() > 0 && packets++ < 64) {
            pair.now += (data.consumeByte() & 0xFF) * MS / 16;
            byte[] packet = data.consumeBytes(data.consumeInt(0, config.maxPacketSize() + 16));
            long dropsBefore = server.stats().totalDrops();
            server.receivePacket(packet, 0, packet.length, pair.now);
            assertTrue(server.stats().receiveHeldBytes() <= config.receiveBudgetBytes(),
                    "held " + server.stats().receiveHeldBytes() + " > budget");
            assertTrue(server.stats().receiveHeldBytes() >= 0);
            if (!server.isConnected()) {
                if (!server.isDisconnectRemote()) {
                    assertTrue(FAULTS.contains(server.disconnectReason()), "fault reason " + server.disconnectReason());
                    assertFalse(server.disconnectDetail().isEmpty(), "a fault names itself");
                    assertTrue(server.stats().drops(DropReason.PROTOCOL_FAULT) > 0, "fault counted");
                }
                break;
            }
            assertTrue(server.stats().totalDrops() >= dropsBefore);
            // The owner keeps writing packets: hostile input must not break the send side.
            for (int i = 0; i < 8 && server.writePacket(out, 0, pair.now) > 0; i++) {
                // drained
            }
        }
        // Whatever happened, the connection ends cleanly and gives back every pooled byte.
        server.disconnect(DisconnectReason.CLOSED_BY_APPLICATION, "fuzz end", pair.now);
        for (int i = 0; i < 200 && server.state() != ConnectionState.DISCONNECTED; i++) {
            pair.now += 10 * MS;
            server.writePacket(out, 0, pair.now);
        }
        assertEquals(ConnectionState.DISCONNECTED, server.state());
        assertEquals(0, server.stats().receiveHeldBytes(), "receive budget released after disconnect");
    }
}
