package io.tickwire.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickwire.net.dtls.DtlsRecords;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Seeded random and mutated datagrams at the server port while real clients exchange data. */
@Timeout(120)
class EndpointFuzzTest {

    static final long SEED = 0x71C4_3E11L;
    static final int ROUNDS = 100;
    static final int PER_ROUND = 200;

    @Test
    void randomAndMutatedDatagramsNeverDisturbRealClients() throws Exception {
        try (EndpointHarness h = new EndpointHarness()) {
            byte[] hello = h.recordClientHello();
            List<DtlsClientLink> clients = h.connect(3, null);
            List<Integer> cids = new ArrayList<>();
            for (DtlsPeerLink l : h.serverLinks) {
                cids.add(l.connectionId());
            }
            SplittableRandom rnd = new SplittableRandom(SEED);
            List<DatagramChannel> fuzzers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    fuzzers.add(DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0)));
                }
                InetSocketAddress target = h.server.localAddress();
                int fuzzed = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    long burstBase = h.server.stats().datagramsIn();
                    for (int i = 0; i < PER_ROUND; i++) {
                        byte[] d = nextDatagram(rnd, hello, cids);
                        fuzzers.get(rnd.nextInt(fuzzers.size())).send(ByteBuffer.wrap(d), target);
                        fuzzed++;
                        if (i % 25 == 24) {
                            // Pace so the kernel's socket buffer never overflows: every fuzz datagram is
                            // read and judged, and a lost test message could only be our fault.
                            long expectIn = burstBase + i + 1;
                            EndpointHarness.pumpUntil(() -> h.server.stats().datagramsIn() >= expectIn, () -> { });
                        }
                    }
                    try {
                        h.exchangeOnAll("round " + round);
                    } catch (AssertionError e) {
                        throw new AssertionError("round " + round + ": " + e.getMessage() + " " + h.server.stats(), e);
                    }
                }
                for (DtlsClientLink c : clients) {
                    EndpointHarness.assertNothingMore(c);
                }
                EndpointStats st = h.server.stats();
                System.out.printf("fuzz: %d datagrams (seed %x) while %d clients exchanged %d round trips: %s%n",
                        fuzzed, SEED, clients.size(), ROUNDS, st);
                assertEquals(0, st.readerFaults(), "no exception escaped the reader");
                assertEquals(3, h.server.peerCount(), "only the real clients hold state");
                assertEquals(3, st.handshakesCompleted());
                for (DtlsClientLink c : clients) {
                    assertEquals(0, c.drops(DropReason.TAMPERED), "clients noticed nothing");
                }
            } finally {
                for (DatagramChannel ch : fuzzers) {
                    ch.close();
                }
            }
        }
    }

    /** One fuzz datagram: random bytes, a mutated ClientHello, or a record aimed at a live connection ID. */
    static byte[] nextDatagram(SplittableRandom rnd, byte[] hello, List<Integer> cids) {
        int kind = rnd.nextInt(4);
        if (kind == 0) {
            byte[] d = new byte[1 + rnd.nextInt(1600)];
            rnd.nextBytes(d);
            return d;
        }
        if (kind == 1) {
            byte[] d = hello.clone();
            int flips = 1 + rnd.nextInt(8);
            for (int i = 0; i < flips; i++) {
                d[rnd.nextInt(d.length)] ^= (byte) (1 << rnd.nextInt(8));
            }
            return rnd.nextBoolean() ? d : java.util.Arrays.copyOf(d, rnd.nextInt(d.length) + 1);
        }
        if (kind == 2) {
            // Header-shaped garbage with plausible fields.
            byte[] d = new byte[13 + rnd.nextInt(200)];
            rnd.nextBytes(d);
            d[0] = (byte) (20 + rnd.nextInt(6));
            d[1] = (byte) 0xFE;
            d[2] = (byte) 0xFD;
            d[3] = 0;
            d[4] = (byte) rnd.nextInt(3);
            return d;
        }
        // A tls12_cid record carrying a live connection ID with forged contents: Bouncy Castle must reject it.
        byte[] d = new byte[17 + 2 + 16 + rnd.nextInt(100)];
        rnd.nextBytes(d);
        int cid = cids.get(rnd.nextInt(cids.size()));
        d[0] = DtlsRecords.TLS12_CID;
        d[1] = (byte) 0xFE;
        d[2] = (byte) 0xFD;
        d[3] = 0;
        d[4] = 1;
        d[11] = (byte) (cid >>> 24);
        d[12] = (byte) (cid >>> 16);
        d[13] = (byte) (cid >>> 8);
        d[14] = (byte) cid;
        int body = d.length - 17;
        d[15] = (byte) (body >>> 8);
        d[16] = (byte) body;
        return d;
    }
}
