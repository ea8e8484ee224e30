package io.tickwire.arena.client;

/**
 * Where the local player's intentions come from, asked once per client tick on the thread that updates
 * the client: a keyboard and mouse in the desktop game, a {@code BotBrain} in a headless bot.
 */
public interface ArenaInput {

    /** Buttons held this tick ({@code Arena.UP}, {@code DOWN}, {@code LEFT}, {@code RIGHT}, {@code FIRE}). */
    int buttons(ArenaClient client);

    /** Aim in radians, counter-clockwise from +x, as the player sees it. */
    float aim(ArenaClient client);
}
