package io.tickwire.client;

import io.tickwire.net.ClientConfig;
import io.tickwire.net.LayoutHash;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.replication.InputFrame;
import io.tickwire.net.replication.ReplicationSchema;
import java.util.Objects;

/**
 * Everything a {@link GameClient} needs besides the game: the net-core {@link ClientConfig}, the shared
 * {@link ReplicationSchema}, and every limit and tuning value of the client side, each named here with its
 * default. Immutable; validated once by {@link Builder#build()}, whose exceptions name the bad value.
 */
public final class GameClientConfig {
    /** Default {@link #tickRateHz()}. */
    public static final int DEFAULT_TICK_RATE_HZ = 60;
    /** Default {@link #maxEntities()}. */
    public static final int DEFAULT_MAX_ENTITIES = 256;
    /** Default {@link #snapshotRing()}: the server keeps 32 snapshots per client, the client at least as many. */
    public static final int DEFAULT_SNAPSHOT_RING = 32;
    /** Smallest {@link #snapshotRing()}: the server's ring size, so every baseline it may name is still here. */
    public static final int MIN_SNAPSHOT_RING = 32;
    /** Largest {@link #snapshotRing()}. */
    public static final int MAX_SNAPSHOT_RING = 1024;
    /** Default {@link #maxSnapshotBytes()}. */
    public static final int DEFAULT_MAX_SNAPSHOT_BYTES = 65_536;
    /** Default {@link #maxInputBytes()}. */
    public static final int DEFAULT_MAX_INPUT_BYTES = 32;
    /** Default {@link #inputRedundancy()}. */
    public static final int DEFAULT_INPUT_REDUNDANCY = 4;
    /** Default {@link #inputHistory()}: two seconds at 60 Hz. */
    public static final int DEFAULT_INPUT_HISTORY = 128;
    /** Default {@link #maxCatchUpTicks()}. */
    public static final int DEFAULT_MAX_CATCH_UP_TICKS = 15;
    /** Default {@link #maxHeldEvents()}. */
    public static final int DEFAULT_MAX_HELD_EVENTS = 1024;
    /** Default {@link #maxExtrapolationTicks()}: 100 ms at 60 Hz. */
    public static final double DEFAULT_MAX_EXTRAPOLATION_TICKS = 6;

    private final ClientConfig net;
    private final ReplicationSchema schema;
    private final int tickRateHz;
    private final ServerClockConfig clock;
    private final int maxEntities;
    private final int snapshotRing;
    private final int maxSnapshotBytes;
    private final int maxInputBytes;
    private final int inputRedundancy;
    private final int inputHistory;
    private final int maxCatchUpTicks;
    private final int interpolationChannels;
    private final boolean[] angleChannels;
    private final double maxExtrapolationTicks;
    private final int predictedStateSize;
    private final int smoothedChannels;
    private final double snapDistance;
    private final double decayPerSecond;
    private final double settleDistance;
    private final int maxHeldEvents;
    private final ReconnectPolicy reconnect;

    private GameClientConfig(Builder b, ServerClockConfig clock, boolean[] angles) {
        this.net = b.net;
        this.schema = b.schema;
        this.tickRateHz = b.tickRateHz;
        this.clock = clock;
        this.maxEntities = b.maxEntities;
        this.snapshotRing = b.snapshotRing;
        this.maxSnapshotBytes = b.maxSnapshotBytes;
        this.maxInputBytes = b.maxInputBytes;
        this.inputRedundancy = b.inputRedundancy;
        this.inputHistory = b.inputHistory;
        this.maxCatchUpTicks = b.maxCatchUpTicks;
        this.interpolationChannels = b.interpolationChannels;
        this.angleChannels = angles;
        this.maxExtrapolationTicks = b.maxExtrapolationTicks;
        this.predictedStateSize = b.predictedStateSize;
        this.smoothedChannels = b.smoothedChannels;
        this.snapDistance = b.snapDistance;
        this.decayPerSecond = b.decayPerSecond;
        this.settleDistance = b.settleDistance;
        this.maxHeldEvents = b.maxHeldEvents;
        this.reconnect = b.reconnect;
    }

