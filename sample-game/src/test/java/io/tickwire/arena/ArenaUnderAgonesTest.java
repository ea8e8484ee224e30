package io.tickwire.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.tickwire.arena.bots.BotSwarm;
import io.tickwire.arena.client.ArenaClient;
import io.tickwire.arena.server.ArenaHost;
import io.tickwire.arena.server.ArenaRulesConfig;
import io.tickwire.arena.server.ArenaServer;
import io.tickwire.net.admission.BackendKeys;
import io.tickwire.net.admission.ConnectTokenMinter;
import io.tickwire.net.admission.WallClock;
import io.tickwire.arena.sim.Arena;
import io.tickwire.net.dtls.Fingerprint;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.server.agones.AgonesAgent;
import io.tickwire.server.agones.AgonesSdk;
import io.tickwire.server.runner.DedicatedServerRunner;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The arena's dedicated server under Agones, with a recording stand-in for the SDK sidecar (the real
 * one is a process of an Agones pod and cannot run here) receiving the server's real HTTP requests,
 * and bot clients playing over DTLS: as a process found by {@code AGONES_SDK_HTTP_PORT} and stopped by
 * SIGTERM, and in-process through a whole (10 s) match whose end closes the server.
 */
class ArenaUnderAgonesTest {

    /** The sidecar: answers 200 to everything (GET /gameserver: a Ready GameServer) and records "METHOD path". */
    private static final class Sidecar implements AutoCloseable {
        final HttpServer http;
        final List<String> seen = new CopyOnWriteArrayList<>();

