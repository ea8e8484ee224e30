package io.tickwire.arena;

import io.tickwire.arena.bots.BotSwarm;
import io.tickwire.arena.client.ArenaClient;
import io.tickwire.arena.server.ArenaHost;
import io.tickwire.arena.server.ArenaRulesConfig;
import io.tickwire.arena.server.ArenaServer;
import io.tickwire.arena.sim.Arena;
import io.tickwire.net.ClientConfig;
import io.tickwire.net.admission.Admission;
import io.tickwire.net.admission.BackendKeys;
import io.tickwire.net.admission.ConnectToken;
import io.tickwire.net.admission.ConnectTokenMinter;
import io.tickwire.net.admission.ConnectTokenVerifier;
import io.tickwire.net.admission.WallClock;
import io.tickwire.net.discovery.DiscoveryCodec;
import io.tickwire.net.dtls.Fingerprint;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.server.agones.AgonesAgent;
import io.tickwire.server.agones.AgonesGameServer;
import io.tickwire.server.agones.AgonesSdk;
import io.tickwire.server.runner.DedicatedServerRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The arena's command line: {@code server} (the dedicated server), {@code bots} (headless bot players
 * over DTLS) and {@code token} (connect tokens: a backend key pair, and minting). The {@code arena} script at the repository root calls it; {@code ./arena play} starts the
 * desktop game instead.
 */
@Command(name = "arena", mixinStandardHelpOptions = true, version = Arena.VERSION_NAME,
        description = "Tickwire Arena: the dedicated server, headless bots and connect tokens.",
        subcommands = {Launcher.Server.class, Launcher.Bots.class, Launcher.Token.class})
public final class Launcher implements Runnable {

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Launcher()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** Where player files live: ~/.tickwire. */
    static Path home() {
        return Path.of(System.getProperty("user.home"), ".tickwire");
    }

    /** {@code arena server}: the dedicated arena server, headless. */
    @Command(name = "server", mixinStandardHelpOptions = true,
            description = "Run the dedicated arena server (headless). Prints one line when ready:"
                    + " 'tickwire server ready udp=HOST:PORT fingerprint=sha256:HEX'.")
    static final class Server implements Callable<Integer> {
        @Option(names = "--port", description = "UDP port for players (default ${DEFAULT-VALUE}).")
        int port = ArenaServer.DEFAULT_PORT;
        @Option(names = "--bind", description = "Address to bind (default ${DEFAULT-VALUE}: every interface).")
        String bind = "0.0.0.0";
        @Option(names = "--tick-rate", description = "Simulation ticks per second; the arena runs at ${DEFAULT-VALUE}.")
        int tickRate = Arena.TICK_RATE;
        @Option(names = "--snapshot-rate", description = "Snapshots per second to each player, 1..tick rate (default ${DEFAULT-VALUE}).")
        int snapshotRate = Arena.SNAPSHOT_RATE;
        @Option(names = "--max-players", description = "Players at once, bots included, 1..16 (default ${DEFAULT-VALUE}).")
        int maxPlayers = Arena.MAX_PLAYERS;
        @Option(names = "--name", description = "Server name shown in the LAN browser (default '${DEFAULT-VALUE}').")
        String name = "Tickwire Arena";
        @Option(names = "--password", description = "Password players must give (default: none, an open server).")
        String password;
        @Option(names = "--token-key", paramLabel = "PEM", description = "Admit only players with a connect token signed"
                + " by this backend public key (backend-public.pem from `arena token keygen`); needs --public-address.")
        Path tokenKey;
        @Option(names = "--public-address", paramLabel = "HOST:PORT", description = "An address players reach this"
                + " server at; a connect token must name one of them (repeatable).")
        List<String> publicAddresses = new ArrayList<>();
        @Option(names = "--identity", description = "Directory of the server's certificate and key, created on first"
                + " start (default ${DEFAULT-VALUE}).")
        Path identity = Path.of("server-identity");
        @Option(names = "--bots", description = "Bots to keep in the arena while there is room (default ${DEFAULT-VALUE}).")
        int bots = 0;
        @Option(names = "--match-minutes", description = "Length of a match (default ${DEFAULT-VALUE}).")
        int matchMinutes = ArenaRulesConfig.DEFAULT_MATCH_SECONDS / 60;
        @Option(names = "--metrics-port", description = "HTTP port for /health and /metrics (Prometheus text);"
                + " -1 turns it off (default ${DEFAULT-VALUE}).")
        int metricsPort = 9477;
        @Option(names = "--lan-port", description = "UDP port of LAN discovery (default ${DEFAULT-VALUE}).")
        int lanPort = DiscoveryCodec.DEFAULT_PORT;
        @Option(names = "--no-lan", description = "Do not answer LAN discovery.")
        boolean noLan;
        @Option(names = "--seed", description = "Seed of the bots and spawns (default ${DEFAULT-VALUE}).")
        long seed = 1;
        @Option(names = "--agones", negatable = true, description = "Run under Agones (Ready, health pings, Allocated,"
                + " Shutdown after the first match with players) through the SDK sidecar on localhost:$"
                + AgonesSdk.PORT_ENV + " (default " + AgonesSdk.DEFAULT_PORT + "). Default: on when " + AgonesSdk.PORT_ENV
                + " is set, as Agones does in its pods; --no-agones turns it off.")
        Boolean agones;
        @Option(names = "--agones-health-seconds", description = "Seconds between two Agones health pings; keep it"
                + " below the Fleet's health.periodSeconds (default ${DEFAULT-VALUE}).")
        int agonesHealthSeconds = 2;

