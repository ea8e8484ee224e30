package io.tickwire.bench;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.tickwire.net.dtls.DtlsConfig;
import io.tickwire.net.dtls.SessionCache;
import io.tickwire.net.dtls.TickwireTlsClient;
import io.tickwire.net.dtls.TickwireTlsServer;
import io.tickwire.net.transport.DtlsClientConnector;
import io.tickwire.net.transport.DtlsClientLink;
import io.tickwire.net.transport.DtlsPeerLink;
import io.tickwire.net.transport.DtlsServerEndpoint;
import io.tickwire.net.transport.EndpointConfig;
import io.tickwire.net.transport.ThreadingMode;

import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSRequest;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DTLSVerifier;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.UDPTransport;

/**
 * Benchmark 2: DTLS handshake time (median, p99, measured by the client from the start of connect to
 * an established transport) and server handshakes per second per core (server thread CPU time),
 * one handshake at a time over UDP loopback, with the product's TickwireTlsServer/Client.
 *
 * <p>Paths: {@code endpoint} is the product server (DtlsServerEndpoint, dedicated reader, cookie
 * check on every ClientHello, handshake worker pool) with the product DtlsClientConnector;
 * {@code raw-cookie} and {@code raw-nocookie} run Bouncy Castle's DTLSServerProtocol directly on one
 * UDP socket per handshake, with and without the stateless DTLSVerifier cookie exchange in front, so
 * the cookie's own cost is the difference between these two. {@code endpoint-resumed} is the
 * {@code endpoint} path with a server {@link SessionCache} and a client that offers the session of its
 * previous handshake each time (RFC 5246 abbreviated handshake: no certificate, ECDHE or signature),
 * which is what a reconnecting client does; compare its server CPU with {@code endpoint}'s in the
 * same run.
 */
public final class Handshakes {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Handshakes() {
    }

