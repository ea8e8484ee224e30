package io.tickwire.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.dtls.DtlsRecords;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;

import io.tickwire.net.dtls.GuardVerdict;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hand-driven client completes the cookie exchange with the real endpoint and then sends crafted
 * handshake flights: the guard drops them with its reasons, and we measure what they cost the
 * server's reader and handshake threads against an ordinary handshake.
 */
@Timeout(60)
class HandshakeGuardSystemTest {

    static final int FLOOD = 300;

    @Test
    void craftedFlightsAfterAValidCookieAreDroppedWithTheGuardsReasons() throws Exception {
        try (EndpointHarness h = new EndpointHarness();
                DatagramChannel raw = DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0))) {
            byte[] hello = h.recordClientHello();
            cookieExchange(h, raw, hello);
            assertEquals(1, h.server.handshakesInFlight(), "a valid cookie created the handshake entry");

            send(raw, h, oversizedLengthFlight(2));
            awaitGuard(h, GuardVerdict.MESSAGE_TOO_LONG, 1);

            for (int i = 0; i < 20; i++) {
                send(raw, h, tinyFragment(3 + i, 1 + i * 7));
            }
            awaitGuard(h, GuardVerdict.FRAGMENT_TOO_SMALL, 20);

            for (int i = 0; i < FLOOD; i++) {
                send(raw, h, fragment(100 + i, 4096, (i % 15) * 256, 256));
            }
            // Fragments big enough to pass the stateless check: the per-handshake counter (32 per
            // message by default) trips and the endpoint abandons the handshake, freeing its state.
            awaitGuard(h, GuardVerdict.TOO_MANY_FRAGMENTS, 1);
            EndpointHarness.pumpUntil(() -> h.server.stats().handshakesFailed(HandshakeFailure.GUARD) == 1, () -> { });
            EndpointHarness.pumpUntil(() -> h.server.peerCount() == 0, () -> { });
            System.out.printf("guard after cookie: %s%n", h.server.stats());
            assertEquals(0, h.server.stats().readerFaults());
            assertEquals(0, h.server.addressMapSize());
            assertEquals(0, h.server.handshakesInFlight());
        }
    }

    @Test
    void aCraftedFlightCostsTheServerNoMoreThanAnOrdinaryHandshake() throws Exception {
        // Each crafted handshake holds a worker until its deadline (Bouncy Castle's accept blocks), so
        // give the pool room for all of them instead of waiting for deadlines.
        // Every crafted handshake comes from loopback: lift the per-IP handshake cap above the runs.
        EndpointConfig guarded = EndpointConfig.builder().handshakeWorkers(8).maxHandshakesPerIp(16).build();
        EndpointConfig unguarded = EndpointConfig.builder().handshakeWorkers(8).maxHandshakesPerIp(16)
                .screens(perHandshake -> HandshakeScreen.ACCEPT_ALL).build();
        long[] ordinary = new long[RUNS];
        long[] crafted = new long[RUNS];
        long[] craftedUnguarded = new long[RUNS];
        try (EndpointHarness h = new EndpointHarness(guarded)) {
            h.connect(2, null); // warm-up: class loading and JIT are not part of any figure
            for (int i = 0; i < RUNS; i++) {
                long before = serverCpuNanos();
                h.connect(1, null);
                ordinary[i] = serverCpuNanos() - before;
            }
            craftedFlightCost(h); // warm-up of the crafted path
            for (int i = 0; i < RUNS; i++) {
                crafted[i] = craftedFlightCost(h);
            }
            assertTrue(h.server.stats().drops(DropReason.GUARD) > 0);
        }
        try (EndpointHarness h = new EndpointHarness(unguarded)) {
            h.connect(2, null);
            craftedFlightCost(h);
            for (int i = 0; i < RUNS; i++) {
                craftedUnguarded[i] = craftedFlightCost(h);
            }
        }
        System.out.printf("server CPU (reader + handshake workers), median of %d after warm-up: ordinary handshake "
                + "%.2f ms; crafted flight (cookie exchange, server flight, a 24-bit length, %d datagrams of %d one-byte "
                + "fragments) guarded %.2f ms, unguarded %.2f ms%n", RUNS, median(ordinary) / 1e6, PACKED_DATAGRAMS,
                FRAGMENTS_PER_DATAGRAM,
                median(crafted) / 1e6, median(craftedUnguarded) / 1e6);
    }

    static final int RUNS = 5;
    static final int PACKED_DATAGRAMS = 4;
    static final int FRAGMENTS_PER_DATAGRAM = 50;

    /** One datagram packed with {@code n} records, each a 1-byte interior fragment of a 4000-byte message. */
    static byte[] packedTinyFragments(long firstSeq, int n) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            byte[] r = tinyFragment(firstSeq + i, 1 + (int) ((firstSeq + i) * 37 % 3990));
            out.write(r, 0, r.length);
        }
        return out.toByteArray();
    }

    static long median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private long craftedFlightCost(EndpointHarness h) throws Exception {
        try (DatagramChannel raw = DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0))) {
            byte[] hello = h.recordClientHello();
            long before = serverCpuNanos();
            long inBefore = h.server.stats().datagramsIn();
            cookieExchange(h, raw, hello);
            send(raw, h, oversizedLengthFlight(2));
            for (int i = 0; i < PACKED_DATAGRAMS; i++) {
                send(raw, h, packedTinyFragments(3 + i * FRAGMENTS_PER_DATAGRAM, FRAGMENTS_PER_DATAGRAM));
            }
            long expectIn = inBefore + 2 + 1 + PACKED_DATAGRAMS;
            EndpointHarness.pumpUntil(() -> h.server.stats().datagramsIn() >= expectIn, () -> { });
            Thread.sleep(200); // let the handshake worker chew on whatever passed
            return serverCpuNanos() - before;
        }
    }

    /** CPU time of the endpoint's reader and handshake threads (all of them in this JVM). */
    static long serverCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            ThreadInfo info = mx.getThreadInfo(id);
            if (info != null && info.getThreadName().startsWith("tickwire-dtls-")
                    && !info.getThreadName().startsWith("tickwire-dtls-connect")) {
                long t = mx.getThreadCpuTime(id);
                if (t > 0) {
                    sum += t;
                }
            }
        }
        return sum;
    }

    static void send(DatagramChannel raw, EndpointHarness h, byte[] d) throws Exception {
        raw.send(ByteBuffer.wrap(d), h.server.localAddress());
        Thread.sleep(0, 100_000); // pace so the socket buffer never drops (every datagram is judged)
    }

    static void awaitGuard(EndpointHarness h, GuardVerdict v, long atLeast) {
        EndpointHarness.pumpUntil(() -> h.server.stats().guardVerdicts(v.ordinal()) >= atLeast, () -> { });
    }

    /** ClientHello -> HelloVerifyRequest -> ClientHello with the cookie; returns once the server answered. */
    static void cookieExchange(EndpointHarness h, DatagramChannel raw, byte[] hello) throws Exception {
        byte[] hello2 = helloWithCookie(h, raw, hello);
        long started = h.server.stats().handshakesStarted();
        raw.send(ByteBuffer.wrap(hello2), h.server.localAddress());
        // The server's first flight means the cookie was accepted.
        EndpointHarness.pumpUntil(() -> h.server.stats().handshakesStarted() == started + 1, () -> { });
        ByteBuffer b = ByteBuffer.allocate(4096);
        EndpointHarness.pumpUntil(() -> receive(raw, b), () -> { });
    }

    /** Sends the cookieless {@code hello}, reads the HelloVerifyRequest, returns the ClientHello that echoes its cookie. */
    static byte[] helloWithCookie(EndpointHarness h, DatagramChannel raw, byte[] hello) throws Exception {
        raw.configureBlocking(false);
        raw.send(ByteBuffer.wrap(hello), h.server.localAddress());
        ByteBuffer b = ByteBuffer.allocate(4096);
        EndpointHarness.pumpUntil(() -> receive(raw, b), () -> { });
        b.flip();
        byte[] hvr = new byte[b.remaining()];
        b.get(hvr);
        assertEquals(3, hvr[13], "HelloVerifyRequest");
        byte[] hello2 = CraftedHellos.echoCookie(hello, hvr);
        assertEquals(GuardVerdict.PASS, new io.tickwire.net.dtls.HandshakeGuard(
                io.tickwire.net.dtls.HandshakeGuardConfig.DEFAULTS).check(hello2, 0, hello2.length),
                "crafted ClientHello passes the guard");
        return hello2;
    }

    /** A datagram into {@code b} if one is waiting on the (non-blocking) {@code raw}. */
    static boolean receive(DatagramChannel raw, ByteBuffer b) {
        try {
            return raw.receive(b) != null;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A ClientKeyExchange fragment whose header claims a 16 MiB message. */
    static byte[] oversizedLengthFlight(long recordSeq) {
        return handshakeRecord(recordSeq, 16, 0xFFFFFF, 2, 0, 32);
    }

    /** A 1-byte interior fragment of a 4000-byte message. */
    static byte[] tinyFragment(long recordSeq, int offset) {
        return handshakeRecord(recordSeq, 16, 4000, 2, offset, 1);
    }

    static byte[] fragment(long recordSeq, int messageLength, int offset, int length) {
        return handshakeRecord(recordSeq, 16, messageLength, 2, offset, length);
    }

    static byte[] handshakeRecord(long recordSeq, int type, int messageLength, int messageSeq, int fragOffset,
            int fragLength) {
        byte[] d = new byte[13 + 12 + fragLength];
        d[0] = DtlsRecords.HANDSHAKE;
        d[1] = (byte) 0xFE;
        d[2] = (byte) 0xFD;
        for (int i = 0; i < 6; i++) {
            d[5 + i] = (byte) (recordSeq >>> (8 * (5 - i)));
        }
        put16(d, 11, 12 + fragLength);
        d[13] = (byte) type;
        put24(d, 14, messageLength);
        put16(d, 17, messageSeq);
        put24(d, 19, fragOffset);
        put24(d, 22, fragLength);
        for (int i = 0; i < fragLength; i++) {
            d[25 + i] = (byte) (i * 31);
        }
        return d;
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put24(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 16);
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) v;
    }
}