        Sidecar() throws java.io.IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            http.createContext("/", ex -> {
                ex.getRequestBody().readAllBytes();
                seen.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
                byte[] b = (ex.getRequestURI().getPath().equals("/gameserver")
                        ? "{\"object_meta\":{\"name\":\"arena-1\"},\"status\":{\"state\":\"Ready\",\"address\":\"10.0.0.9\","
                        + "\"ports\":[{\"name\":\"game\",\"port\":7100}]}}" : "{}").getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, b.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(b);
                }
            });
            http.start();
        }

        long count(String request) {
            return seen.stream().filter(request::equals).count();
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    private static void play(BotSwarm swarm, BooleanSupplier until, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end && !until.getAsBoolean()) {
            swarm.update(System.nanoTime());
            Thread.sleep(1000 / Arena.TICK_RATE);
        }
    }

    @Test
    @Timeout(120)
    void aServerProcessFindsAgonesByItsEnvironmentAndReportsShutdownOnSigterm(@TempDir Path dir) throws Exception {
        // Connect tokens without --public-address: the server takes the address Agones gave it (10.0.0.9:7100 here).
        assertEquals(0, Launcher.run("token", "keygen", "--out", dir.toString()));
        ConnectTokenMinter minter = new ConnectTokenMinter(BackendKeys.loadPrivate(dir.resolve("backend-private.pem")),
                ArenaServer.TOKEN_APPLICATION_ID, WallClock.SYSTEM, new SecureRandom());
        byte[] token = minter.mint(5, Duration.ofMinutes(2), List.of(new InetSocketAddress("10.0.0.9", 7100)),
                new byte[0]).toBytes();
        try (Sidecar sidecar = new Sidecar()) {
            ProcessBuilder pb = ServerProcesses.launcher("server", "--bind", "127.0.0.1", "--port", "0", "--metrics-port", "0",
                    "--no-lan", "--agones-health-seconds", "1", "--identity", dir.resolve("id").toString(),
                    "--token-key", dir.resolve("backend-public.pem").toString());
            pb.environment().put(AgonesSdk.PORT_ENV, Integer.toString(sidecar.http.getAddress().getPort()));
            Path stderr = dir.resolve("stderr.txt"); // a file: a pipe's last lines can be lost when the process exits
            pb.redirectError(stderr.toFile());
            Process p = pb.start();
            BlockingQueue<String> out = ServerProcesses.lines(p.getInputStream(), "server stdout");
            try {
                String ready = out.poll(60, TimeUnit.SECONDS);
                assertNotNull(ready, "a ready line within 60 s");
                Matcher m = ServerProcesses.READY.matcher(ready);
                assertTrue(m.matches(), ready);
                long end = System.nanoTime() + 20_000_000_000L;
                while (sidecar.count("POST /ready") == 0 && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                assertEquals(1, sidecar.count("POST /ready"), sidecar.seen::toString);
                try (BotSwarm swarm = new BotSwarm("127.0.0.1", Integer.parseInt(m.group(1)),
                        ServerTrust.pinned(Fingerprint.parse(m.group(2))), 1, "agones-bot-", 3,
                        bot -> net -> net.connectToken(token))) {
                    play(swarm, () -> sidecar.count("POST /allocate") == 1 && sidecar.count("POST /health") >= 2, 30_000);
                    assertTrue(swarm.games().get(0).isWelcomed(), "the bot joined");
                    assertEquals(1, sidecar.count("POST /allocate"), sidecar.seen::toString);
                    assertTrue(sidecar.count("POST /health") >= 2, sidecar.seen::toString);

                    p.destroy(); // SIGTERM, as Kubernetes sends when it deletes the pod
                    ArenaClient bot = swarm.games().get(0);
                    play(swarm, () -> bot.disconnectReason() != null, 10_000);
                    assertEquals(DisconnectReason.SERVER_SHUTDOWN, bot.disconnectReason());
                }
                assertTrue(p.waitFor(20, TimeUnit.SECONDS), "exits after SIGTERM");
                assertEquals(0, p.exitValue());
                assertEquals("POST /shutdown", sidecar.seen.get(sidecar.seen.size() - 1), sidecar.seen::toString);
                List<String> logged = Files.readAllLines(stderr, StandardCharsets.UTF_8);
                assertTrue(logged.stream().anyMatch(l -> l.contains("under Agones: this server ends after its first match")),
                        logged::toString);
                assertTrue(logged.stream().anyMatch(l -> l.contains("agones: reported Shutdown")), logged::toString);
                assertTrue(logged.stream().anyMatch(l -> l.contains("connect tokens must name 10.0.0.9:7100")),
                        logged::toString);
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    @Timeout(120)
    void underAgonesTheArenaEndsAfterItsFirstMatchWithPlayers(@TempDir Path dir) throws Exception {
        ArenaRulesConfig rules = new ArenaRulesConfig("Fleet Arena", null, 4, 1, 10, 1, 7);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Sidecar sidecar = new Sidecar();
             ArenaHost host = ArenaHost.start(new InetSocketAddress("127.0.0.1", 0), ServerIdentity.generate("agones-arena"),
                     Arena.TICK_RATE, Arena.SNAPSHOT_RATE, rules, ArenaHost.Lan.OFF, 0)) {
            DedicatedServerRunner runner = DedicatedServerRunner.builder(host.server().gameServer())
                    .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                    .log(new PrintStream(log, true, StandardCharsets.UTF_8))
                    .handleSignals(false)
                    .agones(AgonesSdk.at(java.net.URI.create("http://127.0.0.1:" + sidecar.http.getAddress().getPort()),
                            Duration.ofSeconds(2)), AgonesAgent.Config.DEFAULT.withHealthPeriod(Duration.ofMillis(200)))
                    .start();
            host.server().rules().setNextMatchGate(() -> !runner.matchEnded()); // as Launcher does
            try (BotSwarm swarm = new BotSwarm("127.0.0.1", host.server().address().getPort(),
                    ServerTrust.pinned(host.server().fingerprint()), 1, "match-bot-", null, 5)) {
                ArenaClient bot = swarm.games().get(0);
                // The 10 s match runs out, the 1 s scoreboard shows, then the server closes instead of a second match.
                play(swarm, () -> bot.disconnectReason() != null, 40_000);
                assertEquals(DisconnectReason.SERVER_SHUTDOWN, bot.disconnectReason(), log::toString);
                assertEquals(DedicatedServerRunner.MATCH_OVER_DETAIL, bot.disconnectDetail());
                assertEquals(1, bot.match(), "no second match started");
            }
            assertEquals(0, runner.awaitClosed());
            assertEquals(1, sidecar.count("POST /allocate"), sidecar.seen::toString);
            assertEquals("POST /shutdown", sidecar.seen.get(sidecar.seen.size() - 1), sidecar.seen::toString);
            runner.close();
        }
    }
}
