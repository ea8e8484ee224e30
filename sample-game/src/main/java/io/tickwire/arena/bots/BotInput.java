package io.tickwire.arena.bots;

import io.tickwire.arena.client.ArenaClient;
import io.tickwire.arena.sim.Arena;
import io.tickwire.arena.sim.BotBrain;

/**
 * A headless player's hands: the same {@link BotBrain} the server's bots use, fed with what this client
 * sees (its own predicted position and everyone else where they are drawn), so a bot client plays like
 * a person at a keyboard, through prediction, interpolation and lag compensation.
 */
public final class BotInput implements io.tickwire.arena.client.ArenaInput {
    private final BotBrain brain;
    private final float[] enemies = new float[2 * (ArenaClient.MAX_ENTITY + 1)];
    private final float[] self = new float[Arena.STATE_SIZE];

    /** Hands driven by a brain with this seed. */
    public BotInput(long seed) {
        this.brain = new BotBrain(seed, Arena.map());
    }

    @Override
    public int buttons(ArenaClient c) {
        if (!c.gameClient().predictedState(self) || self[Arena.STATE_ALIVE] == 0f) {
            return 0;
        }
        int local = c.gameClient().localEntity();
        int n = 0;
        for (int i = 0; i < c.viewCount(); i++) {
            if (c.viewId(i) != local && c.viewAlive(i)) {
                enemies[2 * n] = c.viewX(i);
                enemies[2 * n + 1] = c.viewY(i);
                n++;
            }
        }
        brain.think(self[Arena.STATE_X], self[Arena.STATE_Y], enemies, n);
        return brain.buttons();
    }

    @Override
    public float aim(ArenaClient c) {
        return brain.aim();
    }
}
