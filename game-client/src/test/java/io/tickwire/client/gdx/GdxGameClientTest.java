package io.tickwire.client.gdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import com.badlogic.gdx.utils.TimeUtils;
import io.tickwire.client.SampleKind;
import io.tickwire.client.ScriptedServer;
import io.tickwire.client.TestWorld;
import io.tickwire.net.InMemoryNetwork;
import io.tickwire.net.NanoClock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The adapter in a real libGDX loop: a HeadlessApplication whose render() ticks the scripted server and
 * calls GdxGameClient.update() on the loop's own thread, with libGDX's clock; dispose() closes the client.
 * The loop thread's failures are carried back to the test; every wait has a timeout. The only libGDX test
 * in this module (libGDX's statics forbid parallel ones in one JVM).
 */
class GdxGameClientTest {
    private static final long TIMEOUT_SECONDS = 30;

    @Test
    void aHeadlessRenderLoopDrivesTheClientAndDisposeClosesIt() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch disposed = new CountDownLatch(1);
        TestWorld.Game game = new TestWorld.Game();
        Listener listener = new Listener(game, failure, disposed);
        HeadlessApplicationConfiguration config = new HeadlessApplicationConfiguration();
        config.updatesPerSecond = 120;
        HeadlessApplication app = new HeadlessApplication(listener, config);
        try {
            assertTrue(disposed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the render loop did not finish in "
                    + TIMEOUT_SECONDS + " s; frames so far: " + listener.frames + ", failure: " + failure.get());
        } finally {
            app.exit();
        }
        assertNull(failure.get(), () -> "the loop thread failed: " + failure.get());
        assertTrue(listener.renderThread != null && listener.renderThread != Thread.currentThread());
        assertEquals(listener.renderThread, listener.disposeThread, "dispose runs on the render thread");
        assertTrue(listener.sawPrediction, "the local player was predicted");
        assertEquals(SampleKind.INTERPOLATED, listener.lastBotSample, "remote entities were interpolated");
        assertTrue(listener.client.client().isClosed(), "dispose closed the client");
        assertEquals(1, game.connectedCalls);
        assertEquals(1, game.disconnectedCalls, "closing reports the disconnect to the game");
        assertEquals(0, game.errors);
    }

    /** A libGDX game in miniature; every callback runs on the headless loop thread. */
    private static final class Listener extends ApplicationAdapter {
        private final TestWorld.Game game;
        private final AtomicReference<Throwable> failure;
        private final CountDownLatch disposed;
        private final float[] bot = new float[3];
        private final float[] me = new float[2];
        private ScriptedServer server;
        volatile GdxGameClient client;
        volatile Thread renderThread;
        volatile Thread disposeThread;
        volatile int frames;
        volatile boolean sawPrediction;
        volatile SampleKind lastBotSample;
        private long nextServerTick;
        private int interpolatedFrames;
        private boolean exiting;

        Listener(TestWorld.Game game, AtomicReference<Throwable> failure, CountDownLatch disposed) {
            this.game = game;
            this.failure = failure;
            this.disposed = disposed;
        }

        @Override
        public void create() {
            try {
                renderThread = Thread.currentThread();
                InMemoryNetwork network = new InMemoryNetwork(NanoClock.SYSTEM);
                server = new ScriptedServer(network, NanoClock.SYSTEM);
                client = GdxGameClient.connect(TestWorld.gameConfig(network, NanoClock.SYSTEM).build(), game);
                game.client = client.client();
                nextServerTick = TimeUtils.nanoTime();
            } catch (Throwable t) {
                fail(t);
            }
        }

        @Override
        public void render() {
            if (exiting) {
                return;   // Gdx.app.exit() lets one more render() run
            }
            try {
                long now = TimeUtils.nanoTime();
                while (nextServerTick <= now) {
                    server.tick(now);
                    nextServerTick += TestWorld.TICK_NANOS;
                }
                client.update();
                frames++;
                if (client.client().predictedState(me)) {
                    sawPrediction = true;
                }
                lastBotSample = client.client().sampleRemote(1, bot);
                if (lastBotSample == SampleKind.INTERPOLATED) {
                    interpolatedFrames++;
                }
                if (sawPrediction && interpolatedFrames >= 60) {
                    exiting = true;
                    Gdx.app.exit();
                }
            } catch (Throwable t) {
                fail(t);
            }
        }

        @Override
        public void dispose() {
            try {
                disposeThread = Thread.currentThread();
                if (client != null) {
                    client.dispose();
                }
                if (server != null) {
                    server.close();
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                disposed.countDown();
            }
        }

        private void fail(Throwable t) {
            failure.compareAndSet(null, t);
            exiting = true;
            Gdx.app.exit();
        }
    }
}
