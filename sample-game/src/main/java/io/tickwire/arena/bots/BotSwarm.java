package io.tickwire.arena.bots;

import io.tickwire.arena.client.ArenaClient;
import io.tickwire.arena.sim.Arena;
import io.tickwire.arena.sim.ArenaMessages;
import io.tickwire.client.GameClient;
import io.tickwire.client.GameClientConfig;
import io.tickwire.client.ReconnectPolicy;
import io.tickwire.net.ClientConfig;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.sim.NetworkConditions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Headless bot players that connect over DTLS exactly like the desktop game (Join, inputs every tick,
 * prediction, interpolation) and play with a {@link BotInput}: for demos, for load and for the
 * end-to-end tests. All of them run on the thread that calls {@link #update}, one frame at a time.
 */
public final class BotSwarm implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BotSwarm.class.getName());
    private final List<GameClient> clients = new ArrayList<>();
    private final List<ArenaClient> games = new ArrayList<>();

    /**
     * Connects {@code count} bots named {@code namePrefix} 1..count to {@code host:port}, trusting the
     * server as {@code trust} says, joining with {@code password} (null for none), brains seeded from
     * {@code seed}.
     */
    public BotSwarm(String host, int port, ServerTrust trust, int count, String namePrefix, String password, long seed) {
        this(host, port, trust, count, namePrefix, seed, bot -> net -> net.password(password));
    }

    /**
     * Like {@link #BotSwarm(String, int, ServerTrust, int, String, String, long)}, each bot's credential
     * added to its client config by {@code credentials.apply(botIndex)} (e.g. a connect token per bot).
     */
    public BotSwarm(String host, int port, ServerTrust trust, int count, String namePrefix, long seed,
                    IntFunction<UnaryOperator<ClientConfig.Builder>> credentials) {
        for (int i = 0; i < count; i++) {
            ArenaClient game = new ArenaClient(namePrefix + (i + 1), new BotInput(seed + i));
            // Each bot its own reconnect jitter, so a restarted server is not hit by all of them at once.
            GameClient c = GameClient.connect(config(credentials.apply(i).apply(network().server(host, port, trust))
                    .build(), seed * 7919 + i), game);
            game.attach(c);
            clients.add(c);
            games.add(game);
        }
        LOG.info(() -> count + " bots connecting to " + host + ":" + port);
    }

    /** The client configuration every arena player uses, desktop or headless. */
    public static GameClientConfig config(String host, int port, ServerTrust trust) {
        return config(network().server(host, port, trust).build());
    }

    /**
     * The same configuration with the client's network simulator switched on (starting with no added
     * latency or loss), so a debug toggle can later change the conditions with
     * {@code gameClient.net().setSimulatedConditions(...)}; {@code seed} seeds the simulator's dice.
     */
    public static GameClientConfig configWithSimulator(String host, int port, ServerTrust trust, long seed) {
        return configWithSimulator(host, port, trust, seed, UnaryOperator.identity());
    }

    /** Like {@link #configWithSimulator(String, int, ServerTrust, long)}, with a credential ({@code net.password(..)}, {@code net.connectToken(..)}). */
    public static GameClientConfig configWithSimulator(String host, int port, ServerTrust trust, long seed,
                                                       UnaryOperator<ClientConfig.Builder> credential) {
        return config(credential.apply(network().server(host, port, trust).simulate(NetworkConditions.PERFECT, seed))
                .build());
    }

    /** The network settings every arena client shares (channels, registry, schema), to add a transport to. */
    public static ClientConfig.Builder network() {
        return ClientConfig.builder()
                .connection(GameChannels.builder().build())
                .registry(ArenaMessages.REGISTRY)
                .schemaHash(Arena.SCHEMA.hash());
    }

    /**
     * The arena's client settings over {@code net}: tick rate, input size, interpolated channels,
     * prediction, and quick reconnect with the default backoff and a random jitter seed.
     */
    public static GameClientConfig config(ClientConfig net) {
        return config(net, new java.security.SecureRandom().nextLong());
    }

    /** Like {@link #config(ClientConfig)} with the reconnect jitter seeded by {@code reconnectSeed} (tests, bots). */
    public static GameClientConfig config(ClientConfig net, long reconnectSeed) {
        return GameClientConfig.builder(net, Arena.SCHEMA)
                .tickRate(Arena.TICK_RATE)
                .maxInputBytes(Arena.INPUT_BYTES)
                .interpolation(Arena.CHANNELS, Arena.CHANNEL_AIM)
                .prediction(Arena.STATE_SIZE, 2)
                .reconnect(new ReconnectPolicy(ReconnectPolicy.DEFAULT_FIRST_DELAY_MILLIS,
                        ReconnectPolicy.DEFAULT_MAX_DELAY_MILLIS, ReconnectPolicy.DEFAULT_GIVE_UP_MILLIS,
                        ReconnectPolicy.DEFAULT_JITTER, reconnectSeed))
                .build();
    }

    /** One frame for every bot: network, ticks, and what each sees. Returns how many are still connected or connecting. */
    public int update(long nowNanos) {
        int live = 0;
        for (int i = 0; i < clients.size(); i++) {
            GameClient c = clients.get(i);
            if (!c.isClosed() && c.update(nowNanos)) {
                live++;
            }
            games.get(i).refresh(nowNanos);
        }
        return live;
    }

    /** The bots' games, in connection order. */
    public List<ArenaClient> games() {
        return games;
    }

    /** The bots' clients, in connection order. */
    public List<GameClient> clients() {
        return clients;
    }

    /** Disconnects every bot. */
    @Override
    public void close() {
        for (GameClient c : clients) {
            c.close();
        }
    }
}
