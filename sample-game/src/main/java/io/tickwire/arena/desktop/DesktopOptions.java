package io.tickwire.arena.desktop;

import io.tickwire.net.dtls.Fingerprint;
import java.nio.file.Path;

/**
 * What the desktop game was started with (parsed by {@link ArenaDesktop}). Immutable.
 *
 * @param name player name, or null to use the remembered one
 * @param connectHost server to join at once (skipping the menu), or null
 * @param connectPort its UDP port
 * @param fingerprint certificate to pin for {@code connectHost}, or null for trust on first use
 * @param password password to join with, or null
 * @param token connect token text to join {@code connectHost} with, or null
 * @param host whether to host a game at once and join it
 * @param bots bots in a game hosted with {@code host}
 * @param port UDP port of a game hosted with {@code host}
 * @param screenshot where to save a PNG of the arena before exiting, or null
 * @param exitAfterSeconds seconds in the arena before the game saves the screenshot and exits, or 0 for never
 * @param netGraph whether the net graph overlay starts shown (F3 toggles it)
 */
public record DesktopOptions(String name, String connectHost, int connectPort, Fingerprint fingerprint,
                             String password, String token, boolean host, int bots, int port, Path screenshot,
                             double exitAfterSeconds, boolean netGraph) {

    /** Checks the combinations and names the flag that is wrong. */
    public DesktopOptions {
        if (token != null && connectHost == null) {
            throw new IllegalArgumentException("--token is for the server of --connect; give --connect too");
        }
        if (host && connectHost != null) {
            throw new IllegalArgumentException("--host and --connect exclude each other: host a game or join one");
        }
        if (bots < 0 || bots > 15) {
            throw new IllegalArgumentException("--bots must be 0..15 (16 players at most, you included), got " + bots);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535, got " + port);
        }
        if (exitAfterSeconds < 0 || exitAfterSeconds > 86_400) {
            throw new IllegalArgumentException("--exit-after-seconds must be 0..86400, got " + exitAfterSeconds);
        }
        if (screenshot != null && exitAfterSeconds == 0) {
            throw new IllegalArgumentException("--screenshot needs --exit-after-seconds (when to take it)");
        }
    }

    /** No flags: the menu. */
    public static DesktopOptions defaults() {
        return new DesktopOptions(null, null, 0, null, null, null, false, 0, 7777, null, 0, false);
    }
}
