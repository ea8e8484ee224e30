package io.tickwire.net.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Drives each path of the delta format on purpose (Rice quotients 0..7 and the escape, default and
 * tuned parameters, the three changed-mask forms, masks over 32 fields, angle wrap, 32-bit extremes,
 * id skips up to 30-bit ids) and checks exact decoding, pinned sizes where a path is identified by its
 * size, and that corrupting those encodings never throws.
 */
class SnapshotCodecEncodingPathsTest {
    private static final int N = 20;

    private static ReplicationSchema oneUint() {
        return ReplicationSchema.builder().type(0, "v", FieldSpec.uint("v", 20)).build();
    }

    private static Snapshot world(ReplicationSchema schema, int seq, int[] values) {
        Snapshot s = new Snapshot(schema, values.length);
        s.clear(seq);
        for (int i = 0; i < values.length; i++) {
            assertTrue(s.set(s.add(i, 0), 0, values[i]));
        }
        return s;
    }

    private static int roundTrip(SnapshotCodec codec, Snapshot cur, Snapshot base) {
        byte[] buf = new byte[1 << 16];
        assertEquals(SnapshotStatus.OK, codec.encode(cur, base, buf, 0));
        Snapshot out = new Snapshot(cur.schema(), Math.max(1, cur.capacity()));
        assertEquals(SnapshotStatus.OK, codec.decode(buf, 0, codec.encodedBytes(), base, out));
        assertTrue(out.sameState(cur));
        assertEquals(cur.sequence(), out.sequence());
        CorruptionCheck.never(codec, cur.schema(), buf, codec.encodedBytes(), base, cur.capacity());
        return codec.encodedBits();
    }

    @Test
    void everyRiceQuotientAndTheEscapeCostWhatTheFormatSays() {
        ReplicationSchema schema = oneUint();
        SnapshotCodec codec = new SnapshotCodec(schema, N + 1, 4096);
        int[] base = new int[N + 1];
        java.util.Arrays.fill(base, 500_000);
        Snapshot b = world(schema, 1, base);
        // 20 entities differ by -256 (zigzag 511: 9 bits), so the default parameter k = 20/2 - 1 = 9 stays;
        // the probe entity's zigzag difference q * 512 + 511 costs q + 1 + 9 bits.
        int[] cur = base.clone();
        for (int i = 1; i <= N; i++) {
            cur[i] = 500_000 - 256;
        }
        int reference = -1;
        for (int q = 0; q < SnapshotCodec.ESCAPE_RUN; q++) {
            cur[0] = 500_000 - (q * 256 + 256);
            int bits = roundTrip(codec, world(schema, 2, cur), b);
            if (q == 0) {
                reference = bits;
            }
            assertEquals(reference + q, bits, "quotient " + q);
        }
        // Quotient 8 and beyond: ESCAPE_RUN ones and the full 20-bit value (28 bits instead of 10).
        for (int d : new int[] {2049, -4000, 500_000, 548_575}) {
            cur[0] = 500_000 + d;
            assertEquals(reference + 18, roundTrip(codec, world(schema, 2, cur), b), "difference " + d);
        }
    }

    @Test
    void uniformSmallMovesTuneTheParameterInTheTypeHeader() {
        ReplicationSchema schema = oneUint();
        SnapshotCodec codec = new SnapshotCodec(schema, N, 4096);
        int[] base = new int[N];
        java.util.Arrays.fill(base, 1000);
        int[] cur = base.clone();
        for (int i = 0; i < N; i++) {
            cur[i] = 1001;
        }
        // header 24 + count gamma(21) 9 + gap parameter 4 + type header (mask 1, tuned 1, k 5)
        // + 20 x (skip 0 with k = 0: 1, op 1, mask 1, difference +1 with k = 0: 1).
        assertEquals(24 + 9 + 4 + 7 + N * 4, roundTrip(codec, world(schema, 9, cur), world(schema, 3, base)));
        for (int mag = 1; mag < (1 << 19); mag <<= 1) {
            for (int i = 0; i < N; i++) {
                cur[i] = 1000 + (i % 2 == 0 ? mag : -Math.min(mag, 1000)) + i % 3;
            }
            roundTrip(codec, world(schema, 9, cur), world(schema, 3, base));
        }
    }

    @Test
    void changedMasksTravelAsCommonMaskSingleToggleOrExplicit() {
        ReplicationSchema schema = ReplicationSchema.builder()
                .type(0, "t", FieldSpec.uint("a", 8), FieldSpec.uint("b", 8), FieldSpec.bool("c"),
                        FieldSpec.enumeration("d", 3), FieldSpec.sint("e", 6))
                .build();
        SnapshotCodec codec = new SnapshotCodec(schema, 8, 4096);
        Snapshot base = new Snapshot(schema, 8);
        base.clear(0);
        for (int i = 0; i < 8; i++) {
            base.add(i, 0);
        }
        Snapshot cur = new Snapshot(schema, 8);
        cur.copyFrom(base);
        cur.setSequence(1);
        for (int i = 0; i < 5; i++) { // common mask {a, b}
            cur.set(i, 0, 1 + i);
            cur.set(i, 1, 2 + i);
        }
        cur.set(5, 0, 7); // single toggle: {a}
        cur.set(6, 0, 7); // single toggle: {a, b, c}
        cur.set(6, 1, 7);
        cur.setBoolean(6, 2, true);
        cur.set(7, 3, 2); // explicit: {d, e}
        cur.set(7, 4, -32);
        int withToggle = roundTrip(codec, cur, base);
        // Entity 5 changing e as well (mask {a, e}: two toggles from {a, b}) sends its mask whole:
        // 2 + 5 bits instead of 2 + 3, plus e's difference: -32 is zigzag 63, a quotient of 15 with the
        // default k = 6/2 - 1 = 2 (the type stays untuned), so it escapes: 8 ones and the 6-bit value.
        cur.set(5, 4, -32);
        assertEquals(withToggle + 2 + 14, roundTrip(codec, cur, base));
    }

