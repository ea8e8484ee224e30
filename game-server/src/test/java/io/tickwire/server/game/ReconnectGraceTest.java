package io.tickwire.server.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.server.GamePlayer;
import io.tickwire.server.GameServerConfig;
import io.tickwire.server.replication.InterestPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server side of quick reconnect, in memory with time stepped by hand: a player whose
 * connection times out is kept away (no inputs applied, no snapshots sent, still in the player
 * list) for reconnectGraceMillis and leaves with TIMEOUT only when the grace is over; a client that
 * closes, or a server with grace 0, loses the player at once.
 */
@Timeout(60)
class ReconnectGraceTest {

    private static final long TIMEOUT_NANOS = 1_000_000_000L;
    private static final int GRACE_MILLIS = 3_000;
    private static final ConnectionConfig QUICK = GameChannels.builder().connectionTimeoutNanos(TIMEOUT_NANOS).build();

    private static GameHarness harness(TestGame game, int graceMillis) throws Exception {
        return new GameHarness(NetworkConditions.PERFECT, 7, InterestPolicy.EVERYTHING, game,
                GameServerConfig.DEFAULT_SNAPSHOT_BYTE_BUDGET, graceMillis, QUICK);
    }

    @Test
    void aTimedOutPlayerIsKeptAwayForTheGraceThenLeavesWithTimeout() throws Exception {
        TestGame game = new TestGame(4, true);
        try (GameHarness h = harness(game, GRACE_MILLIS)) {
            TestClient c = h.connect();
            h.steps(25);
            GamePlayer p = h.server.player(1);
            assertTrue(p.isConnected());
            long appliedBefore = p.inputsApplied();
            assertTrue(appliedBefore > 0);

            h.network.setConditions(NetworkConditions.PERFECT.withLossPercent(100));
            h.steps(60); // 1.2 s: past the 1 s connection timeout on both sides
            assertEquals(1, game.away.size(), "the server game saw the player go away");
            assertEquals(DisconnectReason.TIMEOUT, game.away.get(0).reason());
            assertTrue(game.left.isEmpty(), "not gone yet: " + game.left);
            assertTrue(p.isAway());
            assertFalse(p.isConnected());
            assertSame(p, h.server.player(1), "still findable by id");
            assertEquals(1, h.server.playerCount(), "an away player keeps its place (and its entity)");
            assertEquals(1, h.server.awayCount());
            long snapshots = p.snapshotsSent();
            long applied = p.inputsApplied();
            h.steps(50);
            assertEquals(snapshots, p.snapshotsSent(), "nothing is sent to an away player");
            assertEquals(applied, p.inputsApplied(), "no input is applied (not even repeated) while away");
            assertEquals(DisconnectReason.TIMEOUT, c.disconnectReason);

            h.steps(GRACE_MILLIS / 20); // the rest of the grace
            assertEquals(1, game.left.size());
            TestGame.Left left = game.left.get(0);
            assertEquals(DisconnectReason.TIMEOUT, left.reason());
            assertTrue(left.detail().startsWith("did not reconnect within reconnectGraceMillis 3000"), left.detail());
            assertEquals(0, h.server.playerCount());
            assertEquals(0, h.server.awayCount());
            assertEquals(1, h.server.playersAway());
            assertEquals(1, h.server.playersLeft(DisconnectReason.TIMEOUT));
        }
    }

    @Test
    void aClientThatClosesLeavesAtOnceAndGraceZeroTurnsItOff() throws Exception {
        TestGame game = new TestGame(4, false);
        try (GameHarness h = harness(game, GRACE_MILLIS)) {
            TestClient c = h.connect();
            h.steps(10);
            c.net.disconnect();
            h.steps(10);
            assertEquals(1, game.left.size());
            assertEquals(DisconnectReason.CLOSED_BY_APPLICATION, game.left.get(0).reason());
            assertTrue(game.away.isEmpty());
        }
        TestGame off = new TestGame(4, false);
        try (GameHarness h = harness(off, 0)) {
            h.connect();
            h.steps(10);
            h.network.setConditions(NetworkConditions.PERFECT.withLossPercent(100));
            h.steps(60);
            assertTrue(off.away.isEmpty(), "grace 0: no away state");
            assertEquals(1, off.left.size());
            assertEquals(DisconnectReason.TIMEOUT, off.left.get(0).reason());
        }
    }

    @Test
    void aShutdownReleasesAwayPlayersWithServerShutdown() throws Exception {
        TestGame game = new TestGame(4, false);
        GameHarness h = harness(game, GRACE_MILLIS);
        h.connect();
        h.steps(10);
        h.network.setConditions(NetworkConditions.PERFECT.withLossPercent(100));
        h.steps(60);
        assertEquals(1, h.server.awayCount());
        h.server.requestShutdown("maintenance");
        for (int i = 0; i < 50 && !h.server.isClosed(); i++) {
            h.step();
        }
        assertTrue(h.server.isClosed());
        assertEquals(1, game.left.size());
        assertEquals(DisconnectReason.SERVER_SHUTDOWN, game.left.get(0).reason());
        h.close();
    }
}
