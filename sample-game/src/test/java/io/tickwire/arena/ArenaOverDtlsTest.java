package io.tickwire.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.arena.bots.BotSwarm;
import io.tickwire.arena.client.ArenaClient;
import io.tickwire.arena.server.ArenaRulesConfig;
import io.tickwire.arena.server.ArenaServer;
import io.tickwire.arena.server.ScoreRow;
import io.tickwire.arena.sim.Arena;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.server.lagcomp.ShotStatus;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The arena played for real: an arena server ticking on its own thread behind DTLS on loopback, server
 * bots and headless bot clients that join, move, aim and shoot through prediction, interpolation and
 * lag compensation, in real time, through a whole 10-second match into the next.
 */
class ArenaOverDtlsTest {

    @Test
    void botClientsPlayAMatchOverDtlsStayConnectedAndAgreeWithTheServersScoreboard() throws Exception {
        ArenaRulesConfig rules = new ArenaRulesConfig("test arena", "swordfish", 8, 4, 10, 2, 7);
        try (ArenaServer server = ArenaServer.start(new InetSocketAddress("127.0.0.1", 0),
                ServerIdentity.generate("arena-test"), Arena.TICK_RATE, Arena.SNAPSHOT_RATE, rules);
             BotSwarm swarm = new BotSwarm("127.0.0.1", server.address().getPort(),
                     ServerTrust.pinned(server.fingerprint()), 4, "bot-client-", "swordfish", 11)) {
            long frame = 1_000_000_000L / 60;
            long start = System.nanoTime();
            long next = start;
            long deadline = start + 30_000_000_000L;
            // Play until every client has seen the end of the first match (10 s) and the next has begun.
            while (System.nanoTime() < deadline) {
                long now = System.nanoTime();
                swarm.update(now);
                if (swarm.games().stream().allMatch(g -> g.matchesOver() >= 1 && g.match() >= 2)) {
                    break;
                }
                next += frame;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            CompletableFuture<List<ScoreRow>> board = new CompletableFuture<>();
            long[] figures = new long[5];
            server.gameServer().post(n -> {
                figures[0] = server.rules().kills();
                figures[1] = server.rules().shotsFired();
                figures[2] = server.rules().shots(ShotStatus.HIT);
                figures[3] = server.rules().match();
                figures[4] = server.rules().humans();
                board.complete(server.rules().scoreboard());   // last: completing publishes the figures too
            });
            List<ScoreRow> rows = board.get(5, TimeUnit.SECONDS);
            System.out.printf("arena over DTLS: %.1f s, match %d, %d kills, %d shots (%d hits), %d humans; board %s%n",
                    (System.nanoTime() - start) / 1e9, figures[3], figures[0], figures[1], figures[2], figures[4], rows);

            assertNull(server.gameServer().failure());
            assertEquals(4, figures[4], "all four bot clients joined and stayed");
            assertEquals(8, rows.size(), "4 server bots + 4 bot clients on the board");
            assertTrue(figures[3] >= 2, "the first match ended and the next began");
            assertTrue(figures[0] > 0, "kills happened over the first match: " + figures[0]);
            for (ArenaClient g : swarm.games()) {
                assertTrue(g.isConnected() && g.isWelcomed(), g.playerName() + " connected and joined");
                assertTrue(g.matchesOver() >= 1, g.playerName() + " saw the match end");
                assertEquals(0, g.scoreMismatches(), g.playerName()
                        + "'s scoreboard, counted from events, equals the server's final one");
                assertEquals(8, g.rankingSize(), g.playerName() + " sees everyone on the board");
                assertTrue(g.gameClient().isPredicting(), g.playerName() + " predicts its player");
            }
            // Kills in the new match bring the dead back: everyone alive or waiting out the respawn time.
            assertTrue(swarm.games().get(0).viewCount() == 8, "every player is drawn");
        }
    }
}
