package io.tickwire.arena.desktop;

import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import io.tickwire.arena.server.ArenaServer;

/**
 * "Host a game": server name, bots (0-15), an optional password and the UDP port; starts an arena server
 * in this process with a LAN responder beside it, and joins it. Bad values are named under the form.
 */
final class HostScreen extends UiScreen {
    private final TextField name;
    private final TextField bots;
    private final TextField password;
    private final TextField port;
    private final Label problem;

    HostScreen(ArenaGame game) {
        super(game);
        name = field(game.playerName() + "'s arena", "server name", 32);
        bots = field("7", "0-15", 2);
        bots.setTextFieldFilter(new TextField.TextFieldFilter.DigitsOnlyFilter());
        password = field("", "none: anyone on the LAN may join", 64);
        password.setPasswordMode(true);
        password.setPasswordCharacter('*');
        port = field(Integer.toString(ArenaServer.DEFAULT_PORT), "UDP port", 5);
        port.setTextFieldFilter(new TextField.TextFieldFilter.DigitsOnlyFilter());
        problem = label("", art.error);

        Table form = new Table();
        form.defaults().pad(5);
        form.add(label("Server name", art.labelDim)).left();
        form.add(name).width(380).row();
        form.add(label("Bots", art.labelDim)).left();
        form.add(bots).width(120).left().row();
        form.add(label("Password", art.labelDim)).left();
        form.add(password).width(380).row();
        form.add(label("Port", art.labelDim)).left();
        form.add(port).width(120).left().row();
        panel.add(form).row();
        panel.add(problem).left().row();
        Table buttons = new Table();
        buttons.add(button("Back", this::back)).width(180).padRight(12);
        buttons.add(button("Start", this::start)).width(180);
        panel.add(buttons).right().padTop(8).row();
        layout(false, "Host a game");
        stage.setKeyboardFocus(name);
    }

    private void start() {
        String serverName = name.getText().strip();
        if (serverName.isEmpty()) {
            problem.setText("Give the server a name.");
            return;
        }
        int botCount = number(bots.getText(), -1);
        if (botCount < 0 || botCount > 15) {
            problem.setText("Bots must be 0 to 15 (16 players at most, you included).");
            return;
        }
        int udpPort = number(port.getText(), -1);
        if (udpPort < 1 || udpPort > 65535) {
            problem.setText("The port must be 1 to 65535.");
            return;
        }
        game.host(serverName, botCount, password.getText().isEmpty() ? null : password.getText(), udpPort);
    }

    private static int number(String text, int fallback) {
        try {
            return text.isEmpty() ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
