package io.tickwire.arena.desktop;

import com.badlogic.gdx.Game;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Preferences;
import com.badlogic.gdx.Screen;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.PixmapIO;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import io.tickwire.arena.server.ArenaRulesConfig;
import io.tickwire.arena.sim.Arena;
import io.tickwire.net.dtls.ServerTrust;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.Deflater;

/**
 * The desktop game: owns the art, the sounds, the one {@link SpriteBatch}, the remembered player name and
 * the current {@link Session}, and moves between the screens (menu, LAN browser, host, join, connecting,
 * arena). With {@code --screenshot} it saves the framebuffer after the arena has been on screen for
 * {@code --exit-after-seconds} and exits. Everything runs on the render thread.
 */
public final class ArenaGame extends Game {
    private static final Logger LOG = Logger.getLogger(ArenaGame.class.getName());
    private static final String PREFS = "tickwire-arena";
    private static final String PREF_NAME = "name";
    /** How long a scripted run (--exit-after-seconds) may wait to reach the arena before giving up. */
    private static final long ARENA_DEADLINE_NANOS = 45_000_000_000L;

    /** How long a scripted exit waits past its time for the local player to respawn. */
    private static final double RESPAWN_WAIT_SECONDS = 4;

    private final DesktopOptions options;
    private ArenaArt art;
    private Sfx sfx;
    private SpriteBatch batch;
    private Preferences prefs;
    private Session session;
    private String name;
    private final java.util.List<Screen> retired = new java.util.ArrayList<>(4);
    private PlayScreen play;
    private long startNanos;
    private int exitStatus;

    /** A game started with {@code options}. */
    public ArenaGame(DesktopOptions options) {
        this.options = options;
    }

    @Override
    public void create() {
        startNanos = System.nanoTime();
        art = new ArenaArt();
        sfx = new Sfx();
        batch = new SpriteBatch();
        prefs = Gdx.app.getPreferences(PREFS);
        if (options.connectHost() != null) {
            ServerTrust trust = options.fingerprint() != null ? ServerTrust.pinned(options.fingerprint())
                    : Session.knownHosts();
            connect(options.connectHost(), options.connectPort(), trust, options.password(), null);
        } else if (options.host()) {
            host(playerName() + "'s arena", options.bots(), options.password(), options.port());
        } else {
            showMenu();
        }
    }

    /** The flags the game was started with. */
    public DesktopOptions options() {
        return options;
    }

    /** The art. */
    public ArenaArt art() {
        return art;
    }

    /** The sounds. */
    public Sfx sfx() {
        return sfx;
    }

    /** The shared sprite batch. */
    public SpriteBatch batch() {
        return batch;
    }

    /** The player's name: the --name flag, else the remembered one, else "player". */
    public String playerName() {
        if (name == null) {
            if (options.name() != null && !options.name().isBlank()) {
                name = options.name().strip();
            } else {
                String remembered = prefs.getString(PREF_NAME, "").strip();
                name = remembered.isEmpty() ? "player" : remembered;
            }
        }
        return name;
    }

    /** Uses {@code newName} from now on and remembers it for the next start (blank names are ignored). */
    public void rememberName(String newName) {
        if (newName != null && !newName.isBlank()) {
            name = newName.strip();
            if (!name.equals(prefs.getString(PREF_NAME, ""))) {
                prefs.putString(PREF_NAME, name);
                prefs.flush();
            }
        }
    }

    /** Shows the main menu, ending any session. */
    public void showMenu() {
        endSession();
        setScreen(new MenuScreen(this));
    }

    /** Shows the LAN server browser. */
    public void showBrowser() {
        setScreen(new BrowserScreen(this));
    }

    /** Shows the "host a game" form. */
    public void showHost() {
        setScreen(new HostScreen(this));
    }

    /** Shows the "join by address" form. */
    public void showJoin() {
        setScreen(new JoinScreen(this));
    }

    /** Starts joining {@code host:port} and shows the connecting screen; {@code hosted} ends with the session. */
    public void connect(String host, int port, ServerTrust trust, String password, HostedGame hosted) {
        endSession();
        session = Session.connect(host, port, trust, playerName(), password,
                hosted == null && host.equals(options.connectHost()) ? options.token() : null, hosted);
        setScreen(new ConnectingScreen(this, session));
    }

