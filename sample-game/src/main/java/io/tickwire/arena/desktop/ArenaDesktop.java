package io.tickwire.arena.desktop;

import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3ApplicationConfiguration;
import io.tickwire.arena.HostPort;
import io.tickwire.arena.server.ArenaServer;
import io.tickwire.net.admission.ConnectToken;
import io.tickwire.net.admission.ConnectTokenException;
import io.tickwire.net.dtls.Fingerprint;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The arena's desktop game: a 1280x720 resizable LWJGL3 window titled "Tickwire Arena" running
 * {@link ArenaGame}. Without flags it opens the menu; {@code --connect HOST:PORT} joins at once and
 * {@code --host} hosts a game and joins it. A launcher calls {@link #main(String[])}.
 */
@Command(name = "arena play", mixinStandardHelpOptions = true,
        description = "Play the Tickwire arena: a top-down shooter for up to 16 players over DTLS.")
public final class ArenaDesktop implements Callable<Integer> {

    @Option(names = "--name", paramLabel = "NAME", description = "Your player name (default: the last one used).")
    String name;

    @Option(names = "--connect", paramLabel = "HOST:PORT", description = "Skip the menu and join this server.")
    String connect;

    @Option(names = "--fingerprint", paramLabel = "sha256:HEX",
            description = "Pin the server's certificate (default: trust on first use, ~/.tickwire/known_hosts).")
    String fingerprint;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "Password of the server to join or host.")
    String password;

    @Option(names = "--token", paramLabel = "TEXT",
            description = "Connect token for the server of --connect (a backend's, or `arena token mint`).")
    String token;

    @Option(names = "--host", description = "Host a game at once and join it.")
    boolean host;

    @Option(names = "--bots", paramLabel = "N", defaultValue = "0", description = "Bots in the hosted game, 0-15.")
    int bots;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ArenaServer.DEFAULT_PORT,
            description = "UDP port of the hosted game (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--screenshot", paramLabel = "FILE",
            description = "Save the arena as a PNG before exiting (needs --exit-after-seconds).")
    Path screenshot;

    @Option(names = "--exit-after-seconds", paramLabel = "S", defaultValue = "0",
            description = "Exit this many seconds after entering the arena (0: never).")
    double exitAfterSeconds;

    @Option(names = "--net-graph", description = "Start with the net graph overlay shown (F3 toggles it).")
    boolean netGraph;

    /** Parses the flags, runs the game until its window closes and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Parses the flags and runs the game until its window closes; returns the exit status (0 is success). */
    public static int run(String[] args) {
        return new CommandLine(new ArenaDesktop()).execute(args);
    }

    @Override
    public Integer call() {
        DesktopOptions options;
        try {
            String connectHost = null;
            int connectPort = 0;
            if (connect != null) {
                HostPort address;
                try {
                    address = HostPort.parse(connect, 0);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--connect: " + e.getMessage(), e);
                }
                connectHost = address.host();
                connectPort = address.port();
            }
            Fingerprint pin = fingerprint == null ? null : Fingerprint.parse(fingerprint);
            if (token != null) {
                try {
                    ConnectToken.parse(token);
                } catch (ConnectTokenException e) {
                    throw new IllegalArgumentException("--token: " + e.getMessage(), e);
                }
            }
            if (pin != null && connectHost == null) {
                throw new IllegalArgumentException("--fingerprint pins the server of --connect; give --connect too");
            }
            options = new DesktopOptions(name, connectHost, connectPort, pin, password, token, host, bots, port, screenshot,
                    exitAfterSeconds, netGraph);
        } catch (IllegalArgumentException e) {
            System.err.println("arena play: " + e.getMessage());
            return 2;
        }
        ArenaGame game = new ArenaGame(options);
        new Lwjgl3Application(game, windowConfig());
        return game.exitStatus();
    }

    /** The window: 1280x720, resizable, 60 frames per second at most (Xvfb ignores vsync). */
    static Lwjgl3ApplicationConfiguration windowConfig() {
        Lwjgl3ApplicationConfiguration c = new Lwjgl3ApplicationConfiguration();
        c.setTitle("Tickwire Arena");
        c.setWindowedMode(1280, 720);
        c.setResizable(true);
        c.useVsync(true);
        c.setForegroundFPS(60);
        c.setIdleFPS(30);
        c.setWindowSizeLimits(800, 500, -1, -1);
        return c;
    }
}
