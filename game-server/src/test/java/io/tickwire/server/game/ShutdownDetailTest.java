package io.tickwire.server.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.server.ServerMetrics;
import io.tickwire.server.replication.InterestPolicy;
import io.tickwire.server.runner.PrometheusText;
import org.junit.jupiter.api.Test;

/** INVOKER mode, time stepped by hand: requestShutdown(detail) reaches every player; metrics follow. */
class ShutdownDetailTest {

    @Test
    void requestedShutdownTellsEveryPlayerTheDetailAndClosesWithinTheLinger() throws Exception {
        try (GameHarness h = new GameHarness(NetworkConditions.PERFECT, 7, InterestPolicy.EVERYTHING, new TestGame(4, false))) {
            TestClient a = h.connect();
            TestClient b = h.connect();
            h.steps(50);
            assertEquals(2, h.server.playerCount());
            // metricsIntervalMillis is 1000: 50 ticks of 20 ms published once after the start.
            ServerMetrics.Snapshot m = h.server.metrics().snapshot();
            assertEquals(2, m.players());
            assertTrue(m.inputsApplied() > 0 && m.snapshotsSent() > 0 && m.packetBytesReceived() > 0, m.toString());
            assertFalse(m.hasEndpoint(), "in memory: no UDP figures");

            h.server.requestShutdown("map change");
            assertTrue(h.server.isShuttingDown());
            int steps = 0;
            while (!h.server.isClosed() && steps < 100) { // linger 250 ms = 13 steps; bounded anyway
                h.step();
                steps++;
            }
            assertTrue(h.server.isClosed(), "closed after " + steps + " steps");
            for (TestClient c : new TestClient[] {a, b}) {
                assertEquals(DisconnectReason.SERVER_SHUTDOWN, c.disconnectReason);
                assertEquals("map change", c.disconnectDetail);
            }
            ServerMetrics.Snapshot last = h.server.metrics().snapshot();
            assertEquals(0, last.players());
            assertEquals(2, last.playersLeft(DisconnectReason.SERVER_SHUTDOWN));
            assertTrue(PrometheusText.format(last, true).contains(
                    "tickwire_players_left_total{reason=\"server_shutdown\"} 2\n"));
        }
    }

    @Test
    void labelValuesAreEscaped() {
        assertEquals("a\\\"b\\\\c\\nd", PrometheusText.escapeLabelValue("a\"b\\c\nd"));
    }
}
