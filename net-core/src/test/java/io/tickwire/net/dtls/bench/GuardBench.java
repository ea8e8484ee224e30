package io.tickwire.net.dtls.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tickwire.net.dtls.DtlsConfig;
import io.tickwire.net.dtls.GuardVerdict;
import io.tickwire.net.dtls.HandshakeGuard;
import io.tickwire.net.dtls.HandshakeGuardConfig;
import io.tickwire.net.dtls.HandshakeGuardState;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.dtls.TickwireCrypto;
import io.tickwire.net.dtls.TickwireTlsClient;
import io.tickwire.net.dtls.TickwireTlsServer;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSRequest;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSVerifier;
import org.bouncycastle.tls.DatagramTransport;

/**
 * Shows what a crafted handshake flight costs the server with and without the
 * {@link HandshakeGuard}, next to an ordinary handshake. The attacker is a real client that
 * passes the cookie exchange honestly and then, instead of its ClientKeyExchange flight, sends
 * either (a) 16 fragment headers each claiming a 16 MiB message (bctls 1.84 allocates every one),
 * or (b) 30,000 one-byte interior fragments of one 60 KB message (quadratic reassembly). Server
 * CPU time and bytes allocated are those of the server's handshake thread (cookie check, guard
 * and BC together). Run by hand:
 *
 * <pre>
 * java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp net-core/target/test-classes:net-core/target/classes:$(cat cp.txt) \
 *     io.tickwire.net.dtls.bench.GuardBench [rounds=5]
 * </pre>
 *
 * <p>Figures of 2026-11-23 (Java 17.0.15, 2 shared vCPUs, HYBRID crypto, medians of 5):
 * <pre>
 * NONE            unguarded   2.32 ms CPU      114 KiB   handshake completed
 * NONE            guarded     2.00 ms CPU      114 KiB   handshake completed
 * SILENT          guarded     2.45 ms CPU       99 KiB   timed out (client quiet after the cookie)
 * HUGE_LENGTHS    unguarded  21.95 ms CPU  262,248 KiB   timed out
 * HUGE_LENGTHS    guarded     2.33 ms CPU       99 KiB   1 datagram dropped
 * TINY_FRAGMENTS  unguarded 488.81 ms CPU      538 KiB   timed out
 * TINY_FRAGMENTS  guarded     2.87 ms CPU       99 KiB   268 datagrams dropped
 * </pre>
 */
public final class GuardBench {

    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    // Short deadlines: an attacked handshake ends by timeout, and waiting costs no CPU.
    private static final DtlsConfig CONFIG = new DtlsConfig(1_500, 1_000);
    private static final ServerIdentity IDENTITY = ServerIdentity.generate("guard bench");
    private static final HandshakeGuard GUARD = new HandshakeGuard(HandshakeGuardConfig.DEFAULTS);

    private GuardBench() {
    }

