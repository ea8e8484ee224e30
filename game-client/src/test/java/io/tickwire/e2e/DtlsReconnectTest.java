package io.tickwire.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.client.ConnectionStatus;
import io.tickwire.client.GameClient;
import io.tickwire.client.GameClientConfig;
import io.tickwire.client.ReconnectPolicy;
import io.tickwire.net.ClientConfig;
import io.tickwire.net.ServerConfig;
import io.tickwire.net.dtls.DtlsConfig;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.server.GameServer;
import io.tickwire.server.GameServerConfig;
import io.tickwire.server.TickLoopConfig;
import io.tickwire.server.TickLoopMode;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Quick reconnect over real DTLS on loopback, in real time (bounded): a client whose connection
 * times out comes back on a resumed DTLS session (the server counts it) to its same player; a client
 * whose server crashes and is restarted on the same port with the same identity reconnects with a
 * full handshake within its give-up time: the new server refuses the resume ticket as UNKNOWN and the
 * client joins again with its original credential (the server's password).
 */
@Timeout(60)
class DtlsReconnectTest {

    private static final long TIMEOUT_NANOS = 1_000_000_000L;
    private static final ConnectionConfig CHANNELS = GameChannels.builder().connectionTimeoutNanos(TIMEOUT_NANOS).build();
    private static final ServerIdentity IDENTITY = ServerIdentity.generate("tickwire-reconnect-test");
    private static final String PASSWORD = "lan party";
    private static final ReconnectPolicy POLICY = new ReconnectPolicy(100, 1_000, 15_000, 0.25, 42);

    private static GameServer server(int port, ArenaServerGame rules, boolean simulate) throws Exception {
        ServerConfig.Builder net = ServerConfig.builder()
                .dtls(new InetSocketAddress("127.0.0.1", port), IDENTITY)
                .connection(CHANNELS).registry(TopDown.REGISTRY).schemaHash(TopDown.SCHEMA.hash())
                .admission(io.tickwire.net.admission.Admission.password(PASSWORD));
        if (simulate) {
            net.simulate(NetworkConditions.PERFECT, 3);
        }
        GameServer s = GameServer.start(GameServerConfig.builder()
                .server(net.build())
                .tickLoop(TickLoopConfig.builder().tickRateHz(TopDown.TICK_RATE).snapshotRateHz(30)
                        .mode(TickLoopMode.BLOCKING).build())
                .schema(TopDown.SCHEMA)
                .reconnectGraceMillis(10_000)
                .build(), rules);
        rules.attach(s);
        return s;
    }

    private static GameClient client(int port, ArenaClientGame game, boolean simulate) {
        ClientConfig.Builder net = ClientConfig.builder()
                .server("127.0.0.1", port, ServerTrust.pinned(IDENTITY.fingerprint()))
                .dtlsConfig(new DtlsConfig(2_000, 250)).password(PASSWORD)
                .connection(CHANNELS).registry(TopDown.REGISTRY).schemaHash(TopDown.SCHEMA.hash());
        if (simulate) {
            net.simulate(NetworkConditions.PERFECT, 5);
        }
        GameClient c = GameClient.connect(GameClientConfig.builder(net.build(), TopDown.SCHEMA)
                .interpolation(2).prediction(2, 2).reconnect(POLICY).build(), game);
        game.attach(c);
        return c;
    }

    /** Renders frames at 60 Hz in real time until {@code done} or {@code maxMillis}; returns whether it was done. */
    private static boolean frames(GameClient c, long maxMillis, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + maxMillis * 1_000_000L;
        while (System.nanoTime() < end) {
            c.update(System.nanoTime());
            if (done.getAsBoolean()) {
                return true;
            }
            Thread.sleep(16);
        }
        return false;
    }

    private static <T> T onTick(GameServer s, java.util.function.Supplier<T> read) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        s.post(n -> f.complete(read.get()));
        return f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aTimedOutClientComesBackOnAResumedDtlsSession() throws Exception {
        ArenaServerGame rules = new ArenaServerGame(0, 500_000_000L, false);
        GameServer server = server(0, rules, false);
        ArenaClientGame game = new ArenaClientGame(7, true, -1, 15, false);
        GameClient c = client(server.net().localAddress().getPort(), game, true);
        try {
            assertTrue(frames(c, 10_000, () -> c.isConnected() && c.localEntity() >= 0), "connected");
            assertEquals(0, server.net().endpointStats().handshakesResumed());
            // Everything the client sends is lost: the server times it out (and tells it so).
            c.net().setSimulatedConditions(NetworkConditions.PERFECT.withLossPercent(100));
            assertTrue(frames(c, 10_000, () -> c.connectionStatus() == ConnectionStatus.RECONNECTING), game.log.toString());
            assertTrue(frames(c, 10_000, () -> c.connectionStatus() == ConnectionStatus.CONNECTED), game.log.toString());
            assertEquals(1, server.net().endpointStats().handshakesResumed(), "the reconnect resumed the DTLS session");
            assertTrue(c.net().sessionResumed());
            assertEquals(1, c.reconnects());
            assertEquals(0, c.ticketRefusals());
            assertEquals(1, (int) onTick(server, () -> server.player(1).reconnects()), "the same player is back");
            assertEquals(1, (int) onTick(server, server::playerCount));
            System.out.printf("DTLS reconnect after a connection timeout of %d ms: back %.0f ms after the loss%n",
                    TIMEOUT_NANOS / 1_000_000, c.lastReconnectNanos() / 1e6);
        } finally {
            c.close();
            server.close();
        }
    }

    @Test
    void aClientReconnectsToARestartedServerOnTheSamePortWithAFullHandshake() throws Exception {
        ArenaServerGame rulesA = new ArenaServerGame(0, 500_000_000L, false);
        GameServer a = server(0, rulesA, true);
        int port = a.net().localAddress().getPort();
        ArenaClientGame game = new ArenaClientGame(7, true, -1, 15, false);
        GameClient c = client(port, game, false);
        GameServer b = null;
        try {
            assertTrue(frames(c, 10_000, () -> c.isConnected() && c.localEntity() >= 0), "connected");
            // A crash: the server goes silent (nothing it sends arrives), then its process is gone.
            a.net().setSimulatedConditions(NetworkConditions.PERFECT.withLossPercent(100));
            assertTrue(frames(c, 10_000, () -> c.connectionStatus() == ConnectionStatus.RECONNECTING), game.log.toString());
            a.close();
            ArenaServerGame rulesB = new ArenaServerGame(0, 500_000_000L, false);
            b = server(port, rulesB, false);
            GameServer restarted = b;
            assertTrue(frames(c, POLICY.giveUpMillis(), () -> c.connectionStatus() == ConnectionStatus.CONNECTED
                    && c.localEntity() >= 0), game.log.toString());
            assertEquals(0, restarted.net().endpointStats().handshakesResumed(), "a new server holds no session");
            assertEquals(1, (int) onTick(restarted, restarted::playerCount));
            assertEquals(1, c.ticketRefusals(), "the new server did not know the ticket: " + game.log);
            assertEquals(1L, (long) onTick(restarted, () -> restarted.resumeRefusals(io.tickwire.server.ResumeVerdict.UNKNOWN)));
            assertTrue(c.hasResumeTicket(), "and gave a fresh one with the new player");
            System.out.printf("DTLS reconnect to a restarted server: back %.0f ms after the loss, %d attempts%n",
                    c.lastReconnectNanos() / 1e6, c.reconnectAttempt());
        } finally {
            c.close();
            a.close();
            if (b != null) {
                b.close();
            }
        }
    }
}
