package io.tickwire.net;

import io.tickwire.net.admission.Admission;
import io.tickwire.net.admission.ConnectToken;
import io.tickwire.net.admission.ConnectTokenException;
import io.tickwire.net.dtls.DtlsConfig;
import io.tickwire.net.protocol.Connection;
import io.tickwire.net.protocol.CredentialKind;
import java.nio.charset.StandardCharsets;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.serial.MessageRegistry;
import io.tickwire.net.sim.NetworkConditions;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Everything a {@link NetClient} needs, validated once by {@link Builder#build()}: the server (a
 * UDP address and how to trust its certificate, or an {@link InMemoryNetwork}), the channel
 * configuration and message registry both sides share, and the optional network simulator.
 */
public final class ClientConfig {

    /** Default {@link #maxDatagramSize()}: fits a 1500-byte Ethernet MTU over IPv4. */
    public static final int DEFAULT_MAX_DATAGRAM_SIZE = 1472;

    private final InetSocketAddress serverAddress;
    private final String serverHost;
    private final ServerTrust trust;
    private final DtlsConfig dtls;
    private final int maxDatagramSize;
    private final InMemoryNetwork inMemory;
    private final ConnectionConfig connection;
    private final MessageRegistry registry;
    private final long schemaHash;
    private final NetworkConditions simulatedConditions;
    private final long simulatorSeed;
    private final NanoClock clock;
    private final int closeLingerMillis;
    private final CredentialKind credentialKind;
    private final byte[] credential;

    private ClientConfig(Builder b) {
        this.credentialKind = b.credentialKind;
        this.credential = b.credential;
        this.serverAddress = b.serverAddress;
        this.serverHost = b.serverHost;
        this.trust = b.trust;
        this.dtls = b.dtls;
        this.maxDatagramSize = b.maxDatagramSize;
        this.inMemory = b.inMemory;
        this.connection = b.connection;
        this.registry = b.registry;
        this.schemaHash = b.schemaHash;
        this.simulatedConditions = b.simulatedConditions;
        this.simulatorSeed = b.simulatorSeed;
        this.clock = b.clock;
        this.closeLingerMillis = b.closeLingerMillis;
    }

    /** A builder with the defaults (no server chosen yet). */
    public static Builder builder() {
        return new Builder();
    }

    /** The server's UDP address, or null for an in-memory client. */
    public InetSocketAddress serverAddress() {
        return serverAddress;
    }

    /** The host name as the user gave it (checked against the certificate, key of the known-hosts file). */
    public String serverHost() {
        return serverHost;
    }

    /** How the server's certificate is verified, or null for an in-memory client. */
    public ServerTrust trust() {
        return trust;
    }

    /** Handshake deadline and resend time. */
    public DtlsConfig dtls() {
        return dtls;
    }

    /** Largest datagram sent or received, in bytes. */
    public int maxDatagramSize() {
        return maxDatagramSize;
    }

    /** The in-memory network to connect over, or null for a DTLS client. */
    public InMemoryNetwork inMemory() {
        return inMemory;
    }

    /** Channels and protocol limits; must equal the server's. */
    public ConnectionConfig connection() {
        return connection;
    }

    /** Message classes and ids; must equal the server's. */
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

    /** Conditions simulated on what this client sends, or null when the simulator is off. */
    public NetworkConditions simulatedConditions() {
        return simulatedConditions;
    }

    /** Seed of the client's simulators. */
    public long simulatorSeed() {
        return simulatorSeed;
    }

    /** Time source of the simulator; the same source as the {@code nowNanos} given to poll. */
    public NanoClock clock() {
        return clock;
    }

    /**
     * Longest time {@link NetClient#close()} keeps pumping so that its redundant DISCONNECT packets
     * go out (through the simulator's delay queue too) before the socket closes, on {@link #clock()}.
     */
    public int closeLingerMillis() {
        return closeLingerMillis;
    }

    /** What the client's CONNECT carries to be admitted (NONE by default). */
    public CredentialKind credentialKind() {
        return credentialKind;
    }

