package io.tickwire.server.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.server.GamePlayer;
import io.tickwire.server.replication.RadiusInterest;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * A server step with 16 players (receive input frames and snapshot acks, apply inputs, step, build,
 * delta-encode and send 16 interest-filtered snapshots) allocates nothing in steady state. Only the
 * server's steps are measured; the clients share the thread but are left out of the count.
 */
class GameServerAllocationTest {

    @Test
    void serverStepsWithSixteenPlayersAllocateNothingInSteadyState() throws Exception {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        TestGame game = new TestGame(120, false);
        try (GameHarness h = new GameHarness(NetworkConditions.PERFECT, 23, new RadiusInterest(60), game)) {
            for (int i = 0; i < 16; i++) {
                h.connect().verify = false;
            }
            h.steps(400);
            assertEquals(16, h.server.playerCount());
            long fewest = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long allocated = 0;
                for (int s = 0; s < 300; s++) {
                    long now = h.clock.advanceNanos(GameHarness.TICK_NANOS);
                    long before = mx.getCurrentThreadAllocatedBytes();
                    h.server.step(now);
                    allocated += mx.getCurrentThreadAllocatedBytes() - before;
                    for (TestClient c : h.clients) {
                        c.net.poll(now);
                        c.tick();
                    }
                }
                fewest = Math.min(fewest, allocated);
            }
            // Per-tick allocation would show in every round; one-off JIT or class-loading bytes do not.
            assertEquals(0, fewest, "fewest bytes allocated by 300 server steps with 16 players in a round");
            for (GamePlayer p : h.server.players()) {
                assertTrue(p.inputsApplied() > 1500 && p.baselineSequence() >= 0 && p.lastSnapshotEntities() > 0);
            }
            for (TestClient c : h.clients) {
                assertEquals(0, c.missingBaseline + c.decodeErrors);
            }
        }
    }
}
