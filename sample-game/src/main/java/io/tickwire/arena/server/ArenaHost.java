package io.tickwire.arena.server;

import io.tickwire.arena.sim.Arena;
import io.tickwire.net.admission.Admission;
import io.tickwire.net.discovery.LanDiscoveryResponder;
import io.tickwire.net.discovery.ServerInfo;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.server.PostStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.IntConsumer;

/**
 * An arena server that players on the LAN can find: an {@link ArenaServer} and, beside it, a LAN
 * discovery responder whose answer (name, map, players/max, version, port, password flag, certificate
 * fingerprint) follows the player count. The dedicated server and the game's "host a game" both start one.
 */
public final class ArenaHost implements AutoCloseable {
    /** What to do when the discovery port cannot be had. */
    public enum Lan {
        /** No discovery at all. */
        OFF,
        /** Discovery or nothing: the start fails with a message naming the port (the dedicated server). */
        REQUIRED,
        /** Discovery when it can listen; otherwise play on, reachable by address ({@link #lanProblem()}). */
        BEST_EFFORT
    }

    private final ArenaServer server;
    private final LanDiscoveryResponder responder;
    private final String lanProblem;

    private ArenaHost(ArenaServer server, LanDiscoveryResponder responder, String lanProblem) {
        this.server = server;
        this.responder = responder;
        this.lanProblem = lanProblem;
    }

    /**
     * Starts the server on {@code bind} and, as {@code lan} says, a discovery responder on UDP
     * {@code lanPort} of the same address (0 picks a free port).
     *
     * @throws IOException when the game port cannot be bound, or the discovery port with {@link Lan#REQUIRED}
     */
    public static ArenaHost start(InetSocketAddress bind, ServerIdentity identity, int tickRate, int snapshotRate,
                                  ArenaRulesConfig rules, Lan lan, int lanPort) throws IOException {
        return start(bind, identity, tickRate, snapshotRate, rules, ArenaServer.admission(rules), lan, lanPort);
    }

    /**
     * Like {@link #start(InetSocketAddress, ServerIdentity, int, int, ArenaRulesConfig, Lan, int)}, letting
     * players in by {@code admission} (connect tokens) instead of the rules' password.
     *
     * @throws IOException when the game port cannot be bound, or the discovery port with {@link Lan#REQUIRED}
     */
    public static ArenaHost start(InetSocketAddress bind, ServerIdentity identity, int tickRate, int snapshotRate,
                                  ArenaRulesConfig rules, Admission admission, Lan lan, int lanPort) throws IOException {
        ArenaServer server = ArenaServer.start(bind, identity, tickRate, snapshotRate, rules, admission);
        if (lan == Lan.OFF) {
            return new ArenaHost(server, null, "LAN discovery is off");
        }
        LanDiscoveryResponder responder;
        try {
            responder = LanDiscoveryResponder.start(LanDiscoveryResponder.Config.builder()
                    .bind(new InetSocketAddress(bind.getAddress(), lanPort)).build(), ServerInfo.builder()
                    .server(server.gameServer().net())
                    .serverName(rules.serverName())
                    .mapName(Arena.map().name())
                    .gameVersion(Arena.VERSION_NAME)
                    .players(0, rules.maxPlayers())
                    .passwordRequired(rules.password() != null)
                    .build());
        } catch (IOException | RuntimeException e) {
            String problem = "LAN discovery cannot listen on UDP port " + lanPort + " (" + e.getMessage()
                    + "): another arena server on this machine?";
            if (lan == Lan.BEST_EFFORT) {
                return new ArenaHost(server, null, problem);
            }
            server.close();
            throw new IOException(problem + " Use another --lan-port or --no-lan", e);
        }
        // The tick thread reports changes; the responder's thread reads the newest info. Installed by a
        // command on the tick thread, so the count it starts from and every later change stay in order.
        ArenaServerGame game = server.rules();
        IntConsumer publish = n -> responder.setInfo(responder.info().withPlayers(n));
        PostStatus posted = server.gameServer().post(tick -> {
            game.setPlayerCountListener(publish);
            publish.accept(game.humans() + game.bots());
        });
        if (posted != PostStatus.QUEUED) {
            responder.close();
            server.close();
            throw new IllegalStateException("the new server refused the discovery hook: " + posted);
        }
        return new ArenaHost(server, responder, null);
    }

    /** The game server. */
    public ArenaServer server() {
        return server;
    }

    /** The discovery responder, or null without LAN discovery. */
    public LanDiscoveryResponder responder() {
        return responder;
    }

    /** Why the server is not listed on the LAN, or null when it is. */
    public String lanProblem() {
        return lanProblem;
    }

    /** Stops discovery, then the server (players are told "server closed"). */
    @Override
    public void close() {
        if (responder != null) {
            responder.close();
        }
        server.close();
    }
}
