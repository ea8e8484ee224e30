package io.tickwire.server;

import io.tickwire.net.ServerConfig;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.replication.InputFrame;
import io.tickwire.net.replication.ReplicationSchema;
import io.tickwire.net.replication.SnapshotFrame;
import io.tickwire.server.replication.InterestPolicy;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Validated settings of a {@link GameServer}; build with {@link #builder()}. Every limit has a name
 * and a default here, and {@link Builder#build()} refuses a bad value with a message naming it and
 * saying what to change.
 *
 * <p>The net-core {@link ServerConfig} is immutable, so it is checked rather than patched: its
 * connection must start with {@link GameChannels} ({@code GameChannels.builder()}) and its
 * {@link ServerConfig#schemaHash()} must equal the schema's hash
 * ({@code ServerConfig.builder().schemaHash(schema.hash())}), so a client with another schema is
 * refused at connect time instead of decoding garbage.
 */
public final class GameServerConfig {

    /** Default most bytes of one encoded snapshot: with the 9-byte frame header it fits a 1200-byte packet. */
    public static final int DEFAULT_SNAPSHOT_BYTE_BUDGET = 1100;
    /** Default snapshots remembered per client as delta baselines (the client keeps the same number). */
    public static final int DEFAULT_SNAPSHOT_RING_SIZE = 32;
    /** Default most entities in one client's snapshot. */
    public static final int DEFAULT_MAX_ENTITIES_PER_SNAPSHOT = 256;

    private final ServerConfig server;
    private final TickLoopConfig tickLoop;
    private final ReplicationSchema schema;
    private final int maxEntitiesPerSnapshot;
    private final int maxWorldEntities;
    private final int snapshotByteBudget;
    private final int snapshotRingSize;
    private final Supplier<InterestPolicy> interest;
    private final int maxInputBytes;
    /**
     * Default client ticks buffered ahead of the server tick per player: 32 (533 ms at 60 Hz), room
     * for a client clock that runs ahead by its one-way delay plus jitter, and for the redundant copies.
     */
    public static final int DEFAULT_INPUT_BUFFER_TICKS = 32;

    private final int inputBufferTicks;
    /** Default time between two publications of {@link GameServer#metrics()}: one second. */
    public static final int DEFAULT_METRICS_INTERVAL_MILLIS = 1000;
    /** Shortest metrics interval accepted: publishing sums over every player, so not every tick. */
    public static final int MIN_METRICS_INTERVAL_MILLIS = 10;
    /** Longest metrics interval accepted. */
    public static final int MAX_METRICS_INTERVAL_MILLIS = 60_000;

    private final int metricsIntervalMillis;
    /** Default {@link #reconnectGraceMillis()}: 20 seconds. */
    public static final int DEFAULT_RECONNECT_GRACE_MILLIS = 20_000;
    /** Longest reconnect grace accepted: ten minutes. */
    public static final int MAX_RECONNECT_GRACE_MILLIS = 600_000;

    private final int reconnectGraceMillis;

    private GameServerConfig(Builder b, int worldEntities) {
        this.server = b.server;
        this.tickLoop = b.tickLoop;
        this.schema = b.schema;
        this.maxEntitiesPerSnapshot = b.maxEntitiesPerSnapshot;
        this.maxWorldEntities = worldEntities;
        this.snapshotByteBudget = b.snapshotByteBudget;
        this.snapshotRingSize = b.snapshotRingSize;
        this.interest = b.interest;
        this.maxInputBytes = b.maxInputBytes;
        this.inputBufferTicks = b.inputBufferTicks;
        this.metricsIntervalMillis = b.metricsIntervalMillis;
        this.reconnectGraceMillis = b.reconnectGraceMillis;
    }

    /** A builder; {@link Builder#server}, {@link Builder#schema} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The net-core server configuration (transport, channels, registry, clock). */
    public ServerConfig server() {
        return server;
    }

    /** Tick and snapshot rates, catch-up bound, INVOKER or BLOCKING. */
    public TickLoopConfig tickLoop() {
        return tickLoop;
    }

    /** The replication schema both sides share. */
    public ReplicationSchema schema() {
        return schema;
    }

    /** Most entities one client's snapshot carries (the rest wait, by priority). */
    public int maxEntitiesPerSnapshot() {
        return maxEntitiesPerSnapshot;
    }

    /** Most entities the game may add in {@link ServerGame#writeWorld}. */
    public int maxWorldEntities() {
        return maxWorldEntities;
    }

    /** Most bytes of one encoded snapshot (without the {@link SnapshotFrame} header). */
    public int snapshotByteBudget() {
        return snapshotByteBudget;
    }

    /** Snapshots kept per client as possible delta baselines (a power of two). */
    public int snapshotRingSize() {
        return snapshotRingSize;
    }

    /** Makes each player's interest policy (called once per joining player, on the tick thread). */
    public Supplier<InterestPolicy> interest() {
        return interest;
    }

    /** Most bytes of one input; a frame carrying a longer one drops its client with PROTOCOL_ERROR. */
    public int maxInputBytes() {
        return maxInputBytes;
    }

    /** Client ticks of input buffered ahead per player. */
    public int inputBufferTicks() {
        return inputBufferTicks;
    }

    /** Milliseconds (of the server's clock) between two publications of {@link GameServer#metrics()} by the tick thread. */
    public int metricsIntervalMillis() {
        return metricsIntervalMillis;
    }

    /**
     * How long (server clock) a player whose connection was lost (TIMEOUT, TRANSPORT_FAILED, DTLS_ALERT)
     * is kept, away, for its client to come back with its resume ticket; 0 turns quick reconnect off
     * (the player leaves at once). Kicks, refusals, shutdowns and the client's own close never wait.
     */
    public int reconnectGraceMillis() {
        return reconnectGraceMillis;
    }

    /** Builder for {@link GameServerConfig}; not thread-safe. */
    public static final class Builder {
        private ServerConfig server;
        private TickLoopConfig tickLoop = TickLoopConfig.builder().build();
        private ReplicationSchema schema;
        private int maxEntitiesPerSnapshot = DEFAULT_MAX_ENTITIES_PER_SNAPSHOT;
        private int maxWorldEntities;
        private int snapshotByteBudget = DEFAULT_SNAPSHOT_BYTE_BUDGET;
        private int snapshotRingSize = DEFAULT_SNAPSHOT_RING_SIZE;
        private Supplier<InterestPolicy> interest = () -> InterestPolicy.EVERYTHING;
        private int maxInputBytes = InputBuffer.DEFAULT_MAX_INPUT_BYTES;
        private int inputBufferTicks = DEFAULT_INPUT_BUFFER_TICKS;
        private int metricsIntervalMillis = DEFAULT_METRICS_INTERVAL_MILLIS;
        private int reconnectGraceMillis = DEFAULT_RECONNECT_GRACE_MILLIS;

        private Builder() {
        }

        /** The net-core server config (required): game channels first, schemaHash set to the schema's hash. */
        public Builder server(ServerConfig config) {
            this.server = Objects.requireNonNull(config, "server");
            return this;
        }

        /** Tick loop settings (default: 60 Hz ticks, 30 Hz snapshots, INVOKER). */
        public Builder tickLoop(TickLoopConfig config) {
            this.tickLoop = Objects.requireNonNull(config, "tickLoop");
            return this;
        }

        /** The replication schema (required). */
        public Builder schema(ReplicationSchema schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /** Most entities in one client's snapshot, 1 to the schema's id space (default {@value GameServerConfig#DEFAULT_MAX_ENTITIES_PER_SNAPSHOT}). */
        public Builder maxEntitiesPerSnapshot(int max) {
            this.maxEntitiesPerSnapshot = max;
            return this;
        }

        /** Most entities in the world, 1 to the schema's id space (default: every possible entity id). */
        public Builder maxWorldEntities(int max) {
            this.maxWorldEntities = max;
            return this;
        }

        /** Most bytes of one encoded snapshot (default {@value GameServerConfig#DEFAULT_SNAPSHOT_BYTE_BUDGET}); with the frame header it must fit one packet. */
        public Builder snapshotByteBudget(int bytes) {
            this.snapshotByteBudget = bytes;
            return this;
        }

        /** Snapshots kept per client, a power of two 2..32768 (default {@value GameServerConfig#DEFAULT_SNAPSHOT_RING_SIZE}; the client must keep as many). */
        public Builder snapshotRingSize(int size) {
            this.snapshotRingSize = size;
            return this;
        }

        /** One interest policy shared by every player (policies are stateless; default {@link InterestPolicy#EVERYTHING}). */
        public Builder interest(InterestPolicy policy) {
            Objects.requireNonNull(policy, "interest");
            this.interest = () -> policy;
            return this;
        }

        /** A factory making each joining player's own interest policy. */
        public Builder interestFactory(Supplier<InterestPolicy> factory) {
            this.interest = Objects.requireNonNull(factory, "interestFactory");
            return this;
        }

        /** Most bytes of one input, 1..255 (default {@value InputBuffer#DEFAULT_MAX_INPUT_BYTES}). */
        public Builder maxInputBytes(int bytes) {
            this.maxInputBytes = bytes;
            return this;
        }

        /** Client ticks buffered ahead per player, 1..1024 (default {@value InputBuffer#DEFAULT_BUFFER_TICKS}). */
        public Builder inputBufferTicks(int ticks) {
            this.inputBufferTicks = ticks;
            return this;
        }

        /**
         * Milliseconds between two publications of {@link GameServer#metrics()}, {@value GameServerConfig#MIN_METRICS_INTERVAL_MILLIS}
         * to {@value GameServerConfig#MAX_METRICS_INTERVAL_MILLIS} (default {@value GameServerConfig#DEFAULT_METRICS_INTERVAL_MILLIS}).
         */
        public Builder metricsIntervalMillis(int millis) {
            this.metricsIntervalMillis = millis;
            return this;
        }

        /**
         * How long a dropped player waits for its client to reconnect, 0 (off) to
         * {@value GameServerConfig#MAX_RECONNECT_GRACE_MILLIS} ms (default {@value GameServerConfig#DEFAULT_RECONNECT_GRACE_MILLIS}).
         */
        public Builder reconnectGraceMillis(int millis) {
            this.reconnectGraceMillis = millis;
            return this;
        }

        /**
         * Validates and freezes the configuration.
         *
         * @throws IllegalArgumentException naming the missing or bad value and what to change
         */
        public GameServerConfig build() {
            if (server == null) {
                throw new IllegalArgumentException("server (the net-core ServerConfig) is required");
            }
            if (schema == null) {
                throw new IllegalArgumentException("schema (the ReplicationSchema both sides share) is required");
            }
            ConnectionConfig connection = server.connection();
            try {
                GameChannels.check(connection);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ServerConfig.connection: " + e.getMessage(), e);
            }
            if (server.schemaHash() != schema.hash()) {
                throw new IllegalArgumentException("ServerConfig.schemaHash is " + Long.toHexString(server.schemaHash())
                        + " but the ReplicationSchema's hash is " + schema.hashHex()
                        + ": build the ServerConfig with .schemaHash(schema.hash()) (and the ClientConfig too)");
            }
            int ids = schema.maxEntityId() + 1;
            if (maxEntitiesPerSnapshot < 1 || maxEntitiesPerSnapshot > ids) {
                throw new IllegalArgumentException("maxEntitiesPerSnapshot must be 1.." + ids
                        + " (the schema's entity ids), got " + maxEntitiesPerSnapshot);
            }
            int world = maxWorldEntities == 0 ? ids : maxWorldEntities;
            if (world < 1 || world > ids) {
                throw new IllegalArgumentException("maxWorldEntities must be 1.." + ids
                        + " (the schema's entity ids), got " + maxWorldEntities);
            }
            if (snapshotByteBudget < 8) {
                throw new IllegalArgumentException("snapshotByteBudget must be at least 8, got " + snapshotByteBudget);
            }
            int frame = SnapshotFrame.HEADER_BYTES + snapshotByteBudget;
            int onePacket = connection.maxUnfragmentedMessageSize();
            if (frame > onePacket || frame > connection.maxMessageSize()) {
                throw new IllegalArgumentException("snapshotByteBudget " + snapshotByteBudget + " + SnapshotFrame.HEADER_BYTES "
                        + SnapshotFrame.HEADER_BYTES + " = " + frame + " bytes does not fit one message on the SNAPSHOTS "
                        + "channel: the connection's maxUnfragmentedMessageSize is " + onePacket + " (maxPacketSize "
                        + connection.maxPacketSize() + ") and maxMessageSize " + connection.maxMessageSize()
                        + "; lower snapshotByteBudget to at most "
                        + (Math.min(onePacket, connection.maxMessageSize()) - SnapshotFrame.HEADER_BYTES)
                        + " or raise maxPacketSize");
            }
            if (snapshotRingSize < 2 || snapshotRingSize > 0x8000 || Integer.bitCount(snapshotRingSize) != 1) {
                throw new IllegalArgumentException("snapshotRingSize must be a power of two in 2..32768, got "
                        + snapshotRingSize);
            }
            if (maxInputBytes < 1 || maxInputBytes > 255) {
                throw new IllegalArgumentException("maxInputBytes must be 1..255 (one length byte in InputFrame), got "
                        + maxInputBytes);
            }
            int inputFrame = InputFrame.frameBytes(InputFrame.MAX_INPUTS, InputFrame.MAX_INPUTS * maxInputBytes);
            if (inputFrame > connection.maxMessageSize()) {
                throw new IllegalArgumentException("an InputFrame of " + InputFrame.MAX_INPUTS + " inputs of maxInputBytes "
                        + maxInputBytes + " takes " + inputFrame + " bytes, above the connection's maxMessageSize "
                        + connection.maxMessageSize() + "; lower maxInputBytes");
            }
            if (inputBufferTicks < 1 || inputBufferTicks > 1024) {
                throw new IllegalArgumentException("inputBufferTicks must be 1..1024, got " + inputBufferTicks);
            }
            if (reconnectGraceMillis < 0 || reconnectGraceMillis > MAX_RECONNECT_GRACE_MILLIS) {
                throw new IllegalArgumentException("reconnectGraceMillis must be 0 (off).." + MAX_RECONNECT_GRACE_MILLIS
                        + ", got " + reconnectGraceMillis);
            }
            if (metricsIntervalMillis < MIN_METRICS_INTERVAL_MILLIS || metricsIntervalMillis > MAX_METRICS_INTERVAL_MILLIS) {
                throw new IllegalArgumentException("metricsIntervalMillis must be " + MIN_METRICS_INTERVAL_MILLIS + ".."
                        + MAX_METRICS_INTERVAL_MILLIS + ", got " + metricsIntervalMillis);
            }
            return new GameServerConfig(this, world);
        }
    }
}