    /** A builder for a client of {@code net} (connection, registry, transport) replicating {@code schema}. */
    public static Builder builder(ClientConfig net, ReplicationSchema schema) {
        return new Builder(net, schema);
    }

    /** The net-core connection config (channels start with {@link GameChannels}). */
    public ClientConfig net() {
        return net;
    }

    /** The replication schema shared with the server. */
    public ReplicationSchema schema() {
        return schema;
    }

    /** Server (and client) ticks per second. */
    public int tickRateHz() {
        return tickRateHz;
    }

    /** Length of one tick in nanoseconds. */
    public long tickNanos() {
        return clock.tickNanos;
    }

    /** Tuning of the clock that runs the client tick ahead of the server. */
    public ServerClockConfig clock() {
        return clock;
    }

    /** Most entities per snapshot (decode limit and interpolation buffer size). */
    public int maxEntities() {
        return maxEntities;
    }

    /** Decoded snapshots kept by sequence as delta baselines (and snapshots kept for interpolation). */
    public int snapshotRing() {
        return snapshotRing;
    }

    /** Most bytes of one encoded snapshot (after the frame header). */
    public int maxSnapshotBytes() {
        return maxSnapshotBytes;
    }

    /** Most bytes of one tick's input. */
    public int maxInputBytes() {
        return maxInputBytes;
    }

    /** Inputs per input frame: the newest and the ones before it not yet acknowledged. */
    public int inputRedundancy() {
        return inputRedundancy;
    }

    /** Inputs kept for resending and replay, in ticks. */
    public int inputHistory() {
        return inputHistory;
    }

    /** Most client ticks one update runs; a longer stall skips ticks instead of replaying a burst. */
    public int maxCatchUpTicks() {
        return maxCatchUpTicks;
    }

    /** Float channels interpolated per remote entity. */
    public int interpolationChannels() {
        return interpolationChannels;
    }

    /** Whether interpolation channel {@code c} is an angle in radians (interpolated the short way round). */
    public boolean isAngleChannel(int c) {
        return angleChannels[c];
    }

    /** Extrapolation cap past the newest snapshot, in ticks. */
    public double maxExtrapolationTicks() {
        return maxExtrapolationTicks;
    }

    /** Floats of the local player's predicted state. */
    public int predictedStateSize() {
        return predictedStateSize;
    }

    /** Leading floats of the predicted state that corrections are smoothed over (e.g. 2 for x, y). */
    public int smoothedChannels() {
        return smoothedChannels;
    }

    /** Corrections longer than this snap instead of being smoothed. */
    public double snapDistance() {
        return snapDistance;
    }

    /** Exponential decay rate of the smoothing offset per second. */
    public double decayPerSecond() {
        return decayPerSecond;
    }

    /** Corrections (and offsets) no longer than this are applied silently and not counted. */
    public double settleDistance() {
        return settleDistance;
    }

    /** Most tick-stamped events held for the render tick; beyond it the oldest is delivered early. */
    public int maxHeldEvents() {
        return maxHeldEvents;
    }

    boolean[] angleChannelsCopy() {
        return angleChannels.clone();
    }

