package io.tickwire.arena.sim;

import java.util.SplittableRandom;

/**
 * A bot's decisions, one call per tick: walk between spawn points, and when an enemy is in sight and in
 * range, turn towards it (at a bounded rate, with a seeded aiming error), strafe and fire. Engine- and
 * network-agnostic: the server runs it for its own bots, headless bot clients run it on what they
 * see. Seeded, so a bot's play is reproducible from the same world. Allocates nothing.
 */
public final class BotBrain {
    /** How far a bot notices and fires at an enemy, metres. */
    public static final float SIGHT = 22f;
    /** Fastest turn of the aim, radians per tick. */
    public static final float TURN_PER_TICK = 0.12f;

    private final SplittableRandom rnd;
    private final ArenaMap map;
    private float waypointX;
    private float waypointY;
    private float lastX = Float.NaN;
    private float lastY = Float.NaN;
    private int stuckTicks;
    private int strafe;
    private int strafeTicks;
    private float aimError;
    private int errorTicks;
    private int buttons;
    private float aim;
    private boolean fire;
    private int targetIndex = -1;

    /** A brain with its own seed, for {@code map}. */
    public BotBrain(long seed, ArenaMap map) {
        this.rnd = new SplittableRandom(seed);
        this.map = map;
        pickWaypoint();
    }

    /**
     * Decides this tick's buttons and aim for a bot at ({@code x}, {@code y}), given its enemies' positions
     * as {x, y} pairs in {@code enemies[0 .. 2 * count)} (living ones only).
     */
    public void think(float x, float y, float[] enemies, int count) {
        targetIndex = -1;
        float best = SIGHT * SIGHT;
        for (int i = 0; i < count; i++) {
            float dx = enemies[2 * i] - x;
            float dy = enemies[2 * i + 1] - y;
            float d2 = dx * dx + dy * dy;
            if (d2 < best && map.lineOfSight(x, y, enemies[2 * i], enemies[2 * i + 1])) {
                best = d2;
                targetIndex = i;
            }
        }
        if (--errorTicks <= 0) {
            errorTicks = 20 + rnd.nextInt(40);
            aimError = (float) (rnd.nextDouble() - 0.5) * 0.12f;
        }
        int move;
        fire = false;
        if (targetIndex >= 0) {
            float want = (float) Math.atan2(enemies[2 * targetIndex + 1] - y, enemies[2 * targetIndex] - x) + aimError;
            aim = turnTowards(aim, want);
            fire = Math.abs(wrap(want - aim)) < 0.1f;
            if (--strafeTicks <= 0) {
                strafeTicks = 15 + rnd.nextInt(45);
                strafe = rnd.nextInt(3) - 1;
            }
            // Strafe across the line of fire: the perpendicular of the aim, rounded to buttons.
            float px = -(float) Math.sin(aim) * strafe;
            float py = (float) Math.cos(aim) * strafe;
            move = toButtons(px, py);
        } else {
            float dx = waypointX - x;
            float dy = waypointY - y;
            if (dx * dx + dy * dy < 1.5f) {
                pickWaypoint();
            }
            move = toButtons(dx, dy);
            if (dx * dx + dy * dy > 0.01f) {
                aim = turnTowards(aim, (float) Math.atan2(dy, dx));
            }
        }
        if (x == lastX && y == lastY && move != 0) {
            if (++stuckTicks > 20) {
                stuckTicks = 0;
                pickWaypoint();
            }
        } else {
            stuckTicks = 0;
        }
        lastX = x;
        lastY = y;
        buttons = move | (fire ? Arena.FIRE : 0);
    }

    /** This tick's buttons (including {@link Arena#FIRE}). */
    public int buttons() {
        return buttons;
    }

    /** This tick's aim in radians. */
    public float aim() {
        return aim;
    }

    /** Whether the bot pulls the trigger this tick. */
    public boolean fire() {
        return fire;
    }

    /** Index of the enemy it aims at this tick (into the last {@code enemies}), or -1. */
    public int targetIndex() {
        return targetIndex;
    }

    private void pickWaypoint() {
        int i = rnd.nextInt(map.spawnCount());
        waypointX = map.spawnX(i);
        waypointY = map.spawnY(i);
    }

    private static int toButtons(float dx, float dy) {
        int b = 0;
        if (dx > 0.3f) {
            b |= Arena.RIGHT;
        } else if (dx < -0.3f) {
            b |= Arena.LEFT;
        }
        if (dy > 0.3f) {
            b |= Arena.UP;
        } else if (dy < -0.3f) {
            b |= Arena.DOWN;
        }
        return b;
    }

    private static float turnTowards(float from, float to) {
        float d = wrap(to - from);
        if (d > TURN_PER_TICK) {
            d = TURN_PER_TICK;
        } else if (d < -TURN_PER_TICK) {
            d = -TURN_PER_TICK;
        }
        return wrap(from + d);
    }

    /** {@code a} in (-pi, pi]. */
    static float wrap(float a) {
        float twoPi = (float) (2 * Math.PI);
        a %= twoPi;
        if (a > Math.PI) {
            a -= twoPi;
        } else if (a <= -Math.PI) {
            a += twoPi;
        }
        return a;
    }
}
