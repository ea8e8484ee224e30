package io.tickwire.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** System tests: real DTLS 1.2 over one server UDP socket on loopback. */
@Timeout(60)
class DtlsServerEndpointTest {

    @Test
    void severalClientsHandshakeAndExchangeDataBothWaysOverOneServerSocket() throws Exception {
        try (EndpointHarness h = new EndpointHarness()) {
            h.connect(4, null);
            assertEquals(4, h.server.peerCount());
            assertEquals(0, h.server.handshakesInFlight());
            assertEquals(4, h.server.stats().handshakesCompleted());
            assertEquals(4, h.server.stats().cookiesSent(), "every client went through a HelloVerifyRequest");
            h.exchangeOnAll("round 1");
            h.exchangeOnAll("round 2");
            for (DtlsClientLink c : h.clients) {
                EndpointHarness.assertNothingMore(c);
            }
            assertEquals(0, h.server.stats().drops(DropReason.TAMPERED));
            assertEquals(0, h.server.stats().drops(DropReason.REPLAYED));
        }
    }

    @Test
    void invokerModeReadsTheSocketOnTheOwnersPoll() throws Exception {
        EndpointConfig config = EndpointConfig.builder().threadingMode(ThreadingMode.INVOKER).build();
        try (EndpointHarness h = new EndpointHarness(config)) {
            h.connect(2, null);
            DtlsClientLink c = h.clients.get(0);
            DtlsPeerLink s = h.serverLinkFor(c.localAddress());
            EndpointHarness.send(c, "stepped by hand");
            byte[] buf = new byte[2048];
            int[] n = {-1};
            EndpointHarness.pumpUntil(() -> n[0] >= 0, () -> {
                h.server.poll(System.nanoTime(), 64, h.serverLinks::add);
                try {
                    n[0] = s.receive(buf, 0, buf.length);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals("stepped by hand", new String(buf, 0, n[0], java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void clientMovingToANewPortKeepsTheSessionByConnectionId() throws Exception {
        try (EndpointHarness h = new EndpointHarness()) {
            List<DtlsClientLink> cs = h.connect(1, null);
            DtlsClientLink c = cs.get(0);
            InetSocketAddress before = c.localAddress();
            DtlsPeerLink s = h.serverLinkFor(before);
            EndpointHarness.send(c, "before move");
            assertEquals("before move", EndpointHarness.receiveOne(s));

            InetSocketAddress after = c.rebindLocalPort();
            assertNotEquals(before, after);
            EndpointHarness.send(c, "after move");
            assertEquals("after move", EndpointHarness.receiveOne(s));
            assertEquals(after, s.remoteAddress(), "server follows the authenticated connection ID record");
            EndpointHarness.send(s, "reply to new port");
            assertEquals("reply to new port", EndpointHarness.receiveOne(c));

            assertEquals(1, h.server.stats().handshakesStarted(), "no new handshake");
            assertEquals(1, h.server.stats().addressChanges());
            assertEquals(1, h.server.addressMapSize());
        }
    }

    @Test
    void closeSendsCloseNotifyAndFreesThePeer() throws Exception {
        try (EndpointHarness h = new EndpointHarness()) {
            DtlsClientLink c = h.connect(1, null).get(0);
            DtlsPeerLink s = h.serverLinkFor(c.localAddress());
            c.close();
            byte[] buf = new byte[64];
            EndpointHarness.pumpUntil(() -> h.server.peerCount() == 0, () -> {
                try {
                    s.receive(buf, 0, buf.length);
                } catch (IOException expected) {
                    // the close_notify ends the session
                }
            });
            assertThrows(IOException.class, () -> s.receive(buf, 0, buf.length));
            assertEquals(0, h.server.addressMapSize());
            assertTrue(h.server.stats().handshakesCompleted() >= 1);
        }
    }

    @Test
    void configRejectsLimitsOutOfRangeNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EndpointConfig.builder().peerQueueLength(0).build());
        assertTrue(e.getMessage().contains("peerQueueLength"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EndpointConfig.builder().maxConnections(8).maxHandshakesInFlight(9).build());
        assertTrue(e.getMessage().contains("maxHandshakesInFlight"), e.getMessage());
    }
}
