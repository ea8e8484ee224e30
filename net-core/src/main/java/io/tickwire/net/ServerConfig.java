package io.tickwire.net;

import io.tickwire.net.admission.Admission;
import io.tickwire.net.dtls.DtlsConfig;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.serial.MessageRegistry;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.net.transport.EndpointConfig;
import io.tickwire.net.transport.ThreadingMode;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Everything a {@link NetServer} needs, validated once by {@link Builder#build()}: where it listens
 * (a UDP address with a DTLS identity, or an {@link InMemoryNetwork}), the channel configuration and
 * message registry both sides share, the connection limit, and the optional network simulator.
 */
public final class ServerConfig {

    /** Default {@link #maxConnections()}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    /** Default {@link #shutdownLingerMillis()}. */
    public static final int DEFAULT_SHUTDOWN_LINGER_MILLIS = 250;
    /** Largest accepted {@link #shutdownLingerMillis()}. */
    public static final int MAX_SHUTDOWN_LINGER_MILLIS = 60_000;
    /** Default {@link #admissionDeadlineMillis()}. */
    public static final int DEFAULT_ADMISSION_DEADLINE_MILLIS = 5_000;
    /** Largest accepted {@link #admissionDeadlineMillis()}. */
    public static final int MAX_ADMISSION_DEADLINE_MILLIS = 60_000;
    /** Default {@link #maxAdmissionsPerUpdate()}: 8 decisions (8 Ed25519 verifications, ~2.5 ms) per update at most. */
    public static final int DEFAULT_MAX_ADMISSIONS_PER_UPDATE = 8;
    /** Largest accepted {@link #maxAdmissionsPerUpdate()}. */
    public static final int MAX_ADMISSIONS_PER_UPDATE = 4096;

    private final InetSocketAddress bindAddress;
    private final ServerIdentity identity;
    private final DtlsConfig dtls;
    private final EndpointConfig endpoint;
    private final InMemoryNetwork inMemory;
    private final ConnectionConfig connection;
    private final MessageRegistry registry;
    private final long schemaHash;
    private final int maxConnections;
    private final NetworkConditions simulatedConditions;
    private final long simulatorSeed;
    private final NanoClock clock;
    private final int shutdownLingerMillis;
    private final Admission admission;
    private final int admissionDeadlineMillis;
    private final int maxAdmissionsPerUpdate;

    private ServerConfig(Builder b) {
        this.maxAdmissionsPerUpdate = b.maxAdmissionsPerUpdate;
        this.admission = b.admission;
        this.admissionDeadlineMillis = b.admissionDeadlineMillis;
        this.bindAddress = b.bindAddress;
        this.identity = b.identity;
        this.dtls = b.dtls;
        this.endpoint = b.endpoint;
        this.inMemory = b.inMemory;
        this.connection = b.connection;
        this.registry = b.registry;
        this.schemaHash = b.schemaHash;
        this.maxConnections = b.maxConnections;
        this.simulatedConditions = b.simulatedConditions;
        this.simulatorSeed = b.simulatorSeed;
        this.clock = b.clock;
        this.shutdownLingerMillis = b.shutdownLingerMillis;
    }

    /** A builder with the defaults (no transport chosen yet). */
    public static Builder builder() {
        return new Builder();
    }

    /** UDP address the DTLS endpoint binds, or null for an in-memory server. */
    public InetSocketAddress bindAddress() {
        return bindAddress;
    }

    /** The server's DTLS identity, or null for an in-memory server. */
    public ServerIdentity identity() {
        return identity;
    }

    /** Handshake deadline and resend time. */
    public DtlsConfig dtls() {
        return dtls;
    }

    /** Limits of the UDP/DTLS endpoint (handshakes in flight, queue lengths, datagram size). */
    public EndpointConfig endpoint() {
        return endpoint;
    }

    /** The in-memory network this server serves, or null for a DTLS server. */
    public InMemoryNetwork inMemory() {
        return inMemory;
    }

    /** Channels and protocol limits; must equal the clients' (compared by hash at connect). */
    public ConnectionConfig connection() {
        return connection;
    }

    /** Message classes and ids; must equal the clients' (compared by hash at connect). */
    public MessageRegistry registry() {
        return registry;
    }

    /** The replication schema hash given to the builder, or 0 when none was. */
    public long schemaHash() {
        return schemaHash;
    }

    /**
     * The hash both sides compare at connect time: the registry's hash, folded with the replication
     * schema's when one was given, so a client built against another schema is refused up front
     * (REGISTRY_MISMATCH, naming both) instead of decoding garbage.
     */
    public long applicationHash() {
        return schemaHash == 0 ? registry.hash() : registry.hash() * 0x9E37_79B9_7F4A_7C15L ^ schemaHash;
    }

    /** Connected peers at most; one more is refused with SERVER_FULL. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Conditions simulated on what this server sends, or null when the simulator is off. */
    public NetworkConditions simulatedConditions() {
        return simulatedConditions;
    }

    /** Seed of the server's simulators (each peer derives its own). */
    public long simulatorSeed() {
        return simulatorSeed;
    }

    /** Time source of the simulator and handshake deadlines; the same source as the {@code nowNanos} given to update. */
    public NanoClock clock() {
        return clock;
    }

    /**
     * Longest time a graceful shutdown ({@link NetServer#close()}, {@link NetServer#beginShutdown})
     * keeps pumping so that every peer's redundant SERVER_SHUTDOWN packets go out, measured on
     * {@link #clock()}; the socket closes when they are all out or this has passed.
     */
    public int shutdownLingerMillis() {
        return shutdownLingerMillis;
    }

    /** Who is let in: asked once per connection with the credential of its CONNECT (default {@link Admission#open()}). */
    public Admission admission() {
        return admission;
    }

    /**
     * How long after its DTLS handshake (or in-memory connect) a connection may take to present a
     * CONNECT that {@link #admission()} accepts; then it is dropped with AUTHENTICATION_FAILED.
     */
    public int admissionDeadlineMillis() {
        return admissionDeadlineMillis;
    }

    /**
     * Most admission decisions (CONNECTs handed to {@link #admission()}) one update makes; the CONNECTs
     * beyond it wait for the next update, their admission deadline still running. Bounds what a burst of
     * finished handshakes with bad tokens costs the tick (each decision is an Ed25519 verification).
     */
    public int maxAdmissionsPerUpdate() {
        return maxAdmissionsPerUpdate;
    }

    /** Who reads the UDP socket: the endpoint's reader thread, or {@link NetServer#update} itself; null in memory. */
    public ThreadingMode threading() {
        return endpoint == null ? null : endpoint.threadingMode();
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {

        private InetSocketAddress bindAddress;
        private ServerIdentity identity;
        private DtlsConfig dtls = DtlsConfig.DEFAULTS;
        private EndpointConfig endpoint;
        private InMemoryNetwork inMemory;
        private ConnectionConfig connection;
        private MessageRegistry registry;
        private long schemaHash;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private NetworkConditions simulatedConditions;
        private long simulatorSeed = 1;
        private NanoClock clock = NanoClock.SYSTEM;
        private int shutdownLingerMillis = DEFAULT_SHUTDOWN_LINGER_MILLIS;
        private ThreadingMode threading;
        private Admission admission = Admission.open();
        private int admissionDeadlineMillis = DEFAULT_ADMISSION_DEADLINE_MILLIS;
        private int maxAdmissionsPerUpdate = DEFAULT_MAX_ADMISSIONS_PER_UPDATE;

        private Builder() {
        }

        /**
         * Who is let in (default {@link Admission#open()}): {@link Admission#password}, {@link
         * Admission#connectTokens}, or your own (wrapping one of them).
         */
        public Builder admission(Admission admission) {
            this.admission = Objects.requireNonNull(admission, "admission");
            return this;
        }

        /**
         * Milliseconds after the DTLS handshake within which a connection must be admitted, 1 to
         * {@value ServerConfig#MAX_ADMISSION_DEADLINE_MILLIS} (default {@value ServerConfig#DEFAULT_ADMISSION_DEADLINE_MILLIS}).
         */
        public Builder admissionDeadlineMillis(int millis) {
            this.admissionDeadlineMillis = millis;
            return this;
        }

        /**
         * Most admission decisions per update, 1 to {@value ServerConfig#MAX_ADMISSIONS_PER_UPDATE}
         * (default {@value ServerConfig#DEFAULT_MAX_ADMISSIONS_PER_UPDATE}); later CONNECTs wait for the next update.
         */
        public Builder maxAdmissionsPerUpdate(int max) {
            this.maxAdmissionsPerUpdate = max;
            return this;
        }

        /** Serve DTLS on {@code bindAddress} (port 0 picks a free port) with {@code identity}. */
        public Builder dtls(InetSocketAddress bindAddress, ServerIdentity identity) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /** Handshake deadline and resend time (default {@link DtlsConfig#DEFAULTS}). */
        public Builder dtlsConfig(DtlsConfig config) {
            this.dtls = Objects.requireNonNull(config, "dtlsConfig");
            return this;
        }

        /** Endpoint limits (default: {@link EndpointConfig#builder()} with {@link #maxConnections}). */
        public Builder endpoint(EndpointConfig config) {
            this.endpoint = Objects.requireNonNull(config, "endpoint");
            return this;
        }

        /** Serve the clients of {@code network} in memory, without sockets or DTLS. */
        public Builder inMemory(InMemoryNetwork network) {
            this.inMemory = Objects.requireNonNull(network, "network");
            return this;
        }

        /** The shared channel configuration (required). */
        public Builder connection(ConnectionConfig config) {
            this.connection = Objects.requireNonNull(config, "connection");
            return this;
        }

        /** The shared message registry (required). */
        public Builder registry(MessageRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The shared replication schema's hash ({@code ReplicationSchema.hash()}), checked at connect with the registry's. */
        public Builder schemaHash(long hash) {
            this.schemaHash = hash;
            return this;
        }

        /** Connected peers at most (default {@value ServerConfig#DEFAULT_MAX_CONNECTIONS}). */
        public Builder maxConnections(int max) {
            this.maxConnections = max;
            return this;
        }

        /**
         * Turns the network simulator on for what this server sends, starting with
         * {@code conditions} (changeable at run time with {@link NetServer#setSimulatedConditions}).
         */
        public Builder simulate(NetworkConditions conditions, long seed) {
            this.simulatedConditions = Objects.requireNonNull(conditions, "conditions");
            this.simulatorSeed = seed;
            return this;
        }

        /**
         * Longest graceful-shutdown pumping time in milliseconds, 0 to {@value ServerConfig#MAX_SHUTDOWN_LINGER_MILLIS}
         * (default {@value ServerConfig#DEFAULT_SHUTDOWN_LINGER_MILLIS}); see {@link ServerConfig#shutdownLingerMillis()}.
         */
        public Builder shutdownLingerMillis(int millis) {
            this.shutdownLingerMillis = millis;
            return this;
        }

        /**
         * Who reads the DTLS server's UDP socket (default {@link ThreadingMode#DEDICATED_READER}): with
         * {@link ThreadingMode#INVOKER} the thread calling {@link NetServer#update} reads it itself, so
         * apart from the handshake workers everything runs on the caller's thread (tests, servers
         * stepped by hand). Overrides the mode of an {@link #endpoint} config; DTLS only.
         */
        public Builder threading(ThreadingMode mode) {
            this.threading = Objects.requireNonNull(mode, "threading");
            return this;
        }

        /** Time source (default {@link NanoClock#SYSTEM}); tests pass a manual clock. */
        public Builder clock(NanoClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Validates and freezes the configuration.
         *
         * @throws IllegalArgumentException naming the missing or bad value
         */
        public ServerConfig build() {
            if ((bindAddress == null) == (inMemory == null)) {
                throw new IllegalArgumentException("choose exactly one transport: dtls(bindAddress, identity) or"
                        + " inMemory(network)");
            }
            ConfigChecks.sharedProtocol(connection, registry);
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
            }
            ConfigChecks.lingerMillis("shutdownLingerMillis", shutdownLingerMillis);
            if (admissionDeadlineMillis < 1 || admissionDeadlineMillis > MAX_ADMISSION_DEADLINE_MILLIS) {
                throw new IllegalArgumentException("admissionDeadlineMillis must be 1.." + MAX_ADMISSION_DEADLINE_MILLIS
                        + ", was " + admissionDeadlineMillis);
            }
            if (maxAdmissionsPerUpdate < 1 || maxAdmissionsPerUpdate > MAX_ADMISSIONS_PER_UPDATE) {
                throw new IllegalArgumentException("maxAdmissionsPerUpdate must be 1.." + MAX_ADMISSIONS_PER_UPDATE
                        + ", was " + maxAdmissionsPerUpdate);
            }
            if (threading != null && bindAddress == null) {
                throw new IllegalArgumentException("threading(" + threading + ") applies to a DTLS server only;"
                        + " an in-memory server always runs on the thread calling update");
            }
            if (bindAddress != null && endpoint == null) {
                endpoint = EndpointConfig.builder().maxConnections(maxConnections).clock(clock)
                        .threadingMode(threading == null ? ThreadingMode.DEDICATED_READER : threading).build();
            } else if (bindAddress != null && threading != null && endpoint.threadingMode() != threading) {
                endpoint = endpoint.withThreadingMode(threading);
            }
            return new ServerConfig(this);
        }
    }
}
