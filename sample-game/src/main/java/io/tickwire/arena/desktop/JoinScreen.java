package io.tickwire.arena.desktop;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input;
import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
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
        String text = address.getText().strip();
        String host = text;
        int port = ArenaServer.DEFAULT_PORT;
        int colon = text.lastIndexOf(':');
        // A bare IPv6 literal has several colons and no port; "[v6]:port" and "host:port" have one we use.
        if (colon > 0 && (text.indexOf(':') == colon || text.startsWith("["))) {
            host = text.substring(0, colon);
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            problem.setText("Type the server's address, for example 192.168.1.20:" + ArenaServer.DEFAULT_PORT + ".");
            return;
        }
        if (port < 1 || port > 65535) {
            problem.setText("The port must be a number from 1 to 65535.");
            return;
        }
        game.connect(host, port, Session.knownHosts(), password.getText().isEmpty() ? null : password.getText(), null);
    }
}
