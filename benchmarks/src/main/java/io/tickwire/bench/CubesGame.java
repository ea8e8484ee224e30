package io.tickwire.bench;

import io.tickwire.net.replication.FieldSpec;
import io.tickwire.net.replication.ReplicationSchema;
import io.tickwire.net.replication.Snapshot;
import io.tickwire.server.ServerGame;
import io.tickwire.server.WorldWriter;
import java.util.SplittableRandom;

/**
 * The cube scenario of net-core's codec-level {@code CubesSnapshotSizes} (after Glenn Fiedler's
 * "Snapshot Compression") as a {@link ServerGame}: the same schema, seeds and random walk. 901 cubes
 * start at random x, y in [-100, 100], z = 0.5 and a random orientation (seed 901); the moving subset
 * (ids 0..moving-1, or a fixed random set of ids drawn with seed 90) takes a random step every tick
 * after the first, the rest never move. Keeps the world of the last {@link #HISTORY} ticks so a
 * harness can count the cubes that changed between a snapshot and its baseline.
 */
final class CubesGame implements ServerGame {
    static final int CUBES = 901;
    static final int HISTORY = 128;
    private static final float Q = 0.7072f;
    static final ReplicationSchema SCHEMA = ReplicationSchema.builder()
            .type(0, "cube",
                    FieldSpec.quantizedFloat("x", -256, 256, 1f / 512),
                    FieldSpec.quantizedFloat("y", -256, 256, 1f / 512),
                    FieldSpec.quantizedFloat("z", 0, 32, 1f / 512),
                    FieldSpec.enumeration("largest", 4),
                    FieldSpec.quantizedFloat("a", -Q, Q, 2 * Q / 511),
                    FieldSpec.quantizedFloat("b", -Q, Q, 2 * Q / 511),
                    FieldSpec.quantizedFloat("c", -Q, Q, 2 * Q / 511),
                    FieldSpec.bool("interacting"))
            .build();
    private static final int FIELDS = 8;

    private final SplittableRandom rnd = new SplittableRandom(901);
    private final boolean[] moves = new boolean[CUBES];
    private final float[][] pos = new float[CUBES][3];
    private final float[][] rot = new float[CUBES][4];
    private final Snapshot[] history = new Snapshot[HISTORY];
    private final long[] historyTick = new long[HISTORY];
    private boolean first = true;

    /** {@code moving} cubes random-walk; {@code scattered} picks their ids at random instead of 0..moving-1. */
    CubesGame(int moving, boolean scattered) {
        SplittableRandom pick = new SplittableRandom(90);
        for (int m = 0; m < Math.min(moving, CUBES); m++) {
            int c = scattered ? pick.nextInt(CUBES) : m;
            while (moves[c]) {
                c = pick.nextInt(CUBES);
            }
            moves[c] = true;
        }
        for (int c = 0; c < CUBES; c++) {
            float[] p = pos[c];
            p[0] = (float) rnd.nextDouble(-100, 100);
            p[1] = (float) rnd.nextDouble(-100, 100);
            p[2] = 0.5f;
            randomOrientation(rot[c]);
        }
        for (int i = 0; i < HISTORY; i++) {
            history[i] = new Snapshot(SCHEMA, CUBES);
            historyTick[i] = -1;
        }
    }

    @Override
    public void step(long tick) {
        if (first) { // the first world is the initial one, as in the codec-level scenario
            first = false;
            return;
        }
        for (int c = 0; c < CUBES; c++) {
            if (moves[c]) {
                walk(pos[c], rot[c]);
            }
        }
    }

    // Four uniform components in [-1, 1], normalized in double precision (draw order matters: one stream).
    private void randomOrientation(float[] q) {
        double a = rnd.nextDouble(-1, 1);
        double b = rnd.nextDouble(-1, 1);
        double c = rnd.nextDouble(-1, 1);
        double d = rnd.nextDouble(-1, 1);
        double length = Math.sqrt(a * a + b * b + c * c + d * d);
        q[0] = (float) (a / length);
        q[1] = (float) (b / length);
        q[2] = (float) (c / length);
        q[3] = (float) (d / length);
    }

    // One tick of the random walk: x, y by up to 5 cm, z by up to 2 cm (never below 0.5), each
    // quaternion component by up to 0.02, then renormalized.
    private void walk(float[] p, float[] q) {
        p[0] += (float) rnd.nextDouble(-0.05, 0.05);
        p[1] += (float) rnd.nextDouble(-0.05, 0.05);
        p[2] = (float) Math.max(0.5, p[2] + rnd.nextDouble(-0.02, 0.02));
        double squares = 0;
        for (int k = 0; k < 4; k++) {
            q[k] += (float) rnd.nextDouble(-0.02, 0.02);
            squares += q[k] * q[k];
        }
        float length = (float) Math.sqrt(squares);
        for (int k = 0; k < 4; k++) {
            q[k] /= length;
        }
    }

    @Override
    public void writeWorld(long tick, WorldWriter world) {
        for (int c = 0; c < CUBES; c++) {
            float[] p = pos[c];
            int i = world.add(c, 0, p[0], p[1]);
            world.setFloat(i, 0, p[0]);
            world.setFloat(i, 1, p[1]);
            world.setFloat(i, 2, p[2]);
            writeSmallestThree(world, i, rot[c]);
            world.setBoolean(i, 7, moves[c]);
        }
        int slot = (int) (tick % HISTORY);
        history[slot].copyFrom(world.snapshot());
        historyTick[slot] = tick;
    }

    // Smallest three: index of the largest-magnitude component (first on ties), then the other three in
    // order, negated when the largest is negative so that it is positive (q and -q are one rotation).
    private static void writeSmallestThree(WorldWriter world, int i, float[] q) {
        int largest = 0;
        for (int k = 1; k < 4; k++) {
            if (Math.abs(q[k]) > Math.abs(q[largest])) {
                largest = k;
            }
        }
        float sign = q[largest] < 0 ? -1 : 1;
        world.set(i, 3, largest);
        for (int k = 0, f = 4; k < 4; k++) {
            if (k != largest) {
                world.setFloat(i, f++, sign * q[k]);
            }
        }
    }

    /** Cubes whose quantized state differs between the worlds of two ticks, or -1 if either left the history. */
    int changedBetween(long olderTick, long newerTick) {
        Snapshot a = world(olderTick);
        Snapshot b = world(newerTick);
        if (a == null || b == null) {
            return -1;
        }
        int changed = 0;
        for (int i = 0; i < CUBES; i++) {
            for (int f = 0; f < FIELDS; f++) {
                if (a.get(i, f) != b.get(i, f)) {
                    changed++;
                    break;
                }
            }
        }
        return changed;
    }

    private Snapshot world(long tick) {
        int slot = (int) (tick % HISTORY);
        return historyTick[slot] == tick ? history[slot] : null;
    }
}
