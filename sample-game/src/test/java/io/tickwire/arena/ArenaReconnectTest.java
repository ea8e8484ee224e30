package io.tickwire.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.arena.bots.BotSwarm;
import io.tickwire.arena.client.ArenaClient;
import io.tickwire.arena.server.ArenaRulesConfig;
import io.tickwire.arena.server.ArenaServer;
import io.tickwire.arena.sim.Arena;
import io.tickwire.client.ConnectionStatus;
import io.tickwire.client.GameClient;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.sim.NetworkConditions;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The arena's quick reconnect over DTLS on loopback, in real time: a bot client whose packets stop
 * reaching the server is timed out (the arena's 10 s connection timeout), shows as reconnecting,
 * comes back on its own and gets its same plane (entity, name) back; the server counted it away and
 * back, never gone.
 */
@Timeout(90)
class ArenaReconnectTest {

    private static boolean frames(BotSwarm swarm, long maxMillis, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + maxMillis * 1_000_000L;
        while (System.nanoTime() < end) {
            swarm.update(System.nanoTime());
            if (done.getAsBoolean()) {
                return true;
            }
            Thread.sleep(16);
        }
        return false;
    }

    @Test
    void aBotWhoseLinkDiesReconnectsToItsOwnPlane() throws Exception {
        ArenaRulesConfig rules = new ArenaRulesConfig("reconnect arena", "swordfish", 8, 2, 120, 2, 7);
        try (ArenaServer server = ArenaServer.start(new InetSocketAddress("127.0.0.1", 0),
                ServerIdentity.generate("arena-reconnect-test"), Arena.TICK_RATE, Arena.SNAPSHOT_RATE, rules);
             BotSwarm swarm = new BotSwarm("127.0.0.1", server.address().getPort(),
                     ServerTrust.pinned(server.fingerprint()), 1, "bot-", 5,
                     i -> net -> net.password("swordfish").simulate(NetworkConditions.PERFECT, 17))) {
            ArenaClient bot = swarm.games().get(0);
            GameClient client = swarm.clients().get(0);
            assertTrue(frames(swarm, 10_000, () -> bot.isWelcomed() && client.localEntity() >= 0), "joined");
            int entity = client.localEntity();

            client.net().setSimulatedConditions(NetworkConditions.PERFECT.withLossPercent(100));
            assertTrue(frames(swarm, 20_000, bot::isReconnecting), "the lost connection shows as reconnecting");
            assertTrue(frames(swarm, 20_000, () -> client.connectionStatus() == ConnectionStatus.CONNECTED
                    && bot.isWelcomed()), "back");

            assertEquals(entity, client.localEntity(), "the same plane");
            CompletableFuture<long[]> figures = new CompletableFuture<>();
            server.gameServer().post(n -> figures.complete(new long[] {server.rules().humans(),
                    server.gameServer().playersAway(), server.gameServer().playersBack(),
                    server.gameServer().playersJoined()}));
            long[] f = figures.get(5, TimeUnit.SECONDS);
            assertEquals(1, f[0], "one human, never two");
            assertEquals(1, f[1], "counted away once");
            assertEquals(1, f[2], "and back once");
            assertEquals(1, f[3], "joined once");
            assertTrue(frames(swarm, 3_000, () -> client.isPredicting()), "predicting its plane again");
            System.out.printf("arena reconnect: back %.0f ms after the loss was noticed (%d attempts)%n",
                    client.lastReconnectNanos() / 1e6, client.reconnectAttempt());
        }
    }
}
