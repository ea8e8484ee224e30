package io.tickwire.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickwire.net.dtls.DtlsRecords;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import io.tickwire.net.dtls.DtlsConfig;
import io.tickwire.net.dtls.TickwireTlsServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Named limits are enforced and counted; one-datagram attacks on a live session are dropped before Bouncy Castle. */
@Timeout(60)
class EndpointLimitsTest {

    @Test
    void aHandshakeThatGoesSilentAfterTheCookieTimesOutAndFreesItsState() throws Exception {
        TestTls tls = new TestTls();
        TlsServerFactory quick = (cid, peer) -> new TickwireTlsServer(tls.crypto, tls.identity,
                new DtlsConfig(1_000, 250), cid, peer.toString());
        try (EndpointHarness h = new EndpointHarness(EndpointConfig.builder().build(), quick);
                DatagramChannel raw = DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0))) {
            HandshakeGuardSystemTest.cookieExchange(h, raw, h.recordClientHello());
            assertEquals(1, h.server.handshakesInFlight());
            EndpointHarness.pumpUntil(() -> h.server.stats().handshakesFailed(HandshakeFailure.TIMEOUT) == 1, () -> { });
            EndpointHarness.pumpUntil(() -> h.server.peerCount() == 0, () -> { });
            assertEquals(0, h.server.handshakesInFlight());
            assertEquals(0, h.server.addressMapSize());
        }
    }

    @Test
    void aValidCookieBeyondMaxHandshakesInFlightIsRefusedAndCounted() throws Exception {
        EndpointConfig one = EndpointConfig.builder().maxHandshakesInFlight(1).build();
        try (EndpointHarness h = new EndpointHarness(one);
                DatagramChannel first = DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0));
                DatagramChannel second = DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0))) {
            byte[] hello = h.recordClientHello();
            HandshakeGuardSystemTest.cookieExchange(h, first, hello);
            byte[] second2 = HandshakeGuardSystemTest.helloWithCookie(h, second, hello);
            second.send(ByteBuffer.wrap(second2), h.server.localAddress());
            EndpointHarness.pumpUntil(() -> h.server.stats().drops(DropReason.HANDSHAKE_CAP) == 1, () -> { });
            assertEquals(1, h.server.stats().handshakesStarted(), "only the first handshake was admitted");
        }
    }

    @Test
    void tinyAndReservedVersionRecordsCarryingALiveConnectionIdDoNotKillTheSession() throws Exception {
        // bctls 1.84 fails a session with decode_error on a record shorter than tag + nonce, and with
        // internal_error on version {0xFE,0xFE}; anyone who sees the connection ID could send either.
        try (EndpointHarness h = new EndpointHarness();
                DatagramChannel attacker = DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0))) {
            DtlsClientLink c = h.connect(1, null).get(0);
            DtlsPeerLink s = h.serverLinks.get(0);
            int cid = s.connectionId();
            byte[] tiny = cidRecord(cid, 0xFD, 5);
            byte[] reserved = cidRecord(cid, 0xFE, 40);
            long malformedBefore = h.server.stats().drops(DropReason.MALFORMED);
            attacker.send(ByteBuffer.wrap(tiny), h.server.localAddress());
            attacker.send(ByteBuffer.wrap(reserved), h.server.localAddress());
            EndpointHarness.pumpUntil(() -> h.server.stats().drops(DropReason.MALFORMED) >= malformedBefore + 1, () -> {
                try {
                    s.receive(new byte[64], 0, 64);
                } catch (java.io.IOException e) {
                    throw new AssertionError("session killed: " + e, e);
                }
            });
            EndpointHarness.send(c, "still here");
            assertEquals("still here", EndpointHarness.receiveOne(s));
            EndpointHarness.send(s, "and back");
            assertEquals("and back", EndpointHarness.receiveOne(c));
        }
    }

    private static byte[] cidRecord(int cid, int minorVersion, int bodyLength) {
        byte[] d = new byte[17 + bodyLength];
        d[0] = DtlsRecords.TLS12_CID;
        d[1] = (byte) 0xFE;
        d[2] = (byte) minorVersion;
        d[4] = 1;
        d[10] = 7;
        d[11] = (byte) (cid >>> 24);
        d[12] = (byte) (cid >>> 16);
        d[13] = (byte) (cid >>> 8);
        d[14] = (byte) cid;
        d[15] = (byte) (bodyLength >>> 8);
        d[16] = (byte) bodyLength;
        return d;
    }
}
