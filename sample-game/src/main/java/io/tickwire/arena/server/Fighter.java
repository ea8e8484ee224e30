package io.tickwire.arena.server;

import io.tickwire.arena.sim.Arena;
import io.tickwire.arena.sim.BotBrain;
import io.tickwire.server.GamePlayer;

/** One combatant in the arena, human or bot; owned by the tick thread. */
final class Fighter {
    final int entityId;
    final String name;
    final int colour;
    /** The connection of a human, null for a bot. */
    final GamePlayer player;
    /** A bot's brain, null for a human. */
    final BotBrain brain;
    /** {x, y, alive} as {@link Arena#step} reads it. */
    final float[] state = new float[Arena.STATE_SIZE];
    float aim;
    int hp;
    long respawnTick;
    long nextShotTick;
    int shots;
    float shotLen;
    int kills;
    int deaths;

    Fighter(int entityId, String name, int colour, GamePlayer player, BotBrain brain) {
        this.entityId = entityId;
        this.name = name;
        this.colour = colour;
        this.player = player;
        this.brain = brain;
    }

    boolean isBot() {
        return brain != null;
    }

    boolean alive() {
        return state[Arena.STATE_ALIVE] != 0f;
    }

    float x() {
        return state[Arena.STATE_X];
    }

    float y() {
        return state[Arena.STATE_Y];
    }
}
