package io.tickwire.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.dtls.DtlsConfig;
import io.tickwire.net.dtls.TickwireTlsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stalled handshakes (cookie echoed, then silence) must not lock new players out: with the handshake slots
 * full, a verified ClientHello takes the place of the handshake whose peer has been silent longest, if that
 * is at least {@code handshakeEvictAfterSilenceMillis} and the server is waiting on it. Real DTLS on loopback;
 * the handshake deadline is 60 s, so anything that gets in here got in by eviction, well before it.
 */
@Timeout(60)
class HandshakeEvictionTest {

    private static final int DEADLINE_MILLIS = 60_000;

    /** {@code maxHandshakesInFlight} slots, the 60 s deadline and eviction after {@code evictAfterSilenceMillis}. */
    private static EndpointConfig.Builder evicting(int slots, int evictAfterSilenceMillis) {
        return EndpointConfig.builder().maxHandshakesInFlight(slots).handshakeTimeoutMillis(DEADLINE_MILLIS)
                .handshakeEvictAfterSilenceMillis(evictAfterSilenceMillis);
    }

    /** A harness whose server peers have the 60 s deadline and a 100 ms first resend. */
    private static EndpointHarness harness(EndpointConfig config) throws Exception {
        TestTls tls = new TestTls();
        return new EndpointHarness(config, tls, (cid, peer) -> new TickwireTlsServer(tls.crypto, tls.identity,
                new DtlsConfig(DEADLINE_MILLIS, 100), cid, peer.toString()));
    }

    private static DatagramChannel socketOn(int lastOctet) throws Exception {
        return DatagramChannel.open().bind(new InetSocketAddress(ip(lastOctet), 0));
    }

    /** Gets a cookie for {@code from} and sends the ClientHello that echoes it; returns that ClientHello. */
    private static byte[] sendWithCookie(EndpointHarness h, DatagramChannel from, byte[] hello) throws Exception {
        byte[] withCookie = HandshakeGuardSystemTest.helloWithCookie(h, from, hello);
        from.send(ByteBuffer.wrap(withCookie), h.server.localAddress());
        return withCookie;
    }

    private static InetAddress ip(int lastOctet) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRealClientJoinsInPlaceOfTheLongestSilentStalledHandshakeAndItsWorkerIsFreed() throws Exception {
        // Four slots and four workers, all held by stalled handshakes from 127.0.0.2..5: the newcomer needs
        // both a slot and the evicted handshake's worker, which must leave Bouncy Castle's receive at once.
        EndpointConfig config = evicting(4, 300).handshakeWorkers(4).build();
        List<DatagramChannel> stalls = new ArrayList<>();
        try (EndpointHarness h = harness(config)) {
            byte[] hello = h.recordClientHello();
            for (int i = 0; i < 4; i++) {
                DatagramChannel s = socketOn(2 + i);
                stalls.add(s);
                HandshakeGuardSystemTest.cookieExchange(h, s, hello);
                Thread.sleep(20); // 127.0.0.2 is the one silent longest
            }
            assertEquals(4, h.server.handshakesInFlight());
            Thread.sleep(400); // every stall is now silent for more than 300 ms

            List<DtlsClientLink> joined = h.connect(1, null); // bounded by the harness (15 s), the deadline is 60 s
            EndpointHarness.send(joined.get(0), "in despite the stalls");
            assertEquals("in despite the stalls", EndpointHarness.receiveOne(h.serverLinks.get(0)));

            EndpointStats st = h.server.stats();
            assertEquals(1, st.handshakesFailed(HandshakeFailure.EVICTED), st.toString());
            assertEquals(0, st.drops(DropReason.HANDSHAKE_CAP), st.toString());
            assertEquals(0, st.handshakesFailed(HandshakeFailure.TIMEOUT), st.toString());
            assertEquals(0, st.handshakesFailed(HandshakeFailure.ERROR), "the evicted worker is not counted twice: " + st);
            assertEquals(1, st.handshakesCompleted());
            assertEquals(0, h.server.handshakesInFlight(ip(2)), "the longest silent one went");
            for (int i = 3; i <= 5; i++) {
                assertEquals(1, h.server.handshakesInFlight(ip(i)), "127.0.0.%d stays".formatted(i));
            }
            assertEquals(3, h.server.handshakesInFlight());
            assertEquals(4, h.server.peerCount(), "three stalls and the new player");
        } finally {
            for (DatagramChannel s : stalls) {
                s.close();
            }
        }
    }

