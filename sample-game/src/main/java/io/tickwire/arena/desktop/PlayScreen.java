package io.tickwire.arena.desktop;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input;
import com.badlogic.gdx.ScreenAdapter;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.OrthographicCamera;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.GlyphLayout;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.utils.ScreenUtils;
import io.tickwire.arena.assets.ArenaAssets;
import io.tickwire.arena.client.ArenaClient;
import io.tickwire.arena.sim.Arena;
import io.tickwire.arena.sim.ArenaMap;
import io.tickwire.client.GameClient;

/**
 * The arena: the camera follows the local player over the floor and walls; every player is drawn as a
 * ship tinted with its colour, facing its aim, with its name and health; shots leave fading tracers; the
 * dead explode and leave a fading marker. The HUD shows health, the match clock, the kill feed, the
 * scoreboard (Tab, and always during the intermission), the respawn countdown, connection trouble, the
 * crosshair and, on F3, the net graph; F4 cycles the network simulator; Escape leaves.
 *
 * <p>Each frame: {@link Session#update} (the client's update, then the arena's refresh), then drawing.
 * Steady state allocates nothing: numbers go through {@link TextBuf}s, names are the client's strings and
 * their widths are measured once.
 */
final class PlayScreen extends ScreenAdapter {
    /** Screen pixels per metre of arena. */
    static final float PPM = 32f;
    private static final float SHIP = 54f;
    private static final long TRACER_NANOS = 280_000_000L;
    private static final long EXPLOSION_NANOS = 500_000_000L;
    private static final long MARKER_NANOS = 3_000_000_000L;
    private static final long HIT_FLASH_NANOS = 120_000_000L;
    private static final long STALL_NANOS = 1_500_000_000L;
    private static final int FEED_LINES = 5;
    private static final float FEED_SECONDS = 9f;
    private static final int N = ArenaClient.MAX_ENTITY + 1;
    /** How far past the outer walls, in metres, the camera may show. */
    private static final float CAMERA_OVERSCROLL = 5f;
    /** Minimap pixels per metre. */
    private static final float MINIMAP_PPM = 5f;

    /** The JVM's per-thread allocation counter, looked up once (the lookup itself allocates), or null. */
    private static final com.sun.management.ThreadMXBean ALLOCATION = allocationCounter();

    private final ArenaGame game;
    private final ArenaArt art;
    private final Session session;
    private final ArenaClient arena;
    private final GameClient client;
    private final SpriteBatch batch;
    private final ArenaMap map = Arena.map();
    private final OrthographicCamera world = new OrthographicCamera();
    private final OrthographicCamera hud = new OrthographicCamera();
    private final GlyphLayout layout = new GlyphLayout();
    private final TextBuf text = new TextBuf(128);
    private final NetGraphOverlay netGraph;
    private boolean showNetGraph;

    // What happened to each entity, found by comparing this frame's view with the last one's.
    private final long[] seenFrame = new long[N];
    private final boolean[] wasAlive = new boolean[N];
    private final int[] lastHp = new int[N];
    private final long[] deathNanos = new long[N];
    private final float[] deathX = new float[N];
    private final float[] deathY = new float[N];
    private final long[] hitNanos = new long[N];
    private final float[] lastX = new float[N];
    private final float[] lastY = new float[N];
    private final float[] speed = new float[N];
    // Name widths, measured when the name string changes.
    private final String[] measuredName16 = new String[N];
    private final float[] nameWidth16 = new float[N];
    private long frame;
    private long tracersSeen;
    private long firstPlayersNanos = -1;
    private long localDeathNanos = -1;
    private long enteredNanos;
    private long allocStartBytes = -1;
    private long allocStartFrame;
    private long allocNetBytes;
    private float camX;
    private float camY;
    private int localIndex = -1;
    private String subtitle = "";
    private int subtitleMatch = -1;
    private final String hint = "WASD move · mouse aim · click shoot · Tab scores · F3 net · F4 lag · Esc menu";

    PlayScreen(ArenaGame game, Session session) {
        this.game = game;
        this.art = game.art();
        this.session = session;
        this.arena = session.arena();
        this.client = session.client();
        this.batch = game.batch();
        this.netGraph = new NetGraphOverlay(art);
        this.showNetGraph = game.options().netGraph();
        camX = map.width() * PPM / 2;
        camY = map.height() * PPM / 2;
    }

