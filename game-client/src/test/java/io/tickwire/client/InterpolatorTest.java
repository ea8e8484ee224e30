package io.tickwire.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InterpolatorTest {
    private static final long MS = 1_000_000L;
    private static final long TICK = 1_000_000_000L / 60;
    private static final double RADIUS = 5.0;          // metres
    private static final double OMEGA = 2.0;           // rad/s
    private static final int ENTITY = 7;

    private record Flight(long tick, long arrival) { }

    private static double phase(double tick) {
        return OMEGA * tick / 60.0;
    }

    @Test
    void interpolatedCirclePathStaysWithinBoundUnder150msRttWith30msJitterAnd5PercentLoss() {
        SplittableRandom rnd = new SplittableRandom(7);
        ServerClock clock = new ServerClock(ServerClockConfig.defaults(60));
        InterpolationDelay delay = InterpolationDelay.defaults(TICK);
        SnapshotBuffer buffer = new SnapshotBuffer(32, 4, 3);
        Interpolator interp = new Interpolator(buffer, new boolean[] {false, false, true}, 6.0);
        ArrayDeque<Flight> inFlight = new ArrayDeque<>();
        float[] values = new float[3];
        float[] out = new float[3];
        long nextSnapshot = 0;
        double maxPosErr = 0;
        double maxAngleErr = 0;
        int[] kinds = new int[SampleKind.values().length];
        long lastReceived = -1;
        long maxGapTicks = 0;
        for (long now = 0; now < 30_000 * MS; now += 16_300_000L) {
            while (nextSnapshot <= now) {
                if (rnd.nextDouble() >= 0.05) {
                    inFlight.add(new Flight(nextSnapshot / TICK,
                            nextSnapshot + 75 * MS + (long) (rnd.nextDouble() * 30 * MS)));
                }
                nextSnapshot += 3 * TICK;
            }
            while (!inFlight.isEmpty() && inFlight.peek().arrival() <= now) {
                Flight f = inFlight.poll();
                clock.onSnapshot(f.tick(), 150 * MS, now);
                delay.onSnapshotArrival(f.tick(), now);
                if (lastReceived >= 0) {
                    maxGapTicks = Math.max(maxGapTicks, f.tick() - lastReceived);
                }
                lastReceived = f.tick();
                if (buffer.begin(f.tick()) == SnapshotStatus.OK) {
                    double p = phase(f.tick());
                    values[0] = (float) (RADIUS * Math.cos(p));
                    values[1] = (float) (RADIUS * Math.sin(p));
                    values[2] = (float) Interpolator.wrap(p + Math.PI / 2);   // heading crosses ±pi every lap
                    assertEquals(SnapshotStatus.OK, buffer.put(ENTITY, values));
                    assertEquals(SnapshotStatus.OK, buffer.commit());
                }
            }
            clock.update(now);
            if (now < 3_000 * MS || clock.state() == ClockState.UNSYNCED) {
                continue;   // warm-up: clock and delay estimates settle
            }
            double render = delay.renderTick(now);
            SampleKind kind = interp.sample(ENTITY, render, out);
            kinds[kind.ordinal()]++;
            double p = phase(render);
            double dx = out[0] - RADIUS * Math.cos(p);
            double dy = out[1] - RADIUS * Math.sin(p);
            maxPosErr = Math.max(maxPosErr, Math.hypot(dx, dy));
            maxAngleErr = Math.max(maxAngleErr, Math.abs(Interpolator.wrap(out[2] - (p + Math.PI / 2))));
        }
        int total = 0;
        for (int n : kinds) {
            total += n;
        }
        // The bound: the sagitta of the chord across the longest gap the losses made (two losses in a row here:
        // 9 ticks = 0.3 rad, 5*(1-cos 0.15) = 0.056 m) plus float rounding; never more than 0.1 m.
        double bound = RADIUS * (1 - Math.cos(phase(maxGapTicks) / 2)) + 1e-3;
        assertTrue(maxGapTicks >= 6, "the seed must produce losses, max gap " + maxGapTicks);
        assertTrue(maxPosErr <= bound && maxPosErr < 0.1,
                "max position error " + maxPosErr + " bound " + bound + " kinds " + java.util.Arrays.toString(kinds));
        assertTrue(maxAngleErr < 0.01, "max angle error " + maxAngleErr);
        assertTrue(kinds[SampleKind.INTERPOLATED.ordinal()] >= total * 0.99, "kinds " + java.util.Arrays.toString(kinds));
        assertEquals(0, kinds[SampleKind.MISSING.ordinal()]);
    }

    @Test
    void extrapolationStopsAtItsCapThenHoldsAndResumesInterpolatingWhenSnapshotsReturn() {
        SnapshotBuffer buffer = new SnapshotBuffer(16, 2, 1);
        Interpolator interp = new Interpolator(buffer, null, 6.0);
        float[] v = new float[1];
        for (long t = 0; t <= 30; t += 3) {
            buffer.begin(t);
            v[0] = 2f * t;
            buffer.put(1, v);
            buffer.commit();
        }
        float[] out = new float[1];
        assertEquals(SampleKind.INTERPOLATED, interp.sample(1, 25.5, out));
        assertEquals(51f, out[0], 1e-4);
        assertEquals(SampleKind.EXTRAPOLATED, interp.sample(1, 32, out));
        assertEquals(64f, out[0], 1e-4);
        assertEquals(SampleKind.EXTRAPOLATED, interp.sample(1, 36, out));
        assertEquals(72f, out[0], 1e-4);
        assertEquals(SampleKind.HELD, interp.sample(1, 40, out));
        assertEquals(72f, out[0], 1e-4);
        assertEquals(SampleKind.HELD, interp.sample(1, 1000, out));
        assertEquals(72f, out[0], 1e-4);
        buffer.begin(60);
        v[0] = 120f;
        buffer.put(1, v);
        buffer.commit();
        assertEquals(SampleKind.INTERPOLATED, interp.sample(1, 45, out));
        assertEquals(90f, out[0], 1e-4);
        assertEquals(SampleKind.MISSING, interp.sample(2, 45, out));
    }

    @Test
    void anglesInterpolateTheShortWayAcrossPi() {
        SnapshotBuffer buffer = new SnapshotBuffer(4, 1, 1);
        Interpolator interp = new Interpolator(buffer, new boolean[] {true}, 0);
        float[] v = {3.0f};
        buffer.begin(0);
        buffer.put(1, v);
        buffer.commit();
        v[0] = -3.0f;
        buffer.begin(2);
        buffer.put(1, v);
        buffer.commit();
        float[] out = new float[1];
        assertEquals(SampleKind.INTERPOLATED, interp.sample(1, 1, out));
        assertEquals(Math.PI, Math.abs(out[0]), 1e-5);   // through pi, not through 0
    }

    @Test
    void adaptiveDelayGrowsWithJitterAndShrinksWhenJitterFalls() {
        SplittableRandom rnd = new SplittableRandom(3);
        InterpolationDelay delay = InterpolationDelay.defaults(TICK);
        long tick = 0;
        double calm = 0;
        double jittery = 0;
        for (int phase = 0; phase < 3; phase++) {
            double jitterMs = phase == 1 ? 60 : 0;
            for (int i = 0; i < 400; i++, tick += 3) {   // 20 s per phase at 20 Hz
                long arrival = tick * TICK + 50 * MS + (long) (rnd.nextDouble() * jitterMs * MS);
                delay.onSnapshotArrival(tick, arrival);
            }
            if (phase == 0) {
                calm = delay.delayTicks();
            } else if (phase == 1) {
                jittery = delay.delayTicks();
            }
        }
        assertEquals(6.0, calm, 0.1, "two 3-tick intervals without jitter");
        assertTrue(jittery > calm + 3.0, "jittery " + jittery + " calm " + calm);
        assertEquals(calm, delay.delayTicks(), 0.2, "back to calm");
    }

    @Test
    void bufferRefusesStaleTicksDuplicatesAndEntitiesBeyondItsLimitAndEvictsTheOldest() {
        SnapshotBuffer buffer = new SnapshotBuffer(3, 2, 1);
        float[] v = {1f};
        assertEquals(SnapshotStatus.NOT_OPEN, buffer.put(1, v));
        assertEquals(SnapshotStatus.OK, buffer.begin(10));
        assertEquals(SnapshotStatus.OK, buffer.put(1, v));
        assertEquals(SnapshotStatus.DUPLICATE_ENTITY, buffer.put(1, v));
        assertEquals(SnapshotStatus.OK, buffer.put(2, v));
        assertEquals(SnapshotStatus.ENTITY_LIMIT, buffer.put(3, v));
        assertEquals(SnapshotStatus.BAD_VALUES, buffer.put(4, new float[0]));
        assertEquals(SnapshotStatus.OK, buffer.commit());
        assertEquals(SnapshotStatus.STALE_TICK, buffer.begin(10));
        assertEquals(SnapshotStatus.NOT_OPEN, buffer.commit());
        for (long t = 11; t <= 13; t++) {
            buffer.begin(t);
            buffer.commit();
        }
        assertEquals(3, buffer.size());
        assertEquals(11, buffer.tick(0));
        assertEquals(13, buffer.tick(2));
        assertEquals(-1, buffer.find(0, 1));
        assertEquals(6, buffer.rejectedCount());
    }
}
