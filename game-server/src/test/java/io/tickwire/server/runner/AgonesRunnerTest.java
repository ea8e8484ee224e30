package io.tickwire.server.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.dtls.Fingerprint;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.server.GameServer;
import io.tickwire.server.agones.AgonesAgent;
import io.tickwire.server.agones.AgonesSdk;
import io.tickwire.server.agones.RecordingSidecar;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dedicated-server runner under Agones, end to end over loopback: a real DTLS GameServer
 * ticking on its own thread, a real DTLS client joining, and a recording stand-in for the SDK
 * sidecar (an external process that cannot run here) receiving the runner's real HTTP requests.
 */
class AgonesRunnerTest {

    private static final long PERIOD_MILLIS = 100;
    /** Short health period and retries so a test sees many of them; the Shutdown report is tried for 1.5 s. */
    private static final AgonesAgent.Config FAST = new AgonesAgent.Config(Duration.ofMillis(PERIOD_MILLIS),
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(1500));

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private DedicatedServerRunner start(GameServer server, AgonesSdk sdk) throws Exception {
        return DedicatedServerRunner.builder(server)
                .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .log(new PrintStream(log, true, StandardCharsets.UTF_8))
                .handleSignals(false)
                .agones(sdk, FAST)
                .start();
    }

    private DedicatedServerRunner start(GameServer server, RecordingSidecar sidecar) throws Exception {
        return start(server, AgonesSdk.at(sidecar.base(), Duration.ofSeconds(2)));
    }

    private static void close(DedicatedServerRunner runner, RunnerFixture.Client client) {
        runner.close();
        if (client != null) {
            client.net.close();
        }
    }

    private RunnerFixture.Client join(GameServer server) throws InterruptedException {
        RunnerFixture.Client c = new RunnerFixture.Client(server.net().localAddress().getPort(), server.net().fingerprint());
        assertTrue(c.pollUntil(c.connected::get, 15_000), "the DTLS client connected");
        return c;
    }

    private String logged() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private static boolean waitFor(BooleanSupplier done, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return done.getAsBoolean();
    }

    @Test
    @Timeout(60)
    void readyHealthPingsAllocatedOnTheFirstPlayerAndShutdownWhenTheMatchEnds() throws Exception {
        try (RecordingSidecar sidecar = RecordingSidecar.start()) {
            GameServer server = RunnerFixture.startServer(50);
            DedicatedServerRunner runner = start(server, sidecar);
            RunnerFixture.Client client = null;
            try {
                assertTrue(waitFor(() -> sidecar.count("POST", "/ready") == 1, 10_000), () -> sidecar.requests() + logged());
                assertTrue(waitFor(() -> runner.agones().readyReported(), 5_000));
                assertEquals("Ready", sidecar.state());
                // Nobody came and nobody allocated it: a match end keeps the server waiting for players.
                assertFalse(runner.matchEnded(), "an unused server stays up after a match");
                assertFalse(server.isShuttingDown());

                client = join(server);
                RunnerFixture.Client c = client;
                assertTrue(c.pollUntil(() -> sidecar.count("POST", "/allocate") == 1, 10_000), () -> sidecar.requests() + logged());
                assertEquals("Allocated", sidecar.state());
                assertTrue(waitFor(() -> runner.agones().allocated(), 5_000), "the agent took the sidecar's answer");
                List<RecordingSidecar.Request> seen = sidecar.requests();
                int allocateAt = indexOf(seen, "POST /allocate");
                assertEquals("GET /gameserver", seen.get(allocateAt - 1).toString(), "looked before allocating: " + seen);
                assertTrue(indexOf(seen, "POST /ready") < allocateAt);

                // Health pings at the configured period, from the agent's own thread: at least 5, not a flood.
                long t0 = System.nanoTime();
                long before = sidecar.count("POST", "/health");
                assertTrue(waitFor(() -> sidecar.count("POST", "/health") >= before + 5, 10_000), () -> sidecar.requests() + "");
                long pings = sidecar.count("POST", "/health") - before;
                long elapsedMillis = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(pings <= elapsedMillis / PERIOD_MILLIS + 3, pings + " pings in " + elapsedMillis + " ms");
                for (RecordingSidecar.Request r : sidecar.requests()) {
                    if (r.method().equals("POST")) {
                        assertEquals("application/json", r.contentType(), r.toString());
                        assertEquals("{}", r.body(), r.toString());
                    }
                }

                // The match ends: players hear why, the server closes, Agones hears Shutdown last.
                assertTrue(runner.matchEnded(), "a server that hosted a player shuts down after its match");
                assertTrue(c.pollUntil(() -> c.reason != null, 5_000), "the client learned about the shutdown");
                assertEquals(DisconnectReason.SERVER_SHUTDOWN, c.reason);
                assertEquals(DedicatedServerRunner.MATCH_OVER_DETAIL, c.detail);
                assertEquals(0, runner.awaitClosed());
                assertTrue(runner.agones().shutdownReported());
                List<RecordingSidecar.Request> all = sidecar.requests();
                assertEquals("POST /shutdown", all.get(all.size() - 1).toString(), all.toString());
                assertEquals(1, sidecar.count("POST", "/shutdown"));
                assertEquals("Shutdown", sidecar.state());
                String text = logged();
                assertTrue(text.contains("agones: reported Ready"), text);
                assertTrue(text.contains("agones: the first player joined; marked GameServer 'arena-fleet-x7k2q-9fz4d' Allocated"), text);
                assertTrue(text.contains("INFO the match is over; shutting down"), text);
                assertTrue(text.contains("agones: reported Shutdown"), text);
                assertFalse(text.contains("WARNING"), text);
            } finally {
                close(runner, client);
            }
        }
    }

