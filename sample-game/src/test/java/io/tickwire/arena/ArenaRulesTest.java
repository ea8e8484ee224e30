package io.tickwire.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.arena.bots.BotInput;
import io.tickwire.arena.bots.BotSwarm;
import io.tickwire.arena.client.ArenaClient;
import io.tickwire.arena.client.ArenaInput;
import io.tickwire.arena.server.ArenaRulesConfig;
import io.tickwire.arena.server.ArenaServer;
import io.tickwire.arena.server.ArenaServerGame;
import io.tickwire.arena.server.ScoreRow;
import io.tickwire.arena.sim.Arena;
import io.tickwire.client.ClientGame;
import io.tickwire.client.GameClient;
import io.tickwire.net.InMemoryNetwork;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.replication.Snapshot;
import io.tickwire.net.sim.ManualClock;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.server.GameServer;
import io.tickwire.server.TickLoopMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The arena's rules with time stepped by hand: a real GameServer and real GameClients over the in-memory
 * network with simulated latency and loss. Who gets in and why not, bots making room, and whole matches
 * whose scoreboards agree on every client.
 */
class ArenaRulesTest {
    private static final long STEP = 2_000_000L;
    private static final long FRAME = 1_000_000_000L / 60;

    /** A server and its clients on one thread, on a manual clock. */
    private static final class Table implements AutoCloseable {
        final ManualClock clock = new ManualClock(1_000_000_000L);
        final InMemoryNetwork network;
        final ArenaServerGame rules;
        final GameServer server;
        final List<GameClient> clients = new ArrayList<>();
        long nextFrame;

        Table(ArenaRulesConfig config, NetworkConditions conditions, long seed) throws Exception {
            network = new InMemoryNetwork(clock, conditions, seed);
            rules = new ArenaServerGame(config);
            server = GameServer.start(ArenaServer.gameConfig(
                    ArenaServer.network().inMemory(network).clock(clock).admission(ArenaServer.admission(config))
                            .build(), Arena.SNAPSHOT_RATE,
                    TickLoopMode.INVOKER), rules);
            rules.attach(server);
            nextFrame = clock.nanoTime();
        }

        GameClient connect(ClientGame game) {
            return connect(game, null);
        }

        GameClient connect(ClientGame game, String password) {
            GameClient c = GameClient.connect(BotSwarm.config(BotSwarm.network().inMemory(network).clock(clock)
                    .password(password).build()), game);
            clients.add(c);
            return c;
        }

        ArenaClient join(String name, String password, ArenaInput input) {
            ArenaClient game = new ArenaClient(name, input);
            game.attach(connect(game, password));
            return game;
        }

        void run(long nanos, List<ArenaClient> games) {
            long end = clock.nanoTime() + nanos;
            while (clock.nanoTime() < end) {
                long now = clock.advanceNanos(STEP);
                server.step(now);
                if (now >= nextFrame) {
                    nextFrame += FRAME;
                    for (GameClient c : clients) {
                        if (!c.isClosed()) {
                            c.update(now);
                        }
                    }
                    for (ArenaClient g : games) {
                        g.refresh(now);
                    }
                }
            }
        }

        @Override
        public void close() {
            for (GameClient c : clients) {
                c.close();
            }
            server.close();
        }
    }

    private static final ArenaInput IDLE = new ArenaInput() {
        @Override
        public int buttons(ArenaClient client) {
            return 0;
        }

        @Override
        public float aim(ArenaClient client) {
            return 0;
        }
    };

    @Test
    void aWrongOrMissingPasswordIsRefusedWithTheReasonAndTheRightOneGetsIn() throws Exception {
        ArenaRulesConfig config = new ArenaRulesConfig("locked", "opensesame", 8, 0, 60, 5, 1);
        try (Table t = new Table(config, NetworkConditions.PERFECT, 1)) {
            ArenaClient wrong = t.join("mallory", "guess", IDLE);
            ArenaClient none = t.join("eve", null, IDLE);
            ArenaClient right = t.join("alice", "opensesame", IDLE);
            List<ArenaClient> all = List.of(wrong, none, right);
            t.run(2_000_000_000L, all);
            assertEquals(DisconnectReason.AUTHENTICATION_FAILED, wrong.disconnectReason());
            assertEquals("wrong password: ask the host for the server's password", wrong.disconnectDetail());
            assertTrue(!wrong.isConnected() && !wrong.isWelcomed(), "refused at admission, before any Join");
            assertEquals(DisconnectReason.AUTHENTICATION_FAILED, none.disconnectReason());
            assertEquals("this server needs a password: enter the one the host gave you", none.disconnectDetail());
            assertNull(right.disconnectReason());
            assertTrue(right.isWelcomed());
            assertEquals("locked", right.serverName());
            assertEquals(1, t.rules.humans());
        }
    }

