package io.tickwire.server.game;

import io.tickwire.net.ClientConfig;
import io.tickwire.net.InMemoryNetwork;
import io.tickwire.net.NetClient;
import io.tickwire.net.ServerConfig;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.replication.FieldSpec;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.replication.ReplicationSchema;
import io.tickwire.net.serial.MessageRegistry;
import io.tickwire.net.sim.ManualClock;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.server.GameServer;
import io.tickwire.server.GameServerConfig;
import io.tickwire.server.TickLoopConfig;
import io.tickwire.server.replication.InterestPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Test bench: a {@link GameServer} running a {@link TestGame} in INVOKER mode and hand-written
 * {@link TestClient}s over one {@link InMemoryNetwork}, time stepped by hand one tick (20 ms) at a time.
 */
final class GameHarness implements AutoCloseable {
    static final int TICK_HZ = 50;
    static final int SNAPSHOT_HZ = 25;
    static final long TICK_NANOS = 1_000_000_000L / TICK_HZ;
    static final ReplicationSchema SCHEMA = ReplicationSchema.builder()
            .entityIdBits(8)
            .type(1, "ball", FieldSpec.quantizedFloat("x", 0, 200, 0.01f), FieldSpec.quantizedFloat("y", 0, 200, 0.01f),
                    FieldSpec.uint("hp", 7))
            .build();
    static final MessageRegistry REGISTRY = MessageRegistry.builder().register(Boom.class, 16).build();
    static final ConnectionConfig CONNECTION = GameChannels.builder().build();

    /** A game event. */
    public static final class Boom {
        public long tick;
        public int n;

        public Boom() {
        }

        Boom(long tick, int n) {
            this.tick = tick;
            this.n = n;
        }
    }

    final ManualClock clock = new ManualClock(1_000_000_000L);
    final InMemoryNetwork network;
    final TestGame game;
    final GameServer server;
    final InterestPolicy interest;
    final List<TestClient> clients = new ArrayList<>();
    final ConnectionConfig connection;

    GameHarness(NetworkConditions conditions, long seed, InterestPolicy interest, TestGame game) throws IOException {
        this(conditions, seed, interest, game, GameServerConfig.DEFAULT_SNAPSHOT_BYTE_BUDGET);
    }

    GameHarness(NetworkConditions conditions, long seed, InterestPolicy interest, TestGame game, int budget)
            throws IOException {
        this(conditions, seed, interest, game, budget, GameServerConfig.DEFAULT_RECONNECT_GRACE_MILLIS, CONNECTION);
    }

    /** A bench with its own reconnect grace and connection settings (timeouts) on both sides. */
    GameHarness(NetworkConditions conditions, long seed, InterestPolicy interest, TestGame game, int budget,
            int reconnectGraceMillis, ConnectionConfig connection) throws IOException {
        this.network = new InMemoryNetwork(clock, conditions, seed);
        this.game = game;
        this.interest = interest;
        this.connection = connection;
        this.server = GameServer.start(GameServerConfig.builder()
                .server(serverConfig(network, clock).connection(connection).build())
                .schema(SCHEMA)
                .tickLoop(TickLoopConfig.builder().tickRateHz(TICK_HZ).snapshotRateHz(SNAPSHOT_HZ).build())
                .interest(interest)
                .snapshotByteBudget(budget)
                .reconnectGraceMillis(reconnectGraceMillis)
                .build(), game);
        game.server = server;
    }

    static ServerConfig.Builder serverConfig(InMemoryNetwork network, ManualClock clock) {
        return ServerConfig.builder().inMemory(network).connection(CONNECTION).registry(REGISTRY)
                .schemaHash(SCHEMA.hash()).clock(clock);
    }

    TestClient connect() {
        int index = clients.size();
        TestClient c = new TestClient(index, this);
        c.net = NetClient.connect(ClientConfig.builder().inMemory(network).connection(connection).registry(REGISTRY)
                .schemaHash(SCHEMA.hash()).clock(clock).build(), c);
        c.net.setRawHandler(GameChannels.SNAPSHOTS, c::onSnapshotFrame);
        clients.add(c);
        return c;
    }

    /** One tick of time: the server steps, then every client polls and sends its input frame. */
    void step() {
        long now = clock.advanceNanos(TICK_NANOS);
        server.step(now);
        for (TestClient c : clients) {
            c.net.poll(now);
            if (c.net.isConnected()) {
                c.tick();
            }
        }
    }

    void steps(int n) {
        for (int i = 0; i < n; i++) {
            step();
        }
    }

    @Override
    public void close() {
        server.close();
        for (TestClient c : clients) {
            c.net.close();
        }
    }
}