    /** How the client reconnects by itself after a lost connection ({@link ReconnectPolicy#DEFAULTS} unless set). */
    public ReconnectPolicy reconnect() {
        return reconnect;
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final ClientConfig net;
        private final ReplicationSchema schema;
        private int tickRateHz = DEFAULT_TICK_RATE_HZ;
        private ServerClockConfig clock;
        private int maxEntities = DEFAULT_MAX_ENTITIES;
        private int snapshotRing = DEFAULT_SNAPSHOT_RING;
        private int maxSnapshotBytes = DEFAULT_MAX_SNAPSHOT_BYTES;
        private int maxInputBytes = DEFAULT_MAX_INPUT_BYTES;
        private int inputRedundancy = DEFAULT_INPUT_REDUNDANCY;
        private int inputHistory = DEFAULT_INPUT_HISTORY;
        private int maxCatchUpTicks = DEFAULT_MAX_CATCH_UP_TICKS;
        private int interpolationChannels = 2;
        private int[] angles = new int[0];
        private double maxExtrapolationTicks = DEFAULT_MAX_EXTRAPOLATION_TICKS;
        private int predictedStateSize = 2;
        private int smoothedChannels = 2;
        private double snapDistance = 1.0;
        private double decayPerSecond = 10.0;
        private double settleDistance = 0.001;
        private int maxHeldEvents = DEFAULT_MAX_HELD_EVENTS;
        private ReconnectPolicy reconnect = ReconnectPolicy.DEFAULTS;

        private Builder(ClientConfig net, ReplicationSchema schema) {
            this.net = Objects.requireNonNull(net, "net");
            this.schema = Objects.requireNonNull(schema, "schema");
        }

        /** Server ticks per second, 1..1000 (default {@value GameClientConfig#DEFAULT_TICK_RATE_HZ}). */
        public Builder tickRate(int hz) {
            this.tickRateHz = hz;
            return this;
        }

        /** Clock tuning (default {@link ServerClockConfig#defaults(int)} of the tick rate); its tick length must match the tick rate. */
        public Builder clock(ServerClockConfig config) {
            this.clock = Objects.requireNonNull(config, "clock");
            return this;
        }

        /** Most entities per snapshot (default {@value GameClientConfig#DEFAULT_MAX_ENTITIES}). */
        public Builder maxEntities(int n) {
            this.maxEntities = n;
            return this;
        }

        /** Snapshots kept by sequence, a power of two in 32..1024 (default {@value GameClientConfig#DEFAULT_SNAPSHOT_RING}). */
        public Builder snapshotRing(int n) {
            this.snapshotRing = n;
            return this;
        }

        /** Most bytes of one encoded snapshot (default {@value GameClientConfig#DEFAULT_MAX_SNAPSHOT_BYTES}). */
        public Builder maxSnapshotBytes(int n) {
            this.maxSnapshotBytes = n;
            return this;
        }

        /** Most bytes of one tick's input, 1..255 (default {@value GameClientConfig#DEFAULT_MAX_INPUT_BYTES}). */
        public Builder maxInputBytes(int n) {
            this.maxInputBytes = n;
            return this;
        }

        /** Inputs per frame, 1..{@value InputFrame#MAX_INPUTS} (default {@value GameClientConfig#DEFAULT_INPUT_REDUNDANCY}). */
        public Builder inputRedundancy(int n) {
            this.inputRedundancy = n;
            return this;
        }

        /** Inputs kept for resending and replay, at least the redundancy (default {@value GameClientConfig#DEFAULT_INPUT_HISTORY}). */
        public Builder inputHistory(int ticks) {
            this.inputHistory = ticks;
            return this;
        }

        /** Most client ticks run by one update (default {@value GameClientConfig#DEFAULT_MAX_CATCH_UP_TICKS}). */
        public Builder maxCatchUpTicks(int ticks) {
            this.maxCatchUpTicks = ticks;
            return this;
        }

        /** Float channels per remote entity and which of them are angles in radians (default 2 channels, no angles). */
        public Builder interpolation(int channels, int... angleChannels) {
            this.interpolationChannels = channels;
            this.angles = angleChannels == null ? new int[0] : angleChannels.clone();
            return this;
        }

        /** Extrapolation cap in ticks, 0 to disable (default {@value GameClientConfig#DEFAULT_MAX_EXTRAPOLATION_TICKS}). */
        public Builder maxExtrapolationTicks(double ticks) {
            this.maxExtrapolationTicks = ticks;
            return this;
        }

        /** Floats of the predicted local state and how many leading ones are smoothed (default 2 and 2). */
        public Builder prediction(int stateSize, int smoothedChannels) {
            this.predictedStateSize = stateSize;
            this.smoothedChannels = smoothedChannels;
            return this;
        }

        /** Correction smoothing: snap beyond {@code snapDistance}, decay at {@code decayPerSecond}, ignore up to {@code settleDistance} (default 1, 10/s, 0.001). */
        public Builder smoothing(double snapDistance, double decayPerSecond, double settleDistance) {
            this.snapDistance = snapDistance;
            this.decayPerSecond = decayPerSecond;
            this.settleDistance = settleDistance;
            return this;
        }

        /** Most tick-stamped events held (default {@value GameClientConfig#DEFAULT_MAX_HELD_EVENTS}). */
        public Builder maxHeldEvents(int n) {
            this.maxHeldEvents = n;
            return this;
        }

        /** Quick reconnect settings (default {@link ReconnectPolicy#DEFAULTS}; {@link ReconnectPolicy#OFF} turns it off). */
        public Builder reconnect(ReconnectPolicy policy) {
            this.reconnect = Objects.requireNonNull(policy, "reconnect");
            return this;
        }

        /**
         * Validates and freezes the configuration.
         *
         * @throws IllegalArgumentException naming the bad value
         */
        public GameClientConfig build() {
            GameChannels.check(net.connection());
            if (net.schemaHash() != schema.hash()) {
                throw new IllegalArgumentException("ClientConfig.schemaHash is " + LayoutHash.hex(net.schemaHash())
                        + " but the replication schema's hash is " + schema.hashHex()
                        + ": build the ClientConfig with ClientConfig.Builder.schemaHash(schema.hash())");
            }
            range("tickRate", tickRateHz, 1, 1000);
            ServerClockConfig c = clock != null ? clock : ServerClockConfig.defaults(tickRateHz);
            if (c.tickNanos != 1_000_000_000L / tickRateHz) {
                throw new IllegalArgumentException("clock tickNanos " + c.tickNanos + " does not match tickRate "
                        + tickRateHz + " (" + 1_000_000_000L / tickRateHz + " ns)");
            }
            range("maxEntities", maxEntities, 1, schema.maxEntityId() + 1);
            range("snapshotRing", snapshotRing, MIN_SNAPSHOT_RING, MAX_SNAPSHOT_RING);
            if (Integer.bitCount(snapshotRing) != 1) {
                throw new IllegalArgumentException("snapshotRing must be a power of two (sequences wrap at 65536), was "
                        + snapshotRing);
            }
            range("maxSnapshotBytes", maxSnapshotBytes, 5, 16 * 1024 * 1024);
            range("maxInputBytes", maxInputBytes, 1, 255);
            range("inputRedundancy", inputRedundancy, 1, InputFrame.MAX_INPUTS);
            range("inputHistory", inputHistory, inputRedundancy, 65_536);
            range("maxCatchUpTicks", maxCatchUpTicks, 1, 1000);
            range("interpolation channels", interpolationChannels, 1, 64);
            boolean[] angleFlags = new boolean[interpolationChannels];
            for (int a : angles) {
                range("angle channel", a, 0, interpolationChannels - 1);
                angleFlags[a] = true;
            }
            if (!(maxExtrapolationTicks >= 0 && maxExtrapolationTicks <= 600)) {
                throw new IllegalArgumentException("maxExtrapolationTicks must be in 0..600, was " + maxExtrapolationTicks);
            }
            range("prediction stateSize", predictedStateSize, 1, 256);
            range("prediction smoothedChannels", smoothedChannels, 1, predictedStateSize);
            if (!(snapDistance > 0 && Double.isFinite(snapDistance))) {
                throw new IllegalArgumentException("smoothing snapDistance must be positive, was " + snapDistance);
            }
            if (!(decayPerSecond > 0 && Double.isFinite(decayPerSecond))) {
                throw new IllegalArgumentException("smoothing decayPerSecond must be positive, was " + decayPerSecond);
            }
            if (!(settleDistance >= 0 && settleDistance < snapDistance)) {
                throw new IllegalArgumentException("smoothing settleDistance must be in [0, snapDistance), was "
                        + settleDistance);
            }
            range("maxHeldEvents", maxHeldEvents, 1, 1 << 20);
            return new GameClientConfig(this, c, angleFlags);
        }

        private static void range(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", was " + value);
            }
        }
    }
}