    /**
     * Bytes the render thread allocated per frame since the arena had been up for two seconds (the whole
     * frame: network, events, drawing), or -1 when the JVM cannot tell or it is too early.
     */
    double allocatedBytesPerFrame() {
        long bytes = allocated();
        return allocStartBytes < 0 || bytes < 0 || frame <= allocStartFrame ? -1
                : (bytes - allocStartBytes) / (double) (frame - allocStartFrame);
    }

    /** Of {@link #allocatedBytesPerFrame()}, the part allocated inside the client's update (network, events). */
    double networkBytesPerFrame() {
        return allocStartBytes < 0 || frame <= allocStartFrame ? -1 : allocNetBytes / (double) (frame - allocStartFrame);
    }

    private static long allocated() {
        return ALLOCATION == null ? -1 : ALLOCATION.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (mx instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()
                && sun.isThreadAllocatedMemoryEnabled()) {
            return sun;
        }
        return null;
    }

    /** Whether the local player is drawn alive this frame. */
    boolean localAlive() {
        return localIndex >= 0 && arena.viewAlive(localIndex);
    }

    /** Seconds since the arena first showed other players (0 until then): when a screenshot is worth taking. */
    double secondsWithPlayers() {
        return firstPlayersNanos < 0 ? 0 : (System.nanoTime() - firstPlayersNanos) / 1e9;
    }

    @Override
    public void show() {
        Gdx.input.setInputProcessor(null);
        enteredNanos = System.nanoTime();
        game.sfx().play(Sfx.JOIN, 0.5f);
    }

    @Override
    public void resize(int width, int height) {
        world.setToOrtho(false, width, height);
        hud.setToOrtho(false, width, height);
    }

    @Override
    public void render(float delta) {
        if (Gdx.input.isKeyJustPressed(Input.Keys.ESCAPE)) {
            game.showMenu();
            return;
        }
        if (Gdx.input.isKeyJustPressed(Input.Keys.F3)) {
            showNetGraph = !showNetGraph;
        }
        if (Gdx.input.isKeyJustPressed(Input.Keys.F4) && !session.isOver()) {
            session.cycleSimulation();
        }
        long now = System.nanoTime();
        session.input().setEnabled(!session.isOver());
        long before = allocStartBytes >= 0 ? allocated() : -1;
        session.update(now);
        if (before >= 0) {
            allocNetBytes += allocated() - before;
        }
        frame++;
        netGraph.sample(client, now);
        observe(now);
        follow();

        ScreenUtils.clear(0.02f, 0.027f, 0.05f, 1f);
        batch.setProjectionMatrix(world.combined);
        batch.begin();
        drawFloorAndWalls();
        drawFallen(now);
        drawShips(now);
        drawTracers(now);
        drawTags();
        batch.end();

        batch.setProjectionMatrix(hud.combined);
        batch.begin();
        drawHud(now);
        batch.end();
    }

    /** Finds deaths, respawns, hits and new shots by comparing with the previous frame; plays their sounds. */
    private void observe(long now) {
        int local = client.localEntity();
        localIndex = -1;
        boolean hitSound = false;
        int others = 0;
        for (int i = 0; i < arena.viewCount(); i++) {
            int id = arena.viewId(i);
            boolean alive = arena.viewAlive(i);
            int hp = arena.viewHp(i);
            float x = arena.viewX(i);
            float y = arena.viewY(i);
            boolean known = seenFrame[id] == frame - 1;
            if (id == local) {
                localIndex = i;
            } else {
                others++;
            }
            if (known) {
                if (wasAlive[id] && !alive) {
                    deathNanos[id] = now;
                    deathX[id] = lastX[id];
                    deathY[id] = lastY[id];
                    game.sfx().play(Sfx.DEATH, id == local ? 0.8f : 0.35f);
                    if (id == local) {
                        localDeathNanos = now;
                    }
                } else if (!wasAlive[id] && alive) {
                    if (id == local) {
                        game.sfx().play(Sfx.RESPAWN, 0.6f);
                        localDeathNanos = -1;
                    }
                } else if (alive && hp < lastHp[id]) {
                    hitNanos[id] = now;
                    hitSound = true;
                }
                float dx = x - lastX[id];
                float dy = y - lastY[id];
                speed[id] = speed[id] * 0.8f + 0.2f * (float) Math.sqrt(dx * dx + dy * dy);
            } else {
                speed[id] = 0;
                if (!alive && id == local) {
                    localDeathNanos = now;
                }
            }
            seenFrame[id] = frame;
            wasAlive[id] = alive;
            lastHp[id] = hp;
            lastX[id] = x;
            lastY[id] = y;
        }
        if (hitSound) {
            game.sfx().play(Sfx.HIT, 0.45f);
        }
        long tracers = arena.tracerCount();
        if (tracers > tracersSeen) {
            boolean localShot = false;
            for (long t = Math.max(tracersSeen, tracers - ArenaClient.TRACERS); t < tracers; t++) {
                localShot |= arena.tracerLocal((int) (t % ArenaClient.TRACERS));
            }
            game.sfx().play(Sfx.SHOT, localShot ? 0.45f : 0.15f);
            tracersSeen = tracers;
        }
        if (firstPlayersNanos < 0 && localIndex >= 0 && others > 0) {
            firstPlayersNanos = now;
        }
        if (allocStartBytes < 0 && firstPlayersNanos >= 0 && now - firstPlayersNanos > 2_000_000_000L) {
            allocStartBytes = allocated();
            allocStartFrame = frame;
        }
    }

