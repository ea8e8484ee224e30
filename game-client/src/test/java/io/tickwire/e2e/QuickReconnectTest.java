package io.tickwire.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.client.ConnectionStatus;
import io.tickwire.client.GameClient;
import io.tickwire.client.GameClientConfig;
import io.tickwire.client.ReconnectPolicy;
import io.tickwire.net.ClientConfig;
import io.tickwire.net.InMemoryNetwork;
import io.tickwire.net.ServerConfig;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.sim.ManualClock;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.server.GamePlayer;
import io.tickwire.server.GameServer;
import io.tickwire.server.GameServerConfig;
import io.tickwire.server.TickLoopConfig;
import io.tickwire.server.TickLoopMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Quick reconnect end to end, in memory with time stepped by hand (deterministic): a real GameServer
 * with a reconnect grace and real GameClients that reconnect with seeded backoff.
 */
@Timeout(60)
class QuickReconnectTest {

    static final long STEP_NANOS = 2_000_000L;
    static final long FRAME_NANOS = 1_000_000_000L / 60;
    static final int GRACE_MILLIS = 8_000;
    /** One-second timeouts (connection and connect exchange) so an outage shows within the test's seconds. */
    static final ConnectionConfig CHANNELS = GameChannels.builder().connectionTimeoutNanos(1_000_000_000L)
            .connectTimeoutNanos(1_000_000_000L).build();

    /** The server game plus what it saw of players coming and going. */
    static final class Rules implements io.tickwire.server.ServerGame {
        final ArenaServerGame arena = new ArenaServerGame(0, 500_000_000L, false);
        final List<String> log = new ArrayList<>();

        @Override
        public void playerJoined(GamePlayer p) {
            log.add("joined " + p.id());
            arena.playerJoined(p);
        }

        @Override
        public void playerAway(GamePlayer p, DisconnectReason reason, String detail) {
            log.add("away " + p.id() + " " + reason);
        }

        @Override
        public void playerBack(GamePlayer p) {
            log.add("back " + p.id());
        }

        @Override
        public void playerLeft(GamePlayer p, DisconnectReason reason, String detail) {
            log.add("left " + p.id() + " " + reason);
            arena.playerLeft(p, reason, detail);
        }

        @Override
        public void applyInput(GamePlayer p, io.tickwire.server.InputRecord input) {
            arena.applyInput(p, input);
        }

        @Override
        public void step(long tick) {
            arena.step(tick);
        }

        @Override
        public void writeWorld(long tick, io.tickwire.server.WorldWriter world) {
            arena.writeWorld(tick, world);
        }
    }

    final ManualClock clock = new ManualClock(1_000_000_000L);
    final InMemoryNetwork network = new InMemoryNetwork(clock, NetworkConditions.PERFECT, 11);
    final Rules rules = new Rules();
    GameServer server;
    final List<GameClient> clients = new ArrayList<>();
    final List<io.tickwire.net.NetClient> raw = new ArrayList<>();
    long nextFrame = clock.nanoTime();

    QuickReconnectTest() throws Exception {
        server = startServer(false);
    }

    /** The game server; with {@code simulateServer} what it sends goes through a (perfect until changed) simulator. */
    private GameServer startServer(boolean simulateServer) throws Exception {
        ServerConfig.Builder net = ServerConfig.builder().inMemory(network).clock(clock).connection(CHANNELS)
                .registry(TopDown.REGISTRY).schemaHash(TopDown.SCHEMA.hash());
        if (simulateServer) {
            net.simulate(NetworkConditions.PERFECT, 13);
        }
        GameServer s = GameServer.start(GameServerConfig.builder()
                .server(net.build())
                .tickLoop(TickLoopConfig.builder().tickRateHz(TopDown.TICK_RATE).snapshotRateHz(30)
                        .mode(TickLoopMode.INVOKER).build())
                .schema(TopDown.SCHEMA)
                .reconnectGraceMillis(GRACE_MILLIS)
                .build(), rules);
        rules.arena.attach(s);
        return s;
    }

    GameClient join(ArenaClientGame game, ReconnectPolicy policy) {
        GameClient c = GameClient.connect(GameClientConfig.builder(
                ClientConfig.builder().inMemory(network).clock(clock).connection(CHANNELS)
                        .registry(TopDown.REGISTRY).schemaHash(TopDown.SCHEMA.hash()).build(), TopDown.SCHEMA)
                .interpolation(2).prediction(2, 2).reconnect(policy).build(), game);
        game.attach(c);
        clients.add(c);
        return c;
    }

    void run(long millis) {
        long end = clock.nanoTime() + millis * 1_000_000L;
        while (clock.nanoTime() < end) {
            long now = clock.advanceNanos(STEP_NANOS);
            server.step(now);
            if (now >= nextFrame) {
                nextFrame += FRAME_NANOS;
                for (GameClient c : clients) {
                    c.update(now);
                }
                for (io.tickwire.net.NetClient n : raw) {
                    n.poll(now);
                }
            }
        }
    }