    @Test
    void masksOfMoreThan32FieldsAndEveryKindRoundTrip() {
        FieldSpec[] fields = new FieldSpec[EntityType.MAX_FIELDS];
        for (int f = 0; f < fields.length; f++) {
            switch (f % 7) {
                case 0: fields[f] = FieldSpec.angle("f" + f, 10); break;
                case 1: fields[f] = FieldSpec.sint("f" + f, 32); break;
                case 2: fields[f] = FieldSpec.uint("f" + f, 31); break;
                case 3: fields[f] = FieldSpec.quantizedFloat("f" + f, -1, 1, 0.001f); break;
                case 4: fields[f] = FieldSpec.bool("f" + f); break;
                case 5: fields[f] = FieldSpec.string("f" + f, 5); break;
                default: fields[f] = FieldSpec.uint("f" + f, 3); break;
            }
        }
        ReplicationSchema schema = ReplicationSchema.builder().entityIdBits(30).type(3, "wide", fields).build();
        SnapshotCodec codec = new SnapshotCodec(schema, 64, 1 << 16);
        SplittableRandom rnd = new SplittableRandom(64);
        int[] ids = {0, 1, 2, 4, 20, 21, 300, 301, 5000, 70_000, 1 << 20, (1 << 30) - 2, (1 << 30) - 1};
        Snapshot base = new Snapshot(schema, 64);
        base.clear(100);
        for (int id : ids) {
            int i = base.add(id, 3);
            for (int f = 0; f < fields.length; f++) {
                SnapshotCodecRoundTripTest.randomizeField(rnd, base, i, f);
            }
        }
        roundTrip(codec, base, null);
        for (int trial = 0; trial < 300; trial++) {
            Snapshot cur = new Snapshot(schema, 64);
            cur.copyFrom(base);
            cur.setSequence(100 + 1 + trial % 80); // near and far baselines
            double p = rnd.nextDouble();
            for (int i = 0; i < ids.length; i++) {
                if (rnd.nextInt(3) == 0) {
                    continue;
                }
                for (int f = 0; f < fields.length; f++) {
                    if (rnd.nextDouble() < p) {
                        FieldSpec spec = fields[f];
                        int v = cur.get(i, f);
                        if (spec.kind() == FieldKind.ANGLE) {
                            cur.set(i, f, (v + rnd.nextInt(-3, 4)) & 1023); // crosses 0 <-> 1023
                        } else if (spec.kind() == FieldKind.SINT && rnd.nextInt(4) == 0) {
                            cur.set(i, f, v < 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE);
                        } else if (spec.kind() == FieldKind.STRING || rnd.nextBoolean()
                                || !cur.set(i, f, (int) (v + (long) rnd.nextInt(-1 << rnd.nextInt(31), 1 << rnd.nextInt(31))))) {
                            SnapshotCodecRoundTripTest.randomizeField(rnd, cur, i, f);
                        }
                    }
                }
            }
            roundTrip(codec, cur, base);
        }
    }

    @Test
    void angleDifferencesTakeTheShortWayRound() {
        ReplicationSchema schema = ReplicationSchema.builder().type(0, "a", FieldSpec.angle("yaw", 10)).build();
        SnapshotCodec codec = new SnapshotCodec(schema, 1, 64);
        int near = roundTrip(codec, world(schema, 2, new int[] {5}), world(schema, 1, new int[] {4}));
        assertEquals(near, roundTrip(codec, world(schema, 2, new int[] {0}), world(schema, 1, new int[] {1023})));
        assertEquals(near, roundTrip(codec, world(schema, 2, new int[] {1023}), world(schema, 1, new int[] {0})));
        roundTrip(codec, world(schema, 2, new int[] {512}), world(schema, 1, new int[] {0}));
    }

    /** Truncations and bit flips of a valid encoding: a status, never an exception or out-of-range value. */
    static final class CorruptionCheck {
        private CorruptionCheck() {
        }

        static void never(SnapshotCodec codec, ReplicationSchema schema, byte[] valid, int len, Snapshot base, int capacity) {
            byte[] buf = new byte[len];
            Snapshot out = new Snapshot(schema, Math.max(1, capacity));
            for (int cut = 0; cut < len; cut += Math.max(1, len / 40)) {
                assertTrue(codec.decode(valid, 0, cut, base, out) != SnapshotStatus.OK || cut * 8 >= codec.encodedBits(),
                        "prefix " + cut + "/" + len);
            }
            SplittableRandom rnd = new SplittableRandom(len);
            for (int trial = 0; trial < 40; trial++) {
                System.arraycopy(valid, 0, buf, 0, len);
                for (int k = rnd.nextInt(1, 4); k > 0; k--) {
                    int bit = rnd.nextInt(len * 8);
                    buf[bit >>> 3] ^= (byte) (1 << (bit & 7));
                }
                SnapshotStatus s = codec.decode(buf, 0, len, base, out);
                assertNotNull(s);
                if (s == SnapshotStatus.OK) {
                    for (int i = 0; i < out.count(); i++) {
                        EntityType t = out.schema().type(out.typeId(i));
                        for (int f = 0; f < t.fieldCount(); f++) {
                            FieldSpec spec = t.field(f);
                            int v = out.get(i, f);
                            assertTrue(spec.kind() == FieldKind.STRING ? v <= spec.maxLength() : spec.isValid(v));
                        }
                    }
                }
            }
        }
    }
}
