package io.tickwire.server.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tickwire.server.GameServer;
import io.tickwire.server.ServerMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server for a {@link GameServer}: {@code GET /metrics} in the Prometheus text format
 * ({@link PrometheusText}) and {@code GET /health} (200 {@code {"status":"ok",...}} while the
 * server serves; 503 with the status {@code shutting_down}, {@code closed}, {@code failed} or
 * {@code stalled} otherwise). Anything else is 404, other methods than GET and HEAD 405.
 *
 * <p>Threads: the JDK's {@link HttpServer} accepts on its dispatcher thread and hands requests to
 * at most {@value #MAX_THREADS} daemon threads named {@code tickwire-metrics-N} with a queue of
 * {@value #QUEUE_LENGTH}; past that the dispatcher serves the request itself, which slows
 * accepting rather than growing threads or memory. Handlers only read {@link GameServer#metrics()}
 * and volatile state: they never touch the tick thread's objects.
 */
public final class MetricsHttpServer implements AutoCloseable {

    /** Most threads serving requests. */
    public static final int MAX_THREADS = 2;
    /** Requests waiting for a thread before the dispatcher serves them itself. */
    public static final int QUEUE_LENGTH = 16;
    /** A health check says {@code stalled} when the tick thread published nothing for this long (or 3 metrics intervals, if longer). */
    public static final long STALL_MILLIS = 5000;
    private static final int BACKLOG = 16;

    private final GameServer server;
    private final HttpServer http;
    private final ThreadPoolExecutor executor;
    private final long stallNanos;

    private MetricsHttpServer(GameServer server, InetSocketAddress bind) throws IOException {
        this.server = server;
        long interval = server.config().metricsIntervalMillis();
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(STALL_MILLIS, 3 * interval));
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(1, MAX_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE_LENGTH), r -> {
                    Thread t = new Thread(r, "tickwire-metrics-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        this.http = HttpServer.create(bind, BACKLOG);
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
    }

    /**
     * Binds {@code bind} (port 0 picks a free port; a dedicated server usually binds 0.0.0.0) and
     * starts serving {@code server}'s metrics and health.
     *
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    public static MetricsHttpServer start(GameServer server, InetSocketAddress bind) throws IOException {
        return new MetricsHttpServer(Objects.requireNonNull(server, "server"), Objects.requireNonNull(bind, "bind"));
    }

    /** The bound address (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** {@code http://host:port} of this server (IPv6 hosts in brackets). */
    public String baseUrl() {
        return "http://" + DedicatedServerRunner.hostPort(address());
    }

    /**
     * The health of {@code server} now: {@code ok}, or why not ({@code failed}, {@code closed},
     * {@code shutting_down}, {@code stalled}: no metrics publication for the stall time, measured
     * on the server's clock). Any thread.
     */
    public String health() {
        return healthOf(server, stallNanos);
    }

    /**
     * The health of {@code server} as {@code /health} reports it ({@code ok}, {@code failed},
     * {@code closed}, {@code shutting_down} or {@code stalled}), without an HTTP server; any thread.
     */
    public static String healthOf(GameServer server) {
        long interval = server.config().metricsIntervalMillis();
        return healthOf(server, TimeUnit.MILLISECONDS.toNanos(Math.max(STALL_MILLIS, 3 * interval)));
    }

    private static String healthOf(GameServer server, long stallNanos) {
        if (server.failure() != null) {
            return "failed";
        }
        if (server.isClosed()) {
            return "closed";
        }
        if (server.isShuttingDown()) {
            return "shutting_down";
        }
        long age = server.config().server().clock().nanoTime() - server.metrics().snapshot().publishedAtNanos();
        return age > stallNanos ? "stalled" : "ok";
    }

    /** Stops serving at once and ends the threads; idempotent. */
    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            boolean head = "HEAD".equals(method);
            if (!head && !"GET".equals(method)) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(ex, 405, "text/plain; charset=utf-8", "method " + method + " not allowed: use GET\n", false);
            } else if ("/metrics".equals(path)) {
                ServerMetrics.Snapshot m = server.metrics().snapshot();
                boolean down = server.isShuttingDown() || server.isClosed() || server.failure() != null;
                respond(ex, 200, PrometheusText.CONTENT_TYPE, PrometheusText.format(m, down), head);
            } else if ("/health".equals(path)) {
                String status = health();
                StringBuilder json = new StringBuilder(96).append("{\"status\":\"").append(status).append('"');
                ServerMetrics.Snapshot m = server.metrics().snapshot();
                json.append(",\"players\":").append(m.players()).append(",\"ticks\":").append(m.ticks());
                Throwable f = server.failure();
                if (f != null) {
                    json.append(",\"detail\":\"");
                    jsonEscape(json, String.valueOf(f));
                    json.append('"');
                }
                json.append("}\n");
                respond(ex, "ok".equals(status) ? 200 : 503, "application/json", json.toString(), head);
            } else {
                respond(ex, 404, "text/plain; charset=utf-8", "not found: try /metrics or /health\n", head);
            }
        }
    }

    private static void respond(HttpExchange ex, int code, String type, String body, boolean head) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void jsonEscape(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
    }
}