    /**
     * Moves the camera to the local player; near the map's edge it stops at most {@link #CAMERA_OVERSCROLL}
     * metres past the outer walls, which keeps the arena filling the window and still keeps a player in a
     * corner clear of the HUD panels there (beyond the walls the floor continues, darkened).
     */
    private void follow() {
        if (localIndex >= 0) {
            camX = arena.viewX(localIndex) * PPM;
            camY = arena.viewY(localIndex) * PPM;
        }
        float w = world.viewportWidth;
        float h = world.viewportHeight;
        float over = CAMERA_OVERSCROLL * PPM;
        float x = clampCentre(camX, w, map.width() * PPM, over);
        float y = clampCentre(camY, h, map.height() * PPM, over);
        // Whole pixels: sprites and text stay crisp while the camera moves.
        world.position.set(Math.round(x), Math.round(y), 0);
        world.update();
        if (localIndex >= 0) {
            session.input().setPlayerOnScreen(arena.viewX(localIndex) * PPM - world.position.x + w / 2,
                    arena.viewY(localIndex) * PPM - world.position.y + h / 2);
        }
    }

    /** The camera centre along one axis: on {@code target}, but showing at most {@code over} beyond either edge. */
    private static float clampCentre(float target, float view, float size, float over) {
        float lo = view / 2 - over;
        float hi = size - view / 2 + over;
        return lo > hi ? size / 2 : Math.max(lo, Math.min(hi, target));
    }

    private void drawFloorAndWalls() {
        float mw = map.width() * PPM;
        float mh = map.height() * PPM;
        float tile = art.floor.getWidth();
        // Outside the arena: the same floor, dimmed, out to the edges of the view.
        float ox = world.position.x - world.viewportWidth / 2;
        float oy = world.position.y - world.viewportHeight / 2;
        float fx = (float) Math.floor(ox / tile) * tile;
        float fy = (float) Math.floor(oy / tile) * tile;
        float ow = world.viewportWidth + 2 * tile;
        float oh = world.viewportHeight + 2 * tile;
        batch.setColor(0.35f, 0.35f, 0.4f, 1f);
        batch.draw(art.floor, fx, fy, ow, oh, 0, 0, ow / tile, oh / tile);
        batch.setColor(Color.WHITE);
        batch.draw(art.floor, 0, 0, mw, mh, 0, 0, mw / tile, mh / tile);
        float m = ArenaAssets.WALL_PATCH_MARGIN;
        for (int i = 0; i < map.wallCount(); i++) {
            float x0 = map.wallX0(i) * PPM;
            float y0 = map.wallY0(i) * PPM;
            float x1 = map.wallX1(i) * PPM;
            float y1 = map.wallY1(i) * PPM;
            art.wall.draw(batch, x0 - m, y0 - m, x1 - x0 + 2 * m, y1 - y0 + 2 * m);
        }
    }

    /** Explosions where players died, then a fading marker in their colour. */
    private void drawFallen(long now) {
        for (int i = 0; i < arena.viewCount(); i++) {
            int id = arena.viewId(i);
            if (arena.viewAlive(i) || deathNanos[id] == 0) {
                continue;
            }
            long age = now - deathNanos[id];
            float x = deathX[id] * PPM;
            float y = deathY[id] * PPM;
            Color c = art.player(arena.colour(id));
            if (age < MARKER_NANOS) {
                float a = 0.6f * (1f - (float) age / MARKER_NANOS);
                batch.setColor(c.r, c.g, c.b, a);
                batch.draw(art.iconDeath, x - 12, y - 12, 24, 24);
            }
            if (age < EXPLOSION_NANOS) {
                int f = (int) (age * art.explosion.size / EXPLOSION_NANOS);
                TextureRegion r = art.explosion.get(Math.min(f, art.explosion.size - 1));
                batch.setColor(Color.WHITE);
                batch.draw(r, x - 48, y - 48, 96, 96);
            }
        }
        batch.setColor(Color.WHITE);
    }