    // SILENT: the client passes the cookie exchange and then goes quiet, the cheapest abandoned
    // handshake; a guarded crafted flight should cost the server about the same.
    private enum Attack { NONE, SILENT, HUGE_LENGTHS, TINY_FRAGMENTS }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf(Locale.ROOT, "java %s; server handshake thread per attempt, medians of %d%n",
                System.getProperty("java.version"), rounds);
        ExecutorService serverThread = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < 30; i++) {
                run(Attack.NONE, false, serverThread); // warm-up
            }
            for (Attack attack : Attack.values()) {
                for (boolean guarded : new boolean[] {false, true}) {
                    double[] cpu = new double[rounds];
                    double[] alloc = new double[rounds];
                    String outcome = "";
                    for (int r = 0; r < rounds; r++) {
                        Outcome o = run(attack, guarded, serverThread);
                        cpu[r] = o.cpuNanos / 1e6;
                        alloc[r] = o.allocatedBytes / 1024.0;
                        outcome = o.result + (guarded ? ", guard dropped " + o.dropped + " datagrams" : "");
                    }
                    System.out.printf(Locale.ROOT, "%-15s %-9s server CPU %9.2f ms, allocated %9.0f KiB  (%s)%n",
                            attack, guarded ? "guarded" : "unguarded", median(cpu), median(alloc), outcome);
                }
            }
        } finally {
            serverThread.shutdownNow();
        }
    }

    private record Outcome(long cpuNanos, long allocatedBytes, String result, int dropped) {
    }

    private static Outcome run(Attack attack, boolean guarded, ExecutorService serverThread) throws Exception {
        InMemoryDatagramPair pair = new InMemoryDatagramPair(4096);
        AtomicInteger dropped = new AtomicInteger();
        DatagramTransport serverSide = guarded ? new Guarded(pair.b, dropped) : pair.b;
        TickwireTlsServer server = new TickwireTlsServer(TickwireCrypto.create(), IDENTITY, CONFIG, 1, "bench");
        Future<Outcome> s = serverThread.submit(() -> {
            long cpu0 = MX.getCurrentThreadCpuTime();
            long a0 = MX.getCurrentThreadAllocatedBytes();
            String result;
            try {
                DTLSRequest request = verify(server, serverSide);
                new DTLSServerProtocol().accept(server, serverSide, request).close();
                result = "handshake completed";
            } catch (IOException e) {
                result = "handshake failed: " + e.getClass().getSimpleName();
            } catch (OutOfMemoryError e) {
                result = "OutOfMemoryError";
            }
            return new Outcome(MX.getCurrentThreadCpuTime() - cpu0, MX.getCurrentThreadAllocatedBytes() - a0, result,
                    dropped.get());
        });
        DatagramTransport clientSide = attack == Attack.NONE ? pair.a : new Attacker(pair.a, attack);
        TickwireTlsClient client = new TickwireTlsClient(TickwireCrypto.create(), ServerTrust.pinned(IDENTITY.fingerprint()),
                "127.0.0.1", 4000, CONFIG);
        try {
            new DTLSClientProtocol().connect(client, clientSide).close();
        } catch (IOException expectedWhenAttacking) {
            // The attacker's own handshake never completes; only the server's cost matters.
        }
        return s.get(30, TimeUnit.SECONDS);
    }

    private static DTLSRequest verify(TickwireTlsServer server, DatagramTransport t) throws IOException {
        DTLSVerifier verifier = new DTLSVerifier(server.getCrypto());
        byte[] buf = new byte[InMemoryDatagramPair.MTU];
        while (true) {
            int n = t.receive(buf, 0, buf.length, 5_000);
            if (n < 0) {
                throw new IOException("no ClientHello");
            }
            DTLSRequest r = verifier.verifyRequest(new byte[] {1}, buf, 0, n, t);
            if (r != null) {
                return r;
            }
        }
    }

    /** The server's view through the guard: datagrams that do not PASS never reach BC. */
    private static final class Guarded implements DatagramTransport {
        private final DatagramTransport inner;
        private final AtomicInteger dropped;
        private final HandshakeGuardState state = GUARD.newState();

        Guarded(DatagramTransport inner, AtomicInteger dropped) {
            this.inner = inner;
            this.dropped = dropped;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            while (true) {
                int n = inner.receive(buf, off, len, waitMillis);
                if (n < 0 || GUARD.check(buf, off, n, state) == GuardVerdict.PASS) {
                    return n;
                }
                dropped.incrementAndGet();
            }
        }

        @Override
        public int getReceiveLimit() throws IOException {
            return inner.getReceiveLimit();
        }

        @Override
        public int getSendLimit() throws IOException {
            return inner.getSendLimit();
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            inner.send(buf, off, len);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    /** Forwards the client's two ClientHellos, then sends the crafted flight instead of anything else. */
    private static final class Attacker implements DatagramTransport {
        private final DatagramTransport inner;
        private final Attack attack;
        private int hellos;
        private boolean attacked;

        Attacker(DatagramTransport inner, Attack attack) {
            this.inner = inner;
            this.attack = attack;
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            if (hellos < 2) {
                hellos++;
                inner.send(buf, off, len);
                return;
            }
            if (!attacked) {
                attacked = true;
                for (byte[] d : crafted(attack)) {
                    inner.send(d, 0, d.length);
                }
            }
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            return inner.receive(buf, off, len, waitMillis);
        }

        @Override
        public int getReceiveLimit() throws IOException {
            return inner.getReceiveLimit();
        }

        @Override
        public int getSendLimit() throws IOException {
            return inner.getSendLimit();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    static List<byte[]> crafted(Attack attack) {
        List<byte[]> out = new ArrayList<>();
        long recordSeq = 1000;
        if (attack == Attack.SILENT) {
            return out;
        }
        if (attack == Attack.HUGE_LENGTHS) {
            byte[] body = new byte[16 * 12];
            for (int i = 0; i < 16; i++) {
                header(body, i * 12, 16, 0xFFFFFF, 2 + i, 0, 0); // next_receive_seq is 2 after the cookie ClientHello
            }
            out.add(record(recordSeq, body, body.length));
        } else {
            int messageLength = 60_000;
            int perDatagram = (InMemoryDatagramPair.MTU - 13) / 13;
            int offset = 1;
            while (offset < messageLength - 1) {
                byte[] body = new byte[perDatagram * 13];
                int k = 0;
                while (k < perDatagram && offset < messageLength - 1) {
                    header(body, k * 13, 16, messageLength, 2, offset, 1);
                    k++;
                    offset += 2;
                }
                out.add(record(recordSeq++, body, k * 13));
            }
        }
        return out;
    }

    private static void header(byte[] b, int p, int type, int length, int seq, int fragOffset, int fragLength) {
        b[p] = (byte) type;
        u24(b, p + 1, length);
        b[p + 4] = (byte) (seq >>> 8);
        b[p + 5] = (byte) seq;
        u24(b, p + 6, fragOffset);
        u24(b, p + 9, fragLength);
    }

    private static byte[] record(long seq, byte[] body, int len) {
        byte[] r = new byte[13 + len];
        r[0] = 22;
        r[1] = (byte) 0xFE;
        r[2] = (byte) 0xFD;
        for (int i = 0; i < 6; i++) {
            r[5 + i] = (byte) (seq >>> (8 * (5 - i)));
        }
        r[11] = (byte) (len >>> 8);
        r[12] = (byte) len;
        System.arraycopy(body, 0, r, 13, len);
        return r;
    }

    private static void u24(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 16);
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) v;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
