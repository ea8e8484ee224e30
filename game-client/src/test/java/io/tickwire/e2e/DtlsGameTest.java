package io.tickwire.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.client.GameClient;
import io.tickwire.client.GameClientConfig;
import io.tickwire.client.NetGraph;
import io.tickwire.net.ClientConfig;
import io.tickwire.net.ServerConfig;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.server.GamePlayer;
import io.tickwire.server.GameServer;
import io.tickwire.server.GameServerConfig;
import io.tickwire.server.TickLoopConfig;
import io.tickwire.server.TickLoopMode;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same game over the real thing: a GameServer ticking on its own thread behind a DTLS endpoint on
 * loopback, and GameClients that pin its certificate and run at 60 frames a second in real time.
 */
class DtlsGameTest {

    @Test
    void playersOverDtlsOnLoopbackGetSnapshotsAndEveryPredictionMatchesTheServer() throws Exception {
        ConnectionConfig channels = GameChannels.builder().build();
        ArenaServerGame rules = new ArenaServerGame(2, 500_000_000L, true);
        GameServer server = GameServer.start(GameServerConfig.builder()
                .server(ServerConfig.builder()
                        .dtls(new InetSocketAddress("127.0.0.1", 0), ServerIdentity.generate("tickwire-test"))
                        .connection(channels).registry(TopDown.REGISTRY).schemaHash(TopDown.SCHEMA.hash()).build())
                .tickLoop(TickLoopConfig.builder().tickRateHz(TopDown.TICK_RATE).snapshotRateHz(30)
                        .mode(TickLoopMode.BLOCKING).build())
                .schema(TopDown.SCHEMA)
                .build(), rules);
        rules.attach(server);
        List<GameClient> clients = new ArrayList<>();
        List<ArenaClientGame> games = new ArrayList<>();
        Map<Integer, ArenaServerGame.Player> byEntity = new HashMap<>();
        try {
            int port = server.net().localAddress().getPort();
            for (int i = 0; i < 2; i++) {
                ArenaClientGame game = new ArenaClientGame(40 + i, true, 0, 15, true);
                GameClient c = GameClient.connect(GameClientConfig.builder(
                        ClientConfig.builder().server("127.0.0.1", port, ServerTrust.pinned(server.net().fingerprint()))
                                .connection(channels).registry(TopDown.REGISTRY).schemaHash(TopDown.SCHEMA.hash()).build(),
                        TopDown.SCHEMA).interpolation(2).prediction(2, 2).build(), game);
                game.attach(c);
                clients.add(c);
                games.add(game);
            }
            long frame = 1_000_000_000L / 60;
            long next = System.nanoTime();
            long end = next + 4_000_000_000L;
            while (System.nanoTime() < end) {
                long now = System.nanoTime();
                for (GameClient c : clients) {
                    c.update(now);
                }
                next += frame;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            for (GameClient c : clients) {
                assertTrue(c.isConnected(), "still connected");
                assertTrue(c.localEntity() >= ArenaServerGame.FIRST_PLAYER_ENTITY, "welcome arrived");
            }
            // Read the server's records on its own thread, as everything of the game's.
            java.util.concurrent.CompletableFuture<Void> copied = new java.util.concurrent.CompletableFuture<>();
            server.post(n -> {
                for (GamePlayer p : server.players()) {
                    ArenaServerGame.Player pl = rules.player(p);
                    byEntity.put(pl.entityId, pl);
                }
                copied.complete(null);
            });
            copied.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            for (GameClient c : clients) {
                c.close();
            }
            server.close();
        }
        assertNull(server.failure());
        assertEquals(0, server.protocolDrops());
        for (int i = 0; i < clients.size(); i++) {
            NetGraph g = clients.get(i).netGraph();
            ArenaServerGame.Player p = byEntity.get(clients.get(i).localEntity());
            int compared = 0;
            int equal = 0;
            for (long t : p.appliedTicks) {
                float[] pred = games.get(i).predictedAt.get(t);
                float[] auth = p.stateAfter.get(t);
                if (pred != null && auth != null) {
                    compared++;
                    if (pred[0] == auth[0] && pred[1] == auth[1]) {
                        equal++;
                    }
                }
            }
            System.out.printf("DTLS client %d: %d snapshots (%d deltas), %d inputs applied, %d repeated; %d of %d "
                    + "predictions exact; rtt %.2f ms, in %.1f kbps, out %.1f kbps%n", i, g.snapshotsDecoded(),
                    g.snapshotsDeltaDecoded(), p.appliedTicks.size(), p.repeatedApplied, equal, compared,
                    g.rttMillis(), g.kbpsIn(), g.kbpsOut());
            assertTrue(g.snapshotsDecoded() > 60, "snapshots decoded: " + g.snapshotsDecoded());
            assertTrue(g.snapshotsDeltaDecoded() > g.snapshotsDecoded() / 2, "mostly deltas");
            assertTrue(p.appliedTicks.size() > 120, "inputs applied: " + p.appliedTicks.size());
            assertTrue(compared > 100, "predictions compared: " + compared);
            assertTrue(equal >= compared * 95 / 100, equal + " of " + compared + " predictions exact");
        }
    }
}
