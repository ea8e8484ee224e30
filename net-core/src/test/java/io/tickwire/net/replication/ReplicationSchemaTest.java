package io.tickwire.net.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplicationSchemaTest {

    private static ReplicationSchema schema(float precision) {
        return ReplicationSchema.builder()
                .type(1, "cube", FieldSpec.quantizedFloat("x", -256, 256, precision), FieldSpec.angle("yaw", 10))
                .type(2, "player", FieldSpec.sint("hp", 10), FieldSpec.string("name", 12))
                .build();
    }

    @Test
    void hashIsStableAndChangesWithAnyEncoding() {
        assertEquals(schema(0.01f).hash(), schema(0.01f).hash());
        assertNotEquals(schema(0.01f).hash(), schema(0.02f).hash());
        assertEquals(16, schema(0.01f).hashHex().length());
    }

    @Test
    void quantizedFloatBitsFollowRangeAndPrecision() {
        FieldSpec f = FieldSpec.quantizedFloat("x", -256, 256, 1f / 512);
        assertEquals(19, f.bits()); // 262144 steps: values 0..262144 inclusive need 19 bits
        assertEquals(8, FieldSpec.quantizedFloat("y", -10, 10, 0.1f).bits()); // 200 steps
        assertEquals(3, FieldSpec.enumeration("e", 5).bits());
    }

    @Test
    void invalidDeclarationsNameTheBadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FieldSpec.quantizedFloat("x", 5, 1, 0.1f));
        assertTrue(e.getMessage().contains("min=5.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FieldSpec.angle("yaw", 40));
        assertTrue(e.getMessage().contains("40"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReplicationSchema.builder()
                .type(3, "a", FieldSpec.bool("b")).type(3, "c", FieldSpec.bool("b")));
        assertTrue(e.getMessage().contains("id 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReplicationSchema.builder()
                .type(3, "a", FieldSpec.bool("b"), FieldSpec.uint("b", 3)));
        assertTrue(e.getMessage().contains("duplicate field name b"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FieldSpec.enumeration("e", 1));
        assertTrue(e.getMessage().contains("was 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FieldSpec.string("s", 300));
        assertTrue(e.getMessage().contains("300"), e.getMessage());
    }

    @Test
    void quantizationRoundTripsWithinPrecision() {
        FieldSpec f = FieldSpec.quantizedFloat("x", -10, 10, 0.1f);
        for (float v = -10; v <= 10; v += 0.037f) {
            assertEquals(v, f.dequantize(f.quantize(v)), 0.05f + 1e-4f);
        }
        assertEquals(f.maxQuantized(), f.quantize(99f));
        assertEquals(0, f.quantize(Float.NaN));
        FieldSpec a = FieldSpec.angle("a", 8);
        assertEquals(0, a.quantize((float) (2 * Math.PI)));
        assertEquals(192, a.quantize((float) (-Math.PI / 2)));
    }
}
