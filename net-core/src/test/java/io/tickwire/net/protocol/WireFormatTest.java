package io.tickwire.net.protocol;

import static io.tickwire.net.protocol.ConnectionPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Pins packet sizes and bytes; the golden values are documented in PROTOCOL.md. */
class WireFormatTest {

    private static final MessageHandler IGNORE = (channel, buf, off, len) -> { };

    private static ConnectionConfig config() {
        return ReliabilityUnderLossTest.fourChannels();
    }

    @Test
    void firstConnectPacketHasTheDocumentedBytes() {
        ConnectionConfig c = ConnectionConfig.builder().addChannel(ChannelType.RELIABLE_ORDERED).build();
        Connection client = new Connection(c, ConnectionRole.CLIENT, 0x0102030405060708L, IGNORE, 0);
        byte[] out = new byte[1200];
        int len = client.writePacket(out, 0, 0);
        assertEquals(34, len, "9-byte header + 22-byte CONNECT body + 3-byte credential field (NONE, length 0)");
        assertEquals("03" + "0000" + "0000" + "00000000"
                + "54574952" + "0002" + String.format("%016x", c.hash()) + "0102030405060708" + "00" + "0000",
                HexFormat.of().formatHex(out, 0, len));
        assertEquals(0xadb9716fbb9303feL, c.hash(), "config hash of one default RELIABLE_ORDERED channel");
    }

    @Test
    void packetWithKnownMessagesHasThePinnedLength() {
        ConnectionPair pair = ConnectionPair.create(config(), IGNORE, IGNORE, 1, 0, 5 * MS);
        assertTrue(pair.connect(1_000));
        pair.run(200, MS);
        IntArrayList lengths = new IntArrayList();
        IntArrayList types = new IntArrayList();
        pair.setTap((fromClient, buf, off, len) -> {
            if (fromClient) {
                lengths.add(len);
                types.add(buf[off] & 0xFF);
            }
        });
        byte[] m = new byte[100];
        pair.client.send(0, m, 0, 10, pair.now);   // 3 + 10
        pair.client.send(1, m, 0, 20, pair.now);   // 5 + 20
        pair.client.send(2, m, 0, 30, pair.now);   // 5 + 30
        pair.client.send(3, m, 0, 0, pair.now);    // 5 + 0
        pair.step(MS);
        assertEquals(1, lengths.size());
        assertEquals(9 + 13 + 25 + 35 + 5, lengths.getInt(0));
        assertEquals(PacketLayout.TYPE_DATA | PacketLayout.FLAG_ACK_PRESENT, types.getInt(0));
        lengths.clear();
        types.clear();
        pair.run(4, MS); // the server's ack arrives after 5 ms; nothing else is due
        pair.step(MS);
        assertEquals(0, lengths.size(), "nothing due: no packet");
        pair.run(200, MS); // idle: keep-alives are bare 9-byte headers
        assertTrue(lengths.size() >= 1);
        for (int i = 0; i < lengths.size(); i++) {
            assertEquals(PacketLayout.HEADER_SIZE, lengths.getInt(i));
        }
    }

    @Test
    void fragmentedMessageUsesFullPacketsAndAShortLastOne() {
        ConnectionPair pair = ConnectionPair.create(config(), IGNORE, IGNORE, 1, 0, 5 * MS);
        assertTrue(pair.connect(1_000));
        pair.run(200, MS);
        IntArrayList lengths = new IntArrayList();
        pair.setTap((fromClient, buf, off, len) -> {
            if (fromClient && (buf[off] & PacketLayout.TYPE_MASK) == PacketLayout.TYPE_DATA && len > 9) {
                lengths.add(len);
            }
        });
        byte[] big = new byte[100 * 1024];
        assertEquals(1182, config().fragmentSize());
        pair.client.send(2, big, 0, big.length, pair.now);
        pair.run(100, MS);
        assertEquals(87, lengths.size(), "ceil(102400 / 1182) fragments, no resends at 0% loss");
        for (int i = 0; i < 86; i++) {
            assertEquals(1200, lengths.getInt(i));
        }
        assertEquals(9 + 9 + (102400 - 86 * 1182), lengths.getInt(86));
    }

    @Test
    void disconnectPacketCarriesCodeAndDetail() {
        ConnectionPair pair = ConnectionPair.create(config(), IGNORE, IGNORE, 1, 0, 5 * MS);
        assertTrue(pair.connect(1_000));
        byte[][] last = new byte[1][];
        pair.setTap((fromClient, buf, off, len) -> {
            if (fromClient) {
                last[0] = java.util.Arrays.copyOfRange(buf, off, off + len);
            }
        });
        pair.client.disconnect(DisconnectReason.CLOSED_BY_APPLICATION, "bye", pair.now);
        pair.step(MS);
        assertEquals(9 + 2 + 3, last[0].length);
        assertEquals(PacketLayout.TYPE_DISCONNECT, last[0][0] & PacketLayout.TYPE_MASK);
        assertEquals("0103627965", HexFormat.of().formatHex(last[0], 9, 14));
    }
}
