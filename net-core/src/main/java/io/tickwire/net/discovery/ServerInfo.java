package io.tickwire.net.discovery;

import io.tickwire.net.NetServer;
import io.tickwire.net.dtls.Fingerprint;
import io.tickwire.net.protocol.ConnectionConfig;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What a server advertises on the LAN, immutable: names, player counts, the game's UDP port, whether
 * a password is asked, the certificate fingerprint clients pin, and the three values that decide
 * whether a client can join (protocol version, configuration hash, application hash: exactly what
 * the CONNECT handshake compares).
 *
 * <p>Strings longer than their limit are cut by {@link Builder#build()} to the longest prefix of whole
 * code points whose UTF-8 fits ({@link DiscoveryCodec#MAX_SERVER_NAME_BYTES},
 * {@link DiscoveryCodec#MAX_MAP_NAME_BYTES}, {@link DiscoveryCodec#MAX_GAME_VERSION_BYTES}), so the
 * getters return what browsers will see. Being immutable, an instance can be handed between threads
 * freely: the tick thread builds a new one when the player count changes and gives it to
 * {@link LanDiscoveryResponder#setInfo}.
 */
public final class ServerInfo {

    private final String serverName;
    private final String mapName;
    private final String gameVersion;
    private final int players;
    private final int maxPlayers;
    private final int gamePort;
    private final boolean passwordRequired;
    private final Fingerprint fingerprint;
    private final int protocolVersion;
    private final long configHash;
    private final long applicationHash;

    private ServerInfo(Builder b) {
        this.serverName = DiscoveryText.truncate(b.serverName, DiscoveryCodec.MAX_SERVER_NAME_BYTES);
        this.mapName = DiscoveryText.truncate(b.mapName, DiscoveryCodec.MAX_MAP_NAME_BYTES);
        this.gameVersion = DiscoveryText.truncate(b.gameVersion, DiscoveryCodec.MAX_GAME_VERSION_BYTES);
        this.players = b.players;
        this.maxPlayers = b.maxPlayers;
        this.gamePort = b.gamePort;
        this.passwordRequired = b.passwordRequired;
        this.fingerprint = b.fingerprint;
        this.protocolVersion = b.protocolVersion;
        this.configHash = b.configHash;
        this.applicationHash = b.applicationHash;
    }

    /** A builder with no fields set; see {@link Builder#build()} for which are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this info's values, to change one or two (for example the player count). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.serverName = serverName;
        b.mapName = mapName;
        b.gameVersion = gameVersion;
        b.players = players;
        b.maxPlayers = maxPlayers;
        b.gamePort = gamePort;
        b.passwordRequired = passwordRequired;
        b.fingerprint = fingerprint;
        b.protocolVersion = protocolVersion;
        b.configHash = configHash;
        b.applicationHash = applicationHash;
        b.compatibilitySet = true;
        return b;
    }

    /** This info with another player count (0..maxPlayers); the cheap update for the tick thread. */
    public ServerInfo withPlayers(int players) {
        return toBuilder().players(players, maxPlayers).build();
    }

    /** The server's name as shown in the list (1..{@value DiscoveryCodec#MAX_SERVER_NAME_BYTES} UTF-8 bytes). */
    public String serverName() {
        return serverName;
    }

    /** The map being played (0..{@value DiscoveryCodec#MAX_MAP_NAME_BYTES} UTF-8 bytes). */
    public String mapName() {
        return mapName;
    }

    /** The game's version for display, for example "0.3.1" (0..{@value DiscoveryCodec#MAX_GAME_VERSION_BYTES} UTF-8 bytes). */
    public String gameVersion() {
        return gameVersion;
    }

    /** Players connected now. */
    public int players() {
        return players;
    }

    /** Players the server admits at most. */
    public int maxPlayers() {
        return maxPlayers;
    }

    /** The UDP port of the game server (DTLS); the address is the discovery answer's source address. */
    public int gamePort() {
        return gamePort;
    }

    /** Whether joining asks for a password. */
    public boolean passwordRequired() {
        return passwordRequired;
    }

    /** SHA-256 fingerprint of the game server's certificate, which the client pins for the connection. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** Tickwire wire protocol version the game server speaks ({@link ConnectionConfig#protocolVersion()}). */
    public int protocolVersion() {
        return protocolVersion;
    }

    /** The game server's {@link ConnectionConfig#hash()} (channels and limits both sides must share). */
    public long configHash() {
        return configHash;
    }

    /** The game server's application hash (message registry and replication schema, {@code ServerConfig.applicationHash()}). */
    public long applicationHash() {
        return applicationHash;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ServerInfo)) {
            return false;
        }
        ServerInfo i = (ServerInfo) o;
        return players == i.players && maxPlayers == i.maxPlayers && gamePort == i.gamePort
                && passwordRequired == i.passwordRequired && protocolVersion == i.protocolVersion
                && configHash == i.configHash && applicationHash == i.applicationHash
                && serverName.equals(i.serverName) && mapName.equals(i.mapName)
                && gameVersion.equals(i.gameVersion) && fingerprint.equals(i.fingerprint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(serverName, mapName, gameVersion, players, maxPlayers, gamePort, passwordRequired,
                fingerprint, protocolVersion, configHash, applicationHash);
    }

    @Override
    public String toString() {
        return "'" + serverName + "' map '" + mapName + "' " + players + "/" + maxPlayers + " version '"
                + gameVersion + "' port " + gamePort + (passwordRequired ? " password" : "") + " " + fingerprint;
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {

        private String serverName;
        private String mapName = "";
        private String gameVersion = "";
        private int players;
        private int maxPlayers = -1;
        private int gamePort;
        private boolean passwordRequired;
        private Fingerprint fingerprint;
        private int protocolVersion;
        private long configHash;
        private long applicationHash;
        private boolean compatibilitySet;

        private Builder() {
        }

        /** The server's name (required, not empty; cut to {@value DiscoveryCodec#MAX_SERVER_NAME_BYTES} UTF-8 bytes). */
        public Builder serverName(String name) {
            this.serverName = Objects.requireNonNull(name, "serverName");
            return this;
        }

        /** The map's name (default empty; cut to {@value DiscoveryCodec#MAX_MAP_NAME_BYTES} UTF-8 bytes). */
        public Builder mapName(String name) {
            this.mapName = Objects.requireNonNull(name, "mapName");
            return this;
        }

        /** The game's display version (default empty; cut to {@value DiscoveryCodec#MAX_GAME_VERSION_BYTES} UTF-8 bytes). */
        public Builder gameVersion(String version) {
            this.gameVersion = Objects.requireNonNull(version, "gameVersion");
            return this;
        }

        /** Players now (0..max) and at most (1..{@value DiscoveryCodec#MAX_PLAYERS}); required. */
        public Builder players(int players, int maxPlayers) {
            this.players = players;
            this.maxPlayers = maxPlayers;
            return this;
        }

        /** The game server's UDP port, 1..65535 (required, unless {@link #server(NetServer)} sets it). */
        public Builder gamePort(int port) {
            this.gamePort = port;
            return this;
        }

        /** Whether joining asks for a password (default false). */
        public Builder passwordRequired(boolean required) {
            this.passwordRequired = required;
            return this;
        }

        /** The game server certificate's fingerprint (required, unless {@link #server(NetServer)} sets it). */
        public Builder fingerprint(Fingerprint fingerprint) {
            this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
            return this;
        }

        /**
         * The values a client must share to join (required, unless {@link #server(NetServer)} sets
         * them): protocol version 0..65535, the connection configuration's hash and the application hash.
         */
        public Builder compatibility(int protocolVersion, long configHash, long applicationHash) {
            this.protocolVersion = protocolVersion;
            this.configHash = configHash;
            this.applicationHash = applicationHash;
            this.compatibilitySet = true;
            return this;
        }

        /**
         * Port, fingerprint and compatibility of a running DTLS {@code server}: its bound port, its
         * certificate's fingerprint, and its connection configuration and application hashes.
         *
         * @throws IllegalArgumentException for an in-memory server (nothing to find on a LAN)
         */
        public Builder server(NetServer server) {
            InetSocketAddress address = server.localAddress();
            if (address == null || server.fingerprint() == null) {
                throw new IllegalArgumentException("LAN discovery advertises a DTLS server; this NetServer is in memory");
            }
            ConnectionConfig connection = server.config().connection();
            return gamePort(address.getPort()).fingerprint(server.fingerprint())
                    .compatibility(connection.protocolVersion(), connection.hash(), server.config().applicationHash());
        }

        /**
         * Validates, cuts long strings and freezes.
         *
         * @throws IllegalArgumentException naming the missing or bad value and its limit
         */
        public ServerInfo build() {
            if (serverName == null) {
                throw new IllegalArgumentException("serverName is required");
            }
            DiscoveryText.requireAllowed("serverName", serverName);
            DiscoveryText.requireAllowed("mapName", mapName);
            DiscoveryText.requireAllowed("gameVersion", gameVersion);
            if (serverName.isEmpty()) {
                throw new IllegalArgumentException("serverName must not be empty");
            }
            if (maxPlayers == -1) {
                throw new IllegalArgumentException("players(players, maxPlayers) is required");
            }
            if (maxPlayers < 1 || maxPlayers > DiscoveryCodec.MAX_PLAYERS) {
                throw new IllegalArgumentException("maxPlayers must be in [1, " + DiscoveryCodec.MAX_PLAYERS
                        + "], was " + maxPlayers);
            }
            if (players < 0 || players > maxPlayers) {
                throw new IllegalArgumentException("players must be in [0, maxPlayers " + maxPlayers + "], was " + players);
            }
            if (gamePort < 1 || gamePort > 65535) {
                throw new IllegalArgumentException("gamePort must be in [1, 65535], was " + gamePort
                        + " (set it, or use server(netServer) after the server has bound its port)");
            }
            if (fingerprint == null) {
                throw new IllegalArgumentException("fingerprint (the game server certificate's) is required");
            }
            if (!compatibilitySet) {
                throw new IllegalArgumentException("compatibility(protocolVersion, configHash, applicationHash) or"
                        + " server(netServer) is required: without it browsers cannot tell who can join");
            }
            if (protocolVersion < 0 || protocolVersion > 0xFFFF) {
                throw new IllegalArgumentException("protocolVersion must be in [0, 65535], was " + protocolVersion);
            }
            return new ServerInfo(this);
        }
    }
}