    ClientConfig netConfig() {
        return ClientConfig.builder().inMemory(network).clock(clock).connection(CHANNELS)
                .registry(TopDown.REGISTRY).schemaHash(TopDown.SCHEMA.hash()).build();
    }

    /** A bare client presenting {@code ticket}; returns what it was told when it ended. */
    String present(byte[] ticket) {
        String[] told = new String[1];
        io.tickwire.net.NetClient n = io.tickwire.net.NetClient.connect(netConfig(), new io.tickwire.net.NetListener() {
            @Override
            public void disconnected(io.tickwire.net.NetPeer peer, DisconnectReason reason, String detail) {
                told[0] = reason + ": " + detail;
            }
        }, null, io.tickwire.net.protocol.CredentialKind.RESUME, ticket);
        raw.add(n);
        run(300);
        raw.remove(n);
        n.close();
        return told[0];
    }

    static byte[] ticketOf(GameClient c) {
        return c.net().server().acceptedCredential();
    }

    void close() {
        for (GameClient c : clients) {
            c.close();
        }
        for (io.tickwire.net.NetClient n : raw) {
            n.close();
        }
        server.close();
    }

    @Test
    void aClientCutOffForThreeSecondsReconnectsWithBackoff() {
        ArenaClientGame game = new ArenaClientGame(3, true, -1, 15, false);
        GameClient c = join(game, new ReconnectPolicy(250, 2_000, GRACE_MILLIS, 0.25, 99));
        try {
            run(1_000);
            assertTrue(c.isConnected());
            int entity = c.localEntity();
            assertTrue(entity >= ArenaServerGame.FIRST_PLAYER_ENTITY);

            long cut = clock.nanoTime();
            network.setConditions(NetworkConditions.PERFECT.withLossPercent(100));
            run(1_500);
            assertEquals(ConnectionStatus.RECONNECTING, c.connectionStatus(), game.log.toString());
            assertTrue(c.update(clock.nanoTime()), "update keeps returning true while reconnecting");
            run(1_500);
            network.setConditions(NetworkConditions.PERFECT);
            for (int i = 0; i < 300 && c.connectionStatus() != ConnectionStatus.CONNECTED; i++) {
                run(10);
            }
            assertEquals(ConnectionStatus.CONNECTED, c.connectionStatus(), game.log.toString());
            long back = clock.nanoTime();
            run(1_000);
            assertTrue(c.isPredicting(), "prediction restarted from the new connection's snapshots");
            assertEquals(1, c.reconnects());
            assertTrue(c.reconnectAttempt() >= 2, "backed off over several attempts: " + game.log);
            assertTrue(game.log.get(0).startsWith("reconnecting 1 TIMEOUT"), game.log.toString());
            assertEquals("reconnected", game.log.get(game.log.size() - 1));
            assertEquals(List.of("joined 1", "away 1 TIMEOUT", "back 1"), rules.log, "away and back, not left and joined");
            assertEquals(entity, c.localEntity(), "the same entity");
            GamePlayer p = server.player(1);
            assertEquals(1, p.reconnects());
            assertTrue(p.isConnected());
            assertTrue(p.inputsApplied() > 30, "inputs applied again on the new connection: " + p.inputsApplied());
            assertTrue(c.hasResumeTicket(), "a fresh ticket came with the new ACCEPT");
            System.out.printf("in-memory reconnect after a 3 s outage: connected again %.0f ms after the cut, "
                    + "%.0f ms after the loss was noticed, %d attempts%n",
                    (double) (back - cut) / 1e6, c.lastReconnectNanos() / 1e6, c.reconnectAttempt());
        } finally {
            close();
        }
    }

    @Test
    void ticketsAreSingleUseAndEveryRefusalIsNamed() {
        ArenaClientGame game = new ArenaClientGame(6, false, -1, 15, false);
        GameClient c = join(game, new ReconnectPolicy(250, 2_000, GRACE_MILLIS, 0.25, 7));
        ArenaClientGame leaver = new ArenaClientGame(8, false, -1, 15, false);
        GameClient gone = join(leaver, ReconnectPolicy.DEFAULTS);
        try {
            run(500);
            byte[] first = ticketOf(c);
            assertEquals(16, first.length);
            byte[] goneTicket = ticketOf(gone);
            gone.close();
            network.setConditions(NetworkConditions.PERFECT.withLossPercent(100));
            run(2_000);
            network.setConditions(NetworkConditions.PERFECT);
            run(1_500);
            assertEquals(ConnectionStatus.CONNECTED, c.connectionStatus(), game.log.toString());
            byte[] second = ticketOf(c);
            assertFalse(java.util.Arrays.equals(first, second), "rotated on resume");

            assertEquals("AUTHENTICATION_FAILED: resume ticket refused (USED): the resume ticket was already used; "
                    + "each ticket resumes once", present(first), "a copy of a used ticket");
            assertEquals("AUTHENTICATION_FAILED: resume ticket refused (UNKNOWN): the resume ticket is unknown to this "
                    + "server (it may have restarted); join again", present(new byte[16]));
            assertEquals("AUTHENTICATION_FAILED: resume ticket refused (EXPIRED): the player of this resume ticket "
                    + "already left: its reconnect grace ran out", present(goneTicket));
            assertEquals("AUTHENTICATION_FAILED: resume ticket refused (MALFORMED): the resume ticket must be 16 bytes",
                    present(new byte[3]));
            assertEquals(1, server.resumeRefusals(io.tickwire.server.ResumeVerdict.USED));
            assertEquals(1, server.playersBack());
            assertTrue(c.isConnected(), "the owner is undisturbed");
            assertEquals(1, server.playerCount(), "the leaver is gone, nobody else joined");
        } finally {
            close();
        }
    }

