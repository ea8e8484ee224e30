package io.tickwire.net.protocol;

import static io.tickwire.net.protocol.ConnectionPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Random, truncated and mutated packets never throw; they are dropped and counted or end the connection. */
class MalformedPacketTest {

    private static final Set<DisconnectReason> FAULTS = EnumSet.of(DisconnectReason.PROTOCOL_ERROR,
            DisconnectReason.RECEIVE_LIMIT_EXCEEDED, DisconnectReason.MESSAGE_TOO_LARGE);

    /** Real packets captured from a session with traffic on every channel, fragments included. */
    private static List<byte[]> capturePackets() {
        List<byte[]> captured = new ArrayList<>();
        TestMessages.Recorder sink = new TestMessages.Recorder(4);
        ConnectionPair pair = ConnectionPair.create(ReliabilityUnderLossTest.fourChannels(), sink, sink, 1, 0.2, 10 * MS);
        pair.setTap((fromClient, buf, off, len) -> {
            if (fromClient && captured.size() < 400) {
                byte[] copy = new byte[len];
                System.arraycopy(buf, off, copy, 0, len);
                captured.add(copy);
            }
        });
        assertTrue(pair.connect(2_000));
        byte[] m = new byte[5000];
        for (int i = 0; i < 300; i++) {
            for (int ch = 0; ch < 4; ch++) {
                int len = TestMessages.write(m, ch, i, ch >= 2 && i % 50 == 0 ? 5000 : TestMessages.length(i, 80));
                pair.client.send(ch, m, 0, len, pair.now);
            }
            pair.step(MS);
        }
        return captured;
    }

    private static ConnectionPair fresh(long seed) {
        TestMessages.Recorder sink = new TestMessages.Recorder(4);
        ConnectionPair pair = ConnectionPair.create(ReliabilityUnderLossTest.fourChannels(), sink, sink, seed, 0, 5 * MS);
        assertTrue(pair.connect(1_000));
        return pair;
    }

    @Test
    void thousandsOfRandomAndMutatedPacketsNeverThrowAndEndInAFaultOrACountedDrop() {
        List<byte[]> valid = capturePackets();
        assertTrue(valid.size() > 100);
        Random random = new Random(20261123);
        ConnectionPair pair = fresh(0);
        int faults = 0;
        int survived = 0;
        byte[] packet = new byte[1400];
        for (int i = 0; i < 10_000; i++) {
            int len = mutate(random, valid, packet);
            Connection server = pair.server;
            long dropsBefore = server.stats().totalDrops();
            long deliveredBefore = server.stats().messagesDelivered();
            server.receivePacket(packet, 0, len, pair.now);
            if (!server.isConnected()) {
                if (server.isDisconnectRemote()) {
                    // A mutation can yield a well-formed DISCONNECT: the peer "said" goodbye.
                    assertEquals(ConnectionState.DISCONNECTED, server.state());
                } else {
                    assertTrue(FAULTS.contains(server.disconnectReason()), "fault reason " + server.disconnectReason());
                    assertFalse(server.disconnectDetail().isEmpty());
                    assertTrue(server.stats().drops(DropReason.PROTOCOL_FAULT) > 0, "fault counted");
                    faults++;
                }
                pair = fresh(i + 1);
            } else {
                // Still connected: the packet was either dropped and counted, or well-formed (then
                // processed normally: delivered messages, acks, or a duplicate/stale drop).
                survived++;
                assertTrue(server.stats().totalDrops() >= dropsBefore);
                assertTrue(server.stats().messagesDelivered() >= deliveredBefore);
            }
            if (i % 100 == 0) {
                pair.step(MS); // keep the session moving so mutations meet varied state
            }
        }
        assertTrue(faults > 500, "faults: " + faults);
        assertTrue(survived > 500, "well-formed or dropped: " + survived);
    }