    private void drawShips(long now) {
        // Glows and engine flames first, added onto the floor.
        batch.setBlendFunction(GL20.GL_SRC_ALPHA, GL20.GL_ONE);
        for (int i = 0; i < arena.viewCount(); i++) {
            if (!arena.viewAlive(i)) {
                continue;
            }
            int id = arena.viewId(i);
            Color c = art.player(arena.colour(id));
            float x = arena.viewX(i) * PPM;
            float y = arena.viewY(i) * PPM;
            float deg = arena.viewAim(i) * (180f / (float) Math.PI);
            batch.setColor(c.r, c.g, c.b, 0.75f);
            batch.draw(art.shipGlow, x - SHIP / 2, y - SHIP / 2, SHIP / 2, SHIP / 2, SHIP, SHIP, 1, 1, deg);
            if (speed[id] > 0.01f) {
                float tail = ArenaAssets.SHIP_TAIL_OFFSET * SHIP / 64f;
                float tw = art.thruster.getRegionWidth() * SHIP / 64f;
                float th = art.thruster.getRegionHeight() * SHIP / 64f;
                // The flame's right edge sits at the tail: rotate about that point.
                batch.draw(art.thruster, x - tail - tw, y - th / 2, tw, th / 2, tw, th, 1, 1, deg);
            }
        }
        batch.setBlendFunction(GL20.GL_SRC_ALPHA, GL20.GL_ONE_MINUS_SRC_ALPHA);
        for (int i = 0; i < arena.viewCount(); i++) {
            if (!arena.viewAlive(i)) {
                continue;
            }
            int id = arena.viewId(i);
            Color c = art.player(arena.colour(id));
            float x = arena.viewX(i) * PPM;
            float y = arena.viewY(i) * PPM;
            float deg = arena.viewAim(i) * (180f / (float) Math.PI);
            batch.setColor(c);
            batch.draw(art.ship, x - SHIP / 2, y - SHIP / 2, SHIP / 2, SHIP / 2, SHIP, SHIP, 1, 1, deg);
            long hitAge = now - hitNanos[id];
            if (hitNanos[id] != 0 && hitAge < HIT_FLASH_NANOS) {
                batch.setColor(1f, 1f, 1f, 0.8f * (1f - (float) hitAge / HIT_FLASH_NANOS));
                batch.draw(art.shipFlash, x - SHIP / 2, y - SHIP / 2, SHIP / 2, SHIP / 2, SHIP, SHIP, 1, 1, deg);
            }
        }
        batch.setColor(Color.WHITE);
    }

    /** Shot tracers from the client's ring, fading out; a flash at the muzzle and a star where they stopped. */
    private void drawTracers(long now) {
        batch.setBlendFunction(GL20.GL_SRC_ALPHA, GL20.GL_ONE);
        long count = arena.tracerCount();
        float th = 10f;
        for (long t = Math.max(0, count - ArenaClient.TRACERS); t < count; t++) {
            int slot = (int) (t % ArenaClient.TRACERS);
            long age = now - arena.tracerNanos(slot);
            if (age >= TRACER_NANOS || age < 0) {
                continue;
            }
            float a = 1f - (float) age / TRACER_NANOS;
            Color c = art.player(arena.tracerColour(slot));
            float x0 = arena.tracerX0(slot) * PPM;
            float y0 = arena.tracerY0(slot) * PPM;
            float x1 = arena.tracerX1(slot) * PPM;
            float y1 = arena.tracerY1(slot) * PPM;
            float dx = x1 - x0;
            float dy = y1 - y0;
            float len = (float) Math.sqrt(dx * dx + dy * dy);
            float deg = (float) Math.toDegrees(Math.atan2(dy, dx));
            float nose = ArenaAssets.SHIP_NOSE_OFFSET * SHIP / 64f;
            if (len > nose) {
                float sx = x0 + dx / len * nose;
                float sy = y0 + dy / len * nose;
                batch.setColor(c.r, c.g, c.b, a);
                batch.draw(art.tracer, sx, sy - th / 2, 0, th / 2, len - nose, th, 1, 1, deg);
                if (age < TRACER_NANOS / 3) {
                    float ma = 1f - (float) age / (TRACER_NANOS / 3f);
                    batch.setColor(1f, 1f, 1f, ma);
                    batch.draw(art.muzzle, sx - ArenaAssets.MUZZLE_ORIGIN_X, sy - 16, ArenaAssets.MUZZLE_ORIGIN_X, 16,
                            32, 32, 1, 1, deg);
                    batch.setColor(c.r, c.g, c.b, ma);
                    batch.draw(art.hit, x1 - 16, y1 - 16, 32, 32);
                }
            }
        }
        batch.setBlendFunction(GL20.GL_SRC_ALPHA, GL20.GL_ONE_MINUS_SRC_ALPHA);
        batch.setColor(Color.WHITE);
    }

