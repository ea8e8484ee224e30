package io.tickwire.arena.desktop;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.scenes.scene2d.InputEvent;
import com.badlogic.gdx.scenes.scene2d.Touchable;
import com.badlogic.gdx.scenes.scene2d.ui.Image;
import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import com.badlogic.gdx.scenes.scene2d.ui.TextButton;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import com.badlogic.gdx.scenes.scene2d.utils.ClickListener;
import io.tickwire.arena.bots.BotSwarm;
import io.tickwire.net.discovery.DiscoveredServer;
import io.tickwire.net.discovery.DiscoveryCodec;
import io.tickwire.net.discovery.LanBrowser;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.replication.GameChannels;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The LAN server browser: asks the LAN every second, lists every answer (name, map, players, ping, a lock
 * when a password is asked, incompatible servers greyed out with the reason), and joins the selected one
 * with a click or Enter, pinning the certificate fingerprint its answer carries.
 */
final class BrowserScreen extends UiScreen {
    private static final Logger LOG = Logger.getLogger(BrowserScreen.class.getName());
    private static final long REFRESH_NANOS = 1_000_000_000L;

    private final LanBrowser browser;
    private final Table list = new Table();
    private final Label status;
    private final TextField password;
    private final TextButton join;
    private final List<DiscoveredServer> shown = new ArrayList<>();
    private final List<Table> rows = new ArrayList<>();
    private int selected = -1;
    private long nextRefresh;
    private boolean dirty = true;

    BrowserScreen(ArenaGame game) {
        super(game);
        LanBrowser b = null;
        String problem = null;
        try {
            b = LanBrowser.open(LanBrowser.Config.builder()
                    .expect(GameChannels.builder().build(),
                            BotSwarm.config("127.0.0.1", 1, ServerTrust.trustOnFirstUse(
                                    java.nio.file.Path.of("unused"))).net().applicationHash())
                    // Broadcasts do not always come back to this host: ask loopback too, for a game hosted here.
                    .addTarget(new InetSocketAddress("127.0.0.1", DiscoveryCodec.DEFAULT_PORT))
                    .build());
        } catch (IOException | RuntimeException e) {
            problem = "cannot search the LAN: " + e.getMessage();
            LOG.log(Level.WARNING, problem, e);
        }
        browser = b;
        status = label(problem == null ? "Searching the LAN…" : problem, problem == null ? art.labelDim : art.error);
        password = field("", "password (for servers with a lock)", 64);
        password.setPasswordMode(true);
        password.setPasswordCharacter('*');
        join = button("Join", this::joinSelected);
        join.setDisabled(true);

        Table header = new Table();
        header.defaults().pad(2, 8, 2, 8);
        header.add(label("Server", art.labelDim)).width(300).left();
        header.add(label("Map", art.labelDim)).width(110).left();
        header.add(label("Players", art.labelDim)).width(80).left();
        header.add(label("Ping", art.labelDim)).width(70).left();
        header.add().width(30);
        panel.add(header).left().row();
        list.top();
        panel.add(list).height(300).width(680).top().row();
        panel.add(status).left().row();
        panel.add(password).width(680).row();
        Table buttons = new Table();
        buttons.add(button("Back", this::back)).width(200).padRight(12);
        buttons.add(join).width(200);
        panel.add(buttons).right().padTop(8).row();
        layout(false, "LAN games");
    }

    @Override
    protected void update(float delta) {
        if (browser == null) {
            return;
        }
        long now = System.nanoTime();
        if (now >= nextRefresh) {
            nextRefresh = now + REFRESH_NANOS;
            browser.refresh(now);
            dirty = true;   // pings and "last seen" move even when the list does not
        }
        if (browser.poll(now) || dirty) {
            dirty = false;
            rebuild();
        }
        if (Gdx.input.isKeyJustPressed(Input.Keys.DOWN) && !shown.isEmpty()) {
            select(Math.min(shown.size() - 1, selected + 1));
        } else if (Gdx.input.isKeyJustPressed(Input.Keys.UP) && !shown.isEmpty()) {
            select(Math.max(0, selected - 1));
        } else if (Gdx.input.isKeyJustPressed(Input.Keys.ENTER)) {
            joinSelected();
        }
    }

