package io.tickwire.bench;

import io.tickwire.client.ClientGame;
import io.tickwire.client.GameClient;
import io.tickwire.client.GameClientConfig;
import io.tickwire.net.ClientConfig;
import io.tickwire.net.NanoClock;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.replication.ReplicationSchema;
import io.tickwire.net.serial.MessageRegistry;
import io.tickwire.net.sim.ManualClock;
import io.tickwire.server.GameServer;
import io.tickwire.server.GameServerConfig;
import io.tickwire.server.ServerGame;
import io.tickwire.server.TickLoopConfig;
import io.tickwire.server.TickLoopMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

/**
 * A real {@link GameServer} (INVOKER mode, 60 Hz ticks) and real {@link GameClient}s driven by one
 * thread: the server steps when its next tick is due (as its BLOCKING loop would), every client renders
 * a frame every 1/60 s. With the system clock the thread parks until the next of the two is due (real
 * time); with a {@link ManualClock} it sets the clock to that instant instead (simulated time, no waiting).
 * Every server step goes through a {@link StepMeter}.
 */
final class GameRig implements AutoCloseable {
    static final int TICK_RATE = 60;
    static final long FRAME_NANOS = 1_000_000_000L / 60;
    /** Frames this far behind are skipped rather than run back to back (counted). */
    private static final long MAX_FRAME_LAG_NANOS = 100_000_000L;

    final GameTransport transport;
    final GameServer server;
    final List<GameClient> clients = new ArrayList<>();
    final StepMeter meter;
    private final NanoClock clock;
    private final ManualClock manual;
    private final ReplicationSchema schema;
    private final MessageRegistry registry;
    private final ConnectionConfig channels = GameChannels.builder().build();
    private long nextFrame;
    private long framesSkipped;

    private GameRig(GameTransport transport, NanoClock clock, ReplicationSchema schema, MessageRegistry registry,
            int snapshotHz, UnaryOperator<GameServerConfig.Builder> extra, ServerGame game, int maxSteps)
            throws IOException {
        this.transport = transport;
        this.clock = clock;
        this.manual = clock instanceof ManualClock m ? m : null;
        this.schema = schema;
        this.registry = registry;
        this.meter = new StepMeter(maxSteps);
        this.server = GameServer.start(extra.apply(GameServerConfig.builder()
                .server(transport.server().connection(channels).registry(registry).schemaHash(schema.hash()).build())
                .tickLoop(TickLoopConfig.builder().tickRateHz(TICK_RATE).snapshotRateHz(snapshotHz)
                        .mode(TickLoopMode.INVOKER).build())
                .schema(schema)).build(), game);
    }

    /**
     * Starts the server. {@code clock} is the system clock (real time) or a {@link ManualClock}
     * (simulated time); {@code extra} adds game-specific limits; {@code maxSteps} bounds the steps
     * whose times the meter keeps for percentiles.
     */
    static GameRig start(GameTransport transport, NanoClock clock, ReplicationSchema schema, MessageRegistry registry,
            int snapshotHz, UnaryOperator<GameServerConfig.Builder> extra, ServerGame game, int maxSteps)
            throws IOException {
        GameRig rig = new GameRig(transport, clock, schema, registry, snapshotHz, extra, game, maxSteps);
        long now = clock.nanoTime();
        rig.meter.step(rig.server, now); // starts the tick schedule
        rig.nextFrame = now + FRAME_NANOS / 2;
        return rig;
    }

    /**
     * Connects a client playing {@code game}; {@code net} may add to its net-core config (a simulator),
     * {@code extra} sets its interpolation, prediction and limits.
     */
    GameClient join(ClientGame game, UnaryOperator<ClientConfig.Builder> net, UnaryOperator<GameClientConfig.Builder> extra) {
        GameClient c = GameClient.connect(extra.apply(GameClientConfig.builder(net.apply(
                transport.client(server).connection(channels).registry(registry).schemaHash(schema.hash())).build(),
                schema)).build(), game);
        clients.add(c);
        return c;
    }

    /** Whether {@code n} players have joined the server and every client is connected. */
    boolean allConnected(int n) {
        if (server.playerCount() < n) {
            return false;
        }
        for (GameClient c : clients) {
            if (!c.isConnected()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs for {@code nanos} of clock time; {@code afterStep} sees the time after each server step and
     * {@code afterFrame} after each frame of all clients (either may be null). Stops early when
     * {@code until} (may be null) says so after a frame.
     */
    void run(long nanos, LongConsumer afterStep, LongConsumer afterFrame, BooleanSupplier until) {
        long end = clock.nanoTime() + nanos;
        while (true) {
            long next = Math.min(server.tickLoop().nextTickDueNanos(), nextFrame);
            long now = waitUntil(next);
            if (now >= end) {
                return;
            }
            if (now >= server.tickLoop().nextTickDueNanos()) {
                meter.step(server, now);
                if (afterStep != null) {
                    afterStep.accept(now);
                }
            }
            if (now >= nextFrame) {
                nextFrame += FRAME_NANOS;
                if (now - nextFrame > MAX_FRAME_LAG_NANOS) {
                    framesSkipped += (now - nextFrame) / FRAME_NANOS;
                    nextFrame = now + FRAME_NANOS;
                }
                for (GameClient c : clients) {
                    c.update(now);
                }
                if (afterFrame != null) {
                    afterFrame.accept(now);
                }
                if (until != null && until.getAsBoolean()) {
                    return;
                }
            }
        }
    }

    private long waitUntil(long due) {
        if (manual != null) {
            if (due > manual.nanoTime()) {
                manual.setNanos(due);
            }
            return manual.nanoTime();
        }
        long now;
        while ((now = clock.nanoTime()) < due) {
            LockSupport.parkNanos(due - now);
        }
        return now;
    }

    /** Client frames skipped because the driving thread fell more than 100 ms behind. */
    long framesSkipped() {
        return framesSkipped;
    }

    /** The rig's clock now. */
    long now() {
        return clock.nanoTime();
    }

    /** Whether this rig runs in simulated time. */
    boolean simulated() {
        return manual != null;
    }

    @Override
    public void close() {
        for (GameClient c : clients) {
            c.close();
        }
        server.close();
        transport.close();
    }
}