    @Test
    @Timeout(60)
    void aFleetAllocationIsNotRepeatedAndEndsTheServerAfterItsMatch() throws Exception {
        try (RecordingSidecar sidecar = RecordingSidecar.start()) {
            GameServer server = RunnerFixture.startServer(50);
            DedicatedServerRunner runner = start(server, sidecar);
            RunnerFixture.Client client = null;
            try {
                assertTrue(waitFor(() -> runner.agones().readyReported(), 10_000), logged());
                sidecar.state("Allocated"); // what a GameServerAllocation does
                assertTrue(waitFor(() -> runner.agones().allocated(), 10_000), () -> sidecar.requests() + logged());
                client = join(server);
                RunnerFixture.Client c = client;
                // The join is published within 50 ms; give the agent many looks at it.
                assertTrue(c.pollUntil(() -> server.metrics().snapshot().playersJoined() == 1, 5_000));
                c.pollUntil(() -> false, 10 * PERIOD_MILLIS);
                assertEquals(0, sidecar.count("POST", "/allocate"), () -> sidecar.requests().toString());
                assertTrue(logged().contains("is Allocated (by a fleet allocation)"), logged());
                assertTrue(runner.matchEnded());
                assertEquals(0, runner.awaitClosed());
                assertEquals(1, sidecar.count("POST", "/shutdown"));
            } finally {
                close(runner, client);
            }
        }
    }

    @Test
    @Timeout(60)
    void aMissingSidecarIsRetriedAndLoggedWhileTheServerPlaysOn() throws Exception {
        RecordingSidecar gone = RecordingSidecar.start();
        int port = gone.port();
        gone.close(); // the sidecar may start after the game server: nothing listens yet
        GameServer server = RunnerFixture.startServer(50);
        DedicatedServerRunner runner = start(server, AgonesSdk.at(java.net.URI.create("http://127.0.0.1:" + port),
                Duration.ofSeconds(1)));
        RunnerFixture.Client client = null;
        RecordingSidecar sidecar = null;
        try {
            assertTrue(waitFor(() -> logged().contains("agones: POST /ready failed"), 10_000), logged());
            client = join(server);
            RunnerFixture.Client c = client;
            // Several retries later the server still serves its player.
            assertTrue(c.pollUntil(() -> c.snapshotFrames > 20, 10_000), "snapshots keep coming");
            String text = logged();
            assertTrue(text.contains("cannot reach the Agones sidecar at http://127.0.0.1:" + port), text);
            assertTrue(text.contains("retrying in"), text);
            assertTrue(text.contains("the game goes on meanwhile"), text);
            assertFalse(runner.agones().readyReported());
            assertFalse(server.isShuttingDown());

            sidecar = RecordingSidecar.startOn(port); // the sidecar comes up
            RecordingSidecar s = sidecar;
            assertTrue(c.pollUntil(() -> s.count("POST", "/ready") == 1, 10_000), () -> s.requests() + logged());
            assertTrue(c.pollUntil(() -> s.count("POST", "/allocate") == 1, 10_000), () -> s.requests() + logged());
            assertTrue(c.pollUntil(() -> logged().contains("agones: POST /ready works again after"), 5_000), logged());

            // It goes away again before the end: the Shutdown report gives up within its bound, the server still exits 0.
            sidecar.close();
            long t0 = System.nanoTime();
            assertTrue(runner.matchEnded());
            assertEquals(0, runner.awaitClosed());
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(millis < 15_000, "closed in " + millis + " ms");
            assertFalse(runner.agones().shutdownReported());
            assertTrue(logged().contains("agones: could not report Shutdown within 1500 ms"), logged());
            assertEquals(DisconnectReason.SERVER_SHUTDOWN, c.pollUntil(() -> c.reason != null, 5_000) ? c.reason : null);
        } finally {
            close(runner, client);
            if (sidecar != null) {
                sidecar.close();
            }
        }
    }

    private static int indexOf(List<RecordingSidecar.Request> seen, String what) {
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i).toString().equals(what)) {
                return i;
            }
        }
        return -1;
    }
}