    /** Rebuilds the rows (once a second at most, so the allocation is not per frame). */
    private void rebuild() {
        DiscoveredServer wasSelected = selected >= 0 && selected < shown.size() ? shown.get(selected) : null;
        shown.clear();
        for (DiscoveredServer s : browser.servers()) {
            // The same server can answer both the broadcast and the loopback query: list it once.
            boolean duplicate = false;
            for (DiscoveredServer t : shown) {
                duplicate |= t.info().fingerprint().equals(s.info().fingerprint()) && t.info().gamePort() == s.info().gamePort();
            }
            if (!duplicate) {
                shown.add(s);
            }
        }
        list.clearChildren();
        rows.clear();
        selected = -1;
        for (int i = 0; i < shown.size(); i++) {
            DiscoveredServer s = shown.get(i);
            if (wasSelected != null && s.info().fingerprint().equals(wasSelected.info().fingerprint())
                    && s.info().gamePort() == wasSelected.info().gamePort()) {
                selected = i;
            }
            rows.add(row(s, i));
            list.add(rows.get(i)).width(680).left().row();
        }
        if (selected < 0 && !shown.isEmpty()) {
            for (int i = 0; i < shown.size() && selected < 0; i++) {
                if (shown.get(i).compatible()) {
                    selected = i;
                }
            }
        }
        select(selected);
        status.setText(shown.isEmpty() ? "Searching the LAN… (hosted games answer on UDP "
                + DiscoveryCodec.DEFAULT_PORT + ")" : shown.size() + (shown.size() == 1 ? " game" : " games")
                + " found · click or Enter to join");
    }

    private Table row(DiscoveredServer s, int index) {
        boolean ok = s.compatible();
        Label.LabelStyle style = ok ? art.label : art.labelDim;
        Table r = new Table();
        r.defaults().pad(4, 8, 4, 8);
        r.setTouchable(Touchable.enabled);
        String title = s.info().serverName() + (ok ? "" : "  (incompatible version: " + s.incompatibility() + ")");
        Label name = label(title, style);
        name.setEllipsis(true);
        r.add(name).width(300).left();
        r.add(label(s.info().mapName(), style)).width(110).left();
        r.add(label(s.info().players() + "/" + s.info().maxPlayers(), style)).width(80).left();
        r.add(label(Math.max(1, s.rttNanos() / 1_000_000) + " ms", style)).width(70).left();
        Image lock = new Image(art.iconLock);
        lock.setColor(s.info().passwordRequired() ? art.yellow : Color.CLEAR);
        r.add(lock).size(20).width(30);
        r.addListener(new ClickListener() {
            @Override
            public void clicked(InputEvent event, float x, float y) {
                select(index);
                if (getTapCount() >= 2) {
                    joinSelected();
                }
            }
        });
        if (!ok) {
            r.setColor(1f, 1f, 1f, 0.55f);
        }
        return r;
    }

    private void select(int index) {
        selected = index;
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).setBackground(i == index ? art.button.over : null);
        }
        join.setDisabled(index < 0 || index >= shown.size() || !shown.get(index).compatible());
    }

    private void joinSelected() {
        if (selected < 0 || selected >= shown.size()) {
            return;
        }
        DiscoveredServer s = shown.get(selected);
        if (!s.compatible()) {
            status.setText("That server runs another version: " + s.incompatibility());
            status.setStyle(art.error);
            return;
        }
        String pw = password.getText().isEmpty() ? null : password.getText();
        if (s.info().passwordRequired() && pw == null) {
            status.setText("\"" + s.info().serverName() + "\" asks for a password: type it below, then join.");
            status.setStyle(art.error);
            stage.setKeyboardFocus(password);
            return;
        }
        game.connect(s.gameAddress().getAddress().getHostAddress(), s.gameAddress().getPort(), s.pinnedTrust(), pw,
                null);
    }

    @Override
    public void dispose() {
        if (browser != null) {
            browser.close();
        }
        super.dispose();
    }
}
