package io.tickwire.net.replication;

import java.util.SplittableRandom;

/**
 * Prints wire sizes for a scenario modelled on Glenn Fiedler's "Snapshot Compression" (same cube count,
 * rate and quantization; its own motion). Not a test; after {@code mvn -o -q -pl net-core test-compile} run
 * {@code java -cp net-core/target/classes:net-core/target/test-classes io.tickwire.net.replication.CubesSnapshotSizes [moving [baselineAge [contiguous|scattered]]]}.
 *
 * <p>Exactly: 901 cubes (ids 0..900, one type), one snapshot per tick at 60 Hz, 600 ticks. Fields: x, y
 * in [-256, 256] m and z in [0, 32] m at 1/512 m (19, 19 and 15 bits: the ranges include their upper
 * end, one bit more per axis than a half-open range would need); smallest-three quaternion as the
 * index of the largest component (2 bits) and the other three, sign-flipped so the largest is
 * positive, in [-0.7072, 0.7072] at 9 bits each; an "interacting" flag, true for the moving cubes.
 * Every cube starts at a random x, y in [-100, 100], z = 0.5 and a random orientation. The moving
 * subset ({@code moving}, default 90: ids 0..89 when contiguous, the default; a fixed random set of
 * ids when scattered) never rests: each tick after the first, x and y each take an independent
 * uniform step in [-0.05, 0.05] m, z one in [-0.02, 0.02] m clamped to at least 0.5, and each of the
 * four quaternion components one in [-0.02, 0.02] before renormalizing (a random walk, not a
 * physical push). All other cubes never move. Every snapshot from tick 100 on is encoded against the
 * snapshot {@code baselineAge} (default 6, about 100 ms round trip) ticks older, with no loss; sizes
 * are whole bytes. "All at rest" encodes the last world against an identical baseline
 * {@code baselineAge} ticks older; "full state" encodes it without a baseline.
 */
public final class CubesSnapshotSizes {
    private CubesSnapshotSizes() {
    }

