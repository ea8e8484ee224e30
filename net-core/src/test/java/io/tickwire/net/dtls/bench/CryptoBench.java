package io.tickwire.net.dtls.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.tickwire.net.dtls.DtlsConfig;
import io.tickwire.net.dtls.HandshakeGuardConfig;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.dtls.TickwireCrypto;
import io.tickwire.net.dtls.TickwireTlsClient;
import io.tickwire.net.dtls.TickwireTlsServer;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSRequest;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DTLSVerifier;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * Measures Tickwire's crypto choices: DTLS records per second (encrypt + decrypt on one thread,
 * in memory, so the figure is crypto plus BC record layer, no socket) at 64/256/1200 B, bytes
 * allocated per record, and server CPU per full handshake including the cookie exchange. Medians
 * of several rounds after a warm-up. Not a test; run by hand:
 *
 * <pre>
 * mvn -B -o -q -pl net-core test-compile
 * java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp net-core/target/test-classes:net-core/target/classes:$(cat cp.txt) \
 *     io.tickwire.net.dtls.bench.CryptoBench [secondsPerCell=1] [rounds=5] [handshakesPerRound=100]
 * </pre>
 *
 * <p>Figures of 2026-11-23 (Java 17.0.15, 2 vCPUs shared with other jobs, load average about 10;
 * records per CPU-second, each record encrypted and decrypted once; medians of 5 interleaved rounds):
 * <pre>
 *                             64 B      256 B     1200 B    alloc/rec (64 B)
 * BC     AES_128_GCM         138k        73k        24k     4.9 KB
 * BC     CHACHA20_POLY1305   281k       116k        35k     2.2 KB
 * JCA    AES_128_GCM         407k       371k       299k     4.5 KB
 * HYBRID AES_128_GCM         592k       503k       273k     4.2 KB
 * HYBRID CHACHA20_POLY1305   252k       111k        35k     2.2 KB   (same code as BC's)
 * server CPU per handshake with cookie: BC 0.73 ms (1365/s/core), JCA 2.08 ms (481/s/core), HYBRID 0.74 ms (1343/s/core)
 * </pre>
 * A second run at load average about 5:
 * <pre>
 * BC     AES_128_GCM         205k       104k        31k
 * BC     CHACHA20_POLY1305   297k       154k        43k
 * JCA    AES_128_GCM         621k       485k       336k
 * HYBRID AES_128_GCM         609k       617k       391k
 * server CPU per handshake with cookie: BC 0.66 ms, JCA 1.94 ms, HYBRID 0.64 ms
 * </pre>
 */
public final class CryptoBench {

    private static final int[] SIZES = {64, 256, 1200};
    private static final DtlsConfig CONFIG = new DtlsConfig(30_000, 1_000);
    private static final ServerIdentity IDENTITY = ServerIdentity.generate("bench");
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private CryptoBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int handshakes = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        System.out.printf(Locale.ROOT, "java %s, %d cpus, %.1f s per cell x %d interleaved rounds, %d handshakes/round;"
                        + " rates are per CPU-second of the measuring thread (robust to a loaded machine)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), seconds, rounds, handshakes);
        ExecutorService serverThread = Executors.newSingleThreadExecutor();
        try {
            List<String> names = new ArrayList<>();
            List<DTLSTransport[]> links = new ArrayList<>();
            for (TickwireCrypto.Kind kind : TickwireCrypto.Kind.values()) {
                for (int suite : new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256}) {
                    if (suite == CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 && !crypto(kind)
                            .hasEncryptionAlgorithm(org.bouncycastle.tls.EncryptionAlgorithm.CHACHA20_POLY1305)) {
                        System.out.printf(Locale.ROOT, "%-6s %-18s not available%n", kind, suiteName(suite));
                        continue;
                    }
                    names.add(String.format(Locale.ROOT, "%-6s %-18s", kind, suiteName(suite)));
                    links.add(connect(kind, suite, serverThread, null));
                }
            }
            // rates[config][size][round], allocation per record likewise; rounds interleave the
            // configurations so that load changes on the shared machine hit all of them alike.
            double[][][] rates = new double[names.size()][SIZES.length][rounds];
            double[][][] allocs = new double[names.size()][SIZES.length][rounds];
            byte[] out = new byte[1500];
            byte[] in = new byte[1500];
            for (int c = 0; c < names.size(); c++) {
                for (int z = 0; z < SIZES.length; z++) {
                    runRecords(links.get(c)[0], links.get(c)[1], out, in, SIZES[z], seconds); // warm-up
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (int c = 0; c < names.size(); c++) {
                    for (int z = 0; z < SIZES.length; z++) {
                        long a0 = MX.getCurrentThreadAllocatedBytes();
                        long cpu0 = MX.getCurrentThreadCpuTime();
                        long n = runRecords(links.get(c)[0], links.get(c)[1], out, in, SIZES[z], seconds);
                        long cpu = MX.getCurrentThreadCpuTime() - cpu0;
                        allocs[c][z][r] = (MX.getCurrentThreadAllocatedBytes() - a0) / (double) n;
                        rates[c][z][r] = n * 1e9 / cpu;
                    }
                }
            }
            for (int c = 0; c < names.size(); c++) {
                StringBuilder line = new StringBuilder(names.get(c));
                for (int z = 0; z < SIZES.length; z++) {
                    line.append(String.format(Locale.ROOT, "  %4d B: %7.0f rec/s (%5.0f B alloc/rec)", SIZES[z],
                            median(rates[c][z]), median(allocs[c][z])));
                }
                System.out.println(line);
                links.get(c)[0].close();
                links.get(c)[1].close();
            }
            handshakes(handshakes, rounds, serverThread);
        } finally {
            serverThread.shutdownNow();
        }
    }

    private static TlsCrypto crypto(TickwireCrypto.Kind kind) {
        return TickwireCrypto.create(kind, HandshakeGuardConfig.DEFAULTS);
    }

    private static String suiteName(int suite) {
        return suite == CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 ? "AES_128_GCM" : "CHACHA20_POLY1305";
    }

    /** A connected pair over memory; index 0 client, 1 server. */
    private static DTLSTransport[] connect(TickwireCrypto.Kind kind, int suite, ExecutorService serverThread,
                                           long[] serverCpuNanos) throws Exception {
        InMemoryDatagramPair pair = new InMemoryDatagramPair();
        TickwireTlsServer server = new TickwireTlsServer(crypto(kind), IDENTITY, CONFIG, 42, "bench");
        TickwireTlsClient client = new TickwireTlsClient(crypto(kind), ServerTrust.pinned(IDENTITY.fingerprint()),
                "127.0.0.1", 4000, CONFIG) {
            @Override
            protected int[] getSupportedCipherSuites() {
                return new int[] {suite};
            }
        };
        Future<DTLSTransport> s = serverThread.submit(() -> {
            long t0 = MX.getCurrentThreadCpuTime();
            DTLSTransport t = new DTLSServerProtocol().accept(server, pair.b, verify(server.getCrypto(), pair.b));
            if (serverCpuNanos != null) {
                serverCpuNanos[0] += MX.getCurrentThreadCpuTime() - t0;
            }
            return t;
        });
        DTLSTransport c = new DTLSClientProtocol().connect(client, pair.a);
        return new DTLSTransport[] {c, s.get(30, TimeUnit.SECONDS)};
    }

    private static DTLSRequest verify(TlsCrypto crypto, DatagramTransport t) throws java.io.IOException {
        DTLSVerifier verifier = new DTLSVerifier(crypto);
        byte[] id = {1, 2, 3, 4};
        byte[] buf = new byte[InMemoryDatagramPair.MTU];
        while (true) {
            int n = t.receive(buf, 0, buf.length, 30_000);
            if (n < 0) {
                throw new java.io.IOException("no ClientHello within 30 s");
            }
            DTLSRequest r = verifier.verifyRequest(id, buf, 0, n, t);
            if (r != null) {
                return r;
            }
        }
    }

    // Send a batch, then receive it, on this thread: each record is encrypted once and decrypted once.
    private static long runRecords(DTLSTransport client, DTLSTransport server, byte[] out, byte[] in, int size,
                                   double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long n = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 32; i++) {
                out[0] = (byte) i;
                client.send(out, 0, size);
            }
            for (int i = 0; i < 32; i++) {
                int got = server.receive(in, 0, in.length, 1000);
                if (got != size) {
                    throw new IllegalStateException("record lost or wrong size: " + got);
                }
            }
            n += 32;
        }
        return n;
    }

    private static void handshakes(int count, int rounds, ExecutorService serverThread) throws Exception {
        TickwireCrypto.Kind[] kinds = TickwireCrypto.Kind.values();
        double[][] cpuMs = new double[kinds.length][rounds];
        double[][] wallMs = new double[kinds.length][rounds];
        int aes = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
        for (TickwireCrypto.Kind kind : kinds) {
            for (int i = 0; i < count / 2; i++) { // warm-up
                close(connect(kind, aes, serverThread, null));
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < kinds.length; k++) {
                long[] cpu = new long[1];
                double[] walls = new double[count];
                for (int i = 0; i < count; i++) {
                    long t0 = System.nanoTime();
                    DTLSTransport[] t = connect(kinds[k], aes, serverThread, cpu);
                    walls[i] = System.nanoTime() - t0;
                    close(t);
                }
                cpuMs[k][r] = cpu[0] / 1e6 / count;
                wallMs[k][r] = median(walls) / 1e6;
            }
        }
        for (int k = 0; k < kinds.length; k++) {
            double ms = median(cpuMs[k]);
            System.out.printf(Locale.ROOT, "%-6s handshake (cookie exchange included): server CPU %.2f ms"
                    + " (%.0f/s per core), median wall %.2f ms (client and server on one loaded machine)%n",
                    kinds[k], ms, 1000 / ms, median(wallMs[k]));
        }
    }

    private static void close(DTLSTransport[] t) throws java.io.IOException {
        t[0].close();
        t[1].close();
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
