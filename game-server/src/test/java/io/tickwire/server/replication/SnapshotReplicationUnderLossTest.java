package io.tickwire.server.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.replication.Snapshot;
import org.junit.jupiter.api.Test;

/** Deltas against ack-driven baselines decode to exactly the server's interest-filtered quantized state under loss and bursts. */
class SnapshotReplicationUnderLossTest {

    @Test
    void clientStateEqualsFilteredServerStateAfterEveryReceivedSnapshotWithLossAndBursts() {
        for (long seed = 1; seed <= 5; seed++) {
            ReplicationHarness h = new ReplicationHarness(seed, new RadiusInterest(70), 4096);
            h.loss = 0.2;
            h.replicator.setViewpoint(100, 100);
            int deltas = 0;
            for (int t = 0; t < 1_500; t++) {
                h.mutate(120, 0.3f);
                Snapshot got = h.step(0.03, 12, 3);
                if (got != null) {
                    Snapshot want = h.filtered(100, 100);
                    assertTrue(got.sameState(want), "seed " + seed + " tick " + t);
                    if (h.state.baseline() != null) {
                        deltas++;
                    }
                }
            }
            assertTrue(h.lost > 1_500 * 0.2, "loss of at least 20%: " + h.lost);
            assertTrue(deltas > 500, "most snapshots were deltas: " + deltas);
        }
    }

    @Test
    void creationsAndDestructionsSurviveLongLossBursts() {
        ReplicationHarness h = new ReplicationHarness(99, new RadiusInterest(1_000), 4096);
        h.replicator.setViewpoint(100, 100);
        for (int round = 0; round < 20; round++) {
            for (int t = 0; t < 5; t++) {
                h.mutate(100, 0.5f);
                assertTrue(h.step(0, 0, 1) != null);
            }
            // a burst longer than the ring: every snapshot in it is lost, entities come and go meanwhile
            h.burstLeft = ReplicationHarness.RING + 5;
            for (int t = 0; t < ReplicationHarness.RING + 5; t++) {
                h.mutate(100 + (round % 3) * 20, 0.5f);
                assertNull(h.step(0, 0, 1));
            }
            h.mutate(100, 0.5f);
            Snapshot got = h.step(0, 0, 1);
            assertTrue(got.sameState(h.filtered(100, 100)), "round " + round);
        }
    }

    @Test
    void baselineFallsBackToFullStateWhenNothingAckedOrBaselineLeftTheRing() {
        ReplicationHarness h = new ReplicationHarness(5, new RadiusInterest(1_000), 4096);
        h.mutate(50, 0.5f);
        assertNull(h.state.baseline());
        h.step(0, 0, 1);
        h.mutate(50, 0.5f);
        h.step(0, 0, 1); // the first ack arrives at the start of this step
        assertEquals(0, h.state.baseline().sequence());
        assertTrue(h.state.isAcked(0));
        // acks stop (client acks all lost): after a ring's worth of snapshots the baseline is gone
        h.loss = 0; // snapshots arrive ...
        for (int t = 0; t < ReplicationHarness.RING + 2; t++) {
            h.mutate(50, 0.5f);
            h.acksInFlight.clear(); // ... but no ack ever comes back
            Snapshot got = h.step(0, 0, 1000);
            assertTrue(got.sameState(h.filtered(0, 0)));
        }
        assertNull(h.state.baseline());
        int len = h.replicator.buildAndEncode(h.world, h.xs, h.ys, h.packet, 0);
        assertEquals(-1, h.codec.peekBaselineSequence(h.packet, 0, len), "full state");
    }
}