    @Test
    void aClientThatNoticesTheLossFirstTakesItsPlayerOverFromTheOldConnection() throws Exception {
        server.close();
        server = startServer(true);
        ArenaClientGame game = new ArenaClientGame(9, true, -1, 15, false);
        GameClient c = join(game, new ReconnectPolicy(250, 2_000, GRACE_MILLIS, 0.25, 3));
        try {
            run(1_000);
            int entity = c.localEntity();
            // Only the server's direction dies: the client times out (1 s) while the server still hears
            // it; the client's DISCONNECT copies are lost too, so the server learns nothing.
            server.net().setSimulatedConditions(NetworkConditions.PERFECT.withLossPercent(100));
            run(900);
            network.setConditions(NetworkConditions.PERFECT.withLossPercent(100));
            for (int i = 0; i < 30 && c.connectionStatus() != ConnectionStatus.RECONNECTING; i++) {
                run(10);
            }
            assertEquals(ConnectionStatus.RECONNECTING, c.connectionStatus());
            run(150);
            network.setConditions(NetworkConditions.PERFECT);
            server.net().setSimulatedConditions(NetworkConditions.PERFECT);
            run(600);
            assertEquals(ConnectionStatus.CONNECTED, c.connectionStatus(), game.log.toString());
            assertEquals(List.of("joined 1", "back 1"), rules.log, "never away: the new connection took over");
            assertEquals(entity, c.localEntity());
            assertEquals(1, server.playerCount());
            run(2_000);
            assertEquals(List.of("joined 1", "back 1"), rules.log, "the replaced connection's end is not a leave");
        } finally {
            close();
        }
    }

    @Test
    void finalReasonsDoNotReconnect() {
        ArenaClientGame kicked = new ArenaClientGame(4, false, -1, 15, false);
        GameClient c = join(kicked, ReconnectPolicy.DEFAULTS);
        try {
            run(500);
            assertTrue(c.isConnected());
            server.post(n -> server.player(1).disconnect(DisconnectReason.KICKED, "bye"));
            run(500);
            assertEquals(ConnectionStatus.DISCONNECTED, c.connectionStatus());
            assertEquals(List.of("disconnected KICKED bye"), kicked.log);
            assertFalse(c.update(clock.nanoTime()));
            assertEquals(List.of("joined 1", "left 1 KICKED"), rules.log);
        } finally {
            close();
        }
        for (DisconnectReason r : DisconnectReason.values()) {
            boolean retry = r == DisconnectReason.TIMEOUT || r == DisconnectReason.TRANSPORT_FAILED
                    || r == DisconnectReason.DTLS_ALERT || r == DisconnectReason.HANDSHAKE_TIMEOUT;
            assertEquals(retry, ReconnectPolicy.retries(r), r.toString());
        }
    }

    @Test
    void aClientThatCannotComeBackGivesUpAfterItsGiveUpTime() {
        ArenaClientGame game = new ArenaClientGame(5, false, -1, 15, false);
        GameClient c = join(game, new ReconnectPolicy(250, 1_000, 3_000, 0, 1));
        try {
            run(500);
            network.setConditions(NetworkConditions.PERFECT.withLossPercent(100));
            run(6_000);
            assertEquals(ConnectionStatus.DISCONNECTED, c.connectionStatus(), game.log.toString());
            String last = game.log.get(game.log.size() - 1);
            assertTrue(last.startsWith("disconnected TIMEOUT") && last.contains("gave up reconnecting after"), last);
            // Jitter 0, attempts that fail after the 1 s connect timeout: attempt 1 at +250 ms fails at
            // +1250, attempt 2 at +1750 fails at +2750; a third would start at +3750, past the 3 s give-up.
            assertEquals(List.of("reconnecting 1 TIMEOUT", "reconnecting 2 TIMEOUT"), game.log.subList(0, 2));
            assertEquals(3, game.log.size(), game.log.toString());
        } finally {
            close();
        }
    }
}
