package io.tickwire.net.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.PSKTlsClient;
import org.bouncycastle.tls.PSKTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsPSKIdentityManager;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;

class SimulatedDatagramTransportTest {

    private static final byte[] IDENTITY = "tickwire-test".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PSK = new byte[32];

    static {
        for (int i = 0; i < PSK.length; i++) {
            PSK[i] = (byte) (i * 7 + 3);
        }
    }

    /** Short resend timer so that lost flights are retried quickly; bounded total handshake time. */
    private static final class Client extends PSKTlsClient {
        Client() {
            super(new BcTlsCrypto(new SecureRandom()), new BasicTlsPSKIdentity(IDENTITY, PSK));
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        public int getHandshakeResendTimeMillis() {
            return 50;
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return 20_000;
        }
    }

    private static final class Server extends PSKTlsServer {
        Server() {
            super(new BcTlsCrypto(new SecureRandom()), new TlsPSKIdentityManager() {
                @Override
                public byte[] getHint() {
                    return null;
                }

                @Override
                public byte[] getPSK(byte[] identity) {
                    return java.util.Arrays.equals(identity, IDENTITY) ? PSK.clone() : null;
                }
            });
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        public int getHandshakeResendTimeMillis() {
            return 50;
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return 20_000;
        }
    }

    private static SimulatedDatagramTransport wrap(QueueDatagramTransport t, NetworkConditions c, long seed) {
        return new SimulatedDatagramTransport(t,
                new NetworkSimulator(c, seed, 1024, 1500), new NetworkSimulator(NetworkConditions.PERFECT, ~seed, 1024, 1500));
    }

    @Test
    void dtlsHandshakeCompletesUnderLossDuplicatesAndReorderingAndReplaysAreNotDelivered() throws Exception {
        NetworkConditions rough = NetworkConditions.PERFECT.withLatencyMillis(5).withJitterMillis(2)
                .withLossPercent(25).withDuplicatePercent(25).withReorderPercent(20).withReorderDelayMillis(10);
        QueueDatagramTransport[] ends = QueueDatagramTransport.pair();
        // The client's first ClientHellos are certainly lost; then the link turns merely rough.
        SimulatedDatagramTransport clientSide = wrap(ends[0], NetworkConditions.PERFECT.withLossPercent(100), 1);
        SimulatedDatagramTransport serverSide = wrap(ends[1], rough, 2);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<DTLSTransport> client = pool.submit(() -> new DTLSClientProtocol().connect(new Client(), clientSide));
            while (lostSoFar(clientSide) < 2) {
                Thread.sleep(5);
            }
            clientSide.outgoing().setConditions(rough); // a run-time change, as the debug UI would make
            DTLSTransport server = new DTLSServerProtocol().accept(new Server(), serverSide);
            // The server keeps receiving so that it can resend its last flight if that was lost.
            byte[] in = new byte[server.getReceiveLimit()];
            while (!client.isDone()) {
                assertEquals(-1, server.receive(in, 0, in.length, 10), "no application data before connect");
            }
            DTLSTransport clientTransport = client.get(30, TimeUnit.SECONDS);


            // Application records stay unreliable under the same conditions, but never arrive twice or damaged.
            int sent = 300;
            byte[] record = new byte[100];
            for (int i = 0; i < sent; i++) {
                fill(record, i);
                clientTransport.send(record, 0, record.length);
                // Paced at about 1 ms a record, as a game sends: a burst of 300 in a few ms, reordered by up to
                // 17 ms, would push records beyond DTLS's 64-record replay window depending on how fast this
                // machine happens to send (it failed twice under load with 139-140 of 300 received).
                Thread.sleep(1);
            }
            boolean[] seen = new boolean[sent];
            byte[] expected = new byte[100];
            int received = 0;
            // Receive until the simulator holds nothing more for the server (not until a quiet spell of
            // wall-clock time, which a loaded machine can produce while datagrams are still in flight).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                int n = server.receive(in, 0, in.length, 50);
                if (n < 0) {
                    if (inFlight(clientSide) == 0) {
                        break;
                    }
                    continue;
                }
                assertEquals(100, n);
                int id = (in[0] & 0xFF) << 8 | (in[1] & 0xFF);
                fill(expected, id);
                assertArrayEquals(expected, java.util.Arrays.copyOf(in, 100), "record " + id + " intact");
                assertTrue(!seen[id], "record " + id + " delivered twice");
                seen[id] = true;
                received++;
            }
            assertTrue(clientSide.outgoing().duplicated() > 0, "duplicates were sent");
            // About 75% survive; far from both 0 and all.
            assertTrue(received > sent / 2 && received < sent, "received " + received);
            clientTransport.close();
            server.close();
        } finally {
            pool.shutdownNow();
        }
    }

    private static int inFlight(SimulatedDatagramTransport t) {
        synchronized (t.outgoing()) { // owned by the sending side; read under its monitor
            return t.outgoing().inFlight();
        }
    }

    private static long lostSoFar(SimulatedDatagramTransport t) {
        synchronized (t.outgoing()) { // counters are owned by the sending side; read them under its monitor
            return t.outgoing().droppedByLoss();
        }
    }

    private static void fill(byte[] b, int id) {
        b[0] = (byte) (id >>> 8);
        b[1] = (byte) id;
        for (int i = 2; i < b.length; i++) {
            b[i] = (byte) (id + i * 13);
        }
    }

    @Test
    void receiveHonoursWaitMillisAndNeverDeliversEarly() throws IOException {
        QueueDatagramTransport[] ends = QueueDatagramTransport.pair();
        SimulatedDatagramTransport a = wrap(ends[0], NetworkConditions.PERFECT.withLatencyMillis(30), 3);
        SimulatedDatagramTransport b = wrap(ends[1], NetworkConditions.PERFECT, 4);
        byte[] in = new byte[1500];
        // Only lower bounds on time are asserted: a loaded machine may deliver late, never early.
        long sentAt = System.nanoTime();
        a.send(new byte[] {5, 6}, 0, 2);
        int first = b.receive(in, 0, in.length, 10);
        if (first < 0) {
            assertTrue(System.nanoTime() - sentAt >= 9_000_000L, "an empty receive waited its 10 ms");
        }
        int n = first < 0 ? b.receive(in, 0, in.length, 5000) : first;
        assertEquals(2, n);
        assertTrue(System.nanoTime() - sentAt >= 30_000_000L, "held for the simulated 30 ms latency");
        assertEquals(5, in[0]);
        assertEquals(6, in[1]);
        // waitMillis 0 waits as long as it takes (here: the 30 ms the simulator holds the datagram).
        long again = System.nanoTime();
        a.send(new byte[] {7}, 0, 1);
        assertEquals(1, b.receive(in, 0, in.length, 0));
        assertTrue(System.nanoTime() - again >= 30_000_000L, "held for the simulated 30 ms latency");
        assertEquals(7, in[0]);
        a.close();
        b.close();
    }
}
