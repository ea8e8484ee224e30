package io.tickwire.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.arena.sim.Arena;
import io.tickwire.arena.sim.ArenaMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The shared movement step: walls hold, positions stay on the replication grid, and it is deterministic. */
class ArenaStepTest {
    private final ArenaMap map = Arena.map();

    @Test
    void randomWalksNeverEnterAWallAndStayOnTheReplicationGrid() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int walker = 0; walker < 32; walker++) {
            float[] s = {Arena.snapX(map.spawnX(walker % map.spawnCount())),
                    Arena.snapY(map.spawnY(walker % map.spawnCount())), 1f};
            int buttons = 0;
            for (int t = 0; t < 5_000; t++) {
                if (rnd.nextInt(20) == 0) {
                    buttons = rnd.nextInt(16);
                }
                Arena.step(s, buttons);
                assertTrue(map.isFree(s[0], s[1], Arena.RADIUS), "walker " + walker + " inside a wall at tick "
                        + t + ": " + s[0] + ", " + s[1]);
                assertEquals(Arena.snapX(s[0]), s[0], "x on the grid");
                assertEquals(Arena.snapY(s[1]), s[1], "y on the grid");
            }
        }
    }

    @Test
    void aPlayerPushedIntoAWallStopsFlushAgainstIt() {
        // The central block spans x 21..27, y 13..19; walk right into its left face.
        float[] s = {18f, 16f, 1f};
        for (int t = 0; t < 120; t++) {
            Arena.step(s, Arena.RIGHT);
        }
        assertEquals(21f - Arena.RADIUS, s[0]);
        assertEquals(16f, s[1]);
    }

    @Test
    void theDeadStandStillAndTheStepIsDeterministic() {
        float[] dead = {10f, 4f, 0f};
        Arena.step(dead, Arena.RIGHT | Arena.UP);
        assertEquals(10f, dead[0]);
        float[] a = {4f, 4f, 1f};
        float[] b = {4f, 4f, 1f};
        SplittableRandom r1 = new SplittableRandom(5);
        SplittableRandom r2 = new SplittableRandom(5);
        for (int t = 0; t < 2_000; t++) {
            Arena.step(a, r1.nextInt(16));
            Arena.step(b, r2.nextInt(16));
        }
        assertEquals(a[0], b[0]);
        assertEquals(a[1], b[1]);
    }

    @Test
    void shotsStopAtWallsAndSightLinesAreBlocked() {
        // From (18, 16) looking +x the central block's face is 3 m away.
        assertEquals(3f, map.rayToWall(18f, 16f, 1f, 0f, 40f), 1e-5f);
        // Looking +y from (18, 16) the nearest wall is the top border at y = 31.
        assertEquals(15f, map.rayToWall(18f, 16f, 0f, 1f, 40f), 1e-5f);
        assertFalse(map.lineOfSight(18f, 16f, 30f, 16f), "the central block is between");
        assertTrue(map.lineOfSight(18f, 11f, 30f, 11f), "the lane below it is open");
    }

    @Test
    void inputsRoundTripTheirAimAndShotTime() {
        byte[] in = new byte[Arena.INPUT_BYTES];
        Arena.encodeInput(in, 0, Arena.FIRE | Arena.LEFT, 3.0f, 123_456L, 0.5f);
        assertEquals(Arena.FIRE | Arena.LEFT, Arena.buttons(in, 0, in.length));
        assertEquals(3.0f, Arena.aim(in, 0), 1e-3f);
        assertEquals(123_456L, Arena.renderTick(in, 0, 123_470L));
        assertEquals(0.5f, Arena.renderFraction(in, 0));
        assertEquals(0, Arena.buttons(in, 0, 0), "an empty input presses nothing");
    }
}
