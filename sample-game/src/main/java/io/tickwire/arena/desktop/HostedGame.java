package io.tickwire.arena.desktop;

import io.tickwire.arena.server.ArenaRulesConfig;
import io.tickwire.arena.server.ArenaServer;
import io.tickwire.arena.sim.Arena;
import io.tickwire.net.discovery.LanDiscoveryResponder;
import io.tickwire.net.discovery.ServerInfo;
import io.tickwire.net.dtls.ServerIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * "Host a game": an {@link ArenaServer} in this process (identity kept in ~/.tickwire/server-identity)
 * plus a LAN discovery responder so other players' browsers list it. Closed when the hosting player
 * leaves the game.
 */
public final class HostedGame implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HostedGame.class.getName());

    private final ArenaServer server;
    private final LanDiscoveryResponder responder;
    private final String lanProblem;
    private int advertisedPlayers = -1;

    private HostedGame(ArenaServer server, LanDiscoveryResponder responder, String lanProblem) {
        this.server = server;
        this.responder = responder;
        this.lanProblem = lanProblem;
    }

    /** Where the server keeps its identity: ~/.tickwire/server-identity. */
    public static Path identityDirectory() {
        return Path.of(System.getProperty("user.home"), ".tickwire", "server-identity");
    }

    /**
     * Starts a server on all interfaces at {@code port} under {@code rules}, and its LAN responder (a
     * responder that cannot bind is reported by {@link #lanProblem()}; the game is still playable by address).
     *
     * @throws IOException when the identity cannot be loaded or the game port cannot be bound
     */
    public static HostedGame start(int port, ArenaRulesConfig rules) throws IOException {
        ServerIdentity identity = ServerIdentity.loadOrCreate(identityDirectory());
        ArenaServer server = ArenaServer.start(new InetSocketAddress("0.0.0.0", port), identity, Arena.TICK_RATE,
                Arena.SNAPSHOT_RATE, rules);
        LanDiscoveryResponder responder = null;
        String problem = null;
        try {
            responder = LanDiscoveryResponder.start(LanDiscoveryResponder.Config.defaults(), ServerInfo.builder()
                    .server(server.gameServer().net())
                    .serverName(rules.serverName())
                    .mapName(Arena.map().name())
                    .gameVersion(Arena.VERSION_NAME)
                    .players(0, rules.maxPlayers())
                    .passwordRequired(rules.password() != null)
                    .build());
        } catch (IOException | RuntimeException e) {
            problem = "not listed on the LAN: " + e.getMessage();
            LOG.log(Level.WARNING, "hosted game " + rules.serverName() + " is " + problem, e);
        }
        LOG.info(() -> "hosting " + rules.serverName() + " on " + server.address() + " " + server.fingerprint());
        return new HostedGame(server, responder, problem);
    }

    /** The running server. */
    public ArenaServer server() {
        return server;
    }

    /** Why the game is not listed on the LAN, or null when it is. */
    public String lanProblem() {
        return lanProblem;
    }

    /** Keeps the player count the LAN sees current; cheap, call it now and then from the render thread. */
    public void advertise() {
        if (responder == null) {
            return;
        }
        int players = server.rules().humans() + server.rules().bots();
        if (players != advertisedPlayers) {
            advertisedPlayers = players;
            responder.setInfo(responder.info().withPlayers(Math.min(players, responder.info().maxPlayers())));
        }
    }

    /** Stops answering the LAN and shuts the server down (its players are told "server closed"). */
    @Override
    public void close() {
        if (responder != null) {
            responder.close();
        }
        server.close();
    }
}
