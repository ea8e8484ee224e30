package io.tickwire.arena.desktop;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input;
import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import io.tickwire.arena.HostPort;
import io.tickwire.arena.server.ArenaServer;

/**
 * "Join by address": host:port and an optional password; the server is trusted on first use and must
 * present the same certificate every later time (~/.tickwire/known_hosts).
 */
final class JoinScreen extends UiScreen {
    private final TextField address;
    private final TextField password;
    private final Label problem;

    JoinScreen(ArenaGame game) {
        super(game);
        address = field("", "host:port, e.g. 192.168.1.20:" + ArenaServer.DEFAULT_PORT, 128);
        password = field("", "only if the server asks", 64);
        password.setPasswordMode(true);
        password.setPasswordCharacter('*');
        problem = label("", art.error);
        Table form = new Table();
        form.defaults().pad(5);
        form.add(label("Address", art.labelDim)).left();
        form.add(address).width(420).row();
        form.add(label("Password", art.labelDim)).left();
        form.add(password).width(420).row();
        panel.add(form).row();
        panel.add(label("A server is remembered the first time; a changed certificate is refused.", art.labelDim))
                .left().row();
        panel.add(problem).left().row();
        Table buttons = new Table();
        buttons.add(button("Back", this::back)).width(180).padRight(12);
        buttons.add(button("Join", this::join)).width(180);
        panel.add(buttons).right().padTop(8).row();
        layout(false, "Join by address");
        stage.setKeyboardFocus(address);
    }

    @Override
    protected void update(float delta) {
        if (Gdx.input.isKeyJustPressed(Input.Keys.ENTER)) {
            join();
        }
    }

    private void join() {
        HostPort target;
        try {
            target = HostPort.parse(address.getText(), ArenaServer.DEFAULT_PORT);
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage().startsWith("no host")
                    ? "Type the server's address, for example 192.168.1.20:" + ArenaServer.DEFAULT_PORT + "."
                    : "The port must be a number from 1 to 65535.");
            return;
        }
        game.connect(target.host(), target.port(), Session.knownHosts(), password.getText().isEmpty() ? null : password.getText(), null);
    }
}