    private static int mutate(Random random, List<byte[]> valid, byte[] out) {
        byte[] base = valid.get(random.nextInt(valid.size()));
        switch (random.nextInt(4)) {
            case 0: { // pure noise of random length
                int len = random.nextInt(1300);
                for (int i = 0; i < len; i++) {
                    out[i] = (byte) random.nextInt(256);
                }
                return len;
            }
            case 1: { // truncated real packet
                int len = random.nextInt(base.length + 1);
                System.arraycopy(base, 0, out, 0, len);
                return len;
            }
            case 2: { // a few flipped bits
                System.arraycopy(base, 0, out, 0, base.length);
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    int at = random.nextInt(base.length);
                    out[at] ^= (byte) (1 << random.nextInt(8));
                }
                return base.length;
            }
            default: { // random bytes overwritten, possibly extended
                System.arraycopy(base, 0, out, 0, base.length);
                int len = Math.min(1300, base.length + random.nextInt(3) * random.nextInt(50));
                for (int i = base.length; i < len; i++) {
                    out[i] = (byte) random.nextInt(256);
                }
                out[random.nextInt(len)] = (byte) random.nextInt(256);
                return len;
            }
        }
    }

    @Test
    void specificFaultsNameTheProblem() {
        byte[] p = new byte[64];
        Connection server = fresh(1).server;
        server.receivePacket(p, 0, 5, 0);
        assertEquals(DisconnectReason.PROTOCOL_ERROR, server.disconnectReason());
        assertEquals("packet of 5 bytes is shorter than the 9-byte header", server.disconnectDetail());

        server = fresh(2).server;
        RawPackets.header(p, 9, 40_000);
        server.receivePacket(p, 0, 9, 0);
        assertEquals("unknown packet type 9", server.disconnectDetail());

        server = fresh(3).server;
        int end = RawPackets.entry(p, RawPackets.header(p, PacketLayout.TYPE_DATA, 40_000), 2, true, 0, 10);
        server.receivePacket(p, 0, end - 1, 0);
        assertEquals(DisconnectReason.PROTOCOL_ERROR, server.disconnectReason());
        assertTrue(server.disconnectDetail().contains("claims 10 bytes, 9 remain"), server.disconnectDetail());

        server = fresh(4).server;
        end = RawPackets.fragment(p, RawPackets.header(p, PacketLayout.TYPE_DATA, 40_000), 0, 0, 3, 2, 10);
        server.receivePacket(p, 0, end, 0);
        assertEquals(DisconnectReason.PROTOCOL_ERROR, server.disconnectReason());
        assertTrue(server.disconnectDetail().contains("fragment 3 of 2 on channel 0"), server.disconnectDetail());

        server = fresh(5).server;
        end = RawPackets.fragment(p, RawPackets.header(p, PacketLayout.TYPE_DATA, 40_000), 2, 0, 0, 2, 10);
        server.receivePacket(p, 0, end, 0);
        assertEquals(DisconnectReason.PROTOCOL_ERROR, server.disconnectReason());
        assertTrue(server.disconnectDetail().contains("fragment 0 of 2 has 10 bytes; fragmentSize 1182"), server.disconnectDetail());
    }

    @Test
    void duplicateAndStalePacketsAreDroppedAndCounted() {
        List<byte[]> seen = new ArrayList<>();
        TestMessages.Recorder sink = new TestMessages.Recorder(4);
        ConnectionPair pair = ConnectionPair.create(ReliabilityUnderLossTest.fourChannels(), sink, sink, 3, 0, 5 * MS);
        pair.setTap((fromClient, buf, off, len) -> {
            if (fromClient) {
                byte[] c = new byte[len];
                System.arraycopy(buf, off, c, 0, len);
                seen.add(c);
            }
        });
        assertTrue(pair.connect(1_000));
        byte[] m = new byte[8];
        pair.client.send(0, m, 0, TestMessages.write(m, 0, 1, 8), pair.now);
        pair.run(20, MS);
        int delivered = sink.numbers[0].size();
        assertEquals(1, delivered);
        byte[] last = seen.get(seen.size() - 1);
        for (byte[] old : seen) {
            if ((old[0] & PacketLayout.TYPE_MASK) == PacketLayout.TYPE_DATA) {
                pair.server.receivePacket(old, 0, old.length, pair.now);
            }
        }
        assertEquals(1, sink.numbers[0].size(), "an unreliable message is never delivered twice");
        assertTrue(pair.server.stats().drops(DropReason.DUPLICATE_PACKET) > 0);
        for (int i = 0; i < 400; i++) {
            pair.client.send(0, m, 0, TestMessages.write(m, 0, 2, 8), pair.now);
            pair.step(MS);
        }
        pair.server.receivePacket(last, 0, last.length, pair.now);
        assertTrue(pair.server.stats().drops(DropReason.STALE_PACKET) > 0);
        assertTrue(pair.server.isConnected());
    }
}
