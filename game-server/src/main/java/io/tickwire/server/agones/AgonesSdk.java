package io.tickwire.server.agones;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A client of the Agones SDK sidecar's local REST gateway ({@code http://localhost:$AGONES_SDK_HTTP_PORT}):
 * one blocking HTTP request per call, each bounded by the request timeout. It only talks; when to
 * say what is {@link AgonesAgent}'s business.
 *
 * <pre>{@code
 * OptionalInt port = AgonesSdk.portFromEnvironment(System.getenv());   // present inside an Agones pod
 * AgonesSdk sdk = AgonesSdk.local(port.getAsInt());
 * sdk.ready();                                                         // the GameServer may be allocated now
 * AgonesGameServer gs = sdk.gameServer();                              // gs.address(), gs.port("game")
 * }</pre>
 *
 * <p>Every call throws {@link IOException} with a plain sentence naming the request, the sidecar's
 * address and what went wrong (not reachable, timed out, the status and the start of the body), so
 * callers can log it as it is. Thread-safe: calls may come from any thread; none is made by this
 * class on its own.
 */
public final class AgonesSdk {

    /** The environment variable Agones sets in a game server's container to the sidecar's HTTP port. */
    public static final String PORT_ENV = "AGONES_SDK_HTTP_PORT";
    /** The sidecar's HTTP port when {@link #PORT_ENV} is not set (Agones' default). */
    public static final int DEFAULT_PORT = 9358;
    /** Default bound on one request, connection included. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** Longest answer read from the sidecar; a longer one fails the call (a GameServer is a few KiB). */
    public static final int MAX_RESPONSE_BYTES = 256 * 1024;

    private static final String JSON = "application/json";

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    private AgonesSdk(URI base, Duration timeout) {
        this.base = Objects.requireNonNull(base, "base");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("request timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The sidecar on {@code localhost:port} with {@link #DEFAULT_REQUEST_TIMEOUT}. */
    public static AgonesSdk local(int port) {
        return at(URI.create("http://localhost:" + checkPort(port, "port")), DEFAULT_REQUEST_TIMEOUT);
    }

    /** The sidecar at {@code base} (e.g. {@code http://127.0.0.1:9358}) with a bound on each request. */
    public static AgonesSdk at(URI base, Duration requestTimeout) {
        String b = base.toString();
        return new AgonesSdk(URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b),
                Objects.requireNonNull(requestTimeout, "requestTimeout"));
    }

    /**
     * The sidecar's port from {@link #PORT_ENV} in {@code env} (pass {@code System.getenv()}), or empty
     * when it is not set: the rule by which a server knows it runs under Agones.
     *
     * @throws IllegalArgumentException when the variable is set but is not a port number 1..65535
     */
    public static OptionalInt portFromEnvironment(Map<String, String> env) {
        String v = env.get(PORT_ENV);
        if (v == null || v.isBlank()) {
            return OptionalInt.empty();
        }
        int port;
        try {
            port = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT_ENV + " must be a port number, got '" + v + "'");
        }
        return OptionalInt.of(checkPort(port, PORT_ENV));
    }

    private static int checkPort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 1..65535, got " + port);
        }
        return port;
    }

    /** The sidecar's base URL, e.g. {@code http://localhost:9358}. */
    public URI base() {
        return base;
    }

    /** The bound on one request. */
    public Duration requestTimeout() {
        return timeout;
    }

    /** {@code POST /ready}: this server accepts players; Agones may now allocate it. */
    public void ready() throws IOException {
        post("/ready", "{}");
    }

    /** {@code POST /health}: one health ping; Agones marks the server Unhealthy when they stop. */
    public void health() throws IOException {
        post("/health", "{}");
    }

    /** {@code POST /allocate}: marks this server Allocated (players arrived without a fleet allocation). */
    public void allocate() throws IOException {
        post("/allocate", "{}");
    }

    /** {@code POST /shutdown}: the session is over; Agones sets the state Shutdown and deletes the pod. */
    public void shutdown() throws IOException {
        post("/shutdown", "{}");
    }

    /** {@code PUT /metadata/label}: sets the label {@code agones.dev/sdk-<key>} on the GameServer. */
    public void setLabel(String key, String value) throws IOException {
        send("PUT", "/metadata/label", "{\"key\":" + quote(key) + ",\"value\":" + quote(value) + "}");
    }

    /** {@code GET /gameserver}: the GameServer as Agones has it now. */
    public AgonesGameServer gameServer() throws IOException {
        String body = send("GET", "/gameserver", null);
        try {
            return toGameServer(SidecarJson.parse(body));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IOException("the Agones sidecar at " + base + " answered GET /gameserver with something that is"
                    + " not a GameServer (" + e.getMessage() + "): is " + base + " really the SDK sidecar?", e);
        }
    }

    private void post(String path, String body) throws IOException {
        send("POST", path, body);
    }

    private String send(String method, String path, String body) throws IOException {
        String what = method + " " + path;
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (body == null) {
            rb.GET();
        } else {
            rb.header("Content-Type", JSON).method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<InputStream> r;
        try {
            r = http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new IOException("cannot reach the Agones sidecar at " + base + " for " + what + ": no connection within "
                    + timeout.toMillis() + " ms", e);
        } catch (HttpTimeoutException e) {
            throw new IOException("the Agones sidecar at " + base + " did not answer " + what + " within "
                    + timeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new IOException("cannot reach the Agones sidecar at " + base + " for " + what
                    + ": connection refused (is the sidecar running yet? it may start after the game server)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during " + what + " to the Agones sidecar at " + base);
        } catch (IOException e) {
            throw new IOException("request " + what + " to the Agones sidecar at " + base + " failed: " + e, e);
        }
        String text;
        try (InputStream in = r.body()) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new IOException("the Agones sidecar at " + base + " answered " + what + " with more than "
                        + MAX_RESPONSE_BYTES + " bytes (MAX_RESPONSE_BYTES); refused");
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        if (r.statusCode() / 100 != 2) {
            String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
            throw new IOException("the Agones sidecar at " + base + " answered " + what + " with HTTP " + r.statusCode()
                    + (shown.isBlank() ? "" : ": " + shown.strip()));
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    private static AgonesGameServer toGameServer(Object parsed) {
        Map<String, Object> root = (Map<String, Object>) parsed;
        Map<String, Object> meta = map(root.get("object_meta"));
        Map<String, Object> status = map(root.get("status"));
        List<AgonesGameServer.Port> ports = new ArrayList<>();
        Object list = status.get("ports");
        if (list != null) {
            for (Object o : (List<Object>) list) {
                Map<String, Object> p = map(o);
                Object n = p.get("port");
                int port = n instanceof Double ? ((Double) n).intValue() : Integer.parseInt(String.valueOf(n));
                ports.add(new AgonesGameServer.Port(string(p.get("name")), port));
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(meta.get("labels")).entrySet()) {
            labels.put(e.getKey(), string(e.getValue()));
        }
        return new AgonesGameServer(string(meta.get("name")), string(status.get("state")), string(status.get("address")),
                ports, labels);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    private static String string(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    @Override
    public String toString() {
        return "AgonesSdk[" + base + "]";
    }
}