    @Test
    void stalledHandshakesHoldingEveryWorkerAreEvictedForANewcomerEvenWithSlotsFree() throws Exception {
        // Two workers, eight slots: two stalls exhaust the workers long before the slots. A newcomer that has
        // to wait in the queue frees a worker from the longest-silent stall and joins.
        EndpointConfig config = evicting(8, 300).handshakeWorkers(2).build();
        try (EndpointHarness h = harness(config);
                DatagramChannel first = socketOn(2);
                DatagramChannel second = socketOn(3)) {
            byte[] hello = h.recordClientHello();
            HandshakeGuardSystemTest.cookieExchange(h, first, hello);
            Thread.sleep(20);
            HandshakeGuardSystemTest.cookieExchange(h, second, hello);
            Thread.sleep(400);
            List<DtlsClientLink> joined = h.connect(1, null);
            EndpointHarness.send(joined.get(0), "a worker was freed");
            assertEquals("a worker was freed", EndpointHarness.receiveOne(h.serverLinks.get(0)));
            assertEquals(1, h.server.stats().handshakesFailed(HandshakeFailure.EVICTED));
            assertEquals(0, h.server.handshakesInFlight(ip(2)), "the longest silent one went");
            assertEquals(1, h.server.handshakesInFlight(ip(3)));
            assertEquals(0, h.server.stats().drops(DropReason.HANDSHAKE_CAP));
        }
    }

    @Test
    void aHandshakeSilentForLessThanTheMinimumIsNotEvictedAndTheNewcomerIsRefused() throws Exception {
        EndpointConfig config = evicting(1, 5_000).build();
        try (EndpointHarness h = harness(config);
                DatagramChannel live = socketOn(2);
                DatagramChannel newcomer = socketOn(3)) {
            byte[] hello = h.recordClientHello();
            HandshakeGuardSystemTest.cookieExchange(h, live, hello);
            sendWithCookie(h, newcomer, hello);
            EndpointHarness.pumpUntil(() -> h.server.stats().drops(DropReason.HANDSHAKE_CAP) == 1, () -> { });
            assertEquals(0, h.server.stats().handshakesFailed(HandshakeFailure.EVICTED));
            assertEquals(1, h.server.handshakesInFlight(ip(2)), "the first handshake keeps its slot");
            assertEquals(0, h.server.handshakesInFlight(ip(3)));
        }
    }

