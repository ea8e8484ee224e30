package io.tickwire.net.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickwire.net.admission.Admission;
import io.tickwire.net.admission.AdmissionRequest;
import io.tickwire.net.admission.AdmissionResult;
import io.tickwire.net.admission.ConnectTokenVerifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Coverage-guided fuzzing of the credential in CONNECT (PROTOCOL.md, "Admission"): a server
 * {@link Connection} held for admission is fed CONNECT packets whose credential field (kind, length,
 * bytes) and handshake body are fuzzed, and pending credentials are decided by the real admissions
 * (password, connect tokens) as NetPeer does. Regression mode replays {@code ConnectCredentialFuzzTestInputs/}.
 */
class ConnectCredentialFuzzTest {

    private static final long MS = 1_000_000L;
    private static final long APP_HASH = 42L;
    private static final Set<DisconnectReason> FAULTS = EnumSet.of(DisconnectReason.PROTOCOL_ERROR,
            DisconnectReason.RECEIVE_LIMIT_EXCEEDED, DisconnectReason.PROTOCOL_VERSION_MISMATCH,
            DisconnectReason.CONFIG_MISMATCH, DisconnectReason.REGISTRY_MISMATCH);
    private static final ConnectionConfig CONFIG = ConnectionConfig.builder().addChannel(ChannelType.RELIABLE_ORDERED).build();
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50_000);
    private static final Admission PASSWORD = Admission.password("fuzz password");
    private static final Admission TOKENS = ConnectTokenVerifier.builder(new Ed25519PrivateKeyParameters(new byte[32])
            .generatePublicKey(), 7).ownAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000))
            .clock(() -> 1_800_000_000_000L).build();
    private static final MessageHandler IGNORE = (channel, buf, off, len) -> { };

    /**
     * A CONNECT written by a real client with a fuzzed credential reaches the server intact (kind and
     * bytes), is decided by a real admission, and a refusal reaches the client as AUTHENTICATION_FAILED
     * with the admission's sentence.
     */
    @FuzzTest
    void roundTrip(FuzzedDataProvider data) {
        CredentialKind kind = CredentialKind.values()[data.consumeInt(0, CredentialKind.values().length - 1)];
        byte[] credential = data.consumeBytes(data.consumeInt(0, CredentialKind.MAX_CREDENTIAL_BYTES + 16));
        long now = 1_000 * MS;
        Connection client = new Connection(CONFIG, ConnectionRole.CLIENT, APP_HASH, IGNORE, now);
        try {
            client.setCredential(kind, credential);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("MAX_CREDENTIAL_BYTES") || e.getMessage().contains("maxPacketSize"),
                    "a refused credential names its limit: " + e.getMessage());
            return;
        }
        Connection server = new Connection(CONFIG, ConnectionRole.SERVER, APP_HASH, IGNORE, now);
        server.holdForAdmission();
        byte[] buf = new byte[CONFIG.maxPacketSize()];
        int n = client.writePacket(buf, 0, now);
        assertTrue(n > 0, "the client writes its CONNECT");
        server.receivePacket(buf, 0, n, now);
        assertTrue(server.admissionPending(), "a well-formed CONNECT waits for the admission decision");
        assertEquals(kind, server.peerCredentialKind());
        assertArrayEquals(credential, server.peerCredential());
        AdmissionResult r = decide(data.consumeBoolean() ? PASSWORD : TOKENS, server);
        if (r.admitted()) {
            assertTrue(server.admit());
            int m = server.writePacket(buf, 0, now);
            client.receivePacket(buf, 0, m, now);
            assertTrue(client.isConnected(), "the ACCEPT connects the client");
            return;
        }
        server.disconnect(DisconnectReason.AUTHENTICATION_FAILED, r.refusal(), now);
        assertFalse(server.admissionPending(), "a refused connection is never decided again");
        for (int i = 0; i < 20 && !client.isDisconnectRemote(); i++) {
            now += 10 * MS;
            int m = server.writePacket(buf, 0, now);
            if (m > 0) {
                client.receivePacket(buf, 0, m, now);
            }
        }
        assertEquals(DisconnectReason.AUTHENTICATION_FAILED, client.disconnectReason());
        assertTrue(r.refusal().startsWith(client.disconnectDetail()) && !client.disconnectDetail().isEmpty(),
                "the client reads the refusal: '" + client.disconnectDetail() + "' of '" + r.refusal() + "'");
    }

    /**
     * Raw CONNECT packets: a real CONNECT's header and handshake body (possibly altered in one byte)
     * followed by fuzzed credential bytes, up to 4 of them. After each: no exception; either the
     * credential is pending (kind known, length within MAX_CREDENTIAL_BYTES and exactly the bytes
     * that follow) and later CONNECTs never replace it, or the connection is disconnected with a
     * named fault (or by a packet that became a well-formed DISCONNECT), or the packet changed nothing.
     */
    @FuzzTest
    void rawConnect(FuzzedDataProvider data) {
        long now = 1_000 * MS;
        Connection client = new Connection(CONFIG, ConnectionRole.CLIENT, APP_HASH, IGNORE, now);
        byte[] real = new byte[CONFIG.maxPacketSize()];
        int realLen = client.writePacket(real, 0, now);
        int prefix = PacketLayout.HEADER_SIZE + PacketLayout.HANDSHAKE_BODY_SIZE;
        assertTrue(realLen >= prefix);
        Connection server = new Connection(CONFIG, ConnectionRole.SERVER, APP_HASH, IGNORE, now);
        server.holdForAdmission();
        byte[] taken = null;
        CredentialKind takenKind = null;
        for (int round = 0; round < 4 && data.remainingBytes() > 0; round++) {
            byte[] packet = new byte[CONFIG.maxPacketSize() + 8];
            System.arraycopy(real, 0, packet, 0, prefix);
            if (data.consumeBoolean()) {
                packet[data.consumeInt(0, prefix - 1)] ^= (byte) data.consumeInt(1, 255);
            }
            byte[] trailer = data.consumeBytes(packet.length - prefix);
            System.arraycopy(trailer, 0, packet, prefix, trailer.length);
            int len = prefix + trailer.length;
            now += MS;
            server.receivePacket(packet, 0, len, now);
            if (server.admissionPending()) {
                assertNotNull(server.peerCredentialKind());
                byte[] c = server.peerCredential();
                assertTrue(c.length <= CredentialKind.MAX_CREDENTIAL_BYTES);
                if (taken == null) {
                    taken = c;
                    takenKind = server.peerCredentialKind();
                    assertEquals(len - prefix - PacketLayout.CREDENTIAL_HEADER_SIZE, c.length, "the credential is the bytes that follow");
                } else {
                    assertArrayEquals(taken, c, "a later CONNECT never replaces the credential being decided");
                    assertEquals(takenKind, server.peerCredentialKind());
                }
            } else if (server.state() != ConnectionState.CONNECTING) {
                assertFalse(server.admissionPending(), "a faulted connection leaves nothing to decide");
                if (!server.isDisconnectRemote()) { // else the altered type byte made a well-formed DISCONNECT
                    assertTrue(FAULTS.contains(server.disconnectReason()), "fault " + server.disconnectReason());
                    assertFalse(server.disconnectDetail().isEmpty(), "a fault names itself");
                }
                break;
            } else {
                assertEquals(null, taken, "a pending credential stays pending");
            }
        }
        if (server.admissionPending()) {
            AdmissionResult r = decide(data.consumeBoolean() ? PASSWORD : TOKENS, server);
            if (r.admitted()) {
                assertTrue(server.admit());
                assertTrue(server.isConnected());
            } else {
                server.disconnect(DisconnectReason.AUTHENTICATION_FAILED, r.refusal(), now);
                assertEquals(DisconnectReason.AUTHENTICATION_FAILED, server.disconnectReason());
                assertFalse(server.admissionPending(), "a refused connection is never decided again");
            }
        }
    }

    /** As NetPeer decides: the admission sees the credential; it answers, never throws. */
    private static AdmissionResult decide(Admission admission, Connection server) {
        AdmissionResult r = admission.decide(new AdmissionRequest(server.peerCredentialKind(), server.peerCredential(), CLIENT));
        assertNotNull(r);
        if (!r.admitted()) {
            assertNotNull(r.reason());
            assertFalse(r.refusal().isEmpty());
            assertTrue(r.refusal().getBytes(StandardCharsets.UTF_8).length > 0);
        }
        return r;
    }
}
