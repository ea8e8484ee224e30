package io.tickwire.arena.server;

import io.tickwire.arena.sim.Arena;
import io.tickwire.arena.sim.ArenaMessages;
import io.tickwire.net.ServerConfig;
import io.tickwire.net.admission.Admission;
import io.tickwire.net.dtls.Fingerprint;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.transport.EndpointConfig;
import io.tickwire.net.transport.ThreadingMode;
import io.tickwire.server.GameServer;
import io.tickwire.server.GameServerConfig;
import io.tickwire.server.TickLoopConfig;
import io.tickwire.server.TickLoopMode;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * An arena server: a {@link GameServer} over DTLS ticking the {@link ArenaServerGame} rules on its own
 * thread. The dedicated server and "host a game" both start one of these.
 */
public final class ArenaServer implements AutoCloseable {
    /** The arena's default UDP port. */
    public static final int DEFAULT_PORT = 7777;
    /** Application id in the arena's connect tokens: a token minted for another game is refused here. */
    public static final long TOKEN_APPLICATION_ID = 0x5457_4152_454E_4131L; // "TWARENA1"
    /** Connections held at once: a full arena plus players still joining or being turned away. */
    public static final int MAX_CONNECTIONS = 48;

    private final GameServer server;
    private final ArenaServerGame rules;

    private ArenaServer(GameServer server, ArenaServerGame rules) {
        this.server = server;
        this.rules = rules;
    }

    /**
     * Starts a server bound to {@code bind} with {@code identity}, ticking at {@code tickRate} Hz and
     * sending snapshots at {@code snapshotRate} Hz under {@code rules}.
     *
     * @throws IOException when the UDP port cannot be bound (the message names it)
     */
    public static ArenaServer start(InetSocketAddress bind, ServerIdentity identity, int tickRate, int snapshotRate,
                                    ArenaRulesConfig rules) throws IOException {
        return start(bind, identity, tickRate, snapshotRate, rules, admission(rules));
    }

    /**
     * Like {@link #start(InetSocketAddress, ServerIdentity, int, int, ArenaRulesConfig)}, letting players in
     * by {@code admission} (connect tokens: {@code Admission.connectTokens}) instead of the rules' password.
     *
     * @throws IOException when the UDP port cannot be bound (the message names it)
     */
    public static ArenaServer start(InetSocketAddress bind, ServerIdentity identity, int tickRate, int snapshotRate,
                                    ArenaRulesConfig rules, Admission admission) throws IOException {
        if (tickRate != Arena.TICK_RATE) {
            throw new IllegalArgumentException("the arena's step is fixed at " + Arena.TICK_RATE
                    + " Hz (players predict with it); got --tick-rate " + tickRate);
        }
        ArenaServerGame game = new ArenaServerGame(rules);
        ServerConfig net = network()
                // Room for players still joining (or being told the arena is full) beside a full arena;
                // on a LAN one machine may run many bot clients, so the per-address limits are that wide.
                .dtls(bind, identity)
                .endpoint(EndpointConfig.builder().maxConnections(MAX_CONNECTIONS)
                        .maxHandshakesInFlight(32).maxConnectionsPerIp(MAX_CONNECTIONS).maxHandshakesPerIp(6)
                        .threadingMode(ThreadingMode.DEDICATED_READER).build())
                .maxConnections(MAX_CONNECTIONS)
                .admission(admission)
                .shutdownLingerMillis(500)
                .build();
        GameServer server = GameServer.start(gameConfig(net, snapshotRate, TickLoopMode.BLOCKING), game);
        game.attach(server);
        return new ArenaServer(server, game);
    }

    /** Who the rules let in: everyone, or (with a password) the players whose CONNECT carries it. */
    public static Admission admission(ArenaRulesConfig rules) {
        return rules.password() == null ? Admission.open() : Admission.password(rules.password());
    }

    /** The network settings every arena server shares (channels, registry, schema), to add a transport to. */
    public static ServerConfig.Builder network() {
        return ServerConfig.builder()
                .connection(GameChannels.builder().build())
                .registry(ArenaMessages.REGISTRY)
                .schemaHash(Arena.SCHEMA.hash());
    }

    /** The game-server settings of an arena over {@code net}: the arena's tick rate, schema and input size. */
    public static GameServerConfig gameConfig(ServerConfig net, int snapshotRate, TickLoopMode mode) {
        return GameServerConfig.builder()
                .server(net)
                .tickLoop(TickLoopConfig.builder().tickRateHz(Arena.TICK_RATE).snapshotRateHz(snapshotRate)
                        .mode(mode).build())
                .schema(Arena.SCHEMA)
                .maxInputBytes(Arena.INPUT_BYTES)
                .build();
    }

    /** The game server (its net, tick times, players). */
    public GameServer gameServer() {
        return server;
    }

    /** The rules. */
    public ArenaServerGame rules() {
        return rules;
    }

    /** The bound UDP address. */
    public InetSocketAddress address() {
        return server.net().localAddress();
    }

    /** The certificate fingerprint clients pin. */
    public Fingerprint fingerprint() {
        return server.net().fingerprint();
    }

    /** Stops the server: every player is told "server closed". */
    @Override
    public void close() {
        server.close();
    }
}
