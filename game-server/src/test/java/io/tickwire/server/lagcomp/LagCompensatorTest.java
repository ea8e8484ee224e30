package io.tickwire.server.lagcomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LagCompensatorTest {
    static final int TICK_RATE = 60;
    static final int WINDOW = 12; // 200 ms at 60 Hz
    static final int SHOOTER = 1;
    static final int TARGET = 7;
    static final float RADIUS = 0.5f;
    static final long NEWEST = 300;

    interface Motion {
        double x(long tick);

        double y(long tick);
    }

    /** 9 units/s along +x: 0.15 units per tick. */
    static final Motion STRAIGHT = new Motion() {
        public double x(long t) {
            return -45 + 9.0 * t / TICK_RATE; // at x = 0 at the newest tick
        }

        public double y(long t) {
            return 3;
        }
    };

    /** A circle of radius 6 at 2.5 rad/s: curved, changing velocity every tick. */
    static final Motion CURVED = new Motion() {
        public double x(long t) {
            return 6 * Math.cos(2.5 * t / TICK_RATE);
        }

        public double y(long t) {
            return 6 * Math.sin(2.5 * t / TICK_RATE);
        }
    };

    static HitboxHistory record(Motion m, float shooterX, float shooterY) {
        HitboxHistory h = HitboxHistory.forWindow(200_000_000L, TICK_RATE, 16);
        assertEquals(WINDOW, h.rewindWindowTicks());
        for (long t = 0; t <= NEWEST; t++) {
            assertEquals(RecordStatus.OK, h.beginTick(t));
            assertEquals(RecordStatus.OK, h.record(SHOOTER, shooterX, shooterY, RADIUS));
            assertEquals(RecordStatus.OK, h.record(TARGET, (float) m.x(t), (float) m.y(t), RADIUS));
        }
        return h;
    }

    /** The shooter stands roughly side-on to the target's present motion, so rewinds move it off the ray. */
    void shotAtWhereTheShooterSawTheTargetHitsAcrossRewinds(Motion m, float sx, float sy, long seed) {
        HitboxHistory h = record(m, sx, sy);
        LagCompensator lc = new LagCompensator(h);
        ShotResult out = new ShotResult();
        SplittableRandom rnd = new SplittableRandom(seed);
        int presentMisses = 0;
        for (int i = 0; i <= 400; i++) {
            // 0 and the full window exactly, then random rewinds in between.
            double rewind = i == 0 ? 0.0 : i == 1 ? WINDOW : rnd.nextDouble(0.0, WINDOW);
            double time = NEWEST - rewind;
            long renderTick = (long) Math.floor(time);
            float frac = (float) (time - renderTick);
            if (frac >= 1f) {
                renderTick++;
                frac = 0f;
            }
            // What the client drew: linear interpolation between the two snapshots around its render time.
            double ax = m.x(renderTick) + (m.x(renderTick + 1) - m.x(renderTick)) * frac;
            double ay = m.y(renderTick) + (m.y(renderTick + 1) - m.y(renderTick)) * frac;
            // Aim anywhere on the visible disc, not only its centre.
            double off = rnd.nextDouble(-0.8, 0.8) * RADIUS;
            double dx = ax - sx;
            double dy = ay - sy;
            double len = Math.hypot(dx, dy);
            double px = ax + off * (-dy / len);
            double py = ay + off * (dx / len);
            float dirX = (float) (px - sx);
            float dirY = (float) (py - sy);
            ShotStatus s = lc.evaluate(renderTick, frac, SHOOTER, sx, sy, dirX, dirY, 100f, out);
            assertEquals(ShotStatus.HIT, s, "rewind " + rewind + " " + out);
            assertEquals(TARGET, out.hitEntityId());
            assertEquals(rewind, out.rewindTicks(), 1e-4);
            // Entry point of the ray into the disc the client drew: projection minus half chord.
            double ulen = Math.hypot(dirX, dirY);
            double proj = ((ax - sx) * dirX + (ay - sy) * dirY) / ulen;
            double perp2 = (ax - sx) * (ax - sx) + (ay - sy) * (ay - sy) - proj * proj;
            double expectedDistance = proj - Math.sqrt(RADIUS * RADIUS - perp2);
            assertEquals(expectedDistance, out.distance(), 2e-3, "distance to the rewound surface");
            assertEquals(sx + dirX / Math.hypot(dirX, dirY) * out.distance(), out.hitX(), 1e-3);

            // The same ray against the present world misses once the target has moved off it.
            double presentMiss = perpendicularDistance(sx, sy, dirX, dirY, m.x(NEWEST), m.y(NEWEST));
            ShotStatus now = lc.evaluate(NEWEST, 0f, SHOOTER, sx, sy, dirX, dirY, 100f, out);
            if (presentMiss > RADIUS + 0.01) {
                assertEquals(ShotStatus.MISS, now, "present world, rewind " + rewind);
                presentMisses++;
            }
        }
        // Most rewinds move the target well off the ray: the compensation is what made those hits.
        assertTrue(presentMisses > 200, "present misses " + presentMisses);
    }

    static double perpendicularDistance(double ox, double oy, double dx, double dy, double cx, double cy) {
        double len = Math.hypot(dx, dy);
        return Math.abs((cx - ox) * dy / len - (cy - oy) * dx / len);
    }

    @Test
    void shotAtInterpolatedTargetHitsAcrossRewindsUpToWindowWithConstantVelocity() {
        shotAtWhereTheShooterSawTheTargetHitsAcrossRewinds(STRAIGHT, 0f, -25f, 0x5eed1L);
    }

    @Test
    void shotAtInterpolatedTargetHitsAcrossRewindsUpToWindowWithCurvedVelocity() {
        shotAtWhereTheShooterSawTheTargetHitsAcrossRewinds(CURVED, -25f, 0f, 0x5eed2L);
    }

    @Test
    void presentWorldMissesWhenTargetMovedAwayAtFullWindow() {
        HitboxHistory h = record(STRAIGHT, 0f, -25f);
        LagCompensator lc = new LagCompensator(h);
        ShotResult out = new ShotResult();
        long renderTick = NEWEST - WINDOW; // target was 1.8 units behind where it is now
        float ax = (float) STRAIGHT.x(renderTick);
        float ay = (float) STRAIGHT.y(renderTick);
        assertEquals(ShotStatus.HIT, lc.evaluate(renderTick, 0f, SHOOTER, 0f, -25f, ax, ay + 25f, 100f, out));
        assertEquals(ShotStatus.MISS, lc.evaluate(NEWEST, 0f, SHOOTER, 0f, -25f, ax, ay + 25f, 100f, out));
        assertEquals(-1, out.hitEntityId());
        assertTrue(Float.isNaN(out.distance()));
    }

    @Test
    void rewindBeyondWindowIsRefusedNamingTheLimitNotClamped() {
        HitboxHistory h = record(STRAIGHT, 0f, -25f);
        LagCompensator lc = new LagCompensator(h);
        ShotResult out = new ShotResult();
        long renderTick = NEWEST - WINDOW - 1;
        float ax = (float) STRAIGHT.x(renderTick);
        float ay = (float) STRAIGHT.y(renderTick);
        // Aimed exactly where the target was: a clamp would still report something; we refuse.
        assertEquals(ShotStatus.BEYOND_REWIND_WINDOW, lc.evaluate(renderTick, 0.75f, SHOOTER, 0f, -25f, ax, ay + 25f, 100f, out));
        assertEquals(WINDOW, out.rewindWindowTicks());
        assertEquals(WINDOW + 0.25, out.rewindTicks(), 1e-6);
        assertEquals(-1, out.hitEntityId());
        assertEquals(ShotStatus.BEYOND_REWIND_WINDOW, lc.evaluate(renderTick - 1000, 0f, SHOOTER, 0f, -25f, ax, ay + 25f, 100f, out));
        assertEquals(2, lc.count(ShotStatus.BEYOND_REWIND_WINDOW));
        // Exactly at the window is allowed.
        assertEquals(ShotStatus.HIT, lc.evaluate(NEWEST - WINDOW, 0f, SHOOTER, 0f, -25f,
                (float) STRAIGHT.x(NEWEST - WINDOW), (float) STRAIGHT.y(NEWEST - WINDOW) + 25f, 100f, out));
    }

    @Test
    void interpolationTimeAfterNewestTickIsRefused() {
        HitboxHistory h = record(STRAIGHT, 0f, -25f);
        LagCompensator lc = new LagCompensator(h);
        ShotResult out = new ShotResult();
        assertEquals(ShotStatus.FUTURE_TIME, lc.evaluate(NEWEST, 0.5f, SHOOTER, 0f, -25f, 0f, 1f, 100f, out));
        assertEquals(ShotStatus.FUTURE_TIME, lc.evaluate(NEWEST + 3, 0f, SHOOTER, 0f, -25f, 0f, 1f, 100f, out));
    }

    @Test
    void shooterNeverHitsItself() {
        HitboxHistory h = new HitboxHistory(WINDOW, 8);
        h.beginTick(10);
        h.record(SHOOTER, 0f, 0f, 1f); // the ray starts inside the shooter's own volume
        h.beginTick(11);
        h.record(SHOOTER, 0f, 0f, 1f);
        h.record(TARGET, 0f, 20f, 1f);
        LagCompensator lc = new LagCompensator(h);
        ShotResult out = new ShotResult();
        assertEquals(ShotStatus.MISS, lc.evaluate(11, 0f, SHOOTER, 0f, 0f, 1f, 0f, 100f, out));
        assertEquals(ShotStatus.HIT, lc.evaluate(11, 0f, SHOOTER, 0f, 0f, 0f, 1f, 100f, out));
        assertEquals(TARGET, out.hitEntityId());
        assertEquals(19f, out.distance(), 1e-5f);
        // Someone else standing at the same spot is hit point-blank.
        assertEquals(ShotStatus.HIT, lc.evaluate(11, 0f, 99, 0f, 0f, 1f, 0f, 100f, out));
        assertEquals(SHOOTER, out.hitEntityId());
        assertEquals(0f, out.distance());
    }

    @Test
    void nearestOfSeveralTargetsWinsRegardlessOfRecordOrder() {
        HitboxHistory h = new HitboxHistory(WINDOW, 8);
        for (long t = 0; t < 3; t++) {
            h.beginTick(t);
            // Recorded in a different order each tick, so matching by id is exercised.
            int[] order = t == 1 ? new int[] {30, 10, 20} : new int[] {10, 20, 30};
            for (int id : order) {
                h.record(id, id + t, 0.2f * (id / 10), 1f);
            }
            h.record(SHOOTER, -5f, 0f, 1f);
        }
        LagCompensator lc = new LagCompensator(h);
        ShotResult out = new ShotResult();
        assertEquals(ShotStatus.HIT, lc.evaluate(0, 0.5f, SHOOTER, -5f, 0f, 1f, 0f, 100f, out));
        assertEquals(10, out.hitEntityId());
        assertEquals(14.5f, out.distance(), 0.05f);
        // Shooting from the other side the nearest is 30.
        assertEquals(ShotStatus.HIT, lc.evaluate(1, 0.5f, SHOOTER, 100f, 0.5f, -1f, 0f, 200f, out));
        assertEquals(30, out.hitEntityId());
        // Out of range: a miss, not a hit on something further.
        assertEquals(ShotStatus.MISS, lc.evaluate(1, 0.5f, SHOOTER, -5f, 0f, 1f, 0f, 10f, out));
    }

    @Test
    void missingHistoryAndInvalidShotsAreRefused() {
        HitboxHistory h = new HitboxHistory(WINDOW, 4);
        LagCompensator lc = new LagCompensator(h);
        ShotResult out = new ShotResult();
        assertEquals(ShotStatus.NO_HISTORY, lc.evaluate(0, 0f, SHOOTER, 0f, 0f, 1f, 0f, 10f, out));
        h.beginTick(100);
        h.beginTick(102); // tick 101 was never recorded
        assertEquals(ShotStatus.NO_HISTORY, lc.evaluate(100, 0.5f, SHOOTER, 0f, 0f, 1f, 0f, 10f, out));
        assertEquals(ShotStatus.MISS, lc.evaluate(100, 0f, SHOOTER, 0f, 0f, 1f, 0f, 10f, out));
        assertEquals(ShotStatus.INVALID_SHOT, lc.evaluate(102, 0f, SHOOTER, 0f, 0f, 0f, 0f, 10f, out));
        assertEquals(ShotStatus.INVALID_SHOT, lc.evaluate(102, 1f, SHOOTER, 0f, 0f, 1f, 0f, 10f, out));
        assertEquals(ShotStatus.INVALID_SHOT, lc.evaluate(102, 0f, SHOOTER, Float.NaN, 0f, 1f, 0f, 10f, out));
        assertEquals(ShotStatus.INVALID_SHOT, lc.evaluate(102, 0f, SHOOTER, 0f, 0f, 1f, 0f, 0f, out));
        assertEquals(4, lc.count(ShotStatus.INVALID_SHOT));
    }

    @Test
    void evaluatingShotsAndRecordingTicksAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        HitboxHistory h = new HitboxHistory(WINDOW, 64);
        LagCompensator lc = new LagCompensator(h);
        ShotResult out = new ShotResult();
        SplittableRandom rnd = new SplittableRandom(42);
        long tid = Thread.currentThread().getId();
        long hits = 0;
        long tick = 0;
        // Two warm-up rounds, then the quietest of five must be exactly zero (a single round can catch
        // one-off JIT or class-loading bytes, which are not a per-shot cost).
        long fewest = Long.MAX_VALUE;
        long most = 0;
        for (int round = 0; round < 7; round++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 20_000; i++) {
                h.beginTick(tick);
                for (int e = 0; e < 32; e++) {
                    h.record(e, (float) Math.cos(e + tick * 0.01) * 20f, (float) Math.sin(e + tick * 0.01) * 20f, 0.7f);
                }
                if (tick > WINDOW) {
                    long rt = tick - 1 - rnd.nextInt(WINDOW - 1);
                    ShotStatus s = lc.evaluate(rt, (float) rnd.nextDouble(), i & 31, 0f, 0f,
                            (float) rnd.nextDouble(-1, 1), (float) rnd.nextDouble(-1, 1), 50f, out);
                    if (s == ShotStatus.HIT) {
                        hits++;
                    }
                }
                tick++;
            }
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            if (round >= 2) {
                fewest = Math.min(fewest, allocated);
                most = Math.max(most, allocated);
            }
        }
        assertEquals(0, fewest, "bytes allocated by the quietest 20000 ticks of 32 records and one shot each");
        assertTrue(most < 16 * 1024, "every round stays below one-off noise, was " + most);
        assertTrue(hits > 0 && hits < 140_000, "hits " + hits);
    }
}
