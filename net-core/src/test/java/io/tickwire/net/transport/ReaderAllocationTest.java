package io.tickwire.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bytes the socket-reader path allocates per datagram (receive, demultiplex, ring or drop), measured
 * with the JVM's per-thread allocation counter in {@link ThreadingMode#INVOKER} mode, where
 * {@link DtlsServerEndpoint#poll} reads the socket on the test thread. Only the poll calls are inside
 * the measured window; sending and draining happen outside it.
 *
 * <p>Finding (JDK 17): {@code DatagramChannel.receive} caches the last sender's
 * {@code InetSocketAddress} and returns it again while the source stays the same, so a run from one
 * source allocates nothing; when the source changes (two peers interleaved) the JDK allocates a new
 * address inside {@code receive}. Our code cannot avoid that through the {@code DatagramChannel} API
 * (the address is built before it is returned), so it is printed, not asserted.
 */
@Timeout(60)
class ReaderAllocationTest {

    static final int BATCH = 32;
    static final int BATCHES = 40;

    private final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long self = Thread.currentThread().getId();

    @Test
    void theReaderPathAllocatesNothingPerDatagramFromOneSourceKnownOrUnknown() throws Exception {
        EndpointConfig invoker = EndpointConfig.builder().threadingMode(ThreadingMode.INVOKER).build();
        try (EndpointHarness h = new EndpointHarness(invoker);
                DatagramChannel stranger = DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0))) {
            List<DtlsClientLink> cs = h.connect(2, null);
            DtlsClientLink c1 = cs.get(0);
            DtlsClientLink c2 = cs.get(1);
            DtlsPeerLink s1 = h.serverLinkFor(c1.localAddress());
            DtlsPeerLink s2 = h.serverLinkFor(c2.localAddress());
            byte[] payload = new byte[256];
            byte[] junk = unknownSourceRecord();
            byte[] hello = h.recordClientHello();
            List<DatagramChannel> strangers = new ArrayList<>();
            try {
                for (int i = 0; i < BATCH; i++) {
                    strangers.add(DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0)));
                }
                Batch knownOne = () -> {
                    for (int i = 0; i < BATCH; i++) {
                        c1.send(payload, 0, payload.length);
                    }
                };
                Batch knownInterleaved = () -> {
                    for (int i = 0; i < BATCH / 2; i++) {
                        c1.send(payload, 0, payload.length);
                        c2.send(payload, 0, payload.length);
                    }
                };
                Batch unknownOne = () -> {
                    for (int i = 0; i < BATCH; i++) {
                        stranger.send(ByteBuffer.wrap(junk), h.server.localAddress());
                    }
                };
                Batch unknownMany = () -> {
                    for (DatagramChannel d : strangers) {
                        d.send(ByteBuffer.wrap(junk), h.server.localAddress());
                    }
                };
                Batch cookieless = () -> {
                    for (int i = 0; i < BATCH; i++) {
                        stranger.send(ByteBuffer.wrap(hello), h.server.localAddress());
                        Thread.sleep(0, 50_000); // paced: every hello is answered, none lost to the socket buffer
                    }
                };
                Runnable drain = () -> {
                    drain(s1);
                    drain(s2);
                };
                // Warm-up (class loading, JIT) of every path, then the measured rounds.
                for (Batch b : new Batch[] {knownOne, knownInterleaved, unknownOne, unknownMany, cookieless}) {
                    for (int i = 0; i < 20; i++) {
                        perDatagram(h, b, drain);
                    }
                }
                double known = best(h, knownOne, drain);
                double interleaved = best(h, knownInterleaved, drain);
                double unknown = best(h, unknownOne, drain);
                double unknownPorts = best(h, unknownMany, drain);
                long cookiesBefore = h.server.stats().cookiesSent();
                double cookie = best(h, cookieless, drain);
                System.out.printf("reader-path allocation per datagram (INVOKER poll, %d x %d datagrams, best of 5): "
                        + "known peer, one source %.1f B; two known peers interleaved %.1f B; unknown source, one port "
                        + "%.1f B; unknown sources, %d ports %.1f B; cookieless ClientHello answered with a "
                        + "HelloVerifyRequest %.1f B (Bouncy Castle's DTLSVerifier included)%n", BATCHES, BATCH,
                        known, interleaved, unknown, BATCH, unknownPorts, cookie);
                assertEquals(cookiesBefore + 5L * BATCHES * BATCH, h.server.stats().cookiesSent(),
                        "every measured hello was answered");
                assertEquals(0.0, known, "a known peer's datagrams cost the reader nothing");
                assertEquals(0.0, unknown, "an unknown source's non-handshake datagrams cost the reader nothing");
            } finally {
                for (DatagramChannel d : strangers) {
                    d.close();
                }
            }
        }
    }

    @FunctionalInterface
    private interface Batch {
        void send() throws Exception;
    }

    /** Lowest per-datagram figure over 5 windows (a stray retransmission from another source inflates one). */
    private double best(EndpointHarness h, Batch batch, Runnable drain) throws Exception {
        double best = Double.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++) {
            best = Math.min(best, perDatagram(h, batch, drain));
        }
        return best;
    }

    /** Sends BATCHES batches; only the polls that read them are measured. */
    private double perDatagram(EndpointHarness h, Batch batch, Runnable drain) throws Exception {
        long measured = 0;
        long datagrams = 0;
        for (int b = 0; b < BATCHES; b++) {
            batch.send();
            long target = h.server.stats().datagramsIn() + BATCH;
            long until = System.nanoTime() + EndpointHarness.STEP_LIMIT_MILLIS * 1_000_000L;
            while (h.server.stats().datagramsIn() < target) {
                if (System.nanoTime() > until) {
                    throw new AssertionError("datagrams did not arrive within the step bound");
                }
                long before = mx.getThreadAllocatedBytes(self);
                h.server.poll(0, BATCH, link -> { });
                measured += mx.getThreadAllocatedBytes(self) - before;
            }
            datagrams += BATCH;
            drain.run();
        }
        return (double) measured / datagrams;
    }

    private static void drain(DtlsPeerLink s) {
        byte[] buf = new byte[2048];
        try {
            while (s.receive(buf, 0, buf.length) >= 0) {
                // discard
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** An epoch-1 application-data record from an address with no session: dropped as UNKNOWN_PEER. */
    private static byte[] unknownSourceRecord() {
        byte[] d = new byte[13 + 40];
        d[0] = 23;
        d[1] = (byte) 0xFE;
        d[2] = (byte) 0xFD;
        d[4] = 1;
        d[10] = 1;
        d[12] = 40;
        return d;
    }
}
