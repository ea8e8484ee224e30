package io.tickwire.arena.server;

import io.tickwire.arena.sim.Arena;

/**
 * The arena's rules that a server operator chooses: its name, an optional password, how many players and
 * bots, and how long a match lasts. Immutable.
 *
 * @param serverName shown in the server browser and to joining players
 * @param password required of joining players, or null for an open server
 * @param maxPlayers humans and bots together, 1 to {@link Arena#MAX_PLAYERS}
 * @param bots bots kept in the game while there is room (a joining human takes a bot's place)
 * @param matchSeconds length of a match
 * @param intermissionSeconds pause between matches, with the final scoreboard up
 * @param seed seeds the bots and the spawns
 */
public record ArenaRulesConfig(String serverName, String password, int maxPlayers, int bots, int matchSeconds,
                               int intermissionSeconds, long seed) {

    /** Default match length: five minutes. */
    public static final int DEFAULT_MATCH_SECONDS = 300;
    /** Default pause between matches. */
    public static final int DEFAULT_INTERMISSION_SECONDS = 10;
    /** How long a connected client may take to send its Join before it is dropped. */
    public static final int JOIN_DEADLINE_SECONDS = 5;

    /** Checks every value and names the one that is out of range. */
    public ArenaRulesConfig {
        if (serverName == null || serverName.isBlank()) {
            throw new IllegalArgumentException("serverName must not be blank");
        }
        if (maxPlayers < 1 || maxPlayers > Arena.MAX_PLAYERS) {
            throw new IllegalArgumentException("maxPlayers must be 1.." + Arena.MAX_PLAYERS + ", got " + maxPlayers);
        }
        if (bots < 0 || bots > maxPlayers) {
            throw new IllegalArgumentException("bots must be 0..maxPlayers (" + maxPlayers + "), got " + bots);
        }
        if (matchSeconds < 10 || matchSeconds > 24 * 3600) {
            throw new IllegalArgumentException("matchSeconds must be 10..86400, got " + matchSeconds);
        }
        if (intermissionSeconds < 1 || intermissionSeconds > 600) {
            throw new IllegalArgumentException("intermissionSeconds must be 1..600, got " + intermissionSeconds);
        }
        if (password != null && password.isEmpty()) {
            password = null;
        }
    }

    /** An open server with {@code bots} bots and default match timing. */
    public static ArenaRulesConfig open(String serverName, int bots) {
        return new ArenaRulesConfig(serverName, null, Arena.MAX_PLAYERS, bots, DEFAULT_MATCH_SECONDS,
                DEFAULT_INTERMISSION_SECONDS, 1);
    }
}
