package io.tickwire.arena.desktop;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import io.tickwire.arena.sim.Arena;
import io.tickwire.arena.sim.ArenaMessages;

/** The main menu: the logo, the player's name (remembered), and the ways into a game. */
final class MenuScreen extends UiScreen {
    private final TextField name;

    MenuScreen(ArenaGame game) {
        super(game);
        name = field(game.playerName(), "your name", ArenaMessages.MAX_NAME);
        panel.add(label("Your name", art.labelDim)).left().row();
        panel.add(name).width(480).padBottom(14).row();
        panel.add(button("Find LAN games", () -> go(game::showBrowser))).width(480).row();
        panel.add(button("Host a game", () -> go(game::showHost))).width(480).row();
        panel.add(button("Join by address", () -> go(game::showJoin))).width(480).row();
        panel.add(button("Quit", () -> Gdx.app.exit())).width(480).padTop(14).row();
        panel.add(label(Arena.VERSION_NAME + "  ·  DTLS 1.2  ·  up to " + Arena.MAX_PLAYERS + " players",
                art.labelDim)).padTop(8).row();
        layout(true, null);
        stage.setKeyboardFocus(name);
    }

    private void go(Runnable next) {
        game.rememberName(name.getText());
        next.run();
    }

    @Override
    protected void back() {
        // Escape on the main menu does nothing: quitting is a button, not an accident.
    }

    @Override
    public void hide() {
        game.rememberName(name.getText());
        super.hide();
    }
}