        @Override
        public Integer call() throws Exception {
            OptionalInt agonesPort = OptionalInt.empty();
            if (!Boolean.FALSE.equals(agones)) {
                try {
                    agonesPort = AgonesSdk.portFromEnvironment(System.getenv());
                } catch (IllegalArgumentException e) {
                    throw usage(this, e.getMessage() + " (Agones sets it in its pods; unset it, or pass --no-agones)");
                }
            }
            boolean underAgones = agones != null ? agones : agonesPort.isPresent();
            if (agonesHealthSeconds < 1 || agonesHealthSeconds > 300) {
                throw usage(this, "--agones-health-seconds must be 1..300, got " + agonesHealthSeconds);
            }
            ArenaRulesConfig rules = new ArenaRulesConfig(name, password, maxPlayers, Math.min(bots, maxPlayers),
                    matchMinutes * 60, ArenaRulesConfig.DEFAULT_INTERMISSION_SECONDS, seed);
            AgonesSdk sdk = underAgones ? AgonesSdk.local(agonesPort.orElse(AgonesSdk.DEFAULT_PORT)) : null;
            Admission admission = admission(rules, sdk);
            InetAddress address = InetAddress.getByName(bind);
            ServerIdentity id = ServerIdentity.loadOrCreate(identity);
            ArenaHost host = ArenaHost.start(new InetSocketAddress(address, port), id, tickRate, snapshotRate, rules,
                    admission, noLan ? ArenaHost.Lan.OFF : ArenaHost.Lan.REQUIRED, lanPort);
            DedicatedServerRunner.Builder runner = DedicatedServerRunner.builder(host.server().gameServer());
            if (metricsPort >= 0) {
                runner.metrics(new InetSocketAddress(address, metricsPort));
            }
            if (underAgones) {
                runner.agones(sdk,
                        AgonesAgent.Config.DEFAULT.withHealthPeriod(Duration.ofSeconds(agonesHealthSeconds)));
            }
            DedicatedServerRunner r;
            try {
                r = runner.start();
            } catch (Exception e) {
                host.close();
                throw e;
            }
            host.server().rules().setNextMatchGate(() -> !r.matchEnded());
            System.err.println("arena: " + rules.maxPlayers() + " players max, " + rules.bots() + " bots, "
                    + matchMinutes + "-minute matches, " + (tokenKey != null ? "connect tokens for " + publicAddresses
                    + " required" : password == null ? "open" : "password required")
                    + (noLan ? ", LAN discovery off" : ", LAN discovery on UDP " + host.responder().localAddress().getPort())
                    + "; identity in " + identity.toAbsolutePath()
                    + (underAgones ? "; under Agones: this server ends after its first match with players" : ""));
            int status = r.awaitClosed();
            host.close();
            return status;
        }

