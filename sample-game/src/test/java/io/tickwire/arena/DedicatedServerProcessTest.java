package io.tickwire.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.arena.bots.BotSwarm;
import io.tickwire.arena.client.ArenaClient;
import io.tickwire.arena.sim.Arena;
import io.tickwire.net.ClientConfig;
import io.tickwire.net.discovery.DiscoveredServer;
import io.tickwire.net.discovery.LanBrowser;
import io.tickwire.net.protocol.DisconnectReason;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dedicated server as an operator runs it: {@code arena server} in its own JVM. It prints its ready
 * line, answers LAN discovery (whose answer carries the fingerprint the players then pin), serves health
 * and Prometheus metrics, lets bot clients play over DTLS, and on SIGTERM tells them why and exits 0.
 */
class DedicatedServerProcessTest {
    private static final Pattern METRICS = Pattern.compile("metrics=(http://\\S+)/metrics");
    private static final Pattern LAN = Pattern.compile("LAN discovery on UDP (\\d+)");

    @Test
    void serverAnnouncesItselfServesMetricsLetsBotsPlayAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Process p = ServerProcesses.launcher("server", "--bind", "127.0.0.1", "--port", "0", "--metrics-port", "0",
                "--lan-port", "0", "--bots", "2", "--name", "Process Arena", "--identity", dir.resolve("id").toString())
                .start();
        BlockingQueue<String> out = ServerProcesses.lines(p.getInputStream(), "server stdout");
        BlockingQueue<String> err = ServerProcesses.lines(p.getErrorStream(), "server stderr");
        try {
            String ready = out.poll(60, TimeUnit.SECONDS);
            assertNotNull(ready, "a ready line within 60 s");
            Matcher m = ServerProcesses.READY.matcher(ready);
            assertTrue(m.matches(), "ready line: " + ready);
            int port = Integer.parseInt(m.group(1));
            String fingerprint = m.group(2);
            String metricsBase = null;
            int lanPort = -1;
            long until = System.nanoTime() + 20_000_000_000L;
            while ((metricsBase == null || lanPort < 0) && System.nanoTime() < until) {
                String line = err.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                Matcher mm = METRICS.matcher(line);
                if (mm.find()) {
                    metricsBase = mm.group(1);
                }
                Matcher lm = LAN.matcher(line);
                if (lm.find()) {
                    lanPort = Integer.parseInt(lm.group(1));
                }
            }
            assertNotNull(metricsBase, "the metrics URL is logged");
            assertTrue(lanPort > 0, "the LAN discovery port is logged");
            assertTrue(Files.isRegularFile(dir.resolve("id").resolve("server-cert.pem")), "identity kept on disk");

            // LAN discovery finds it, with the fingerprint of the ready line.
            ClientConfig expected = BotSwarm.network().server("127.0.0.1", port,
                    io.tickwire.net.dtls.ServerTrust.pinned(io.tickwire.net.dtls.Fingerprint.parse(fingerprint))).build();
            DiscoveredServer found = null;
            try (LanBrowser browser = LanBrowser.open(LanBrowser.Config.builder()
                    .expect(expected.connection(), expected.applicationHash()).broadcast(false)
                    .bind(new InetSocketAddress("127.0.0.1", 0))
                    .addTarget(new InetSocketAddress("127.0.0.1", lanPort)).build())) {
                long end = System.nanoTime() + 10_000_000_000L;
                // Until the answer counts the two bots (they are added on the first ticks).
                while ((found == null || found.info().players() != 2) && System.nanoTime() < end) {
                    browser.refresh(System.nanoTime());
                    Thread.sleep(100);
                    browser.poll(System.nanoTime());
                    List<DiscoveredServer> list = browser.servers();
                    found = list.isEmpty() ? null : list.get(0);
                }
            }
            assertNotNull(found, "LAN discovery answered");
            assertEquals("Process Arena", found.info().serverName());
            assertEquals(port, found.info().gamePort());
            assertEquals(fingerprint, found.info().fingerprint().toString());
            assertTrue(found.compatible(), "same build: compatible (" + found.incompatibility() + ")");
            assertEquals(2, found.info().players(), "the two bots are counted");

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(metricsBase + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());

            // Two bot clients join, pinning what discovery said, and play.
            try (BotSwarm swarm = new BotSwarm("127.0.0.1", found.info().gamePort(), found.pinnedTrust(), 2, "lan-bot-",
                    null, 5)) {
                long frame = 1_000_000_000L / 60;
                long end = System.nanoTime() + 20_000_000_000L;
                while (System.nanoTime() < end && !swarm.games().stream().allMatch(ArenaClient::isWelcomed)) {
                    swarm.update(System.nanoTime());
                    Thread.sleep(frame / 1_000_000);
                }
                for (int i = 0; i < 60; i++) {
                    swarm.update(System.nanoTime());
                    Thread.sleep(frame / 1_000_000);
                }
                assertTrue(swarm.games().stream().allMatch(ArenaClient::isWelcomed), "both bots joined");
                assertEquals(4, swarm.games().get(0).rankingSize(), "2 server bots + 2 bot clients");
                String metrics = http.send(HttpRequest.newBuilder(URI.create(metricsBase + "/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(metrics.contains("\ntickwire_players 2"), "two connected players in /metrics:\n" + metrics);

                p.destroy();   // SIGTERM
                end = System.nanoTime() + 10_000_000_000L;
                while (System.nanoTime() < end && swarm.games().stream().anyMatch(g -> g.disconnectReason() == null)) {
                    swarm.update(System.nanoTime());
                    Thread.sleep(frame / 1_000_000);
                }
                for (ArenaClient g : swarm.games()) {
                    assertEquals(DisconnectReason.SERVER_SHUTDOWN, g.disconnectReason(), g.playerName());
                    assertEquals("server is shutting down", g.disconnectDetail(), g.playerName());
                }
            }
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the server exits within 10 s of SIGTERM");
            assertEquals(0, p.exitValue(), "exit status after SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        assertTrue(Arena.VERSION >= 1);
    }
}
