package io.tickwire.net.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The credential field of CONNECT/ACCEPT: carried, held for the owner's decision once, and malformed ones refused. */
class CredentialHandshakeTest {

    private static final MessageHandler IGNORE = (channel, buf, off, len) -> { };
    private static final long MS = 1_000_000L;
    private static final ConnectionConfig CONFIG = ConnectionConfig.builder().addChannel(ChannelType.RELIABLE_ORDERED).build();

    private static Connection server() {
        Connection s = new Connection(CONFIG, ConnectionRole.SERVER, 7, IGNORE, 0);
        s.holdForAdmission();
        return s;
    }

    @Test
    void theServerHoldsTheFirstConnectOnceAndResendsAreNotLookedAtAgain() {
        Connection client = new Connection(CONFIG, ConnectionRole.CLIENT, 7, IGNORE, 0);
        client.setCredential(CredentialKind.PASSWORD, new byte[] {'p', 'w'});
        Connection server = server();
        byte[] buf = new byte[1200];
        int n = client.writePacket(buf, 0, 0);
        assertEquals(9 + 22 + 3 + 2, n);
        server.receivePacket(buf, 0, n, 0);
        assertTrue(server.admissionPending());
        assertEquals(ConnectionState.CONNECTING, server.state());
        assertEquals(CredentialKind.PASSWORD, server.peerCredentialKind());
        assertArrayEquals(new byte[] {'p', 'w'}, server.peerCredential());
        assertEquals(0, server.writePacket(buf, 0, 1 * MS), "nothing goes out before the decision");

        n = client.writePacket(buf, 0, 100 * MS); // the resend
        assertTrue(n > 0);
        server.receivePacket(buf, 0, n, 100 * MS);
        assertTrue(server.admissionPending(), "still the one pending decision");
        assertThrows(IllegalStateException.class, () -> client.setCredential(CredentialKind.NONE, new byte[0]),
                "the CONNECT already went out");

        assertTrue(server.admit());
        assertFalse(server.admit(), "admitted once");
        assertEquals(ConnectionState.CONNECTED, server.state());
        n = server.writePacket(buf, 0, 101 * MS);
        assertEquals(9 + 22 + 3, n, "ACCEPT carries an empty credential field (kind NONE)");
        client.receivePacket(buf, 0, n, 101 * MS);
        assertEquals(ConnectionState.CONNECTED, client.state());
        assertEquals(CredentialKind.NONE, client.peerCredentialKind());
    }

    @Test
    void aRefusalIsADisconnectTheClientReceivesWithItsDetail() {
        Connection client = new Connection(CONFIG, ConnectionRole.CLIENT, 7, IGNORE, 0);
        Connection server = server();
        byte[] buf = new byte[1200];
        server.receivePacket(buf, 0, client.writePacket(buf, 0, 0), 0);
        assertTrue(server.admissionPending());
        server.disconnect(DisconnectReason.AUTHENTICATION_FAILED, "wrong password", 0);
        assertFalse(server.admit());
        client.receivePacket(buf, 0, server.writePacket(buf, 0, 0), 0);
        assertEquals(ConnectionState.DISCONNECTED, client.state());
        assertEquals(DisconnectReason.AUTHENTICATION_FAILED, client.disconnectReason());
        assertEquals("wrong password", client.disconnectDetail());
    }

    @Test
    void malformedCredentialFieldsEndTheConnectionNamingTheFault() {
        assertFault(22, 0, 0, DisconnectReason.PROTOCOL_ERROR,
                "malformed CONNECT body of 22 bytes: no credential field (kind, length)");
        assertFault(-1, 9, 0, DisconnectReason.PROTOCOL_ERROR, "CONNECT carries unknown credential kind 9");
        assertFault(-1, 2, 5, DisconnectReason.PROTOCOL_ERROR, "CONNECT credential length 5 but 0 bytes follow");
        assertFault(-1, 2, 1025, DisconnectReason.RECEIVE_LIMIT_EXCEEDED,
                "CONNECT credential of 1025 bytes exceeds MAX_CREDENTIAL_BYTES 1024");
    }

    @Test
    void aClientCredentialMustFitTheLimitAndThePacket() {
        Connection client = new Connection(CONFIG, ConnectionRole.CLIENT, 7, IGNORE, 0);
        assertEquals("credential of 1025 bytes exceeds MAX_CREDENTIAL_BYTES 1024", assertThrows(IllegalArgumentException.class,
                () -> client.setCredential(CredentialKind.CONNECT_TOKEN, new byte[1025])).getMessage());
        ConnectionConfig small = ConnectionConfig.builder().maxPacketSize(200).addChannel(ChannelType.RELIABLE_ORDERED).build();
        assertEquals("a CONNECT with a credential of 300 bytes needs 334 bytes, over maxPacketSize 200",
                assertThrows(IllegalArgumentException.class, () -> Connection.checkCredentialFits(small, 300)).getMessage());
    }

    /** A CONNECT of protocol version 2 whose credential field says kind/length over {@code trailing} bytes. */
    private static byte[] body(int kind, int claimed, int trailing) {
        byte[] b = new byte[9 + 22 + 3 + trailing];
        b[0] = PacketLayout.TYPE_CONNECT;
        PacketLayout.putU32(b, 9, PacketLayout.HANDSHAKE_MAGIC);
        PacketLayout.putU16(b, 13, ConnectionConfig.PROTOCOL_VERSION);
        PacketLayout.putU64(b, 15, CONFIG.hash());
        PacketLayout.putU64(b, 23, 7);
        b[31] = (byte) kind;
        PacketLayout.putU16(b, 32, claimed);
        return b;
    }

    private static void assertFault(int cut, int kind, int claimed, DisconnectReason reason, String detail) {
        byte[] b = body(kind, claimed, 0);
        int len = cut < 0 ? b.length : 9 + cut;
        Connection server = server();
        server.receivePacket(Arrays.copyOf(b, len), 0, len, 0);
        assertFalse(server.admissionPending());
        assertEquals(reason, server.disconnectReason());
        assertEquals(detail, server.disconnectDetail());
    }
}