    /** A copy of the credential bytes the CONNECT carries (empty for NONE). */
    public byte[] credential() {
        return credential.clone();
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {

        private InetSocketAddress serverAddress;
        private String serverHost;
        private ServerTrust trust;
        private DtlsConfig dtls = DtlsConfig.DEFAULTS;
        private int maxDatagramSize = DEFAULT_MAX_DATAGRAM_SIZE;
        private InMemoryNetwork inMemory;
        private ConnectionConfig connection;
        private MessageRegistry registry;
        private long schemaHash;
        private NetworkConditions simulatedConditions;
        private long simulatorSeed = 1;
        private NanoClock clock = NanoClock.SYSTEM;
        private int closeLingerMillis = ServerConfig.DEFAULT_SHUTDOWN_LINGER_MILLIS;
        private CredentialKind credentialKind = CredentialKind.NONE;
        private byte[] credential = new byte[0];

        private Builder() {
        }

        /**
         * Connect with the server's password (a LAN game's), checked inside DTLS; null or empty for none.
         *
         * @throws IllegalArgumentException when longer than {@link Admission#MAX_PASSWORD_BYTES} UTF-8 bytes
         */
        public Builder password(String password) {
            if (password == null || password.isEmpty()) {
                return credential(CredentialKind.NONE, new byte[0]);
            }
            byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > Admission.MAX_PASSWORD_BYTES) {
                throw new IllegalArgumentException("password of " + utf8.length + " UTF-8 bytes exceeds MAX_PASSWORD_BYTES "
                        + Admission.MAX_PASSWORD_BYTES);
            }
            return credential(CredentialKind.PASSWORD, utf8);
        }

        /** Connect with a connect token the game's backend minted for this client (its bytes). */
        public Builder connectToken(byte[] token) {
            return credential(CredentialKind.CONNECT_TOKEN, Objects.requireNonNull(token, "token"));
        }

        /**
         * Connect with a connect token given as text (base64url, as {@code ConnectToken.toText()} and
         * {@code arena token mint} print it).
         *
         * @throws IllegalArgumentException when the text is not a well-formed token, naming the fault
         */
        public Builder connectToken(String text) {
            try {
                return connectToken(ConnectToken.parse(text).toBytes());
            } catch (ConnectTokenException e) {
                throw new IllegalArgumentException("not a connect token: " + e.getMessage(), e);
            }
        }

        /** Connect with any credential (a reconnect layer's resume ticket); copies {@code bytes}. */
        public Builder credential(CredentialKind kind, byte[] bytes) {
            this.credentialKind = Objects.requireNonNull(kind, "kind");
            this.credential = Objects.requireNonNull(bytes, "bytes").clone();
            return this;
        }

        /** Connect over DTLS to {@code host}:{@code port}, verifying the server with {@code trust}. */
        public Builder server(String host, int port, ServerTrust trust) {
            this.serverHost = Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be in 1..65535, was " + port);
            }
            this.serverAddress = new InetSocketAddress(host, port);
            if (serverAddress.isUnresolved()) {
                throw new IllegalArgumentException("server host '" + host + "' does not resolve");
            }
            this.trust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /** Handshake deadline and resend time (default {@link DtlsConfig#DEFAULTS}). */
        public Builder dtlsConfig(DtlsConfig config) {
            this.dtls = Objects.requireNonNull(config, "dtlsConfig");
            return this;
        }

        /** Largest datagram (default {@value ClientConfig#DEFAULT_MAX_DATAGRAM_SIZE}). */
        public Builder maxDatagramSize(int bytes) {
            this.maxDatagramSize = bytes;
            return this;
        }

        /** Connect over {@code network} in memory, without sockets or DTLS. */
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

        /**
         * Turns the network simulator on for what this client sends, starting with
         * {@code conditions} (changeable at run time with {@link NetClient#setSimulatedConditions}).
         */
        public Builder simulate(NetworkConditions conditions, long seed) {
            this.simulatedConditions = Objects.requireNonNull(conditions, "conditions");
            this.simulatorSeed = seed;
            return this;
        }

        /**
         * Longest pumping time of {@link NetClient#close()} in milliseconds, 0 to
         * {@value ServerConfig#MAX_SHUTDOWN_LINGER_MILLIS} (default {@value ServerConfig#DEFAULT_SHUTDOWN_LINGER_MILLIS}).
         */
        public Builder closeLingerMillis(int millis) {
            this.closeLingerMillis = millis;
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
        public ClientConfig build() {
            if ((serverAddress == null) == (inMemory == null)) {
                throw new IllegalArgumentException("choose exactly one transport: server(host, port, trust) or"
                        + " inMemory(network)");
            }
            ConfigChecks.sharedProtocol(connection, registry);
            if (maxDatagramSize < 256 || maxDatagramSize > 65_507) {
                throw new IllegalArgumentException("maxDatagramSize must be in 256..65507, was " + maxDatagramSize);
            }
            ConfigChecks.lingerMillis("closeLingerMillis", closeLingerMillis);
            Connection.checkCredentialFits(connection, credential.length);
            return new ClientConfig(this);
        }
    }
}
