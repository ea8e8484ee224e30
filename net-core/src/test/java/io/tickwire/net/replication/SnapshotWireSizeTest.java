package io.tickwire.net.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Pins the wire size of a small known case so an accidental format change shows up here. */
class SnapshotWireSizeTest {

    @Test
    void smallKnownCaseHasPinnedSizes() {
        ReplicationSchema schema = ReplicationSchema.builder()
                .type(1, "thing", FieldSpec.quantizedFloat("x", -10, 10, 0.1f), FieldSpec.bool("on"), FieldSpec.uint("n", 4))
                .build();
        assertEquals(1, schema.typeIdBits());
        SnapshotCodec codec = new SnapshotCodec(schema, 8, 256);
        Snapshot s0 = new Snapshot(schema, 8);
        s0.clear(7);
        int a = s0.add(0, 1);
        s0.setFloat(a, 0, 1.5f);
        s0.set(a, 2, 9);
        int b = s0.add(5, 1);
        s0.setFloat(b, 0, -3f);
        byte[] buf = new byte[256];

        // Full: header 17 + record count 2 (gamma of 3: 10 1) + gap parameter 4 (k = 1)
        // + entity 0 (skip 0: 0 0, type 1, fields 8+1+4) + entity 5 (skip 4: 110 0, type 1, 13).
        assertEquals(SnapshotStatus.OK, codec.encode(s0, null, buf, 0));
        assertEquals(17 + 3 + 4 + 16 + 18, codec.encodedBits());
        assertEquals(8, codec.encodedBytes());

        Snapshot s1 = new Snapshot(schema, 8);
        s1.copyFrom(s0);
        s1.setBoolean(1, 1, true);
        // Delta: header 24 (sequence 16, has baseline 1, near 1, age 6) + count 1 (gamma of 2: 10 0)
        // + gap parameter 4 (k = 2) + entity 5 (skip 5: 10 01, op 1, type header: common mask 3 and
        // tuned 0, mask = common 1, value 1).
        assertEquals(SnapshotStatus.OK, codec.encode(s1, s0, buf, 0));
        assertEquals(24 + 3 + 4 + 4 + 1 + 4 + 1 + 1, codec.encodedBits());
        assertEquals(6, codec.encodedBytes());

        // A small move travels as a difference: header 24 + count 3 + gap parameter 4 (k = 0) + entity 0
        // (skip 0: 0, op 1, type header 3 + 1, mask 1, x: difference +1 with the default k = 8/2 - 1 = 3: 0 000).
        Snapshot s2 = new Snapshot(schema, 8);
        s2.copyFrom(s0);
        s2.setFloat(0, 0, 1.6f);
        assertEquals(SnapshotStatus.OK, codec.encode(s2, s0, buf, 0));
        assertEquals(24 + 3 + 4 + 1 + 1 + 4 + 1 + 4, codec.encodedBits());
        // A jump whose quotient reaches the escape run sends the full value: 8 ones + 8 bits.
        s2.setFloat(0, 0, -9f);
        assertEquals(SnapshotStatus.OK, codec.encode(s2, s0, buf, 0));
        assertEquals(24 + 3 + 4 + 1 + 1 + 4 + 1 + 16, codec.encodedBits());
        Snapshot back = new Snapshot(schema, 8);
        assertEquals(SnapshotStatus.OK, codec.decode(buf, 0, codec.encodedBytes(), s0, back));
        assertEquals(-9f, back.getFloat(0, 0), 1e-4f);

        // Nothing changed: header 24 and a record count of 0 (one bit).
        assertEquals(SnapshotStatus.OK, codec.encode(s0, s0, buf, 0));
        assertEquals(25, codec.encodedBits());
        assertEquals(4, codec.encodedBytes());
        // A baseline 64 or more sequences old is named by its full sequence: 16 + 1 + 1 + 16 + 1.
        Snapshot s3 = new Snapshot(schema, 8);
        s3.copyFrom(s0);
        s3.setSequence(7 + 64);
        assertEquals(SnapshotStatus.OK, codec.encode(s3, s0, buf, 0));
        assertEquals(35, codec.encodedBits());
        assertEquals(7, codec.peekBaselineSequence(buf, 0, codec.encodedBytes()));
        s3.setSequence(7 + 63);
        assertEquals(SnapshotStatus.OK, codec.encode(s3, s0, buf, 0));
        assertEquals(25, codec.encodedBits());
        assertEquals(7, codec.peekBaselineSequence(buf, 0, codec.encodedBytes()));
    }
}
