package io.tickwire.arena.desktop;

import io.tickwire.arena.bots.BotSwarm;
import io.tickwire.arena.client.ArenaClient;
import io.tickwire.client.GameClient;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.sim.NetworkConditions;
import java.nio.file.Path;

/**
 * One visit to a server: the {@link GameClient} and {@link ArenaClient} that play it, the human's input,
 * and (for "host a game") the server this player is hosting, which shuts down when the visit ends.
 * Owned by the render thread: {@link #update} runs the client each frame, {@link #close} disconnects.
 */
public final class Session implements AutoCloseable {
    /** The network simulator settings F4 cycles through. */
    private static final NetworkConditions[] SIMULATIONS = {
            NetworkConditions.PERFECT,
            NetworkConditions.PERFECT.withLatencyMillis(100),
            NetworkConditions.PERFECT.withLatencyMillis(200).withLossPercent(5),
    };
    private static final String[] SIMULATION_NAMES = {"off", "+100 ms", "+200 ms, 5% loss"};

    private final String host;
    private final int port;
    private final String label;
    private final HumanInput input = new HumanInput();
    private final ArenaClient arena;
    private final GameClient client;
    private final HostedGame hosted;
    private int simulation;
    private boolean closed;

    private Session(String host, int port, ServerTrust trust, String name, String password, String token,
                    HostedGame hosted) {
        this.host = host;
        this.port = port;
        this.label = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        this.hosted = hosted;
        this.arena = new ArenaClient(name, input);
        this.client = GameClient.connect(BotSwarm.configWithSimulator(host, port, trust, System.nanoTime(),
                net -> token != null ? net.connectToken(token) : net.password(password)), arena);
        arena.attach(client);
    }

    /**
     * Starts connecting to {@code host:port} as {@code name} with {@code password} (or null), or with the
     * connect token text {@code token} when it is not null; {@code hosted} (or null) closes with the session.
     *
     * @throws IllegalArgumentException when {@code token} is not a well-formed connect token
     */
    public static Session connect(String host, int port, ServerTrust trust, String name, String password,
                                  String token, HostedGame hosted) {
        return new Session(host, port, trust, name, password, token, hosted);
    }

    /** Trust on first use in ~/.tickwire/known_hosts, like SSH. */
    public static ServerTrust knownHosts() {
        return ServerTrust.trustOnFirstUse(Path.of(System.getProperty("user.home"), ".tickwire", "known_hosts"));
    }

    /** One frame: the client's network and ticks, then what is drawn. Render thread. */
    public void update(long nowNanos) {
        if (!closed) {
            client.update(nowNanos);
            arena.refresh(nowNanos);
        }
    }

    /** The arena's client state. */
    public ArenaClient arena() {
        return arena;
    }

    /** The network client (net graph, local entity). */
    public GameClient client() {
        return client;
    }

    /** The human's input. */
    public HumanInput input() {
        return input;
    }

    /** The hosted game, or null when joining someone else's. */
    public HostedGame hosted() {
        return hosted;
    }

    /** "host:port" as the player typed or picked it. */
    public String label() {
        return label;
    }

    /** The server's host. */
    public String host() {
        return host;
    }

    /** The server's port. */
    public int port() {
        return port;
    }

    /** Whether the connection ended (see {@link ArenaClient#disconnectReason()}). */
    public boolean isOver() {
        return closed || arena.disconnectReason() != null || client.isClosed();
    }

    /** Why the connection ended, or null. */
    public DisconnectReason reason() {
        return arena.disconnectReason();
    }

    /** Moves the network simulator to its next setting (off, +100 ms, +200 ms with 5% loss). */
    public void cycleSimulation() {
        simulation = (simulation + 1) % SIMULATIONS.length;
        client.net().setSimulatedConditions(SIMULATIONS[simulation]);
    }

    /** The simulator setting as shown in the net graph. */
    public String simulationName() {
        return SIMULATION_NAMES[simulation];
    }

    /** Disconnects cleanly and, when hosting, shuts the server down. Render thread; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            client.close();
        } finally {
            if (hosted != null) {
                hosted.close();
            }
        }
    }
}
