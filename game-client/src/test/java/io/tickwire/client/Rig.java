package io.tickwire.client;

import io.tickwire.net.InMemoryNetwork;
import io.tickwire.net.sim.ManualClock;
import io.tickwire.net.sim.NetworkConditions;

/**
 * A scripted server and a GameClient over an in-memory network on one thread, time stepped by hand:
 * frames of {@code frameNanos}, server ticks on the 60 Hz grid in between.
 */
class Rig implements AutoCloseable {
    final ManualClock clock = new ManualClock(1_000_000_000L);
    final InMemoryNetwork network;
    final ScriptedServer server;
    final TestWorld.Game game;
    final GameClient client;
    final long frameNanos;
    private long nextServerTick;
    /** Hook run after every client update (tests record what they need). */
    Runnable afterFrame = () -> { };
    /** Hook run right after every server tick. */
    Runnable afterServerTick = () -> { };

    Rig(NetworkConditions conditions, long seed, long frameNanos, TestWorld.Game game,
            java.util.function.UnaryOperator<GameClientConfig.Builder> tune) throws java.io.IOException {
        this.network = new InMemoryNetwork(clock, conditions, seed);
        this.server = new ScriptedServer(network, clock);
        this.game = game;
        this.client = GameClient.connect(tune.apply(TestWorld.gameConfig(network, clock)).build(), game);
        game.client = client;
        this.frameNanos = frameNanos;
        this.nextServerTick = clock.nanoTime();
    }

    Rig(NetworkConditions conditions, long seed) throws java.io.IOException {
        this(conditions, seed, 5_000_000L, new TestWorld.Game(), b -> b);
    }

    /** Runs frames until {@code millis} of simulated time have passed. */
    void run(long millis) {
        long end = clock.nanoTime() + millis * 1_000_000L;
        while (clock.nanoTime() < end) {
            frame();
        }
    }

    void frame() {
        long now = clock.advanceNanos(frameNanos);
        while (nextServerTick <= now) {
            server.tick(now);
            afterServerTick.run();
            nextServerTick += TestWorld.TICK_NANOS;
        }
        client.update(now);
        afterFrame.run();
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
