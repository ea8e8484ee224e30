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

        // Full: header 17 + entity 0 (more 1, gap 1, type 1, fields 8+1+4) + entity 5 (1, gap 2+6, 1, 13) + end 1.
        assertEquals(SnapshotStatus.OK, codec.encode(s0, null, buf, 0));
        assertEquals(17 + 16 + 23 + 1, codec.encodedBits());
        assertEquals(8, codec.encodedBytes());

        Snapshot s1 = new Snapshot(schema, 8);
        s1.copyFrom(s0);
        s1.setBoolean(1, 1, true);
        // Delta: header 33 + entity 5 (more 1, gap 8, op 1, mask 3, value 1) + end 1.
        assertEquals(SnapshotStatus.OK, codec.encode(s1, s0, buf, 0));
        assertEquals(33 + 14 + 1, codec.encodedBits());
        assertEquals(6, codec.encodedBytes());

        // A small move travels as a difference: entity 0 (more 1, gap 1, op 1, mask 3, flag 1 + diff 4) + end 1.
        Snapshot s2 = new Snapshot(schema, 8);
        s2.copyFrom(s0);
        s2.setFloat(0, 0, 1.6f);
        assertEquals(SnapshotStatus.OK, codec.encode(s2, s0, buf, 0));
        assertEquals(33 + 11 + 1, codec.encodedBits());
        // A jump beyond the difference range sends the full value: flag 1 + 8 bits.
        s2.setFloat(0, 0, -9f);
        assertEquals(SnapshotStatus.OK, codec.encode(s2, s0, buf, 0));
        assertEquals(33 + 15 + 1, codec.encodedBits());
        Snapshot back = new Snapshot(schema, 8);
        assertEquals(SnapshotStatus.OK, codec.decode(buf, 0, codec.encodedBytes(), s0, back));
        assertEquals(-9f, back.getFloat(0, 0), 1e-4f);

        // Nothing changed: header and end bit only.
        assertEquals(SnapshotStatus.OK, codec.encode(s0, s0, buf, 0));
        assertEquals(34, codec.encodedBits());
        assertEquals(5, codec.encodedBytes());
    }
}