        /**
         * The rules' password, or with --token-key a connect-token verifier for the --public-address list (under
         * Agones without --public-address: the address and "game" port Agones gave this pod).
         */
        private Admission admission(ArenaRulesConfig rules, AgonesSdk sdk) throws Exception {
            if (tokenKey == null) {
                if (!publicAddresses.isEmpty()) {
                    throw usage(this, "--public-address names the addresses connect tokens are for; give --token-key too");
                }
                return ArenaServer.admission(rules);
            }
            if (password != null) {
                throw usage(this, "--password and --token-key exclude each other: a server admits by one of them");
            }
            if (publicAddresses.isEmpty() && sdk != null) {
                publicAddresses.add(agonesPublicAddress(sdk));
            }
            if (publicAddresses.isEmpty()) {
                throw usage(this, "--token-key needs --public-address HOST:PORT (the address players connect to, which"
                        + " their tokens name)");
            }
            ConnectTokenVerifier.Builder v = ConnectTokenVerifier.builder(BackendKeys.loadPublic(tokenKey),
                    ArenaServer.TOKEN_APPLICATION_ID);
            for (String a : publicAddresses) {
                v.ownAddress(resolve(this, "--public-address", a));
            }
            return Admission.connectTokens(v.build());
        }

        /**
         * The public HOST:PORT Agones placed this server on (GET /gameserver: status address and the port named
         * "game"), asked until the sidecar answers with both, for at most {@link #AGONES_ADDRESS_WAIT}.
         */
        private String agonesPublicAddress(AgonesSdk sdk) throws Exception {
            long deadline = System.nanoTime() + AGONES_ADDRESS_WAIT.toNanos();
            String last = "no answer yet";
            long pauseMillis = 250;
            while (true) {
                try {
                    AgonesGameServer gs = sdk.gameServer();
                    int port = gs.port("game");
                    if (gs.address() != null && !gs.address().isEmpty() && port > 0) {
                        String a = HostPort.format(gs.address(), port);
                        System.err.println("arena: under Agones, connect tokens must name " + a);
                        return a;
                    }
                    last = "GameServer " + gs.name() + " has address '" + gs.address() + "' and game port " + port;
                } catch (IOException e) {
                    last = e.getMessage();
                }
                if (System.nanoTime() - deadline > 0) {
                    throw usage(this, "--token-key under Agones needs this server's public address, and the Agones"
                            + " sidecar did not give it within " + AGONES_ADDRESS_WAIT.toSeconds() + " s (" + last
                            + "); pass --public-address HOST:PORT, or name the game port \"game\" in the Fleet");
                }
                Thread.sleep(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, 2000);
            }
        }
    }

    /** How long `arena server --token-key` under Agones waits for the sidecar to tell its public address. */
    static final Duration AGONES_ADDRESS_WAIT = Duration.ofSeconds(30);

    private static CommandLine.ParameterException usage(Object command, String message) {
        return new CommandLine.ParameterException(new CommandLine(command), message);
    }

    /** HOST:PORT to a resolved address; the error names the flag. */
    static InetSocketAddress resolve(Object command, String flag, String text) {
        HostPort hp;
        try {
            hp = HostPort.parse(text, 0);
        } catch (IllegalArgumentException e) {
            throw usage(command, flag + ": " + e.getMessage());
        }
        InetSocketAddress a = new InetSocketAddress(hp.host(), hp.port());
        if (a.isUnresolved() || hp.port() == 0) {
            throw usage(command, flag + " " + text + ": give a host that resolves and a port");
        }
        return a;
    }

