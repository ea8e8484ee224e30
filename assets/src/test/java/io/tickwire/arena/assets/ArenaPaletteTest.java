package io.tickwire.arena.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArenaPaletteTest {

    @Test
    void sixteenDistinctOpaquePlayerColoursThatWrap() {
        Set<Integer> seen = new HashSet<>();
        for (int slot = 0; slot < ArenaPalette.PLAYER_COLORS; slot++) {
            int c = ArenaPalette.player(slot);
            assertEquals(0xFF, c & 0xFF, "player colour " + slot + " must be opaque");
            assertTrue(seen.add(c), "player colour " + slot + " repeats an earlier one");
        }
        assertEquals(ArenaPalette.player(3), ArenaPalette.player(3 + ArenaPalette.PLAYER_COLORS));
    }

    @Test
    void neighbouringPlayerColoursAreFarApart() {
        // The first eight are what most matches use: each pair must differ clearly (sum of channel deltas).
        for (int a = 0; a < 8; a++) {
            for (int b = a + 1; b < 8; b++) {
                int ca = ArenaPalette.rgb(ArenaPalette.player(a));
                int cb = ArenaPalette.rgb(ArenaPalette.player(b));
                int d = Math.abs((ca >> 16) - (cb >> 16)) + Math.abs(((ca >> 8) & 255) - ((cb >> 8) & 255))
                        + Math.abs((ca & 255) - (cb & 255));
                assertTrue(d >= 120, "player colours " + a + " and " + b + " are too close: " + d);
            }
        }
    }

    @Test
    void negativeSlotIsRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArenaPalette.player(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void rgbDropsAlpha() {
        assertEquals(0x2CE5FF, ArenaPalette.rgb(ArenaPalette.NEON_CYAN));
    }
}
