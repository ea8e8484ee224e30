package io.tickwire.net.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** {@link Snapshot#addCopy}: one entity with every field, strings included, as add-then-set-each-field would. */
class SnapshotAddCopyTest {

    private static final ReplicationSchema SCHEMA = ReplicationSchema.builder()
            .type(1, "ship", FieldSpec.uint("hp", 7), FieldSpec.string("name", 12), FieldSpec.sint("dx", 9))
            .type(2, "rock", FieldSpec.bool("big"))
            .build();

    @Test
    void copiesEveryFieldOfTheEntityAndKeepsIdOrderRules() {
        Snapshot src = new Snapshot(SCHEMA, 4);
        src.clear(7);
        int a = src.add(3, 1);
        src.set(a, 0, 99);
        byte[] name = "Wanderer".getBytes(StandardCharsets.UTF_8);
        src.setString(a, 1, name, 0, name.length);
        src.set(a, 2, -200);
        int b = src.add(9, 2);
        src.setBoolean(b, 0, true);

        Snapshot byFields = new Snapshot(SCHEMA, 4);
        byFields.clear(7);
        int x = byFields.add(3, 1);
        byFields.set(x, 0, 99);
        byFields.setString(x, 1, name, 0, name.length);
        byFields.set(x, 2, -200);
        int y = byFields.add(9, 2);
        byFields.setBoolean(y, 0, true);

        Snapshot copied = new Snapshot(SCHEMA, 4);
        copied.clear(7);
        assertEquals(0, copied.addCopy(src, a));
        assertEquals(1, copied.addCopy(src, b));
        assertTrue(copied.sameState(byFields), "same entities, types and field values as field-by-field");
        byte[] out = new byte[12];
        assertEquals("Wanderer", new String(out, 0, copied.getString(0, 1, out, 0), StandardCharsets.UTF_8));
        assertEquals(-200, copied.get(0, 2));

        assertEquals(Snapshot.ADD_OUT_OF_ORDER, copied.addCopy(src, a), "ids must still ascend");
        Snapshot full = new Snapshot(SCHEMA, 1);
        full.clear(0);
        full.addCopy(src, a);
        assertEquals(Snapshot.ADD_FULL, full.addCopy(src, b));
    }

    @Test
    void refusesASnapshotOfAnotherSchema() {
        ReplicationSchema other = ReplicationSchema.builder().type(1, "ship", FieldSpec.uint("hp", 7)).build();
        Snapshot src = new Snapshot(other, 1);
        src.clear(0);
        src.add(1, 1);
        Snapshot dst = new Snapshot(SCHEMA, 1);
        assertThrows(IllegalArgumentException.class, () -> dst.addCopy(src, 0));
    }
}
