package io.tickwire.net.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SnapshotCodecHostileInputTest {

    @Test
    void everyTruncationOfAValidSnapshotIsReportedNotThrown() {
        ReplicationSchema schema = SnapshotCodecRoundTripTest.schema();
        SnapshotCodec codec = new SnapshotCodec(schema, 200, 16384);
        SplittableRandom rnd = new SplittableRandom(77);
        Snapshot empty = new Snapshot(schema, 200);
        Snapshot a = new Snapshot(schema, 200);
        Snapshot b = new Snapshot(schema, 200);
        Snapshot out = new Snapshot(schema, 200);
        byte[] buf = new byte[16384];
        for (int trial = 0; trial < 30; trial++) {
            SnapshotCodecRoundTripTest.evolve(rnd, empty, a, trial);
            SnapshotCodecRoundTripTest.evolve(rnd, a, b, trial + 1);
            Snapshot base = trial % 2 == 0 ? null : a;
            assertEquals(SnapshotStatus.OK, codec.encode(b, base, buf, 0));
            int len = codec.encodedBytes();
            for (int cut = 0; cut < len; cut++) {
                SnapshotStatus s = codec.decode(buf, 0, cut, base, out);
                assertNotEquals(SnapshotStatus.OK, s, "prefix of " + cut + "/" + len + " bytes");
                assertEquals(0, out.count());
            }
        }
    }

    @Test
    void randomBytesAndBitFlipsNeverThrowAndDecodedValuesStayInRange() {
        ReplicationSchema schema = SnapshotCodecRoundTripTest.schema();
        SnapshotCodec codec = new SnapshotCodec(schema, 200, 16384);
        SplittableRandom rnd = new SplittableRandom(78);
        Snapshot empty = new Snapshot(schema, 200);
        Snapshot a = new Snapshot(schema, 200);
        Snapshot b = new Snapshot(schema, 200);
        Snapshot out = new Snapshot(schema, 200);
        byte[] buf = new byte[16384];
        int[] statusCounts = new int[SnapshotStatus.values().length];
        for (int trial = 0; trial < 3000; trial++) {
            int len;
            Snapshot base = null;
            if (trial % 2 == 0) {
                len = rnd.nextInt(0, 300);
                rnd.nextBytes(buf);
            } else {
                SnapshotCodecRoundTripTest.evolve(rnd, empty, a, trial);
                SnapshotCodecRoundTripTest.evolve(rnd, a, b, trial + 1);
                base = rnd.nextBoolean() ? a : null;
                codec.encode(b, base, buf, 0);
                len = codec.encodedBytes();
                for (int k = rnd.nextInt(1, 4); k > 0; k--) {
                    int bit = rnd.nextInt(Math.max(1, len * 8));
                    buf[bit >>> 3] ^= (byte) (1 << (bit & 7));
                }
            }
            SnapshotStatus s = codec.decode(buf, 0, len, base, out);
            assertNotNull(s);
            statusCounts[s.ordinal()]++;
            if (s == SnapshotStatus.OK) {
                for (int i = 0; i < out.count(); i++) {
                    EntityType t = schema.type(out.typeId(i));
                    assertNotNull(t);
                    if (i > 0) {
                        assertTrue(out.entityId(i) > out.entityId(i - 1), "ids ascend");
                    }
                    for (int f = 0; f < t.fieldCount(); f++) {
                        FieldSpec spec = t.field(f);
                        int v = out.get(i, f);
                        assertTrue(spec.kind() == FieldKind.STRING ? v <= spec.maxLength() : spec.isValid(v),
                                spec.name() + "=" + v);
                    }
                }
            }
        }
        assertTrue(statusCounts[SnapshotStatus.TRUNCATED.ordinal()] > 0);
        assertTrue(statusCounts[SnapshotStatus.BASELINE_MISMATCH.ordinal()] > 0);
    }

    @Test
    void oversizedInputIsRefusedByName() {
        ReplicationSchema schema = SnapshotCodecRoundTripTest.schema();
        SnapshotCodec codec = new SnapshotCodec(schema, 10, 64);
        assertEquals(SnapshotStatus.TOO_LARGE, codec.decode(new byte[65], 0, 65, null, new Snapshot(schema, 10)));
        assertEquals(-2, codec.peekBaselineSequence(new byte[2], 0, 2));
        assertEquals(-2, codec.peekBaselineSequence(new byte[8], 4, 6));
        assertEquals(SnapshotStatus.TRUNCATED, codec.decode(new byte[8], 4, 6, null, new Snapshot(schema, 10)));
        assertEquals(SnapshotStatus.TRUNCATED, codec.decode(new byte[8], -1, 2, null, new Snapshot(schema, 10)));
        assertEquals(SnapshotStatus.TOO_LARGE, codec.encode(new Snapshot(schema, 10), null, new byte[8], 9));
    }
}
