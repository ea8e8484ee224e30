package io.tickwire.server.runner;

import io.tickwire.net.dtls.Fingerprint;
import io.tickwire.server.GameServer;
import io.tickwire.server.TickLoopMode;
import io.tickwire.server.agones.AgonesAgent;
import io.tickwire.server.agones.AgonesSdk;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a started {@link GameServer} as a dedicated server process: prints the ready line, serves
 * metrics and health over HTTP, turns SIGTERM and SIGINT (Ctrl-C) into a graceful shutdown that
 * tells every player why, and exits 0 once that is done.
 *
 * <pre>{@code
 * GameServer server = GameServer.start(config, game);          // DTLS, TickLoopMode.BLOCKING
 * DedicatedServerRunner runner = DedicatedServerRunner.builder(server)
 *         .metrics(new InetSocketAddress("0.0.0.0", 9100))      // optional
 *         .start();                                             // prints the ready line
 * System.exit(runner.awaitClosed());                            // blocks; 0 unless the tick loop failed
 * }</pre>
 *
 * <p>What it prints: exactly one line on {@code out} (stdout by default) once the UDP socket is
 * bound and the metrics port is serving:
 * {@code tickwire server ready udp=HOST:PORT fingerprint=sha256:HEX} (HEX: 64 lowercase digits of
 * the certificate's SHA-256, what clients pin). Everything else goes to {@code log} (stderr by
 * default), one plain line per event: the metrics URL, Tickwire's own log (joins, leaves, drops,
 * errors), the signal received, the shutdown and its end.
 *
 * <p>Threads: {@link Builder#start()} runs on the caller's thread. The game runs on the server's
 * {@code tickwire-tick} thread; HTTP requests on {@code tickwire-metrics-N} threads (read only);
 * a signal runs {@link #shutdown} on the JVM's signal thread, which then calls
 * {@code System.exit(0)} (1 when the shutdown did not finish in time or the tick loop had failed);
 * a JVM shutdown hook ({@code tickwire-shutdown-hook}) does the same shutdown when the JVM exits
 * for another reason. {@link #awaitClosed()} blocks its caller until the server is closed.
 * {@link #shutdown} and {@link #close} may be called from any thread.
 *
 * <p>Under Agones ({@link Builder#agones}), an {@link AgonesAgent} on its own thread reports Ready
 * after the ready line, pings health, marks the server Allocated when the first player joins, and
 * reports Shutdown when the server shuts down (match over, signal, failure) before the process
 * exits; with it, {@link #matchEnded()} ends the server after a match that had players.
 */
public final class DedicatedServerRunner implements AutoCloseable {

    /** The detail players see when a signal or the JVM's exit stops the server. */
    public static final String DEFAULT_SHUTDOWN_DETAIL = "server is shutting down";

    /** The detail players see when the server ends after a match ({@link #matchEnded()}). */
    public static final String MATCH_OVER_DETAIL = "the match is over; this server is closing, thanks for playing";

    private final GameServer server;
    private final PrintStream out;
    private final PlainLog log;
    private final boolean forwardLogs;
    private final boolean handleSignals;
    private final String shutdownDetail;
    private final String readyLine;
    private final MetricsHttpServer metrics;
    private final Thread hook;
    private final AtomicBoolean signalled = new AtomicBoolean();
    private final boolean shutdownAfterMatch;
    private final AgonesSdk agonesSdk;
    private final AgonesAgent.Config agonesConfig;
    private volatile AgonesAgent agones;
    private boolean finished;

    private DedicatedServerRunner(Builder b) throws IOException {
        this.server = b.server;
        this.out = b.out;
        this.log = new PlainLog(b.log);
        this.forwardLogs = b.forwardLogs;
        this.handleSignals = b.handleSignals;
        this.shutdownDetail = b.shutdownDetail;
        this.agonesSdk = b.agonesSdk;
        this.agonesConfig = b.agonesConfig;
        this.shutdownAfterMatch = b.shutdownAfterMatch != null ? b.shutdownAfterMatch : b.agonesSdk != null;
        InetSocketAddress udp = server.net().localAddress();
        Fingerprint fp = server.net().fingerprint();
        this.readyLine = "tickwire server ready udp=" + hostPort(udp) + " fingerprint=" + fp;
        if (forwardLogs) {
            log.install();
        }
        MetricsHttpServer m = null;
        try {
            if (b.metricsBind != null) {
                m = MetricsHttpServer.start(server, b.metricsBind);
            }
        } catch (IOException | RuntimeException e) {
            log.uninstall();
            throw new IOException("cannot serve metrics on " + b.metricsBind + ": " + e.getMessage(), e);
        }
        this.metrics = m;
        this.hook = new Thread(this::onJvmExit, "tickwire-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(hook);
        if (handleSignals) {
            Signals.handle("TERM", () -> onSignal("TERM"));
            Signals.handle("INT", () -> onSignal("INT"));
        }
    }

    /** A builder for running {@code server}: started, DTLS, {@link TickLoopMode#BLOCKING}. */
    public static Builder builder(GameServer server) {
        return new Builder(server);
    }

    /** The line printed when the server became ready ({@code tickwire server ready udp=... fingerprint=sha256:...}). */
    public String readyLine() {
        return readyLine;
    }

    /** The metrics HTTP server, or null when none was asked for. */
    public MetricsHttpServer metricsServer() {
        return metrics;
    }

    /** The server being run. */
    public GameServer server() {
        return server;
    }

    /** The Agones agent, or null when the server does not run under Agones. */
    public AgonesAgent agones() {
        return agones;
    }

    /**
     * The game says a match (with its scoreboard) is over; any thread, never blocks (the tick thread
     * may call it). With {@link Builder#shutdownAfterMatch} (the default under Agones) and a server
     * that hosted a session (a player joined, or Agones has it Allocated), this begins the graceful
     * shutdown with {@link #MATCH_OVER_DETAIL} and returns true: the game should not start another
     * match. Otherwise it changes nothing and returns false, so a server nobody was sent to keeps
     * waiting for players.
     */
    public boolean matchEnded() {
        if (!shutdownAfterMatch || server.isShuttingDown() || server.isClosed()) {
            return server.isShuttingDown();
        }
        AgonesAgent a = agones;
        boolean hosted = server.metrics().snapshot().playersJoined() > 0 || (a != null && a.allocated());
        if (!hosted) {
            return false;
        }
        log.info("the match is over; shutting down (shutdownAfterMatch: one session per server)");
        server.requestShutdown(MATCH_OVER_DETAIL);
        if (a != null) {
            a.wake();
        }
        return true;
    }

    /**
     * Graceful shutdown from any thread: every player gets SERVER_SHUTDOWN with {@code detail},
     * then the server closes; waits at most {@code shutdownLingerMillis} +
     * {@link GameServer#SHUTDOWN_GRACE_MILLIS} and returns whether it closed. Health turns 503 at
     * once; the metrics port stays up until the server is closed.
     */
    public boolean shutdown(String detail) {
        log.info("shutting down: " + detail);
        return server.shutdown(detail);
    }

    /**
     * Blocks until the server is closed (by {@link #shutdown}, a signal, {@link GameServer#close()}
     * or a failure of the tick loop), then stops the metrics port and gives back logging. Returns
     * the process exit status to use: 0, or 1 when the tick loop failed.
     *
     * @throws InterruptedException when the waiting thread is interrupted (the server keeps running)
     */
    public int awaitClosed() throws InterruptedException {
        while (!server.awaitClose(1, TimeUnit.SECONDS)) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for the server to close");
            }
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting for the server to close");
        }
        finish();
        return exitStatus(true);
    }

    /** Shuts the server down with {@link #DEFAULT_SHUTDOWN_DETAIL} (bounded) and stops the metrics port; idempotent. */
    @Override
    public void close() {
        if (!server.isClosed()) {
            shutdown(shutdownDetail);
        }
        finish();
    }

    private int exitStatus(boolean closedInTime) {
        return closedInTime && server.failure() == null ? 0 : 1;
    }

    /** On the JVM's signal thread: the graceful shutdown, then the exit, with our status instead of 128+n. */
    private void onSignal(String name) {
        if (!signalled.compareAndSet(false, true)) {
            log.info("SIG" + name + " again: the shutdown is already under way");
            return;
        }
        log.info("received SIG" + name);
        boolean closed = server.isClosed() || shutdown(shutdownDetail);
        if (!closed) {
            log.warning("the server did not close within shutdownLingerMillis + "
                    + GameServer.SHUTDOWN_GRACE_MILLIS + " ms; exiting anyway", null);
        }
        finish();
        int status = exitStatus(closed);
        out.flush();
        System.exit(status);
    }

    /** The shutdown hook: the JVM is exiting for another reason than our signal handler. */
    private void onJvmExit() {
        if (!server.isClosed()) {
            log.info("the JVM is exiting");
            shutdown(shutdownDetail);
        }
        finish();
    }

    private synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        AgonesAgent a = agones;
        if (a != null) {
            a.close(); // reports Shutdown (bounded by its shutdownTimeout) before the process may exit
        }
        if (metrics != null) {
            metrics.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already exiting (we run inside the hook or after System.exit): nothing to remove.
        }
        Throwable failure = server.failure();
        if (failure != null) {
            log.warning("server stopped: the tick loop failed: " + failure, null);
        } else {
            log.info("server closed");
        }
        log.uninstall();
    }

    /** {@code host:port} of {@code a}, an IPv6 host in brackets (the ready line; {@link MetricsHttpServer#baseUrl()}). */
    static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        if (a.getAddress() instanceof Inet6Address) {
            host = "[" + host + "]";
        }
        return host + ":" + a.getPort();
    }

    /** Settings of a {@link DedicatedServerRunner}; not thread-safe. */
    public static final class Builder {
        private final GameServer server;
        private InetSocketAddress metricsBind;
        private PrintStream out = System.out;
        private PrintStream log = System.err;
        private boolean forwardLogs = true;
        private boolean handleSignals = true;
        private String shutdownDetail = DEFAULT_SHUTDOWN_DETAIL;
        private AgonesSdk agonesSdk;
        private AgonesAgent.Config agonesConfig = AgonesAgent.Config.DEFAULT;
        private Boolean shutdownAfterMatch;

        private Builder(GameServer server) {
            this.server = Objects.requireNonNull(server, "server");
        }

        /** Serve {@code /metrics} and {@code /health} on this address (port 0: any free port); default: no HTTP. */
        public Builder metrics(InetSocketAddress bind) {
            this.metricsBind = bind;
            return this;
        }

        /** Where the ready line goes (default {@code System.out}). */
        public Builder out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Where the plain log lines go (default {@code System.err}). */
        public Builder log(PrintStream log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Whether the runner takes the {@code io.tickwire} java.util.logging logger while it runs, so
         * Tickwire's own log (joins, leaves, drops, errors) comes out as plain lines on {@link #log}
         * (default true); false leaves logging as the application set it up.
         */
        public Builder forwardLogs(boolean forward) {
            this.forwardLogs = forward;
            return this;
        }

        /**
         * Whether SIGTERM and SIGINT start the graceful shutdown and then exit the JVM with 0
         * (default true). Turn it off when the process hosts more than this server (tests).
         */
        public Builder handleSignals(boolean handle) {
            this.handleSignals = handle;
            return this;
        }

        /** The detail players see when a signal or the JVM's exit stops the server (default {@value DedicatedServerRunner#DEFAULT_SHUTDOWN_DETAIL}). */
        public Builder shutdownDetail(String detail) {
            this.shutdownDetail = Objects.requireNonNull(detail, "shutdownDetail");
            return this;
        }

        /**
         * Runs the server under Agones through {@code sdk} (see {@link AgonesSdk#portFromEnvironment});
         * null (the default) for no Agones. Also makes {@link #shutdownAfterMatch} default to true.
         */
        public Builder agones(AgonesSdk sdk, AgonesAgent.Config config) {
            this.agonesSdk = sdk;
            this.agonesConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Whether {@link DedicatedServerRunner#matchEnded()} shuts the server down after a match that
         * had players (default: true under Agones, where one process serves one session, else false).
         */
        public Builder shutdownAfterMatch(boolean shutdown) {
            this.shutdownAfterMatch = shutdown;
            return this;
        }

        /**
         * Starts serving metrics, installs the signal handlers and the shutdown hook, then prints
         * the ready line on {@link #out} and the metrics URL on {@link #log}.
         *
         * @throws IllegalArgumentException when the server is in memory (no UDP address, no
         *         fingerprint) or in INVOKER mode (nothing would tick it)
         * @throws IllegalStateException when the server is already closed
         * @throws IOException when the metrics address cannot be bound
         */
        public DedicatedServerRunner start() throws IOException {
            if (server.net().localAddress() == null || server.net().fingerprint() == null) {
                throw new IllegalArgumentException("the runner needs a DTLS server: build its ServerConfig with"
                        + " dtls(bindAddress, identity), not inMemory(network)");
            }
            if (server.config().tickLoop().mode() != TickLoopMode.BLOCKING) {
                throw new IllegalArgumentException("the runner needs TickLoopMode.BLOCKING (the server ticks on its"
                        + " own thread); this server is " + server.config().tickLoop().mode());
            }
            if (server.isClosed()) {
                throw new IllegalStateException("the server is already closed");
            }
            DedicatedServerRunner r = new DedicatedServerRunner(this);
            r.out.println(r.readyLine);
            r.out.flush();
            if (r.metrics != null) {
                r.log.info("metrics=" + r.metrics.baseUrl() + "/metrics health=" + r.metrics.baseUrl() + "/health");
            }
            if (r.agonesSdk != null) {
                r.agones = AgonesAgent.start(r.agonesSdk, r.agonesConfig, new AgonesAgent.ServerProbe() {
                    @Override
                    public String health() {
                        return MetricsHttpServer.healthOf(r.server);
                    }

                    @Override
                    public long playersJoined() {
                        return r.server.metrics().snapshot().playersJoined();
                    }

                    @Override
                    public boolean isShuttingDown() {
                        return r.server.isShuttingDown() || r.server.isClosed();
                    }
                }, r.log::info, line -> r.log.warning(line, null));
            }
            return r;
        }
    }
}
