package io.tickwire.client.gdx;

import com.badlogic.gdx.utils.Disposable;
import com.badlogic.gdx.utils.TimeUtils;
import io.tickwire.client.ClientGame;
import io.tickwire.client.GameClient;
import io.tickwire.client.GameClientConfig;
import java.util.Objects;

/**
 * A {@link GameClient} for a libGDX game: create it in {@code create()}, call {@link #update()} at the top
 * of {@code render()}, draw from {@link #client()}, and let {@link #dispose()} close it.
 *
 * <pre>{@code
 * public void create() { net = GdxGameClient.connect(config, game); }
 * public void render() { net.update(); net.client().sampleRemote(id, xyAngle); ... }
 * public void dispose() { net.dispose(); }
 * }</pre>
 *
 * <p>Time comes from {@link TimeUtils#nanoTime()}, which is {@link System#nanoTime()}: keep the net-core
 * config's clock at its default. Owned by the render thread (every {@link ClientGame} callback runs there);
 * allocates nothing per frame.
 */
public final class GdxGameClient implements Disposable {
    private final GameClient client;

    /** Wraps an existing client; this adapter closes it on {@link #dispose()}. */
    public GdxGameClient(GameClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Starts connecting with {@code config}; call from {@code create()} on the render thread. */
    public static GdxGameClient connect(GameClientConfig config, ClientGame game) {
        return new GdxGameClient(GameClient.connect(config, game));
    }

    /** One frame of the client at {@link TimeUtils#nanoTime()}; call from {@code render()}; false once the connection is over. */
    public boolean update() {
        return client.update(TimeUtils.nanoTime());
    }

    /** The wrapped client, for drawing and sending. */
    public GameClient client() {
        return client;
    }

    /** Disconnects gracefully and releases the connection; call from {@code dispose()} on the render thread. */
    @Override
    public void dispose() {
        client.close();
    }
}
