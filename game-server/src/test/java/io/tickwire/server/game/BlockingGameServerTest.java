package io.tickwire.server.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.ClientConfig;
import io.tickwire.net.InMemoryNetwork;
import io.tickwire.net.NanoClock;
import io.tickwire.net.NetClient;
import io.tickwire.net.ServerConfig;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.server.GameServer;
import io.tickwire.server.GameServerConfig;
import io.tickwire.server.ServerGame;
import io.tickwire.server.TickLoopConfig;
import io.tickwire.server.TickLoopMode;
import io.tickwire.server.WorldWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** BLOCKING mode: the server ticks on its own "tickwire-tick" thread on the real clock and close() shuts it down gracefully. */
class BlockingGameServerTest {

    @Test
    void aBlockingServerTicksOnItsOwnThreadAndClosesGracefully() throws Exception {
        InMemoryNetwork network = new InMemoryNetwork(NanoClock.SYSTEM, NetworkConditions.PERFECT, 1);
        AtomicInteger steps = new AtomicInteger();
        AtomicReference<String> thread = new AtomicReference<>();
        ServerGame game = new ServerGame() {
            @Override
            public void step(long tick) {
                steps.incrementAndGet();
                thread.set(Thread.currentThread().getName());
            }

            @Override
            public void writeWorld(long tick, WorldWriter world) {
                int i = world.add(1, 1, 10, 10);
                world.setFloat(i, 0, 10 + tick % 50);
            }
        };
        GameServer server = GameServer.start(GameServerConfig.builder()
                .server(ServerConfig.builder().inMemory(network).connection(GameHarness.CONNECTION)
                        .registry(GameHarness.REGISTRY).schemaHash(GameHarness.SCHEMA.hash()).build())
                .schema(GameHarness.SCHEMA)
                .tickLoop(TickLoopConfig.builder().tickRateHz(100).snapshotRateHz(50).mode(TickLoopMode.BLOCKING).build())
                .build(), game);
        TestClient c = new TestClient(0, null);
        c.verify = false;
        c.net = NetClient.connect(ClientConfig.builder().inMemory(network).connection(GameHarness.CONNECTION)
                .registry(GameHarness.REGISTRY).schemaHash(GameHarness.SCHEMA.hash()).build(), c);
        c.net.setRawHandler(GameChannels.SNAPSHOTS, c::onSnapshotFrame);
        try {
            assertThrows(IllegalStateException.class, () -> server.step(System.nanoTime()), "step is for INVOKER mode");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (c.decoded < 20 && System.nanoTime() < deadline) {
                c.net.poll(System.nanoTime());
                if (c.net.isConnected()) {
                    c.tick();
                }
                Thread.sleep(5);
            }
            assertTrue(c.decoded >= 20, "snapshots decoded: " + c.decoded);
            assertTrue(c.withBaseline > 0, "deltas against acked baselines");
            assertEquals(GameServer.TICK_THREAD_NAME, thread.get());
        } finally {
            server.close();
        }
        assertTrue(server.isClosed());
        assertNull(server.failure());
        int after = steps.get();
        Thread.sleep(50);
        assertEquals(after, steps.get(), "no tick after close");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (c.disconnectReason == null && System.nanoTime() < deadline) {
            c.net.poll(System.nanoTime());
            Thread.sleep(2);
        }
        assertEquals(DisconnectReason.SERVER_SHUTDOWN, c.disconnectReason);
        c.net.close();
    }
}
