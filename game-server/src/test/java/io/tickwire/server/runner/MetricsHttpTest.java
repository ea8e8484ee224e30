package io.tickwire.server.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.server.GameServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runner over real loopback: a DTLS GameServer ticking on its own thread, the metrics HTTP
 * port on 127.0.0.1:0, a real DTLS client pinning the fingerprint of the ready line. Metrics move
 * when the client joins, health turns 503 when the shutdown begins, and the client is told why.
 */
class MetricsHttpTest {

    private static final Pattern READY = Pattern.compile(
            "tickwire server ready udp=127\\.0\\.0\\.1:(\\d+) fingerprint=(sha256:[0-9a-f]{64})");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Timeout(60)
    void metricsMoveWithAJoinHealthTurns503AndTheClientHearsTheShutdownDetail() throws Exception {
        GameServer server = RunnerFixture.startServer(50);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DedicatedServerRunner runner = DedicatedServerRunner.builder(server)
                .metrics(new InetSocketAddress("127.0.0.1", 0))
                .out(new PrintStream(stdout, true, StandardCharsets.UTF_8))
                .log(new PrintStream(log, true, StandardCharsets.UTF_8))
                .handleSignals(false)
                .start();
        RunnerFixture.Client client = null;
        try {
            String printed = stdout.toString(StandardCharsets.UTF_8);
            assertEquals(runner.readyLine() + System.lineSeparator(), printed, "exactly the ready line on stdout");
            Matcher m = READY.matcher(runner.readyLine());
            assertTrue(m.matches(), runner.readyLine());
            assertEquals(server.net().localAddress().getPort(), Integer.parseInt(m.group(1)));
            String base = runner.metricsServer().baseUrl();
            assertTrue(log.toString(StandardCharsets.UTF_8).contains("metrics=" + base + "/metrics"), log.toString());

            HttpResponse<String> first = get(base + "/metrics");
            assertEquals(200, first.statusCode());
            assertEquals(PrometheusText.CONTENT_TYPE, first.headers().firstValue("Content-Type").orElse(""));
            Exposition before = Exposition.parse(first.body());
            assertEquals(0.0, before.get("tickwire_players"));
            assertEquals("counter", before.types.get("tickwire_udp_received_bytes_total"));
            assertEquals("summary", before.types.get("tickwire_tick_duration_seconds"));

            HttpResponse<String> health = get(base + "/health");
            assertEquals(200, health.statusCode());
            assertTrue(health.body().startsWith("{\"status\":\"ok\""), health.body());
            assertEquals(404, get(base + "/nothing").statusCode());
            assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());

            client = new RunnerFixture.Client(Integer.parseInt(m.group(1)), io.tickwire.net.dtls.Fingerprint.parse(m.group(2)));
            RunnerFixture.Client c = client;
            assertTrue(c.pollUntil(c.connected::get, 15_000), "the DTLS client connected");
            // Metrics are published every 50 ms: poll the endpoint until the join shows (bounded).
            Exposition after = null;
            String body = "";
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                c.net.poll(System.nanoTime());
                body = get(base + "/metrics").body();
                after = Exposition.parse(body);
                if (after.get("tickwire_players") == 1.0 && after.get("tickwire_snapshots_sent_total") > 0) {
                    break;
                }
                Thread.sleep(20);
            }
            assertNotNull(after);
            String seen = body + log.toString(StandardCharsets.UTF_8);
            assertEquals(1.0, after.get("tickwire_players"), () -> seen);
            assertEquals(1.0, after.get("tickwire_players_joined_total"));
            assertEquals(1.0, after.get("tickwire_connections"));
            assertTrue(after.get("tickwire_handshakes_completed_total") >= 1.0);
            assertTrue(after.get("tickwire_udp_received_bytes_total") > before.get("tickwire_udp_received_bytes_total"));
            assertTrue(after.get("tickwire_udp_sent_bytes_total") > 0);
            assertTrue(after.get("tickwire_packets_received_total") > 0);
            assertTrue(after.get("tickwire_snapshots_sent_total") > 0);
            assertTrue(after.get("tickwire_ticks_total") > before.get("tickwire_ticks_total"));
            assertTrue(after.get("tickwire_tick_duration_seconds_count") > 0);
            assertTrue(after.get("tickwire_uptime_seconds") > 0);
            assertEquals(0.0, after.get("tickwire_shutting_down"));
            assertEquals(0.0, after.get("tickwire_endpoint_drops_total{reason=\"tampered\"}"));
            assertEquals(1.0, after.get("tickwire_admissions_total"), "the open server admitted the client");
            assertEquals(0.0, after.get("tickwire_admissions_refused_total{reason=\"bad_signature\"}"));
            assertEquals("counter", after.types.get("tickwire_admissions_refused_total"));

            // Begin the shutdown without waiting, so health is read while it runs.
            server.requestShutdown("maintenance: back in 5 minutes");
            HttpResponse<String> down = get(base + "/health");
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().matches("\\{\"status\":\"(shutting_down|closed)\".*\\}\\n"), down.body());
            assertTrue(runner.shutdown("another detail, ignored: the first wins"), "closed within the linger bound");
            assertTrue(c.pollUntil(() -> c.reason != null, 5_000), "the client learned about the shutdown");
            assertEquals(DisconnectReason.SERVER_SHUTDOWN, c.reason);
            assertEquals("maintenance: back in 5 minutes", c.detail);
            assertEquals(0, runner.awaitClosed());
            assertEquals(1, server.metrics().snapshot().playersLeft(DisconnectReason.SERVER_SHUTDOWN),
                    "the last publication counts the departure");
            String logged = log.toString(StandardCharsets.UTF_8);
            assertTrue(logged.contains("INFO player 1 joined from"), logged);
            assertTrue(logged.contains("INFO server closed"), logged);
        } finally {
            runner.close();
            if (client != null) {
                client.net.close();
            }
        }
    }
}
