package io.tickwire.client;

import io.tickwire.net.ClientConfig;
import io.tickwire.net.InMemoryNetwork;
import io.tickwire.net.NanoClock;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.replication.FieldSpec;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.replication.ReplicationSchema;
import io.tickwire.net.replication.Snapshot;
import io.tickwire.net.serial.MessageRegistry;

/**
 * The little shared world of the GameClient tests: what a real game keeps in its shared module (schema,
 * registry, channels and the one simulation step both sides run).
 *
 * <p>Players move in steps of 0.25 on a 0.125 grid, so the quantized snapshot holds the exact state and a
 * correct prediction matches the server bit for bit. Bots move on a straight line the test can compute.
 */
public final class TestWorld {
    static final int PLAYER = 0;
    static final int BOT = 1;
    static final int ROCK = 2;
    static final int FIELD_X = 0;
    static final int FIELD_Y = 1;
    static final int FIELD_HEADING = 2;
    static final int BOTS = 3;
    static final int ROCKS = 12;
    public static final int PLAYER_ID = 40;
    static final float STEP = 0.25f;
    static final float LIMIT = 500f;
    public static final long TICK_NANOS = 1_000_000_000L / 60;

    static final ReplicationSchema SCHEMA = ReplicationSchema.builder()
            .type(PLAYER, "player", FieldSpec.quantizedFloat("x", -512, 512, 0.125f),
                    FieldSpec.quantizedFloat("y", -512, 512, 0.125f))
            .type(BOT, "bot", FieldSpec.quantizedFloat("x", -512, 512, 0.125f),
                    FieldSpec.quantizedFloat("y", -512, 512, 0.125f), FieldSpec.angle("heading", 12))
            .type(ROCK, "rock", FieldSpec.quantizedFloat("x", -512, 512, 0.125f),
                    FieldSpec.quantizedFloat("y", -512, 512, 0.125f))
            .build();

    /** Sent on EVENTS at connect, before any tick stamp: which entity is yours. */
    public static final class Welcome {
        public int entityId;

        public Welcome() {
        }

        Welcome(int entityId) {
            this.entityId = entityId;
        }
    }

    /** A tick-stamped event. */
    public static final class Boom {
        public long tick;

        public Boom() {
        }

        Boom(long tick) {
            this.tick = tick;
        }
    }

    static final MessageRegistry REGISTRY = MessageRegistry.builder()
            .register(Welcome.class, 20).register(Boom.class, 21).build();

    static final ConnectionConfig CONNECTION = GameChannels.builder().build();

    private TestWorld() {
    }

    /** The shared step: input byte 0 is dx, byte 1 dy, each -1, 0 or 1; state is x, y. */
    static void step(float[] state, byte[] input, int off, int len) {
        if (len < 2) {
            return;
        }
        state[0] = Math.max(-LIMIT, Math.min(LIMIT, state[0] + input[off] * STEP));
        state[1] = Math.max(-LIMIT, Math.min(LIMIT, state[1] + input[off + 1] * STEP));
    }

    /** The scripted input of client tick {@code t}: changes direction every 40 ticks, never still for long. */
    static void input(long t, byte[] dst) {
        long phase = t / 40;
        dst[0] = (byte) (phase % 3 - 1);
        dst[1] = (byte) ((phase / 3) % 3 - 1);
    }

    static float botX(int bot, long tick) {
        return -300f + bot * 10f + (tick % 6000) * 0.1f;
    }

    static float botY(int bot) {
        return bot * 20f;
    }

    static ClientConfig clientConfig(InMemoryNetwork network, NanoClock clock) {
        return ClientConfig.builder().inMemory(network).connection(CONNECTION).registry(REGISTRY)
                .schemaHash(SCHEMA.hash()).clock(clock).build();
    }

    /** A config for the test world over {@code network}. */
    public static GameClientConfig.Builder gameConfig(InMemoryNetwork network, NanoClock clock) {
        return GameClientConfig.builder(clientConfig(network, clock), SCHEMA)
                .interpolation(3, 2).prediction(2, 2).smoothing(1.0, 10.0, 0.001).maxInputBytes(2).maxEntities(64);
    }

    /** The game side used by the tests: scripted inputs, the shared step, a few counters; allocation-free. */
    public static class Game implements ClientGame {
        /** The client this game belongs to (set by the test after connect). */
        public GameClient client;
        public int connectedCalls;
        public int disconnectedCalls;
        public int errors;
        int welcomes;

        @Override
        public int sampleInput(long clientTick, byte[] dst) {
            input(clientTick, dst);
            return 2;
        }

        @Override
        public void readPredicted(Snapshot s, int index, float[] state) {
            state[0] = s.getFloat(index, FIELD_X);
            state[1] = s.getFloat(index, FIELD_Y);
        }

        @Override
        public void predict(float[] state, byte[] input, int off, int len) {
            step(state, input, off, len);
        }

        @Override
        public void readInterpolated(Snapshot s, int index, float[] channels) {
            channels[0] = s.getFloat(index, FIELD_X);
            channels[1] = s.getFloat(index, FIELD_Y);
            channels[2] = s.typeId(index) == BOT ? s.getFloat(index, FIELD_HEADING) : 0f;
        }

        @Override
        public void received(Object message, int channel) {
            if (message instanceof Welcome w) {
                welcomes++;
                client.setLocalEntity(w.entityId);
            }
        }

        @Override
        public void connected() {
            connectedCalls++;
        }

        @Override
        public void disconnected(io.tickwire.net.protocol.DisconnectReason reason, String detail) {
            disconnectedCalls++;
        }

        @Override
        public void error(String detail, Throwable cause) {
            errors++;
        }
    }
}
