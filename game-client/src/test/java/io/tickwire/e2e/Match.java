package io.tickwire.e2e;

import io.tickwire.client.GameClient;
import io.tickwire.client.GameClientConfig;
import io.tickwire.net.ClientConfig;
import io.tickwire.net.InMemoryNetwork;
import io.tickwire.net.ServerConfig;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.sim.ManualClock;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.server.GameServer;
import io.tickwire.server.GameServerConfig;
import io.tickwire.server.TickLoopConfig;
import io.tickwire.server.TickLoopMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TopDown} match in one thread with time stepped by hand: a real {@link GameServer} and real
 * {@link GameClient}s over an in-memory network with seeded simulated latency, jitter and loss. The
 * server steps every {@link #STEP_NANOS}; each client renders a frame every 1/60 s.
 */
public final class Match implements AutoCloseable {
    public static final long STEP_NANOS = 2_000_000L;
    public static final long FRAME_NANOS = 1_000_000_000L / 60;

    public final ManualClock clock = new ManualClock(1_000_000_000L);
    public final InMemoryNetwork network;
    public final ArenaServerGame rules;
    public final GameServer server;
    public final List<GameClient> clients = new ArrayList<>();
    public final List<ArenaClientGame> games = new ArrayList<>();
    private final ConnectionConfig channels = GameChannels.builder().build();
    private long nextFrame;

    /** Per-frame observer, called after every client's update. */
    public interface Frame {
        void after(long nowNanos);
    }

    public Match(NetworkConditions conditions, long seed, int drones, long rewindWindowNanos, int snapshotHz,
            boolean record) throws Exception {
        network = new InMemoryNetwork(clock, conditions, seed);
        rules = new ArenaServerGame(drones, rewindWindowNanos, record);
        server = GameServer.start(GameServerConfig.builder()
                .server(ServerConfig.builder().inMemory(network).clock(clock).connection(channels)
                        .registry(TopDown.REGISTRY).schemaHash(TopDown.SCHEMA.hash()).build())
                .tickLoop(TickLoopConfig.builder().tickRateHz(TopDown.TICK_RATE).snapshotRateHz(snapshotHz)
                        .mode(TickLoopMode.INVOKER).build())
                .schema(TopDown.SCHEMA)
                .build(), rules);
        rules.attach(server);
        nextFrame = clock.nanoTime();
    }

    /** Connects a client playing {@code game}. */
    public GameClient join(ArenaClientGame game) {
        GameClient c = GameClient.connect(GameClientConfig.builder(
                ClientConfig.builder().inMemory(network).clock(clock).connection(channels)
                        .registry(TopDown.REGISTRY).schemaHash(TopDown.SCHEMA.hash()).build(),
                TopDown.SCHEMA)
                .interpolation(2)
                .prediction(2, 2)
                .build(), game);
        game.attach(c);
        clients.add(c);
        games.add(game);
        return c;
    }

    /** Runs {@code nanos} of match time. */
    public void run(long nanos, Frame frame) {
        long end = clock.nanoTime() + nanos;
        while (clock.nanoTime() < end) {
            long now = clock.advanceNanos(STEP_NANOS);
            server.step(now);
            if (now >= nextFrame) {
                nextFrame += FRAME_NANOS;
                for (GameClient c : clients) {
                    c.update(now);
                }
                if (frame != null) {
                    frame.after(now);
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
