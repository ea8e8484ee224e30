package io.tickwire.server.agones;

import io.tickwire.net.NanoClock;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Keeps Agones told about one game server, from its own daemon thread ({@code tickwire-agones}),
 * never from the tick thread: it reports Ready once, sends a health ping every
 * {@link Config#healthPeriod()} while the server is healthy, marks the server Allocated when the
 * first player has joined (unless Agones already has it Allocated, e.g. by a fleet allocation), and
 * reports Shutdown once the server shuts down or {@link #close()} is called.
 *
 * <p>Failures never reach the server: a request that fails is logged in one plain line (what failed,
 * why, when the next try is) and retried, Ready and Allocate with exponential backoff from
 * {@link Config#firstRetry()} up to {@link Config#maxBackoff()}, health pings on their period.
 * While a request keeps failing, it is logged again at most every {@link #REPEAT_LOG_NANOS} ns;
 * the first success after failures is logged too. The Shutdown report is tried until it succeeds or
 * {@link Config#shutdownTimeout()} has passed.
 *
 * <p>What it knows of the server comes from a {@link ServerProbe}, read on the agent's thread.
 */
public final class AgonesAgent implements AutoCloseable {

    /** A request that keeps failing is logged again at most this often (30 s). */
    public static final long REPEAT_LOG_NANOS = 30_000_000_000L;
    /** Longest wait between two looks at the server (players joined, shutdown begun), whatever the health period. */
    static final long LOOK_NANOS = 100_000_000L;

    /** What the agent reads about the server, from its own thread; implementations must be thread-safe. */
    public interface ServerProbe {
        /** "ok" when the server is healthy (health pings go out); otherwise why not, e.g. "stalled". */
        String health();

        /** Players that have joined since the start (the first one triggers Allocate). */
        long playersJoined();

        /** Whether the server is shutting down or closed (triggers Shutdown). */
        boolean isShuttingDown();
    }

    private final AgonesSdk sdk;
    private final Config config;
    private final ServerProbe probe;
    private final Consumer<String> info;
    private final Consumer<String> warn;
    private final NanoClock clock;
    private final Object lock = new Object();
    private final Thread thread;

    private final Action ready = new Action("POST /ready");
    private final Action ping = new Action("POST /health");
    private final Action look = new Action("GET /gameserver");
    private final Action allocate = new Action("POST /allocate");
    private final Action shutdown = new Action("POST /shutdown");

    private volatile boolean stopRequested;
    private volatile boolean allocated;
    private volatile boolean readyReported;
    private volatile boolean shutdownReported;
    private volatile AgonesGameServer lastSeen;
    private volatile long healthPings;
    private String unhealthyLogged;

    private AgonesAgent(AgonesSdk sdk, Config config, ServerProbe probe, Consumer<String> info, Consumer<String> warn,
                        NanoClock clock) {
        this.sdk = sdk;
        this.config = config;
        this.probe = probe;
        this.info = info;
        this.warn = warn;
        this.clock = clock;
        this.thread = new Thread(this::run, "tickwire-agones");
        thread.setDaemon(true);
    }

    /**
     * Starts the agent's thread. {@code info} and {@code warn} take one plain line each (prefixed
     * {@code agones: }), from the agent's thread.
     */
    public static AgonesAgent start(AgonesSdk sdk, Config config, ServerProbe probe, Consumer<String> info,
                                    Consumer<String> warn) {
        AgonesAgent a = new AgonesAgent(Objects.requireNonNull(sdk, "sdk"), Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(probe, "probe"), Objects.requireNonNull(info, "info"),
                Objects.requireNonNull(warn, "warn"), NanoClock.SYSTEM);
        a.thread.start();
        return a;
    }

    /** The sidecar this agent talks to. */
    public AgonesSdk sdk() {
        return sdk;
    }

    /** Whether Ready has been reported (the sidecar answered 2xx). */
    public boolean readyReported() {
        return readyReported;
    }

    /** Whether this server is Allocated: it asked for it, or the sidecar said so. */
    public boolean allocated() {
        return allocated;
    }

    /** Whether Shutdown has been reported. */
    public boolean shutdownReported() {
        return shutdownReported;
    }

    /** Health pings the sidecar accepted so far. */
    public long healthPings() {
        return healthPings;
    }

    /** The GameServer as the sidecar last described it, or null before the first successful look. */
    public AgonesGameServer lastSeen() {
        return lastSeen;
    }

    /** Wakes the agent now (e.g. a shutdown began) instead of at its next due time; any thread. */
    public void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /**
     * Reports Shutdown (unless done) and stops the agent: waits at most
     * {@link Config#shutdownTimeout()} + twice the request timeout for that; idempotent, any thread.
     * {@link #shutdownReported()} says whether it worked.
     */
    @Override
    public void close() {
        stopRequested = true;
        wake();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(config.shutdownTimeout().toMillis() + 2 * sdk.requestTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        info.accept("agones: talking to the SDK sidecar at " + sdk.base() + " (health ping every "
                + config.healthPeriod().toMillis() + " ms)");
        long pingAt = clock.nanoTime();
        while (!stopRequested && !probe.isShuttingDown()) {
            long now = clock.nanoTime();
            if (!readyReported && ready.due(now)) {
                if (attempt(ready, now, sdk::ready)) {
                    readyReported = true;
                    info.accept("agones: reported Ready; the fleet may allocate this server now");
                }
            }
            if (now - pingAt >= 0) {
                pingAt = now + config.healthPeriod().toNanos();
                String health = probe.health();
                if ("ok".equals(health)) {
                    if (unhealthyLogged != null) {
                        info.accept("agones: the server is healthy again; health pings resume");
                        unhealthyLogged = null;
                    }
                    if (attempt(ping, now, sdk::health)) {
                        healthPings++;
                    }
                } else if (!health.equals(unhealthyLogged)) {
                    unhealthyLogged = health;
                    warn.accept("agones: no health ping: the server is " + health
                            + "; Agones will mark it Unhealthy if this lasts past the Fleet's health threshold");
                }
                if (readyReported && !allocated && look.due(now)) {
                    lookAtGameServer(now);
                }
            }
            if (readyReported && !allocated && probe.playersJoined() > 0 && allocate.due(now)) {
                allocateForFirstPlayer(now);
            }
            long wait = Math.min(LOOK_NANOS, pingAt - clock.nanoTime());
            if (!readyReported && ready.failures > 0) {
                wait = Math.min(wait, ready.nextAt - clock.nanoTime());
            }
            sleep(wait);
        }
        reportShutdown();
    }

    private void lookAtGameServer(long now) {
        attempt(look, now, () -> {
            AgonesGameServer gs = sdk.gameServer();
            AgonesGameServer before = lastSeen;
            lastSeen = gs;
            if (before == null) {
                info.accept("agones: this is GameServer '" + gs.name() + "' (" + gs.state() + ") at " + gs.address()
                        + " ports " + gs.ports());
            }
            if (gs.isAllocated()) {
                allocated = true;
                info.accept("agones: GameServer '" + gs.name() + "' is Allocated (by a fleet allocation)");
            }
        });
    }

    private void allocateForFirstPlayer(long now) {
        attempt(allocate, now, () -> {
            AgonesGameServer gs = sdk.gameServer();
            lastSeen = gs;
            if (gs.isAllocated()) {
                info.accept("agones: the first player joined; GameServer '" + gs.name() + "' is already Allocated");
            } else {
                sdk.allocate();
                info.accept("agones: the first player joined; marked GameServer '" + gs.name() + "' Allocated");
            }
            allocated = true;
        });
    }

    private void reportShutdown() {
        long start = clock.nanoTime();
        long deadline = start + config.shutdownTimeout().toNanos();
        while (true) {
            long now = clock.nanoTime();
            if (attempt(shutdown, now, sdk::shutdown)) {
                shutdownReported = true;
                info.accept("agones: reported Shutdown; Agones deletes this pod and the fleet starts a fresh server");
                return;
            }
            long next = shutdown.nextAt;
            if (next - deadline >= 0) {
                warn.accept("agones: could not report Shutdown within " + config.shutdownTimeout().toMillis()
                        + " ms; Agones will notice the process exit instead");
                return;
            }
            sleepPlain(next - clock.nanoTime());
        }
    }

    private interface Call {
        void run() throws IOException;
    }

    /** One try of {@code a}; logs its failure (rate limited) or its recovery; returns whether it worked. */
    private boolean attempt(Action a, long now, Call call) {
        try {
            call.run();
        } catch (IOException | RuntimeException e) {
            a.failures++;
            long delay = a == ping ? config.healthPeriod().toNanos() : backoff(a.failures);
            a.nextAt = now + delay;
            if (a.failures == 1 || now - a.loggedAt >= REPEAT_LOG_NANOS) {
                a.loggedAt = now;
                warn.accept("agones: " + a.name + " failed" + (a.failures > 1 ? " (" + a.failures + " times in a row)" : "")
                        + ": " + e.getMessage() + "; retrying in " + delay / 1_000_000 + " ms; the game goes on meanwhile");
            }
            return false;
        }
        if (a.failures > 0) {
            info.accept("agones: " + a.name + " works again after " + a.failures + " failed tries");
        }
        a.failures = 0;
        a.nextAt = now;
        return true;
    }

    private long backoff(int failures) {
        long d = config.firstRetry().toNanos();
        for (int k = 1; k < failures && d < config.maxBackoff().toNanos(); k++) {
            d *= 2;
        }
        return Math.min(d, config.maxBackoff().toNanos());
    }

    private void sleep(long nanos) {
        if (nanos <= 0) {
            return;
        }
        synchronized (lock) {
            if (stopRequested) {
                return;
            }
            try {
                lock.wait(Math.max(1, nanos / 1_000_000));
            } catch (InterruptedException e) {
                stopRequested = true;
            }
        }
    }

    private static void sleepPlain(long nanos) {
        if (nanos > 0) {
            try {
                Thread.sleep(Math.max(1, nanos / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One kind of request and its failure run; agent thread only. */
    private static final class Action {
        final String name;
        int failures;
        long nextAt = Long.MIN_VALUE;
        long loggedAt;

        Action(String name) {
            this.name = name;
        }

        boolean due(long now) {
            return failures == 0 || now - nextAt >= 0;
        }
    }

    /**
     * How often and how patiently the agent talks to the sidecar.
     *
     * @param healthPeriod time between two health pings; keep it well under the Fleet's
     *        {@code health.periodSeconds} (default here 2 s against Agones' default 5 s)
     * @param firstRetry wait after the first failure of Ready, Allocate or Shutdown (then doubling)
     * @param maxBackoff longest wait between two tries
     * @param shutdownTimeout how long the Shutdown report is tried before the process exits anyway
     */
    public record Config(Duration healthPeriod, Duration firstRetry, Duration maxBackoff, Duration shutdownTimeout) {
        /** Health ping every 2 s, retries from 250 ms doubling up to 5 s, Shutdown tried for 5 s. */
        public static final Config DEFAULT = new Config(Duration.ofSeconds(2), Duration.ofMillis(250),
                Duration.ofSeconds(5), Duration.ofSeconds(5));

        /** Checks every value. */
        public Config {
            positive(healthPeriod, "healthPeriod");
            positive(firstRetry, "firstRetry");
            positive(maxBackoff, "maxBackoff");
            positive(shutdownTimeout, "shutdownTimeout");
            if (maxBackoff.compareTo(firstRetry) < 0) {
                throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than firstRetry " + firstRetry);
            }
        }

        /** This configuration with another health ping period. */
        public Config withHealthPeriod(Duration period) {
            return new Config(period, firstRetry, maxBackoff, shutdownTimeout);
        }

        private static void positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
        }
    }
}
