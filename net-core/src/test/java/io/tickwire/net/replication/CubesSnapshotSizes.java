package io.tickwire.net.replication;

import java.util.SplittableRandom;

/**
 * Prints wire sizes for a scenario like Glenn Fiedler's "Snapshot Compression": 901 cubes, 60 Hz,
 * position plus smallest-three quaternion, most at rest and a subset moving. Not a test; run with
 * {@code java -cp net-core/target/classes:net-core/target/test-classes io.tickwire.net.replication.CubesSnapshotSizes}.
 */
public final class CubesSnapshotSizes {
    private CubesSnapshotSizes() {
    }

    /** Runs the scenario and prints bits per changed cube, bytes per snapshot and kbps at 60 Hz. */
    public static void main(String[] args) {
        int cubes = 901;
        int moving = args.length > 0 ? Integer.parseInt(args[0]) : 90;
        int baselineAge = args.length > 1 ? Integer.parseInt(args[1]) : 6; // ~100 ms RTT at 60 Hz
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
                if (c < moving && t > 0) { // the moving subset is pushed around every tick
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
                s.setBoolean(i, 7, c < moving);
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
        codec.encode(snaps[(ticks - 1) % ring], snaps[(ticks - 1) % ring], buf, 0);
        int rest = codec.encodedBytes();
        System.out.printf("cubes %d, moving %d, baseline %d ticks old, 60 Hz, %d snapshots measured%n",
                cubes, moving, baselineAge, measured);
        System.out.printf("full state: %d bytes (%.1f bits/cube), %.0f kbps%n", full, full * 8.0 / cubes, full * 8 * 60 / 1000.0);
        System.out.printf("delta: %.1f bytes/snapshot, %.1f changed cubes/snapshot, %.1f bits per changed cube, %.1f kbps%n",
                deltaBits / 8.0 / measured, (double) changed / measured, (double) deltaBits / changed,
                deltaBits / (double) measured * 60 / 1000.0);
        System.out.printf("all at rest: %d bytes/snapshot, %.2f kbps%n", rest, rest * 8 * 60 / 1000.0);
    }
}
