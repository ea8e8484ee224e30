package io.tickwire.server.lagcomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HitboxHistoryTest {

    @Test
    void windowInNanosRoundsUpToWholeTicks() {
        assertEquals(12, HitboxHistory.forWindow(200_000_000L, 60, 8).rewindWindowTicks());
        assertEquals(7, HitboxHistory.forWindow(100_000_000L, 64, 8).rewindWindowTicks());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HitboxHistory(0, 8));
        assertTrue(e.getMessage().contains("rewindWindowTicks"));
        e = assertThrows(IllegalArgumentException.class, () -> new HitboxHistory(12, 0));
        assertTrue(e.getMessage().contains("maxEntitiesPerTick"));
        assertThrows(IllegalArgumentException.class, () -> HitboxHistory.forWindow(-1, 60, 8));
    }

    @Test
    void keepsExactlyTheWindowPlusNewestTick() {
        HitboxHistory h = new HitboxHistory(4, 2);
        for (long t = 0; t < 20; t++) {
            h.beginTick(t);
            h.record(5, t, -t, 1f);
        }
        assertEquals(19, h.newestTick());
        for (long t = 15; t <= 19; t++) {
            int f = h.frameIndex(t);
            assertTrue(f >= 0, "tick " + t);
            int s = h.find(f, 5, 0);
            assertEquals((float) t, h.x(s));
            assertEquals((float) -t, h.y(s));
        }
        assertEquals(-1, h.frameIndex(14));
        assertEquals(-1, h.frameIndex(20));
    }

    @Test
    void limitsAreEnforcedAndCounted() {
        HitboxHistory h = new HitboxHistory(4, 2);
        assertEquals(RecordStatus.NO_OPEN_TICK, h.record(1, 0f, 0f, 1f));
        assertEquals(RecordStatus.OK, h.beginTick(5));
        assertEquals(RecordStatus.STALE_TICK, h.beginTick(5));
        assertEquals(RecordStatus.STALE_TICK, h.beginTick(3));
        assertEquals(RecordStatus.OK, h.record(1, 0f, 0f, 1f));
        assertEquals(RecordStatus.INVALID_VOLUME, h.record(2, Float.NaN, 0f, 1f));
        assertEquals(RecordStatus.INVALID_VOLUME, h.record(2, 0f, 0f, 0f));
        assertEquals(RecordStatus.OK, h.record(2, 0f, 0f, 1f));
        assertEquals(RecordStatus.TICK_FULL, h.record(3, 0f, 0f, 1f));
        assertEquals(2, h.count(h.frameIndex(5)));
        assertEquals(2, h.rejectedCount(RecordStatus.STALE_TICK));
        assertEquals(2, h.rejectedCount(RecordStatus.INVALID_VOLUME));
        assertEquals(1, h.rejectedCount(RecordStatus.TICK_FULL));
        assertEquals(1, h.rejectedCount(RecordStatus.NO_OPEN_TICK));
        // A gap overwrites the reused slot: the new tick starts empty.
        assertEquals(RecordStatus.OK, h.beginTick(10));
        assertEquals(0, h.count(h.frameIndex(10)));
        assertEquals(-1, h.frameIndex(5));
    }
}
