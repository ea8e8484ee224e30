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

    @Test
    void craftedCountsMasksAndDifferencesAreRefusedByStatus() {
        ReplicationSchema schema = SnapshotCodecRoundTripTest.schema();
        SnapshotCodec codec = new SnapshotCodec(schema, 200, 16384);
        Snapshot out = new Snapshot(schema, 200);
        BitWriter w = new BitWriter();
        byte[] buf = new byte[64];
        // Record count with a 32-bit length prefix: longer than any count an encoder writes.
        w.wrap(buf, 0, buf.length);
        w.writeBits(1, 16);
        w.writeBits(0, 1);
        w.writeBits(-1, 32);
        w.writeBits(0, 8);
        assertEquals(SnapshotStatus.BAD_VALUE, codec.decode(buf, 0, w.bytesWritten(), null, out));
        // A count of 2^30 records in a few bytes ends as TRUNCATED, without looping over the claim.
        ReplicationSchema flags = ReplicationSchema.builder().type(0, "f", FieldSpec.bool("on")).build();
        w.wrap(buf, 0, buf.length);
        w.writeBits(1, 16);
        w.writeBits(0, 1);
        w.writeBits((1 << 30) - 1, 31);
        w.writeBits(0, 30);
        w.writeBits(0, 4);
        java.util.Arrays.fill(buf, w.bytesWritten(), buf.length, (byte) 0);
        assertEquals(SnapshotStatus.TRUNCATED, new SnapshotCodec(flags, 1 << 30, 16384)
                .decode(buf, 0, w.bytesWritten() + 2, null, new Snapshot(flags, 100)));

        // Against a baseline holding cube 0 (type 1, five fields): one changed record for id 0.
        Snapshot base = new Snapshot(schema, 200);
        base.clear(5);
        base.add(0, 1);
        for (int badToggle = 5; badToggle < 8; badToggle++) {
            changedRecord(w, buf, 0b00011, 0b10, badToggle);
            assertEquals(SnapshotStatus.BAD_VALUE, codec.decode(buf, 0, w.bytesWritten(), base, out), "toggle " + badToggle);
        }
        // The common mask {x} with a toggle of x leaves nothing changed.
        changedRecord(w, buf, 0b00001, 0b10, 0);
        assertEquals(SnapshotStatus.BAD_VALUE, codec.decode(buf, 0, w.bytesWritten(), base, out));
        // x at 0 moved by a difference of -1 (zigzag 1, default k = 16/2 - 1 = 7) is below the field's range.
        changedRecord(w, buf, 0b00001, 0b1, -1);
        w.writeBits(0, 1);
        w.writeBits(1, 7);
        assertEquals(SnapshotStatus.BAD_VALUE, codec.decode(buf, 0, w.bytesWritten(), base, out));
        assertEquals(0, out.count());
    }

    // Header against baseline sequence 5 (age 1), one record, gap parameter 0, id 0 changed, type header
    // with the given common mask and untuned parameters, then the mask code (2 bits, or 1 if 0b1) and,
    // for the toggle code (0 then 1, written 0b10), the 3-bit field index.
    private static void changedRecord(BitWriter w, byte[] buf, int common, int maskCode, int toggle) {
        w.wrap(buf, 0, buf.length);
        w.writeBits(6, 16);
        w.writeBits(1, 1);
        w.writeBits(1, 1);
        w.writeBits(1, 6);
        w.writeBits(0b01, 2); // count 1: gamma of 2
        w.writeBits(0, 1);
        w.writeBits(0, SnapshotCodec.GAP_K_BITS);
        w.writeBits(0, 1); // skip 0
        w.writeBits(1, 1); // changed
        w.writeBits(common, 5);
        w.writeBits(0, 1); // default parameters
        if (maskCode == 0b1) {
            w.writeBits(1, 1);
        } else {
            w.writeBits(maskCode, 2);
            w.writeBits(toggle, 3);
        }
    }
}