    /** Names in the players' colours and health bars above the living. */
    private void drawTags() {
        BitmapFont f = art.ui16;
        for (int i = 0; i < arena.viewCount(); i++) {
            if (!arena.viewAlive(i)) {
                continue;
            }
            int id = arena.viewId(i);
            float x = arena.viewX(i) * PPM;
            float y = arena.viewY(i) * PPM;
            Color c = art.player(arena.colour(id));
            String name = arena.name(id);
            float w = nameWidth(id, name);
            f.setColor(c);
            f.draw(batch, name, Math.round(x - w / 2), Math.round(y + SHIP / 2 + 26));
            float bw = 48;
            float bx = Math.round(x - bw / 2);
            float by = Math.round(y + SHIP / 2 - 2);
            batch.setColor(Color.WHITE);
            art.healthBg.draw(batch, bx, by, bw, 10);
            int hp = arena.viewHp(i);
            if (hp > 0) {
                batch.setColor(art.healthColour(hp));
                art.healthFill.draw(batch, bx + 2, by, Math.max(art.healthFill.getTotalWidth(), (bw - 4) * hp / Arena.MAX_HP),
                        10);
            }
        }
        batch.setColor(Color.WHITE);
        f.setColor(Color.WHITE);
    }

    private float nameWidth(int id, String name) {
        if (measuredName16[id] != name) {   // identity: the client keeps one String per join
            layout.setText(art.ui16, name);
            measuredName16[id] = name;
            nameWidth16[id] = layout.width;
        }
        return nameWidth16[id];
    }

    private void drawHud(long now) {
        float w = hud.viewportWidth;
        float h = hud.viewportHeight;
        drawClock(w, h);
        drawHealth();
        drawMinimap(w);
        drawFeed(w, h);
        drawRespawn(now, w, h);
        boolean board = arena.inIntermission() || Gdx.input.isKeyPressed(Input.Keys.TAB);
        if (board) {
            drawScoreboard(w, h);
        }
        if (showNetGraph) {
            netGraph.draw(batch, client, session.simulationName(), 16, h - 16 - 64 - NetGraphOverlay.HEIGHT);
        }
        float hintAge = (now - enteredNanos) / 1e9f;
        if (hintAge < 12f) {
            art.ui16.setColor(art.textDim.r, art.textDim.g, art.textDim.b, Math.min(1f, 12f - hintAge));
            layout.setText(art.ui16, hint);
            // Centred in the gap between the health panel and the minimap.
            float left = 16 + 320;
            float right = w - 16 - map.width() * MINIMAP_PPM - 24;
            art.ui16.draw(batch, hint, Math.round(left + (right - left - layout.width) / 2), 30);
            art.ui16.setColor(Color.WHITE);
        }
        drawConnection(now, w, h);
        if (!session.isOver()) {
            float mx = Gdx.input.getX();
            float my = h - Gdx.input.getY();
            batch.setColor(Color.WHITE);
            batch.draw(art.crosshair, mx - 16, my - 16, 32, 32);
        }
    }

    private void drawClock(float w, float h) {
        float pw = 168;
        float ph = 70;
        float px = Math.round((w - pw) / 2);
        float py = h - ph - 10;
        art.panel.draw(batch, px, py, pw, ph);
        int secs = (int) Math.ceil(arena.secondsLeft());
        text.clear().append(secs / 60).append(':').appendPadded(secs % 60, 2);
        BitmapFont f = art.ui24;
        f.setColor(arena.inIntermission() ? art.yellow : secs <= 10 ? art.healthLow : art.text);
        layout.setText(f, text);
        f.draw(batch, text, Math.round(px + (pw - layout.width) / 2), py + ph - 12);
        if (subtitleMatch != arena.match()) {
            subtitleMatch = arena.match();
            subtitle = "match " + arena.match() + " · " + arena.mapName();
        }
        art.ui16.setColor(art.textDim);
        layout.setText(art.ui16, subtitle);
        art.ui16.draw(batch, subtitle, Math.round(px + (pw - layout.width) / 2), py + 24);
        art.ui16.setColor(Color.WHITE);
        f.setColor(Color.WHITE);
    }