    /** Runs the scenario and prints bits per changed cube, bytes per snapshot and kbps at 60 Hz. */
    public static void main(String[] args) {
        int cubes = 901;
        int moving = args.length > 0 ? Integer.parseInt(args[0]) : 90;
        int baselineAge = args.length > 1 ? Integer.parseInt(args[1]) : 6; // ~100 ms RTT at 60 Hz
        boolean scattered = args.length > 2 && args[2].equals("scattered");
        float q = 0.7072f;
        ReplicationSchema schema = ReplicationSchema.builder()
                .type(0, "cube",
                        FieldSpec.quantizedFloat("x", -256, 256, 1f / 512),
                        FieldSpec.quantizedFloat("y", -256, 256, 1f / 512),
                        FieldSpec.quantizedFloat("z", 0, 32, 1f / 512),
                        FieldSpec.enumeration("largest", 4),
                        FieldSpec.quantizedFloat("a", -q, q, 2 * q / 511),
                        FieldSpec.quantizedFloat("b", -q, q, 2 * q / 511),
                        FieldSpec.quantizedFloat("c", -q, q, 2 * q / 511),
                        FieldSpec.bool("interacting"))
                .build();
        int ring = 64;
        Snapshot[] snaps = new Snapshot[ring];
        for (int i = 0; i < ring; i++) {
            snaps[i] = new Snapshot(schema, cubes);
        }
        SplittableRandom rnd = new SplittableRandom(901);
        boolean[] moves = new boolean[cubes];
        SplittableRandom pick = new SplittableRandom(90);
        for (int m = 0; m < Math.min(moving, cubes); m++) {
            int c = scattered ? pick.nextInt(cubes) : m;
            while (moves[c]) {
                c = pick.nextInt(cubes);
            }
            moves[c] = true;
        }
        float[][] pos = new float[cubes][3];
        float[][] rot = new float[cubes][4];
        for (int c = 0; c < cubes; c++) {
            pos[c][0] = (float) rnd.nextDouble(-100, 100);
            pos[c][1] = (float) rnd.nextDouble(-100, 100);
            pos[c][2] = 0.5f;
            double[] r = {rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1)};
            double n = Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2] + r[3] * r[3]);
            for (int k = 0; k < 4; k++) {
                rot[c][k] = (float) (r[k] / n);
            }
        }
        SnapshotCodec codec = new SnapshotCodec(schema, cubes, 65536);
        byte[] buf = new byte[65536];
        int ticks = 600;
        long deltaBits = 0;
        long changed = 0;
        for (int t = 0; t < ticks; t++) {
            Snapshot s = snaps[t % ring];
            s.clear(t);
            for (int c = 0; c < cubes; c++) {
                if (moves[c] && t > 0) { // the moving subset takes a random step every tick
                    pos[c][0] += (float) rnd.nextDouble(-0.05, 0.05);
                    pos[c][1] += (float) rnd.nextDouble(-0.05, 0.05);
                    pos[c][2] = (float) Math.max(0.5, pos[c][2] + rnd.nextDouble(-0.02, 0.02));
                    double n = 0;
                    for (int k = 0; k < 4; k++) {
                        rot[c][k] += (float) rnd.nextDouble(-0.02, 0.02);
                        n += rot[c][k] * rot[c][k];
                    }
                    for (int k = 0; k < 4; k++) {
                        rot[c][k] /= (float) Math.sqrt(n);
                    }
                }
                int i = s.add(c, 0);
                s.setFloat(i, 0, pos[c][0]);
                s.setFloat(i, 1, pos[c][1]);
                s.setFloat(i, 2, pos[c][2]);
                int largest = 0;
                for (int k = 1; k < 4; k++) {
                    if (Math.abs(rot[c][k]) > Math.abs(rot[c][largest])) {
                        largest = k;
                    }
                }
                float sign = rot[c][largest] < 0 ? -1 : 1;
                s.set(i, 3, largest);
                int f = 4;
                for (int k = 0; k < 4; k++) {
                    if (k != largest) {
                        s.setFloat(i, f++, sign * rot[c][k]);
                    }
                }
                s.setBoolean(i, 7, moves[c]);
            }
            if (t >= baselineAge + 1 && t >= 100) {
                Snapshot base = snaps[(t - baselineAge) % ring];
                codec.encode(s, base, buf, 0);
                deltaBits += codec.encodedBytes() * 8L;
                for (int i = 0; i < cubes; i++) {
                    for (int f = 0; f < 8; f++) {
                        if (s.get(i, f) != base.get(i, f)) {
                            changed++;
                            break;
                        }
                    }
                }
            }
        }
        int measured = ticks - 100;
        codec.encode(snaps[(ticks - 1) % ring], null, buf, 0);
        int full = codec.encodedBytes();
        Snapshot last = snaps[(ticks - 1) % ring];
        Snapshot atRest = new Snapshot(schema, cubes);
        atRest.copyFrom(last);
        atRest.setSequence(last.sequence() + baselineAge);
        codec.encode(atRest, last, buf, 0);
        int rest = codec.encodedBytes();
        System.out.printf("cubes %d, moving %d (%s), baseline %d ticks old, 60 Hz, %d snapshots measured%n",
                cubes, moving, scattered ? "scattered ids" : "ids 0.." + (moving - 1), baselineAge, measured);
        System.out.printf("full state: %d bytes (%.1f bits/cube), %.0f kbps%n", full, full * 8.0 / cubes, full * 8 * 60 / 1000.0);
        System.out.printf("delta: %.1f bytes/snapshot, %.1f changed cubes/snapshot, %.1f bits per changed cube, %.1f kbps%n",
                deltaBits / 8.0 / measured, (double) changed / measured, (double) deltaBits / changed,
                deltaBits / (double) measured * 60 / 1000.0);
        System.out.printf("all at rest: %d bytes/snapshot, %.2f kbps%n", rest, rest * 8 * 60 / 1000.0);
    }
}
