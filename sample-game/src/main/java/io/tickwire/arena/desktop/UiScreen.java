package io.tickwire.arena.desktop;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input;
import com.badlogic.gdx.ScreenAdapter;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.scenes.scene2d.InputEvent;
import com.badlogic.gdx.scenes.scene2d.Stage;
import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import com.badlogic.gdx.scenes.scene2d.ui.TextButton;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import com.badlogic.gdx.scenes.scene2d.utils.ClickListener;
import com.badlogic.gdx.utils.ScreenUtils;
import com.badlogic.gdx.utils.viewport.ScreenViewport;

/**
 * Base of the menu screens: a scene2d stage at one pixel per screen pixel (so the bitmap fonts stay
 * sharp), the arena floor slowly drifting behind it, a centred panel for the content, Escape for "back",
 * and small factories for the styled widgets. Render thread.
 */
abstract class UiScreen extends ScreenAdapter {
    private static final int VIGNETTE_STEPS = 24;
    protected final ArenaGame game;
    protected final ArenaArt art;
    protected final Stage stage;
    /** The centred panel the screen fills in. */
    protected final Table panel;
    private final Table root;
    private float drift;

    UiScreen(ArenaGame game) {
        this.game = game;
        this.art = game.art();
        this.stage = new Stage(new ScreenViewport(), game.batch());
        this.root = new Table();
        root.setFillParent(true);
        stage.addActor(root);
        panel = new Table();
        panel.defaults().pad(6);
    }

    /** Puts the logo above the panel (the main menu) or a heading inside it (the other screens). */
    protected void layout(boolean withLogo, String heading) {
        root.clearChildren();
        if (withLogo) {
            root.add(new com.badlogic.gdx.scenes.scene2d.ui.Image(art.logo)).padBottom(12).row();
        }
        // The panel's own rows come first in code; the heading goes above them in a box that carries the frame.
        Table box = new Table();
        box.setBackground(art.panelDrawable);
        if (heading != null) {
            box.add(label(heading, art.heading)).left().padBottom(10).padLeft(6).row();
        }
        box.add(panel).minWidth(520);
        root.add(box);
    }

    /** A body label. */
    protected Label label(String text, Label.LabelStyle style) {
        return new Label(text, style);
    }

    /** A menu button that clicks (with a sound) to {@code action}. */
    protected TextButton button(String text, Runnable action) {
        TextButton b = new TextButton(text, art.button);
        b.pad(8, 24, 8, 24);
        b.addListener(new ClickListener() {
            @Override
            public void clicked(InputEvent event, float x, float y) {
                if (!b.isDisabled()) {
                    game.sfx().play(Sfx.CLICK, 0.6f);
                    action.run();
                }
            }
        });
        return b;
    }

    /** A text field holding {@code text}, with a grey hint when empty, at most {@code maxLength} characters. */
    protected TextField field(String text, String hint, int maxLength) {
        TextField f = new TextField(text, art.field);
        f.setMessageText(hint);
        f.setMaxLength(maxLength);
        return f;
    }

    /** What Escape does: back to the menu unless overridden. */
    protected void back() {
        game.showMenu();
    }

    @Override
    public void show() {
        Gdx.input.setInputProcessor(stage);
    }

    @Override
    public void render(float delta) {
        if (Gdx.input.isKeyJustPressed(Input.Keys.ESCAPE)) {
            back();
            if (game.getScreen() != this) {
                return;
            }
        }
        update(delta);
        if (game.getScreen() != this) {
            return;   // update() moved on (to the arena, or an error view): the next screen draws next frame
        }
        ScreenUtils.clear(art.floorColour);
        drawBackdrop(delta);
        stage.act(Math.min(delta, 0.1f));
        stage.draw();
    }

    /** Per-frame work before drawing (polling a browser or a connection). */
    protected void update(float delta) {
    }

    private void drawBackdrop(float delta) {
        drift += delta * 12f;
        SpriteBatch batch = game.batch();
        batch.setProjectionMatrix(stage.getCamera().combined);
        batch.begin();
        batch.setColor(Color.WHITE);
        float w = stage.getViewport().getWorldWidth();
        float h = stage.getViewport().getWorldHeight();
        float tile = art.floor.getWidth();
        float u = drift / tile;
        float v = drift * 0.5f / tile;
        batch.draw(art.floor, 0, 0, w, h, u, v + h / tile, u + w / tile, v);
        // A soft darkening towards the top and bottom edges, so the panel reads as the centre of attention.
        float band = h * 0.3f / VIGNETTE_STEPS;
        for (int i = 0; i < VIGNETTE_STEPS; i++) {
            batch.setColor(0f, 0f, 0f, 0.5f * (VIGNETTE_STEPS - i) / VIGNETTE_STEPS);
            batch.draw(art.white, 0, i * band, w, band);
            batch.draw(art.white, 0, h - (i + 1) * band, w, band);
        }
        batch.setColor(Color.WHITE);
        batch.setBlendFunction(GL20.GL_SRC_ALPHA, GL20.GL_ONE_MINUS_SRC_ALPHA);
        batch.end();
    }

    @Override
    public void resize(int width, int height) {
        stage.getViewport().update(width, height, true);
    }

    @Override
    public void hide() {
        if (Gdx.input.getInputProcessor() == stage) {
            Gdx.input.setInputProcessor(null);
        }
    }

    @Override
    public void dispose() {
        stage.dispose();
    }
}
