package io.tickwire.arena.desktop;

import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import com.badlogic.gdx.scenes.scene2d.ui.TextButton;
import io.tickwire.net.protocol.DisconnectReason;

/**
 * Between choosing a server and playing: shows the steps (securing the connection, joining the arena)
 * with a moving progress bar, switches to the arena once the server has welcomed the player, and on
 * failure says why in words, with the server's own detail under it (wrong password, full arena, a changed
 * certificate...). Back (or Escape) leaves, disconnecting cleanly.
 */
final class ConnectingScreen extends UiScreen {
    private final Session session;
    private final Label title;
    private final Label step;
    private final Label detail;
    private final TextButton backButton;
    private final ProgressBarActor bar;
    private boolean failed;

    ConnectingScreen(ArenaGame game, Session session) {
        super(game);
        this.session = session;
        title = label(session == null ? "" : "Connecting to " + session.label(), art.heading);
        step = label("Securing the connection (DTLS handshake)…", art.label);
        detail = label("", art.labelDim);
        detail.setWrap(true);
        bar = new ProgressBarActor(art);
        backButton = button("Back", this::back);
        panel.add(title).left().row();
        panel.add(step).left().row();
        panel.add(bar).width(520).height(14).pad(12, 6, 12, 6).row();
        panel.add(detail).width(520).left().row();
        Table buttons = new Table();
        buttons.add(backButton).width(180);
        panel.add(buttons).right().padTop(8).row();
        layout(false, null);
        if (session != null && session.hosted() != null && session.hosted().lanProblem() != null) {
            detail.setText("Hosting, but " + session.hosted().lanProblem());
        }
    }

    /** The error view for a server that could not be started. */
    static ConnectingScreen failedToHost(ArenaGame game, int port, Exception e) {
        ConnectingScreen s = new ConnectingScreen(game, null);
        s.fail("Could not host the game", "UDP port " + port + ": " + e.getMessage());
        return s;
    }

    @Override
    protected void update(float delta) {
        bar.advance(delta);
        if (session == null || failed) {
            return;
        }
        session.update(System.nanoTime());
        if (session.reason() != null) {
            fail(headline(session.reason(), session.arena().disconnectDetail()), session.arena().disconnectDetail());
        } else if (session.arena().isWelcomed()) {
            game.enterArena(session);
        } else if (session.arena().isConnected()) {
            step.setText("Joining the arena as " + session.arena().playerName() + "…");
            bar.setStage(2);
        }
    }

    private void fail(String headline, String why) {
        failed = true;
        title.setText(headline);
        title.setStyle(art.errorHeading);
        step.setText(session == null ? "" : "Could not join " + session.label() + ".");
        detail.setText(why == null || why.isEmpty() ? "" : why);
        bar.setVisible(false);
    }

    /** A player-facing headline for why a connection ended. */
    static String headline(DisconnectReason reason, String detail) {
        String d = detail == null ? "" : detail;
        if (d.contains("certificate refused") || d.contains("remembers")) {
            return d.contains("remembers") ? "The server's identity changed" : "The server's certificate was refused";
        }
        return switch (reason) {
            case AUTHENTICATION_FAILED -> d.contains("needs a password") ? "This server needs a password"
                    : d.contains("wrong password") ? "Wrong password"
                    : d.contains("connect token") ? "Your connect token was refused"
                    : "Not let in by the server";
            case SERVER_FULL -> "The arena is full";
            case PROTOCOL_VERSION_MISMATCH, CONFIG_MISMATCH, REGISTRY_MISMATCH -> "Incompatible version";
            case TIMEOUT, HANDSHAKE_TIMEOUT -> "No answer from the server";
            case SERVER_SHUTDOWN -> "The server shut down";
            case KICKED -> "Removed from the server";
            case TRANSPORT_FAILED -> "The network failed";
            case DTLS_ALERT -> "The secure connection failed";
            default -> "Disconnected: " + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    @Override
    protected void back() {
        game.showMenu();
    }
}