    @Test
    void aClientThatNeverJoinsIsDroppedAfterTheDeadline() throws Exception {
        ArenaRulesConfig config = new ArenaRulesConfig("arena", null, 8, 0, 60, 5, 1);
        try (Table t = new Table(config, NetworkConditions.PERFECT, 2)) {
            DisconnectReason[] reason = new DisconnectReason[1];
            String[] detail = new String[1];
            t.connect(new ClientGame() {   // connects, but is not an arena client: no Join
                @Override
                public int sampleInput(long clientTick, byte[] dst) {
                    return 0;
                }

                @Override
                public void readInterpolated(Snapshot s, int index, float[] channels) {
                }

                @Override
                public void disconnected(DisconnectReason r, String d) {
                    reason[0] = r;
                    detail[0] = d;
                }
            });
            t.run((ArenaRulesConfig.JOIN_DEADLINE_SECONDS - 1) * 1_000_000_000L, List.of());
            assertNull(reason[0], "still within the deadline");
            t.run(2_000_000_000L, List.of());
            assertEquals(DisconnectReason.KICKED, reason[0]);
            assertTrue(detail[0].startsWith("no Join message within 5 s"), detail[0]);
            assertEquals(0, t.rules.humans());
        }
    }

    @Test
    void botsMakeRoomForHumansAndAFullArenaSaysSo() throws Exception {
        ArenaRulesConfig config = new ArenaRulesConfig("small", null, 3, 2, 60, 5, 3);
        try (Table t = new Table(config, NetworkConditions.PERFECT, 3)) {
            t.run(100_000_000L, List.of());
            assertEquals(2, t.rules.bots());
            ArenaClient a = t.join("a", null, IDLE);
            ArenaClient b = t.join("b", null, IDLE);
            t.run(1_000_000_000L, List.of(a, b));
            assertEquals(2, t.rules.humans());
            assertEquals(1, t.rules.bots(), "one bot gave its place to the second human");
            ArenaClient c = t.join("c", null, IDLE);
            t.run(1_000_000_000L, List.of(a, b, c));
            assertEquals(1, t.rules.humans() + t.rules.bots() - 2, "a bot gave way to the third human too");
            ArenaClient d = t.join("d", null, IDLE);
            t.run(1_000_000_000L, List.of(a, b, c, d));
            assertEquals(DisconnectReason.SERVER_FULL, d.disconnectReason());
            assertEquals("the arena is full: 3 of 3 players", d.disconnectDetail());
            assertEquals(3, a.rankingSize(), "a sees three players on the board");
            c.gameClient().close();
            t.run(1_000_000_000L, List.of(a, b));
            assertEquals(2, t.rules.humans());
            assertEquals(1, t.rules.bots(), "a bot came back into the free place");
            assertEquals(3, a.rankingSize());
        }
    }

    @Test
    void aMatchOverLossyLinksKillsAndRespawnsAndEveryClientsScoreboardAgrees() throws Exception {
        ArenaRulesConfig config = new ArenaRulesConfig("lossy", null, 8, 4, 20, 3, 4);
        NetworkConditions lossy = NetworkConditions.PERFECT.withLatencyMillis(50).withJitterMillis(10)
                .withLossPercent(5);
        try (Table t = new Table(config, lossy, 4)) {
            List<ArenaClient> games = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                games.add(t.join("p" + i, null, new BotInput(100 + i)));
            }
            List<ScoreRow> finalBoard = new ArrayList<>();
            long[] respawns = new long[1];
            boolean[] wasDead = new boolean[ArenaClient.MAX_ENTITY + 1];
            // Until every client has applied the end of the match (20 s, plus the link's delay), before
            // the next one starts (3 s later) and zeroes the board.
            long end = t.clock.nanoTime() + 22_500_000_000L;
            while (t.clock.nanoTime() < end && !games.stream().allMatch(g -> g.matchesOver() == 1)) {
                t.run(FRAME, games);
                ArenaClient g = games.get(0);
                for (int i = 0; i < g.viewCount(); i++) {
                    int id = g.viewId(i);
                    if (!g.viewAlive(i)) {
                        wasDead[id] = true;
                    } else if (wasDead[id]) {
                        wasDead[id] = false;
                        respawns[0]++;
                    }
                }
                if (finalBoard.isEmpty() && t.rules.inIntermission()) {
                    finalBoard.addAll(t.rules.scoreboard());
                }
            }
            int kills = finalBoard.stream().mapToInt(ScoreRow::kills).sum();
            int deaths = finalBoard.stream().mapToInt(ScoreRow::deaths).sum();
            System.out.printf("lossy match: %d kills, %d respawns seen by p0, board %s%n", kills, respawns[0], finalBoard);
            assertEquals(8, finalBoard.size());
            assertTrue(kills >= 3, "kills in a 20 s match of 8: " + kills);
            assertEquals(kills, deaths, "every kill is somebody's death");
            assertTrue(respawns[0] >= 1, "the dead came back");
            for (ArenaClient g : games) {
                assertNull(g.disconnectReason(), g.playerName() + " stayed");
                assertEquals(1, g.matchesOver(), g.playerName() + " saw the match end");
                assertEquals(0, g.scoreMismatches(), g.playerName() + " counted the same scoreboard as the server");
                for (ScoreRow r : finalBoard) {
                    assertEquals(r.kills(), g.kills(r.entityId()), g.playerName() + ": kills of " + r.name());
                    assertEquals(r.deaths(), g.deaths(r.entityId()), g.playerName() + ": deaths of " + r.name());
                }
            }
        }
    }
}
