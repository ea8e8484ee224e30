package io.tickwire.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One source IP with valid cookies from many ports cannot exceed {@code maxHandshakesPerIp} or
 * {@code maxConnectionsPerIp}; another IP still gets in. Linux routes all of 127/8 to lo, so
 * 127.0.0.2 plays the other host.
 */
@Timeout(60)
class PerIpLimitsTest {

    // Bouncy Castle's accept blocks a worker per handshake, so the pool has a worker beyond the stalled ones.
    private static final EndpointConfig TIGHT = EndpointConfig.builder().maxHandshakesPerIp(2).maxConnectionsPerIp(3)
            .handshakeWorkers(3).build();

    @Test
    void handshakesFromOneIpBeyondMaxHandshakesPerIpAreRefusedWhileAnotherIpGetsIn() throws Exception {
        try (EndpointHarness h = new EndpointHarness(TIGHT);
                DatagramChannel a = rawOn(EndpointHarness.LOOPBACK);
                DatagramChannel b = rawOn(EndpointHarness.LOOPBACK);
                DatagramChannel c = rawOn(EndpointHarness.LOOPBACK)) {
            byte[] hello = h.recordClientHello();
            // Two stalled handshakes (valid cookie, then silence) from two ports of one IP.
            HandshakeGuardSystemTest.cookieExchange(h, a, hello);
            HandshakeGuardSystemTest.cookieExchange(h, b, hello);
            assertEquals(2, h.server.handshakesInFlight(EndpointHarness.LOOPBACK));

            byte[] third = HandshakeGuardSystemTest.helloWithCookie(h, c, hello);
            c.send(ByteBuffer.wrap(third), h.server.localAddress());
            EndpointHarness.pumpUntil(() -> h.server.stats().drops(DropReason.HANDSHAKES_PER_IP) == 1, () -> { });
            assertEquals(2, h.server.stats().handshakesStarted(), "the third port of the same IP was not admitted");
            assertEquals(2, h.server.peerCount());

            DtlsClientLink other = connectFrom(h, otherLoopbackIp());
            EndpointHarness.send(other, "from another host");
            DtlsPeerLink s = h.serverLinkFor(other.localAddress());
            assertEquals("from another host", EndpointHarness.receiveOne(s));
            assertEquals(3, h.server.stats().handshakesStarted());
            assertEquals(0, h.server.stats().drops(DropReason.CONNECTIONS_PER_IP));
        }
    }

    @Test
    void withDefaultsOneIpsSilentHandshakesLeaveAWorkerForAnotherIp() throws Exception {
        EndpointConfig defaults = EndpointConfig.builder().build();
        int cap = defaults.maxHandshakesPerIp();
        List<DatagramChannel> stalled = new ArrayList<>();
        try (EndpointHarness h = new EndpointHarness(defaults)) {
            byte[] hello = h.recordClientHello();
            for (int i = 0; i <= cap; i++) {
                stalled.add(rawOn(EndpointHarness.LOOPBACK));
            }
            // cap silent handshakes (valid cookie, then nothing) from one IP, each holding a worker.
            for (int i = 0; i < cap; i++) {
                HandshakeGuardSystemTest.cookieExchange(h, stalled.get(i), hello);
            }
            byte[] extra = HandshakeGuardSystemTest.helloWithCookie(h, stalled.get(cap), hello);
            stalled.get(cap).send(ByteBuffer.wrap(extra), h.server.localAddress());
            EndpointHarness.pumpUntil(() -> h.server.stats().drops(DropReason.HANDSHAKES_PER_IP) == 1, () -> { });

            connectFrom(h, otherLoopbackIp());
            assertEquals(0, h.server.stats().handshakesFailed(HandshakeFailure.TIMEOUT),
                    "the other IP got a free worker, it did not wait for the silent handshakes to time out");
            assertEquals(cap, h.server.handshakesInFlight(EndpointHarness.LOOPBACK));
        } finally {
            for (DatagramChannel d : stalled) {
                d.close();
            }
        }
    }

    @Test
    void connectionsFromOneIpBeyondMaxConnectionsPerIpAreRefusedUntilOneCloses() throws Exception {
        try (EndpointHarness h = new EndpointHarness(TIGHT);
                DatagramChannel raw = rawOn(EndpointHarness.LOOPBACK)) {
            h.connect(3, null);
            assertEquals(3, h.server.peerCount(EndpointHarness.LOOPBACK));
            assertEquals(0, h.server.handshakesInFlight(EndpointHarness.LOOPBACK));

            byte[] fourth = HandshakeGuardSystemTest.helloWithCookie(h, raw, h.recordClientHello());
            raw.send(ByteBuffer.wrap(fourth), h.server.localAddress());
            EndpointHarness.pumpUntil(() -> h.server.stats().drops(DropReason.CONNECTIONS_PER_IP) == 1, () -> { });
            assertEquals(3, h.server.stats().handshakesStarted());

            InetAddress otherIp = otherLoopbackIp();
            connectFrom(h, otherIp);
            assertEquals(1, h.server.peerCount(otherIp));
            assertEquals(4, h.server.peerCount());

            // Closing one connection frees its place for the same IP.
            h.serverLinks.get(0).close();
            EndpointHarness.pumpUntil(() -> h.server.peerCount(EndpointHarness.LOOPBACK) == 2, () -> { });
            h.connect(1, null);
            assertEquals(3, h.server.peerCount(EndpointHarness.LOOPBACK));
        }
    }

    @Test
    void perIpLimitsAreValidatedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EndpointConfig.builder().maxHandshakesPerIp(8).maxConnectionsPerIp(4).build());
        assertEquals("maxHandshakesPerIp (8) must not exceed maxConnectionsPerIp (4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EndpointConfig.builder().maxConnectionsPerIp(0).build());
        assertEquals("maxConnectionsPerIp must be in [1, 65536], was 0", e.getMessage());
    }

    private static DatagramChannel rawOn(InetAddress ip) throws java.io.IOException {
        return DatagramChannel.open().bind(new InetSocketAddress(ip, 0));
    }

    private static InetAddress otherLoopbackIp() throws Exception {
        InetAddress other = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        // Fails clearly (not silently skipped) on a kernel that does not route 127/8 to lo.
        DatagramChannel probe = rawOn(other);
        probe.close();
        return other;
    }

    /** A real client bound to {@code ip}, connected while the test thread polls the server. */
    private static DtlsClientLink connectFrom(EndpointHarness h, InetAddress ip) throws Exception {
        CompletableFuture<DtlsClientLink> f = h.connector.connect(h.server.localAddress(), new InetSocketAddress(ip, 0),
                h.tls.client(h.server.localAddress()));
        int want = h.serverLinks.size() + 1;
        EndpointHarness.pumpUntil(() -> h.serverLinks.size() >= want || f.isCompletedExceptionally(),
                () -> h.server.poll(System.nanoTime(), 64, h.serverLinks::add));
        DtlsClientLink link = f.get(EndpointHarness.STEP_LIMIT_MILLIS, TimeUnit.MILLISECONDS);
        h.clients.add(link);
        return link;
    }
}
