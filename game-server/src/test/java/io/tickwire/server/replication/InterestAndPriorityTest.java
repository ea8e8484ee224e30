package io.tickwire.server.replication;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickwire.net.replication.Snapshot;
import org.junit.jupiter.api.Test;

/** Entities out of interest never reach the client; under a byte budget every relevant entity is sent within a bound. */
class InterestAndPriorityTest {

    @Test
    void entityOutOfGridInterestNeverReachesTheClient() {
        GridInterest grid = new GridInterest(25, 1);
        ReplicationHarness h = new ReplicationHarness(17, grid, 4096);
        h.loss = 0.25;
        int seen = 0;
        for (int t = 0; t < 1_000; t++) {
            float vx = 20 + (t % 160);
            h.replicator.setViewpoint(vx, 60);
            h.mutate(150, 0.4f);
            Snapshot got = h.step(0.02, 8, 2);
            if (got == null) {
                continue;
            }
            for (int i = 0; i < got.count(); i++) {
                int wi = h.world.indexOf(got.entityId(i));
                assertTrue(wi >= 0);
                assertTrue(grid.relevance(vx, 60, got.entityId(i), h.xs[wi], h.ys[wi]) > 0,
                        "entity " + got.entityId(i) + " out of interest reached the client at tick " + t);
                seen++;
            }
            assertTrue(got.sameState(h.filtered(vx, 60)), "tick " + t);
        }
        assertTrue(seen > 1_000, "some entities were in interest: " + seen);
    }

    @Test
    void underATightBudgetEveryRelevantEntityIsSentWithinABoundedNumberOfSnapshots() {
        int budget = 200; // tight for the Rice-coded delta format: 200 moving entities do not fit in one snapshot
        ReplicationHarness h = new ReplicationHarness(23, new RadiusInterest(100), budget);
        h.replicator.setViewpoint(100, 100);
        int n = 200;
        h.mutate(n, 0f); // n entities, never destroyed below
        int[] lastFresh = new int[ReplicationHarness.MAX_ENTITIES * 4];
        int maxGap = 0;
        int deferredSnapshots = 0;
        for (int t = 1; t <= 400; t++) {
            // every entity moves every tick, so each must be resent; no creation/destruction
            for (int i = 0; i < h.world.count(); i++) {
                h.world.setFloat(i, 0, Math.max(0, Math.min(200, h.world.getFloat(i, 0) + ((t + i) % 2 == 0 ? 0.5f : -0.5f))));
                h.xs[i] = h.world.getFloat(i, 0);
            }
            Snapshot got = h.step(0, 0, 1);
            assertTrue(h.codec.encodedBytes() <= budget);
            if (h.replicator.lastDeferredEntities() > 0) {
                deferredSnapshots++;
            }
            for (int i = 0; i < h.world.count(); i++) {
                int id = h.world.entityId(i);
                boolean relevant = h.interest.relevance(100, 100, id, h.xs[i], h.ys[i]) > 0;
                int gi = got.indexOf(id);
                if (!relevant) {
                    assertTrue(gi < 0);
                    lastFresh[id] = t;
                    continue;
                }
                if (gi >= 0 && got.get(gi, 0) == h.world.get(i, 0) && got.get(gi, 1) == h.world.get(i, 1)) {
                    lastFresh[id] = t;
                }
                maxGap = Math.max(maxGap, t - lastFresh[id]);
            }
        }
        assertTrue(deferredSnapshots > 300, "the budget held entities back: " + deferredSnapshots);
        // Relevance is at least RadiusInterest.EDGE_RELEVANCE = 0.1 and the most urgent go first, so no entity waits
        // more than about (n / sentPerSnapshot) / 0.1 snapshots; with ~n/ 10+ sent per snapshot that is under 100.
        assertTrue(maxGap <= 100, "longest wait for a relevant entity: " + maxGap + " snapshots");
        assertTrue(h.replicator.deferredTotal() > 0);
    }

    @Test
    void badConfigurationIsRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RadiusInterest(-1));
        assertTrue(e.getMessage().contains("-1"));
        assertThrows(IllegalArgumentException.class, () -> new GridInterest(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ClientSnapshotState(ReplicationHarness.SCHEMA, 3, 8));
        ReplicationHarness h = new ReplicationHarness(1, new RadiusInterest(1), 100);
        e = assertThrows(IllegalArgumentException.class, () -> new ClientReplicator(h.codec, h.state, h.interest, 5_000));
        assertTrue(e.getMessage().contains("snapshotByteBudget"));
    }
}
