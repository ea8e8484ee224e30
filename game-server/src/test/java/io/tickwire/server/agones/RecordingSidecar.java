package io.tickwire.server.agones;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the Agones SDK sidecar (an external process that cannot run here) on 127.0.0.1:
 * records every HTTP request it gets, keeps a GameServer state the way Agones moves it
 * (Ready, Allocated, Shutdown) and answers {@code GET /gameserver} with it, in the JSON shape of
 * the REST gateway. Public for the runner tests in another package.
 */
public final class RecordingSidecar implements AutoCloseable {

    /** One request as the sidecar saw it. */
    public record Request(long atNanos, String method, String path, String contentType, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final HttpServer http;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile String state = "Scheduled";
    private volatile int failWith;

    private RecordingSidecar(int port) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        http.createContext("/", this::handle);
        http.start();
    }

    /** A sidecar on a free port. */
    public static RecordingSidecar start() throws IOException {
        return new RecordingSidecar(0);
    }

    /** A sidecar on {@code port} (to come back where a stopped one was). */
    public static RecordingSidecar startOn(int port) throws IOException {
        return new RecordingSidecar(port);
    }

    /** The port it listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port}. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** The GameServer state it reports now. */
    public String state() {
        return state;
    }

    /** Sets the state, e.g. "Allocated" as a fleet allocation would. */
    public void state(String s) {
        state = s;
    }

    /** Answers every request with this HTTP status (0: answer normally). */
    public void failWith(int status) {
        failWith = status;
    }

    /** Every request so far, in arrival order. */
    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** How many requests had this method and path. */
    public long count(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        requests.add(new Request(System.nanoTime(), method, path, ex.getRequestHeaders().getFirst("Content-Type"), body));
        if (failWith != 0) {
            respond(ex, failWith, "{\"error\":\"the sidecar is unwell\"}");
            return;
        }
        String key = method + " " + path;
        switch (key) {
            case "POST /ready":
                if (!"Allocated".equals(state)) {
                    state = "Ready";
                }
                respond(ex, 200, "{}");
                break;
            case "POST /allocate":
                state = "Allocated";
                respond(ex, 200, "{}");
                break;
            case "POST /shutdown":
                state = "Shutdown";
                respond(ex, 200, "{}");
                break;
            case "POST /health":
            case "PUT /metadata/label":
                respond(ex, 200, "{}");
                break;
            case "GET /gameserver":
                respond(ex, 200, "{\"object_meta\":{\"name\":\"arena-fleet-x7k2q-9fz4d\",\"namespace\":\"default\","
                        + "\"labels\":{\"agones.dev/fleet\":\"arena-fleet\"}},\"status\":{\"state\":\"" + state
                        + "\",\"address\":\"203.0.113.7\",\"ports\":[{\"name\":\"game\",\"port\":7443},"
                        + "{\"name\":\"metrics\",\"port\":7512}]}}");
                break;
            default:
                respond(ex, 404, "{\"error\":\"Not Found\"}");
        }
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    /** Stops listening at once (the port refuses connections afterwards). */
    @Override
    public void close() {
        http.stop(0);
    }
}