    /**
     * Hosts a game named {@code serverName} with {@code bots} bots on {@code port} and joins it; a server
     * that cannot start shows its reason on the connecting screen's error view.
     */
    public void host(String serverName, int bots, String password, int port) {
        endSession();
        HostedGame hosted;
        try {
            hosted = HostedGame.start(port, new ArenaRulesConfig(serverName, password, Arena.MAX_PLAYERS, bots,
                    ArenaRulesConfig.DEFAULT_MATCH_SECONDS, ArenaRulesConfig.DEFAULT_INTERMISSION_SECONDS,
                    System.nanoTime()));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot host a game on port " + port, e);
            setScreen(ConnectingScreen.failedToHost(this, port, e));
            return;
        }
        session = Session.connect("127.0.0.1", hosted.server().address().getPort(),
                ServerTrust.pinned(hosted.server().fingerprint()), playerName(), password, null, hosted);
        setScreen(new ConnectingScreen(this, session));
    }

    /** Switches from the connecting screen to the arena once the server has welcomed the player. */
    public void enterArena(Session s) {
        play = new PlayScreen(this, s);
        setScreen(play);
    }

    private void endSession() {
        play = null;
        if (session != null) {
            Session s = session;
            session = null;
            s.close();
        }
    }

    @Override
    public void setScreen(Screen next) {
        Screen previous = getScreen();
        super.setScreen(next);
        if (previous != null && previous != next) {
            // A screen is usually left from inside its own code (a button's click, its render): dispose of
            // it at the start of the next frame, once nothing of it is running any more.
            retired.add(previous);
        }
    }

    @Override
    public void render() {
        for (int i = 0; i < retired.size(); i++) {
            retired.get(i).dispose();
        }
        retired.clear();
        super.render();
        if (options.exitAfterSeconds() > 0) {
            scriptedExit();
        }
    }

    /** --exit-after-seconds (and --screenshot): leave after that long in the arena, or fail if it never comes. */
    private void scriptedExit() {
        long now = System.nanoTime();
        // Past the time, wait (a few seconds at most) for the player to be alive: a respawn countdown
        // over an empty spot says less about the game than the player among the others.
        if (play != null && getScreen() == play && play.secondsWithPlayers() >= options.exitAfterSeconds()
                && (play.localAlive() || play.secondsWithPlayers() >= options.exitAfterSeconds() + RESPAWN_WAIT_SECONDS)) {
            double perFrame = play.allocatedBytesPerFrame();
            double network = play.networkBytesPerFrame();
            LOG.info(() -> "render thread in the arena: " + (perFrame < 0 ? "allocation not measured"
                    : String.format("%.0f bytes allocated per frame, %.0f of them in the client's update",
                    perFrame, network)));
            if (options.screenshot() != null) {
                try {
                    saveScreenshot(Gdx.files.absolute(options.screenshot().toAbsolutePath().toString()));
                    LOG.info(() -> "screenshot saved to " + options.screenshot().toAbsolutePath());
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "cannot save the screenshot to " + options.screenshot(), e);
                    exitStatus = 1;
                }
            }
            Gdx.app.exit();
        } else if (now - startNanos > ARENA_DEADLINE_NANOS + (long) (options.exitAfterSeconds() * 1e9)) {
            String why = session == null ? "no session"
                    : session.reason() == null ? "still connecting" : session.reason() + " " + session.arena().disconnectDetail();
            LOG.severe("never reached the arena with players in sight (" + why + "); exiting without a screenshot");
            exitStatus = 3;
            Gdx.app.exit();
        }
    }

    private static void saveScreenshot(FileHandle file) {
        int w = Gdx.graphics.getBackBufferWidth();
        int h = Gdx.graphics.getBackBufferHeight();
        Pixmap pixmap = Pixmap.createFromFrameBuffer(0, 0, w, h);
        try {
            // The framebuffer's alpha is whatever blending left there; a screenshot is opaque.
            ByteBuffer pixels = pixmap.getPixels();
            for (int i = 3; i < pixels.limit(); i += 4) {
                pixels.put(i, (byte) 0xFF);
            }
            PixmapIO.writePNG(file, pixmap, Deflater.DEFAULT_COMPRESSION, true);
        } finally {
            pixmap.dispose();
        }
    }

    /** The process exit status: 0 unless a scripted run failed. */
    public int exitStatus() {
        return exitStatus;
    }

    @Override
    public void dispose() {
        Screen s = getScreen();
        if (s != null) {
            s.hide();
            s.dispose();
        }
        for (Screen r : retired) {
            r.dispose();
        }
        retired.clear();
        endSession();
        sfx.dispose();
        batch.dispose();
        art.dispose();
    }
}