    /** {@code arena token}: the backend's key pair and connect tokens, for tests and small setups. */
    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Connect tokens: make a backend key pair, mint a token.",
            subcommands = {Launcher.Keygen.class, Launcher.Mint.class})
    static final class Token implements Runnable {
        @Override
        public void run() {
            CommandLine.usage(this, System.out);
        }
    }

    /** {@code arena token keygen}: writes backend-private.pem and backend-public.pem. */
    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "Write a new Ed25519 backend key pair: backend-private.pem (keep it on the backend) and"
                    + " backend-public.pem (give it to servers: --token-key).")
    static final class Keygen implements Callable<Integer> {
        @Option(names = "--out", description = "Directory to write the two files to (default: the current one).")
        Path out = Path.of(".");

        @Override
        public Integer call() throws Exception {
            Path priv = out.resolve("backend-private.pem");
            Path pub = out.resolve("backend-public.pem");
            if (Files.exists(priv)) {
                System.err.println("arena token keygen: " + priv + " exists; move it away first (tokens it signed"
                        + " stop working on servers given a new public key)");
                return 1;
            }
            Files.createDirectories(out);
            Ed25519PrivateKeyParameters key = BackendKeys.generate(new SecureRandom());
            BackendKeys.savePrivate(key, priv);
            BackendKeys.savePublic(key.generatePublicKey(), pub);
            System.out.println("wrote " + priv + " (secret: the backend mints tokens with it) and " + pub
                    + " (servers: --token-key)");
            return 0;
        }
    }

    /** {@code arena token mint}: prints one connect token. */
    @Command(name = "mint", mixinStandardHelpOptions = true,
            description = "Mint a connect token and print it as text (for `arena play --token`).")
    static final class Mint implements Callable<Integer> {
        @Option(names = "--key", required = true, paramLabel = "PEM", description = "The backend private key.")
        Path key;
        @Option(names = "--client-id", required = true, description = "The player's id (a number the backend owns).")
        long clientId;
        @Option(names = "--server", required = true, paramLabel = "HOST:PORT",
                description = "A server address the token is valid for (repeatable, up to 8).")
        List<String> servers;
        @Option(names = "--validity-seconds", description = "How long the token is valid (default ${DEFAULT-VALUE}).")
        long validitySeconds = 300;
        @Option(names = "--user-data", description = "Opaque text the server sees with the player (up to 256 bytes).")
        String userData = "";

        @Override
        public Integer call() throws Exception {
            List<InetSocketAddress> addresses = new ArrayList<>();
            for (String s : servers) {
                addresses.add(resolve(this, "--server", s));
            }
            ConnectTokenMinter minter = new ConnectTokenMinter(BackendKeys.loadPrivate(key),
                    ArenaServer.TOKEN_APPLICATION_ID, WallClock.SYSTEM, new SecureRandom());
            try {
                ConnectToken t = minter.mint(clientId, Duration.ofSeconds(validitySeconds), addresses,
                        userData.getBytes(StandardCharsets.UTF_8));
                System.out.println(t.toText());
            } catch (IllegalArgumentException e) {
                throw usage(this, e.getMessage());
            }
            return 0;
        }
    }

    /** {@code arena bots}: headless bot players that connect over DTLS like real players. */
    @Command(name = "bots", mixinStandardHelpOptions = true,
            description = "Connect headless bot players to a server over DTLS; they play until stopped.")
    static final class Bots implements Callable<Integer> {
        @Option(names = "--connect", required = true, description = "Server as HOST:PORT.")
        String connect;
        @Option(names = "--count", description = "Number of bots (default ${DEFAULT-VALUE}).")
        int count = 4;
        @Option(names = "--fingerprint", description = "Pin the server's certificate (sha256:HEX from its ready line);"
                + " without it the first one seen is remembered in ~/.tickwire/known_hosts.")
        String fingerprint;
        @Option(names = "--password", description = "The server's password, if it has one.")
        String password;
        @Option(names = "--token-key", paramLabel = "PEM", description = "Mint a connect token per bot with this backend"
                + " private key, for the --connect address (a server started with --token-key).")
        Path tokenKey;
        @Option(names = "--name-prefix", description = "Bot names are this plus a number (default '${DEFAULT-VALUE}').")
        String namePrefix = "bot-";
        @Option(names = "--seconds", description = "Stop after this long; 0 plays until Ctrl-C (default ${DEFAULT-VALUE}).")
        int seconds = 0;
        @Option(names = "--seed", description = "Seed of the bots' brains (default ${DEFAULT-VALUE}).")
        long seed = 1;

        @Override
        public Integer call() throws Exception {
            if (count < 1 || count > 256) {
                throw usage(this, "--count must be 1..256, got " + count);
            }
            HostPort address;
            try {
                address = HostPort.parse(connect, 0);
            } catch (IllegalArgumentException e) {
                throw usage(this, "--connect: " + e.getMessage());
            }
            String host = address.host();
            int port = address.port();
            ServerTrust trust = fingerprint != null ? ServerTrust.pinned(Fingerprint.parse(fingerprint))
                    : ServerTrust.trustOnFirstUse(home().resolve("known_hosts"));
            CountDownLatch stopped = new CountDownLatch(1);
            Thread loop = Thread.currentThread();
            Thread hook = new Thread(() -> {
                loop.interrupt();
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "arena-bots-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            long frame = 1_000_000_000L / Arena.TICK_RATE;
            long start = System.nanoTime();
            long end = seconds > 0 ? start + seconds * 1_000_000_000L : Long.MAX_VALUE;
            long nextReport = start + 5_000_000_000L;
            int live = count;
            if (tokenKey != null && password != null) {
                throw usage(this, "--password and --token-key exclude each other: a server admits by one of them");
            }
            UnaryOperator<ClientConfig.Builder> withPassword = net -> net.password(password);
            ConnectTokenMinter minter = tokenKey == null ? null : new ConnectTokenMinter(BackendKeys.loadPrivate(tokenKey),
                    ArenaServer.TOKEN_APPLICATION_ID, WallClock.SYSTEM, new SecureRandom());
            InetSocketAddress target = minter == null ? null : resolve(this, "--connect", connect);
            try (BotSwarm swarm = new BotSwarm(host, port, trust, count, namePrefix, seed, bot -> minter == null
                    ? withPassword : net -> net.connectToken(minter.mint(1_000_000 + bot, Duration.ofMinutes(5),
                            List.of(target), (namePrefix + (bot + 1)).getBytes(StandardCharsets.UTF_8)).toBytes()))) {
                long next = start;
                while (!Thread.currentThread().isInterrupted() && System.nanoTime() - end < 0) {
                    long now = System.nanoTime();
                    live = swarm.update(now);
                    if (live == 0) {
                        ArenaClient first = swarm.games().get(0);
                        System.err.println("arena bots: every bot is disconnected (first: " + first.disconnectReason()
                                + (first.disconnectDetail().isEmpty() ? "" : ", " + first.disconnectDetail()) + ")");
                        break;
                    }
                    if (now - nextReport >= 0) {
                        nextReport += 5_000_000_000L;
                        report(swarm);
                    }
                    next += frame;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        try {
                            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                        } catch (InterruptedException e) {
                            break;
                        }
                    }
                }
                report(swarm);
            } finally {
                stopped.countDown();
            }
            return live == 0 ? 1 : 0;
        }

        private static void report(BotSwarm swarm) {
            int joined = 0;
            int kills = 0;
            double rtt = 0;
            for (ArenaClient g : swarm.games()) {
                if (g.isConnected() && g.isWelcomed()) {
                    joined++;
                    int id = g.gameClient().localEntity();
                    kills += g.kills(id);
                    rtt += g.gameClient().netGraph().rttMillis();
                }
            }
            System.err.printf("arena bots: %d of %d playing, %d kills this match, mean RTT %.1f ms%n", joined,
                    swarm.games().size(), kills, joined == 0 ? 0 : rtt / joined);
        }
    }
}
