package io.tickwire.arena.server;

import io.tickwire.arena.sim.Arena;
import io.tickwire.net.discovery.LanDiscoveryResponder;
import io.tickwire.net.discovery.ServerInfo;
import io.tickwire.net.dtls.ServerIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * An arena server that players on the LAN can find: an {@link ArenaServer} and, beside it, a LAN
 * discovery responder whose answer (name, map, players/max, version, port, password flag, certificate
 * fingerprint) follows the player count. The dedicated server and the game's "host a game" both start one.
 */
public final class ArenaHost implements AutoCloseable {
    private final ArenaServer server;
    private final LanDiscoveryResponder responder;

    private ArenaHost(ArenaServer server, LanDiscoveryResponder responder) {
        this.server = server;
        this.responder = responder;
    }

    /**
     * Starts the server on {@code bind} and, unless {@code lanPort} is negative, a discovery responder on
     * that UDP port of the same address (0 picks a free port).
     *
     * @throws IOException when either port cannot be bound (the message names it)
     */
    public static ArenaHost start(InetSocketAddress bind, ServerIdentity identity, int tickRate, int snapshotRate,
                                  ArenaRulesConfig rules, int lanPort) throws IOException {
        ArenaServer server = ArenaServer.start(bind, identity, tickRate, snapshotRate, rules);
        if (lanPort < 0) {
            return new ArenaHost(server, null);
        }
        try {
            ServerInfo info = ServerInfo.builder()
                    .server(server.gameServer().net())
                    .serverName(rules.serverName())
                    .mapName(Arena.map().name())
                    .gameVersion(Arena.VERSION_NAME)
                    .players(0, rules.maxPlayers())
                    .passwordRequired(rules.password() != null)
                    .build();
            LanDiscoveryResponder responder = LanDiscoveryResponder.start(LanDiscoveryResponder.Config.builder()
                    .bind(new InetSocketAddress(bind.getAddress(), lanPort)).build(), info);
            // The tick thread reports changes; the responder's thread reads the newest info. Installed by a
            // command on the tick thread, so the count it starts from and every later change stay in order.
            ArenaServerGame rules0 = server.rules();
            java.util.function.IntConsumer publish = n -> responder.setInfo(responder.info().withPlayers(n));
            io.tickwire.server.PostStatus posted = server.gameServer().post(tick -> {
                rules0.setPlayerCountListener(publish);
                publish.accept(rules0.humans() + rules0.bots());
            });
            if (posted != io.tickwire.server.PostStatus.QUEUED) {
                throw new IllegalStateException("the new server refused the discovery hook: " + posted);
            }
            return new ArenaHost(server, responder);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IOException("LAN discovery cannot listen on UDP port " + lanPort + " (" + e.getMessage()
                    + "): another arena server on this machine? Use another --lan-port or --no-lan", e);
        }
    }

    /** The game server. */
    public ArenaServer server() {
        return server;
    }

    /** The discovery responder, or null without LAN discovery. */
    public LanDiscoveryResponder responder() {
        return responder;
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
