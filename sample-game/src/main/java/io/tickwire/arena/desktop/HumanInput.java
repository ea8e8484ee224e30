package io.tickwire.arena.desktop;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input;
import io.tickwire.arena.client.ArenaClient;
import io.tickwire.arena.client.ArenaInput;
import io.tickwire.arena.sim.Arena;

/**
 * The human at the keyboard and mouse: WASD (or the arrow keys) move, the left mouse button fires, and
 * the aim is the angle from where the local player was last drawn on screen to the mouse pointer.
 * Polled from {@code Gdx.input} on the render thread when the client samples a tick.
 */
public final class HumanInput implements ArenaInput {
    private boolean enabled;
    private float playerScreenX = Float.NaN;
    private float playerScreenY;
    private float aim;

    /** Whether keys and mouse count (off while the game is not in front or the player is in a menu). */
    public void setEnabled(boolean on) {
        enabled = on;
    }

    /** Where the local player was drawn this frame, in window pixels from the bottom-left corner. */
    public void setPlayerOnScreen(float x, float y) {
        playerScreenX = x;
        playerScreenY = y;
    }

    @Override
    public int buttons(ArenaClient client) {
        if (!enabled) {
            return 0;
        }
        int b = 0;
        if (Gdx.input.isKeyPressed(Input.Keys.W) || Gdx.input.isKeyPressed(Input.Keys.UP)) {
            b |= Arena.UP;
        }
        if (Gdx.input.isKeyPressed(Input.Keys.S) || Gdx.input.isKeyPressed(Input.Keys.DOWN)) {
            b |= Arena.DOWN;
        }
        if (Gdx.input.isKeyPressed(Input.Keys.A) || Gdx.input.isKeyPressed(Input.Keys.LEFT)) {
            b |= Arena.LEFT;
        }
        if (Gdx.input.isKeyPressed(Input.Keys.D) || Gdx.input.isKeyPressed(Input.Keys.RIGHT)) {
            b |= Arena.RIGHT;
        }
        if (Gdx.input.isButtonPressed(Input.Buttons.LEFT) || Gdx.input.isKeyPressed(Input.Keys.SPACE)) {
            b |= Arena.FIRE;
        }
        return b;
    }

    @Override
    public float aim(ArenaClient client) {
        if (enabled && !Float.isNaN(playerScreenX)) {
            float mx = Gdx.input.getX();
            float my = Gdx.graphics.getHeight() - Gdx.input.getY();
            float dx = mx - playerScreenX;
            float dy = my - playerScreenY;
            // A pointer right on the ship has no direction: keep the last aim rather than snap to 0.
            if (dx * dx + dy * dy > 4f) {
                aim = (float) Math.atan2(dy, dx);
            }
        }
        return aim;
    }
}