    private void drawHealth() {
        float px = 16;
        float py = 16;
        float pw = 320;
        float ph = 78;
        art.panel.draw(batch, px, py, pw, ph);
        int local = client.localEntity();
        int hp = localIndex >= 0 ? arena.viewHp(localIndex) : 0;
        boolean alive = localIndex >= 0 && arena.viewAlive(localIndex);
        Color c = art.player(arena.colour(local));
        art.ui16.setColor(c);
        art.ui16.draw(batch, arena.playerName(), px + 18, py + ph - 14);
        art.mono14.setColor(art.textDim);
        text.clear().append(arena.kills(local)).append(" kills  ").append(arena.deaths(local)).append(" deaths");
        layout.setText(art.mono14, text);
        art.mono14.draw(batch, text, px + pw - 18 - layout.width, py + ph - 16);
        float bx = px + 18;
        float by = py + 18;
        float bw = pw - 132;
        batch.setColor(Color.WHITE);
        art.healthBg.draw(batch, bx, by, bw, 18);
        if (alive && hp > 0) {
            batch.setColor(art.healthColour(hp));
            art.healthFill.draw(batch, bx + 2, by + 1, Math.max(art.healthFill.getTotalWidth(),
                    (bw - 4) * hp / Arena.MAX_HP), 16);
        }
        batch.setColor(Color.WHITE);
        art.ui24.setColor(alive ? art.healthColour(hp) : art.healthLow);
        text.clear().append(alive ? hp : 0);
        layout.setText(art.ui24, text);
        art.ui24.draw(batch, text, px + pw - 46 - layout.width, by + 21);
        art.mono14.setColor(art.textDim);
        art.mono14.draw(batch, "HP", px + pw - 40, by + 15);
        art.ui24.setColor(Color.WHITE);
        art.ui16.setColor(Color.WHITE);
        art.mono14.setColor(Color.WHITE);
    }

    /** The whole arena small in the bottom-right corner: walls, every living player, and the camera's view. */
    private void drawMinimap(float w) {
        float scale = MINIMAP_PPM;
        float mw = map.width() * scale;
        float mh = map.height() * scale;
        float pad = 12;
        float px = w - 16 - mw - 2 * pad;
        float py = 16;
        art.panel.draw(batch, px, py, mw + 2 * pad, mh + 2 * pad);
        float ox = px + pad;
        float oy = py + pad;
        batch.setColor(art.cyan.r, art.cyan.g, art.cyan.b, 0.35f);
        for (int i = 0; i < map.wallCount(); i++) {
            batch.draw(art.white, ox + map.wallX0(i) * scale, oy + map.wallY0(i) * scale,
                    (map.wallX1(i) - map.wallX0(i)) * scale, (map.wallY1(i) - map.wallY0(i)) * scale);
        }
        // The part of the arena the window shows.
        float vx = ox + (world.position.x - world.viewportWidth / 2) / PPM * scale;
        float vy = oy + (world.position.y - world.viewportHeight / 2) / PPM * scale;
        float vw = world.viewportWidth / PPM * scale;
        float vh = world.viewportHeight / PPM * scale;
        float x0 = Math.max(ox, vx);
        float y0 = Math.max(oy, vy);
        float x1 = Math.min(ox + mw, vx + vw);
        float y1 = Math.min(oy + mh, vy + vh);
        batch.setColor(1f, 1f, 1f, 0.3f);
        batch.draw(art.white, x0, y0, x1 - x0, 1);
        batch.draw(art.white, x0, y1 - 1, x1 - x0, 1);
        batch.draw(art.white, x0, y0, 1, y1 - y0);
        batch.draw(art.white, x1 - 1, y0, 1, y1 - y0);
        int local = client.localEntity();
        for (int i = 0; i < arena.viewCount(); i++) {
            if (!arena.viewAlive(i)) {
                continue;
            }
            int id = arena.viewId(i);
            float x = ox + arena.viewX(i) * scale;
            float y = oy + arena.viewY(i) * scale;
            if (id == local) {
                batch.setColor(Color.WHITE);
                batch.draw(art.white, x - 5, y - 5, 10, 10);
            }
            batch.setColor(art.player(arena.colour(id)));
            batch.draw(art.white, x - 3.5f, y - 3.5f, 7, 7);
        }
        batch.setColor(Color.WHITE);
    }