    @Test
    void theNewcomerEvictsTheHandshakeTheServerWaitsOnAndAStaleQueuedOneIsSkippedForIt() throws Exception {
        // One worker: 127.0.0.2's handshake runs on it, 127.0.0.3's waits in the queue (the server has not
        // answered it). 127.0.0.2 then speaks again, so 127.0.0.3 is silent longest, yet the newcomer may
        // only evict 127.0.0.2, which the server is waiting on. When the freed worker then takes 127.0.0.3
        // from the queue, its peer has been silent past the minimum with the slots still full (a waiting
        // client would have resent its ClientHello): it is evicted instead of run, and the newcomer runs.
        EndpointConfig config = evicting(2, 200).handshakeWorkers(1).maxHandshakesPerIp(1).build();
        try (EndpointHarness h = harness(config);
                DatagramChannel running = socketOn(2);
                DatagramChannel queued = socketOn(3);
                DatagramChannel newcomer = socketOn(4)) {
            byte[] hello = h.recordClientHello();
            byte[] runningHello = sendWithCookie(h, running, hello);
            ByteBuffer sink = ByteBuffer.allocate(4096);
            EndpointHarness.pumpUntil(() -> HandshakeGuardSystemTest.receive(running, sink), () -> { }); // its worker answered
            sendWithCookie(h, queued, hello);
            EndpointHarness.pumpUntil(() -> h.server.stats().handshakesStarted() == 2, () -> { });
            Thread.sleep(50);
            // The running peer resends its ClientHello (as a client does when the server's flight is lost).
            running.send(ByteBuffer.wrap(runningHello), h.server.localAddress());
            Thread.sleep(500); // both silent beyond 200 ms; the server has resent its flight to the running one

            sendWithCookie(h, newcomer, hello);
            EndpointHarness.pumpUntil(() -> h.server.stats().handshakesStarted() == 3, () -> { });
            // Had the newcomer evicted the queued one, 127.0.0.2 would hold the only worker for 60 s.
            EndpointHarness.pumpUntil(() -> h.server.handshakesInFlight(ip(2)) == 0, () -> { });
            EndpointHarness.pumpUntil(() -> h.server.stats().handshakesFailed(HandshakeFailure.EVICTED) == 2, () -> { });
            assertEquals(0, h.server.handshakesInFlight(ip(3)), "the stale queued one was skipped");
            assertEquals(1, h.server.handshakesInFlight(ip(4)), "the newcomer holds a slot");
            // The worker runs the newcomer's handshake: its first flight arrives.
            ByteBuffer b = ByteBuffer.allocate(4096);
            EndpointHarness.pumpUntil(() -> HandshakeGuardSystemTest.receive(newcomer, b), () -> { });
            assertEquals(0, h.server.stats().drops(DropReason.HANDSHAKE_CAP));
            assertEquals(0, h.server.stats().handshakesFailed(HandshakeFailure.TIMEOUT));
        }
    }

    @Test
    void aQueuedHandshakeWhosePeerKeepsResendingIsRunNotSkipped() throws Exception {
        // As above, but the queued peer resends its ClientHello (as a waiting client does) just before
        // the worker frees up: it is run, and its first flight arrives.
        EndpointConfig config = evicting(2, 300).handshakeWorkers(1).maxHandshakesPerIp(1).build();
        try (EndpointHarness h = harness(config);
                DatagramChannel running = socketOn(2);
                DatagramChannel queued = socketOn(3);
                DatagramChannel newcomer = socketOn(4)) {
            byte[] hello = h.recordClientHello();
            HandshakeGuardSystemTest.cookieExchange(h, running, hello);
            byte[] queuedHello = sendWithCookie(h, queued, hello);
            EndpointHarness.pumpUntil(() -> h.server.stats().handshakesStarted() == 2, () -> { });
            Thread.sleep(400); // the running one is now evictable
            queued.send(ByteBuffer.wrap(queuedHello), h.server.localAddress()); // the queued one resends
            sendWithCookie(h, newcomer, hello);
            ByteBuffer b = ByteBuffer.allocate(4096);
            EndpointHarness.pumpUntil(() -> HandshakeGuardSystemTest.receive(queued, b), () -> { }); // the queued one ran
            assertEquals(1, h.server.stats().handshakesFailed(HandshakeFailure.EVICTED), "only the running stall");
            assertEquals(0, h.server.handshakesInFlight(ip(2)));
            assertEquals(1, h.server.handshakesInFlight(ip(3)));
        }
    }

    @Test
    void theSettingIsValidatedAndZeroTurnsEvictionOff() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EndpointConfig.builder().handshakeEvictAfterSilenceMillis(-1).build());
        assertTrue(e.getMessage().contains("handshakeEvictAfterSilenceMillis"), e.getMessage());
        assertEquals(1_500, EndpointConfig.builder().build().handshakeEvictAfterSilenceMillis());
        assertEquals(0, EndpointConfig.builder().handshakeEvictAfterSilenceMillis(0).build().handshakeEvictAfterSilenceMillis());
    }
}
