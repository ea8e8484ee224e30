package io.tickwire.arena.sim;

import io.tickwire.net.serial.MessageRegistry;

/**
 * The arena's messages, registered once with explicit ids for both sides. All travel on the reliable
 * EVENTS channel; the server's are tick-stamped events, applied by the client in step with the
 * snapshots. The scoreboard is never sent whole except in {@link Welcome} and {@link MatchOver}: a
 * client keeps it from {@link PlayerInfo}, {@link PlayerGone} and {@link Kill}, the same events the
 * server counts from.
 */
public final class ArenaMessages {
    /** Longest player or server name, in characters; longer ones are cut. */
    public static final int MAX_NAME = 20;
    /** Longest password, in characters. */
    public static final int MAX_PASSWORD = 64;

    /** The registry every arena client and server uses. */
    public static final MessageRegistry REGISTRY = MessageRegistry.builder()
            .register(Join.class, 16)
            .register(Welcome.class, 17)
            .register(PlayerInfo.class, 18)
            .register(PlayerGone.class, 19)
            .register(Kill.class, 20)
            .register(MatchStart.class, 21)
            .register(MatchOver.class, 22)
            .register(int[].class, 23)
            .register(String[].class, 24)
            .register(boolean[].class, 25)
            .build();

    private ArenaMessages() {
    }

    /**
     * Client to server, first thing after connecting: who I am and which game I speak. (The password, or
     * a connect token, was checked before: it travels in the CONNECT packet and the server's admission
     * refuses a wrong one before any message arrives.)
     */
    public static final class Join {
        public String name;
        public int version;

        public Join() {
        }

        public Join(String name, int version) {
            this.name = name;
            this.version = version;
        }
    }

    /**
     * Server to a joining client: its own entity, the match and the whole scoreboard as of now (parallel
     * arrays, one row per player in the game, bots included).
     */
    public static final class Welcome {
        public int entityId;
        public String serverName;
        public String mapName;
        public int match;
        public long matchEndTick;
        public int[] entities;
        public String[] names;
        public int[] colours;
        public boolean[] bots;
        public int[] kills;
        public int[] deaths;

        public Welcome() {
        }
    }

    /** A player (or bot) entered the game. */
    public static final class PlayerInfo {
        public int entityId;
        public String name;
        public int colour;
        public boolean bot;

        public PlayerInfo() {
        }

        public PlayerInfo(int entityId, String name, int colour, boolean bot) {
            this.entityId = entityId;
            this.name = name;
            this.colour = colour;
            this.bot = bot;
        }
    }

    /** A player left the game. */
    public static final class PlayerGone {
        public int entityId;

        public PlayerGone() {
        }

        public PlayerGone(int entityId) {
            this.entityId = entityId;
        }
    }

    /** {@code killer} shot {@code victim} dead: one kill and one death on the scoreboard. */
    public static final class Kill {
        public int killer;
        public int victim;

        public Kill() {
        }

        public Kill(int killer, int victim) {
            this.killer = killer;
            this.victim = victim;
        }
    }

    /** A new match began: every score is zero; it ends at {@code endTick}. */
    public static final class MatchStart {
        public int match;
        public long endTick;

        public MatchStart() {
        }

        public MatchStart(int match, long endTick) {
            this.match = match;
            this.endTick = endTick;
        }
    }

    /**
     * The match ended: the final scoreboard (parallel arrays) and the next match's start tick. Nobody
     * takes damage until then.
     */
    public static final class MatchOver {
        public int match;
        public long nextMatchTick;
        public int[] entities;
        public int[] kills;
        public int[] deaths;

        public MatchOver() {
        }
    }
}