    /** The last kills, newest at the top, names in their colours, fading after a few seconds. */
    private void drawFeed(float w, float h) {
        long count = arena.feedCount();
        double renderTick = client.renderTick();
        float y = h - 20;
        float right = w - 16;
        BitmapFont f = art.ui16;
        int lines = 0;
        for (long n = count - 1; n >= 0 && n >= count - Math.min(FEED_LINES, ArenaClient.FEED); n--) {
            int slot = (int) (n % ArenaClient.FEED);
            float age = (float) ((renderTick - arena.feedTick(slot)) / Arena.TICK_RATE);
            if (age > FEED_SECONDS) {
                continue;
            }
            float a = Math.min(1f, (FEED_SECONDS - age) / 1.5f);
            int killer = arena.feedKiller(slot);
            int victim = arena.feedVictim(slot);
            String kn = arena.name(killer);
            String vn = arena.name(victim);
            float kw = nameWidth(killer, kn);
            float vw = nameWidth(victim, vn);
            float lw = kw + 30 + vw;
            float x = right - lw - 16;
            batch.setColor(1f, 1f, 1f, a);
            art.panel.draw(batch, x - 10, y - 26, lw + 36, 30);
            Color kc = art.player(arena.colour(killer));
            Color vc = art.player(arena.colour(victim));
            f.setColor(kc.r, kc.g, kc.b, a);
            f.draw(batch, kn, x, y - 5);
            batch.setColor(1f, 1f, 1f, a);
            batch.draw(art.iconKill, x + kw + 5, y - 22, 20, 20);
            f.setColor(vc.r, vc.g, vc.b, a);
            f.draw(batch, vn, x + kw + 30, y - 5);
            y -= 34;
            lines++;
        }
        if (lines > 0) {
            batch.setColor(Color.WHITE);
            f.setColor(Color.WHITE);
        }
    }

    private void drawRespawn(long now, float w, float h) {
        if (localIndex < 0 || arena.viewAlive(localIndex) || localDeathNanos < 0 || arena.inIntermission()) {
            return;
        }
        float left = Arena.RESPAWN_TICKS / (float) Arena.TICK_RATE - (now - localDeathNanos) / 1e9f;
        BitmapFont big = art.title48;
        big.setColor(art.healthLow);
        layout.setText(big, "DESTROYED");
        big.draw(batch, "DESTROYED", Math.round((w - layout.width) / 2), h * 0.62f);
        text.clear().append("Respawning in ").append(Math.max(0.0, left), 1).append(" s");
        art.ui24.setColor(art.text);
        layout.setText(art.ui24, text);
        art.ui24.draw(batch, text, Math.round((w - layout.width) / 2), h * 0.62f - 64);
        big.setColor(Color.WHITE);
        art.ui24.setColor(Color.WHITE);
    }

