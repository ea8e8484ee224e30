package io.tickwire.arena.desktop;

import io.tickwire.arena.server.ArenaHost;
import io.tickwire.arena.server.ArenaRulesConfig;
import io.tickwire.arena.server.ArenaServer;
import io.tickwire.arena.sim.Arena;
import io.tickwire.net.discovery.DiscoveryCodec;
import io.tickwire.net.dtls.ServerIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * "Host a game": an {@link ArenaHost} in this process (identity kept in ~/.tickwire/server-identity), so
 * other players' browsers list it while the LAN port can be had. Closed when the hosting player leaves.
 */
public final class HostedGame implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HostedGame.class.getName());

    private final ArenaHost host;

    private HostedGame(ArenaHost host) {
        this.host = host;
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
        ArenaHost host = ArenaHost.start(new InetSocketAddress("0.0.0.0", port), identity, Arena.TICK_RATE,
                Arena.SNAPSHOT_RATE, rules, ArenaHost.Lan.BEST_EFFORT, DiscoveryCodec.DEFAULT_PORT);
        if (host.lanProblem() != null) {
            LOG.log(Level.WARNING, "hosted game " + rules.serverName() + " is not listed on the LAN: "
                    + host.lanProblem());
        }
        LOG.info(() -> "hosting " + rules.serverName() + " on " + host.server().address() + " "
                + host.server().fingerprint());
        return new HostedGame(host);
    }

    /** The running server. */
    public ArenaServer server() {
        return host.server();
    }

    /** Why the game is not listed on the LAN, or null when it is. */
    public String lanProblem() {
        return host.lanProblem() == null ? null : "not listed on the LAN: " + host.lanProblem();
    }

    /** Stops answering the LAN and shuts the server down (its players are told "server closed"). */
    @Override
    public void close() {
        host.close();
    }
}