    public static void main(String[] argv) throws Exception {
        Bench a = new Bench(argv);
        int n = a.intArg("handshakes", 200);
        int warm = a.intArg("warmup", 300);
        String[] cryptos = a.arg("crypto", "hybrid,bc,jca").split(",");
        String[] paths = a.arg("paths", "endpoint,raw-cookie,raw-nocookie").split(",");
        Bench.printEnvironment("Handshakes n=" + n + " warmup=" + warm);
        System.out.println("| crypto | path | median ms | p99 ms | server CPU ms/handshake | handshakes/s per core (server) | client CPU ms/handshake | server CPU us median (endpoint paths) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String cryptoName : cryptos) {
            BenchTls tls = new BenchTls(cryptoName);
            for (String path : paths) {
                Result r;
                switch (path) {
                    case "endpoint":
                        r = endpoint(tls, n, warm, false);
                        break;
                    case "endpoint-resumed":
                        r = endpoint(tls, n, warm, true);
                        break;
                    case "raw-cookie":
                        r = raw(tls, n, warm, true);
                        break;
                    case "raw-nocookie":
                        r = raw(tls, n, warm, false);
                        break;
                    default:
                        throw new IllegalArgumentException("--paths takes endpoint, endpoint-resumed, raw-cookie, raw-nocookie; got " + path);
                }
                double serverMs = r.serverCpuNanos / 1e6 / n;
                System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %,.0f | %.2f | %s |%n", cryptoName, path,
                        Bench.median(r.latencyMs), Bench.percentile(r.latencyMs, 99), serverMs, 1000.0 / serverMs,
                        r.clientCpuNanos / 1e6 / n,
                        r.serverCpuUs == null ? "-" : String.format(Locale.ROOT, "%.0f", Bench.median(r.serverCpuUs)));
            }
        }
    }

    record Result(double[] latencyMs, long serverCpuNanos, long clientCpuNanos, double[] serverCpuUs) {
        Result(double[] latencyMs, long serverCpuNanos, long clientCpuNanos) {
            this(latencyMs, serverCpuNanos, clientCpuNanos, null);
        }
    }

    /**
     * The product endpoint and connector, one handshake at a time; both links closed after each. With
     * {@code resume} the server caches sessions and each client offers the previous handshake's session.
     * Server CPU per handshake is the CPU time of the endpoint's reader and worker threads across it.
     */
    static Result endpoint(BenchTls tls, int n, int warm, boolean resume) throws Exception {
        EndpointConfig cfg = EndpointConfig.builder().threadingMode(ThreadingMode.DEDICATED_READER).build();
        SessionCache cache = resume ? new SessionCache(cfg.sessionCacheEntries(), cfg.sessionLifetimeMillis(),
                cfg.clock()) : null;
        try (DtlsServerEndpoint server = DtlsServerEndpoint.open(cfg, (cid, peer) -> new TickwireTlsServer(tls.crypto,
                tls.identity, DtlsConfig.DEFAULTS, cid, peer.toString(), cache), tls.crypto,
                new InetSocketAddress(LOOPBACK, 0));
                DtlsClientConnector connector = new DtlsClientConnector(1472, 10_000)) {
            long[] serverThreads = threadIds("tickwire-dtls-reader-" + server.localAddress().getPort(),
                    "tickwire-dtls-handshake-");
            double[] lat = new double[n];
            double[] cpuUs = new double[n];
            long serverCpu0 = 0;
            long clientCpu0 = 0;
            TlsSession previous = null;
            for (int i = -warm; i < n; i++) {
                if (i == 0) {
                    serverCpu0 = serverThreadsCpu();
                    clientCpu0 = Bench.cpuOfThreadsNamed("tickwire-dtls-connect");
                }
                TickwireTlsClient tc = tls.client(server.localAddress());
                tc.resumeSession(previous);
                long s0 = cpuOf(serverThreads);
                long t0 = System.nanoTime();
                CompletableFuture<DtlsClientLink> f = connector.connect(server.localAddress(),
                        new InetSocketAddress(LOOPBACK, 0), tc);
                DtlsClientLink client = f.get(20, TimeUnit.SECONDS);
                long t1 = System.nanoTime();
                DtlsPeerLink peer;
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while ((peer = server.pollAccepted()) == null) {
                    if (System.nanoTime() > until) {
                        throw new IllegalStateException("server never handed over the connection");
                    }
                    Thread.onSpinWait();
                }
                long s1 = cpuOf(serverThreads);
                if (resume && previous != null && !tc.resumed()) {
                    throw new IllegalStateException("handshake " + i + " was not resumed");
                }
                if (resume) {
                    previous = tc.resumableSession();
                }
                if (i >= 0) {
                    lat[i] = (t1 - t0) / 1e6;
                    cpuUs[i] = (s1 - s0) / 1e3;
                }
                client.close();
                peer.close();
            }
            return new Result(lat, serverThreadsCpu() - serverCpu0,
                    Bench.cpuOfThreadsNamed("tickwire-dtls-connect") - clientCpu0, cpuUs);
        }
    }

    /** Ids of the live threads whose names start with one of {@code prefixes}. */
    private static long[] threadIds(String... prefixes) {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            for (String p : prefixes) {
                if (t.getName().startsWith(p)) {
                    ids.add(t.getId());
                    break;
                }
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long cpuOf(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            long c = Bench.THREADS.getThreadCpuTime(id);
            if (c > 0) {
                sum += c;
            }
        }
        return sum;
    }

    private static long serverThreadsCpu() {
        return Bench.cpuOfThreadsNamed("tickwire-dtls-handshake-") + Bench.cpuOfThreadsNamed("tickwire-dtls-reader-");
    }

    /**
     * Bouncy Castle's own server protocol on a fresh pair of connected UDP sockets per handshake; the
     * server runs on one thread whose CPU time is the server cost (cookie check included when asked).
     */
    static Result raw(BenchTls tls, int n, int warm, boolean cookie) throws Exception {
        ExecutorService serverThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-raw-server"));
        DTLSVerifier verifier = new DTLSVerifier(tls.crypto);
        double[] lat = new double[n];
        long serverCpu = 0;
        long clientCpu = 0;
        try {
            for (int i = -warm; i < n; i++) {
                try (DatagramSocket ss = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                        DatagramSocket cs = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                    ss.connect(cs.getLocalSocketAddress());
                    cs.connect(ss.getLocalSocketAddress());
                    UDPTransport st = new UDPTransport(ss, 1472);
                    UDPTransport ct = new UDPTransport(cs, 1472);
                    int cid = i + warm + 1;
                    Future<Long> server = serverThread.submit(() -> {
                        long c0 = Bench.THREADS.getCurrentThreadCpuTime();
                        DTLSRequest request = null;
                        if (cookie) {
                            byte[] buf = new byte[1472];
                            byte[] clientId = cs.getLocalSocketAddress().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                            while (request == null) {
                                int len = st.receive(buf, 0, buf.length, 10_000);
                                if (len < 0) {
                                    throw new IllegalStateException("no ClientHello within 10 s");
                                }
                                request = verifier.verifyRequest(clientId, buf, 0, len, st);
                            }
                        }
                        DTLSServerProtocol protocol = new DTLSServerProtocol();
                        DTLSTransport t = request == null ? protocol.accept(tls.server(cid, "raw"), st)
                                : protocol.accept(tls.server(cid, "raw"), st, request);
                        long c1 = Bench.THREADS.getCurrentThreadCpuTime();
                        t.close();
                        return c1 - c0;
                    });
                    long c0 = Bench.THREADS.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    DTLSTransport client = new DTLSClientProtocol().connect(tls.client((InetSocketAddress) ss.getLocalSocketAddress()), ct);
                    long t1 = System.nanoTime();
                    long c1 = Bench.THREADS.getCurrentThreadCpuTime();
                    long s = server.get(20, TimeUnit.SECONDS);
                    client.close();
                    if (i >= 0) {
                        lat[i] = (t1 - t0) / 1e6;
                        serverCpu += s;
                        clientCpu += c1 - c0;
                    }
                }
            }
        } finally {
            serverThread.shutdownNow();
        }
        return new Result(lat, serverCpu, clientCpu);
    }
}