    private void drawScoreboard(float w, float h) {
        int rows = arena.rankingSize();
        float rowH = 28;
        float pw = 520;
        float top = arena.inIntermission() ? 150 : 90;
        float ph = top + rows * rowH + 40;
        float px = Math.round((w - pw) / 2);
        float py = Math.round((h - ph) / 2);
        // Darken the arena under the board: the panel alone is translucent and ships would show through.
        batch.setColor(0f, 0f, 0f, 0.55f);
        batch.draw(art.white, px + 4, py + 4, pw - 8, ph - 8);
        batch.setColor(Color.WHITE);
        art.panel.draw(batch, px, py, pw, ph);
        float y = py + ph - 22;
        if (arena.inIntermission()) {
            art.title48.setColor(art.yellow);
            layout.setText(art.title48, "MATCH OVER");
            art.title48.draw(batch, "MATCH OVER", Math.round(px + (pw - layout.width) / 2), y);
            y -= 64;
            if (rows > 0) {
                int winner = arena.rankedEntity(0);
                art.ui24.setColor(art.player(arena.colour(winner)));
                text.clear().append("Winner: ").append(arena.name(winner));
                layout.setText(art.ui24, text);
                art.ui24.draw(batch, text, Math.round(px + (pw - layout.width) / 2), y);
            }
            y -= 36;
            art.title48.setColor(Color.WHITE);
        } else {
            art.ui24.setColor(art.cyan);
            art.ui24.draw(batch, "Scoreboard", px + 24, y);
            art.ui16.setColor(art.textDim);
            layout.setText(art.ui16, arena.serverName());
            art.ui16.draw(batch, arena.serverName(), px + pw - 24 - layout.width, y - 4);
            y -= 44;
        }
        art.mono14.setColor(art.textDim);
        art.mono14.draw(batch, "#", px + 24, y);
        art.mono14.draw(batch, "player", px + 80, y);
        art.mono14.draw(batch, "kills", px + pw - 150, y);
        art.mono14.draw(batch, "deaths", px + pw - 80, y);
        y -= 12;
        int local = client.localEntity();
        for (int r = 0; r < rows; r++) {
            int id = arena.rankedEntity(r);
            float ry = y - r * rowH;
            if (id == local) {
                batch.setColor(1f, 1f, 1f, 0.08f);
                batch.draw(art.white, px + 14, ry - rowH + 4, pw - 28, rowH);
            }
            Color c = art.player(arena.colour(id));
            batch.setColor(c);
            batch.draw(arena.isBot(id) ? art.iconBot : art.iconPlayer, px + 50, ry - 22, 20, 20);
            art.mono14.setColor(art.textDim);
            art.mono14.draw(batch, text.clear().append(r + 1), px + 24, ry - 6);
            art.ui16.setColor(c);
            art.ui16.draw(batch, arena.name(id), px + 80, ry - 5);
            art.mono14.setColor(art.text);
            art.mono14.draw(batch, text.clear().append(arena.kills(id)), px + pw - 130, ry - 6);
            art.mono14.draw(batch, text.clear().append(arena.deaths(id)), px + pw - 60, ry - 6);
        }
        if (arena.inIntermission()) {
            art.ui16.setColor(art.textDim);
            text.clear().append("Next match in ").append((long) Math.ceil(arena.secondsLeft())).append(" s");
            layout.setText(art.ui16, text);
            art.ui16.draw(batch, text, Math.round(px + (pw - layout.width) / 2), py + 28);
        }
        batch.setColor(Color.WHITE);
        art.ui16.setColor(Color.WHITE);
        art.ui24.setColor(Color.WHITE);
        art.mono14.setColor(Color.WHITE);
    }

    /**
     * "Disconnected: why" over a dimmed arena, a "Reconnecting (attempt n)" banner while the client
     * reconnects by itself, or a warning while snapshots have stopped coming.
     */
    private void drawConnection(long now, float w, float h) {
        if (session.isOver()) {
            batch.setColor(0f, 0f, 0f, 0.6f);
            batch.draw(art.white, 0, 0, w, h);
            batch.setColor(Color.WHITE);
            String headline = session.reason() == null ? "Disconnected"
                    : ConnectingScreen.headline(session.reason(), arena.disconnectDetail());
            art.title48.setColor(art.healthLow);
            layout.setText(art.title48, headline);
            art.title48.draw(batch, headline, Math.round((w - layout.width) / 2), h * 0.6f);
            art.ui16.setColor(art.text);
            layout.setText(art.ui16, arena.disconnectDetail());
            art.ui16.draw(batch, arena.disconnectDetail(), Math.round((w - layout.width) / 2), h * 0.6f - 70);
            art.ui24.setColor(art.textDim);
            layout.setText(art.ui24, "Press Esc to return to the menu");
            art.ui24.draw(batch, "Press Esc to return to the menu", Math.round((w - layout.width) / 2), h * 0.6f - 110);
        } else if (arena.isReconnecting()) {
            // The connection was lost; the client reconnects by itself and the arena stays on screen.
            art.ui24.setColor(art.yellow);
            String s = "Reconnecting\u2026 (attempt " + arena.reconnectAttempt() + ")";
            layout.setText(art.ui24, s);
            batch.setColor(Color.WHITE);
            art.panel.draw(batch, (w - layout.width) / 2 - 20, h * 0.7f - 40, layout.width + 40, 54);
            art.ui24.draw(batch, s, Math.round((w - layout.width) / 2), h * 0.7f);
        } else if (netGraph.lastSnapshotNanos() != 0 && now - netGraph.lastSnapshotNanos() > STALL_NANOS) {
            art.ui24.setColor(art.yellow);
            String s = "Connection interrupted · waiting for the server…";
            layout.setText(art.ui24, s);
            batch.setColor(Color.WHITE);
            art.panel.draw(batch, (w - layout.width) / 2 - 20, h * 0.7f - 40, layout.width + 40, 54);
            art.ui24.draw(batch, s, Math.round((w - layout.width) / 2), h * 0.7f);
        }
        art.title48.setColor(Color.WHITE);
        art.ui16.setColor(Color.WHITE);
        art.ui24.setColor(Color.WHITE);
    }

    @Override
    public void hide() {
        session.input().setEnabled(false);
    }
}
