package io.tickwire.arena.desktop;

import com.badlogic.gdx.graphics.g2d.Batch;
import com.badlogic.gdx.scenes.scene2d.Actor;

/**
 * The connecting screen's progress bar: a track with the finished steps filled and a light sweeping
 * through the step under way, since a handshake has no percentage to show.
 */
final class ProgressBarActor extends Actor {
    private static final int STEPS = 2;
    private final ArenaArt art;
    private float phase;
    private int stage = 1;

    ProgressBarActor(ArenaArt art) {
        this.art = art;
    }

    /** Which step (1 = securing, 2 = joining) is under way. */
    void setStage(int s) {
        stage = s;
    }

    /** Moves the sweep on by {@code delta} seconds. */
    void advance(float delta) {
        phase = (phase + delta * 0.8f) % 1f;
    }

    @Override
    public void draw(Batch batch, float parentAlpha) {
        float old = batch.getPackedColor();
        float x = getX();
        float y = getY();
        float w = getWidth();
        float h = getHeight();
        batch.setColor(0.1f, 0.14f, 0.25f, parentAlpha);
        batch.draw(art.white, x, y, w, h);
        float done = w * (stage - 1) / STEPS;
        batch.setColor(art.cyan.r, art.cyan.g, art.cyan.b, parentAlpha * 0.9f);
        batch.draw(art.white, x, y, done, h);
        float stepW = w / STEPS;
        float sweep = stepW * 0.35f;
        float sx = x + done + (stepW + sweep) * phase - sweep;
        float left = Math.max(sx, x + done);
        float right = Math.min(sx + sweep, x + done + stepW);
        if (right > left) {
            batch.setColor(art.magenta.r, art.magenta.g, art.magenta.b, parentAlpha);
            batch.draw(art.white, left, y, right - left, h);
        }
        batch.setPackedColor(old);
    }
}
