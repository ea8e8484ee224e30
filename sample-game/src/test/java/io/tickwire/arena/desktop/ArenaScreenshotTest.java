package io.tickwire.arena.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tickwire.arena.assets.ArenaPalette;
import io.tickwire.arena.server.ArenaRulesConfig;
import io.tickwire.arena.server.ArenaServer;
import io.tickwire.arena.server.ScoreRow;
import io.tickwire.arena.sim.Arena;
import io.tickwire.net.dtls.ServerIdentity;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real desktop game in a real window: an arena server with six bots runs in this JVM on loopback, the
 * game starts in a child JVM with {@code --connect} and {@code --screenshot}, joins as "tester" over DTLS,
 * plays for a few seconds and saves its framebuffer. The PNG must show the arena with players in it: the
 * right size, a rich picture, the floor's colour the most common one, and the pixels of several players'
 * ship colours, which nothing but players is drawn in. The server must have seen "tester" join.
 *
 * <p>Needs a display: run under {@code xvfb-run}. Without one the test is skipped, unless CI=true, where
 * a skip would hide that the game was never tested, so it fails.
 */
class ArenaScreenshotTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private static final long CHILD_TIMEOUT_SECONDS = 90;

    @Test
    void theDesktopGameJoinsOverDtlsAndDrawsTheArenaWithItsPlayers() throws Exception {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but there is no DISPLAY: the desktop game's screenshot test needs an X server; run the"
                        + " build under xvfb-run -a -s \"-screen 0 1280x720x24\" mvn -B verify (as .ci/run does)");
            }
            Assumptions.assumeTrue(false, "no DISPLAY: run under xvfb-run to test the desktop game");
        }
        Path target = Path.of("target").toAbsolutePath();
        Path png = target.resolve("arena-screenshot.png");
        Path log = target.resolve("arena-screenshot.log");
        Path home = target.resolve("screenshot-home");
        Files.createDirectories(home);
        Files.deleteIfExists(png);

        ArenaRulesConfig rules = new ArenaRulesConfig("screenshot arena", null, Arena.MAX_PLAYERS, 6, 300, 10, 21);
        try (ArenaServer server = ArenaServer.start(new InetSocketAddress("127.0.0.1", 0),
                ServerIdentity.generate("arena-screenshot"), Arena.TICK_RATE, Arena.SNAPSHOT_RATE, rules)) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    // Preferences and known hosts of the child stay inside target/, not in the user's home.
                    "-Duser.home=" + home,
                    "-cp", testClassPath(),
                    ArenaDesktop.class.getName(),
                    "--connect", "127.0.0.1:" + server.address().getPort(),
                    "--fingerprint", server.fingerprint().toString(),
                    "--name", "tester",
                    "--screenshot", png.toString(),
                    "--exit-after-seconds", "6",
                    "--net-graph"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("ALSOFT_DRIVERS", "null");
            Process child = pb.start();
            boolean testerSeen = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
            try {
                while (child.isAlive() && System.nanoTime() < deadline) {
                    if (!testerSeen && server.rules().humans() > 0) {
                        testerSeen = boardNames(server).contains("tester");
                    }
                    child.waitFor(200, TimeUnit.MILLISECONDS);
                }
            } finally {
                if (child.isAlive()) {
                    child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    fail("the game did not exit within " + CHILD_TIMEOUT_SECONDS + " s; its log:\n" + tail(log));
                }
            }
            assertEquals(0, child.exitValue(), "the game's exit status; its log:\n" + tail(log));
            assertTrue(testerSeen, "the server saw 'tester' join (rules().humans() and the scoreboard)");
        }

        assertTrue(Files.isRegularFile(png), "the game saved " + png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(WIDTH, image.getWidth(), "screenshot width");
        assertEquals(HEIGHT, image.getHeight(), "screenshot height");
        Map<Integer, Integer> histogram = new HashMap<>();
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                histogram.merge(image.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum);
            }
        }
        assertTrue(histogram.size() > 2000, "a rich picture, not a blank or flat one: " + histogram.size()
                + " distinct colours");

        // The floor: its own colour inside the walls (and, darker, beyond them where the camera overscrolls).
        int commonest = histogram.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        int floor = ArenaPalette.rgb(ArenaPalette.FLOOR);
        int floorish = countNear(image, floor, 14);
        assertTrue(distance(commonest, floor) <= 14 || distance(commonest, 0) <= 14, "the commonest colour #"
                + hex(commonest) + " is the floor's #" + hex(floor) + " (or the darkened floor beyond the walls)");
        assertTrue(floorish > WIDTH * HEIGHT / 4, "the arena's floor covers at least a quarter of the window: "
                + floorish + " pixels");

        // Ship colours no HUD element or wall uses (cyan, yellow, green, red and orange are also UI colours):
        // the server hands out colours 0..6 to the six bots and the tester, in that order.
        int[] playerOnly = {1, 4, 5, 6};
        StringBuilder found = new StringBuilder();
        int present = 0;
        for (int slot : playerOnly) {
            int tint = ArenaPalette.rgb(ArenaPalette.player(slot));
            int n = countNear(image, tint, 10);
            found.append(" #").append(hex(tint)).append('=').append(n);
            if (n >= 40) {
                present++;
            }
        }
        System.out.println("arena screenshot: " + histogram.size() + " colours, floor " + floorish
                + " px, player tints" + found);
        assertTrue(present >= 3, "at least 3 players' ship colours drawn (40+ pixels each):" + found);
    }

    private static List<String> boardNames(ArenaServer server) throws Exception {
        CompletableFuture<List<ScoreRow>> board = new CompletableFuture<>();
        server.gameServer().post(n -> board.complete(server.rules().scoreboard()));
        List<String> names = new ArrayList<>();
        for (ScoreRow r : board.get(5, TimeUnit.SECONDS)) {
            if (!r.bot()) {
                names.add(r.name());
            }
        }
        return names;
    }

    /** Surefire may hide the real class path behind a manifest-only jar; it also publishes it. */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static int countNear(BufferedImage image, int rgb, int tolerance) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (distance(image.getRGB(x, y) & 0xFFFFFF, rgb) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Largest difference of one channel. */
    private static int distance(int a, int b) {
        int dr = Math.abs((a >> 16 & 0xFF) - (b >> 16 & 0xFF));
        int dg = Math.abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF));
        int db = Math.abs((a & 0xFF) - (b & 0xFF));
        return Math.max(dr, Math.max(dg, db));
    }

    private static String hex(int rgb) {
        return String.format("%06X", rgb);
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
