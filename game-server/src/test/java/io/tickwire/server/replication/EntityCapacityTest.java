package io.tickwire.server.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.replication.Snapshot;
import io.tickwire.net.replication.SnapshotCodec;
import org.junit.jupiter.api.Test;

/** More relevant entities than a snapshot holds are deferred by priority like an over-budget snapshot, never thrown. */
class EntityCapacityTest {

    @Test
    void relevantEntitiesBeyondTheSnapshotCapacityAreDeferredAndTakeTheirTurn() {
        ClientSnapshotState state = new ClientSnapshotState(ReplicationHarness.SCHEMA, 8, 10);
        ClientReplicator r = new ClientReplicator(new SnapshotCodec(ReplicationHarness.SCHEMA, 10, 4096), state,
                InterestPolicy.EVERYTHING, 4096);
        Snapshot world = new Snapshot(ReplicationHarness.SCHEMA, 50);
        world.clear(0);
        float[] xs = new float[50];
        float[] ys = new float[50];
        for (int id = 0; id < 50; id++) {
            int i = world.add(id, 1);
            world.setFloat(i, 0, id);
            world.set(i, 2, id);
        }
        byte[] out = new byte[4096];
        boolean[] seen = new boolean[50];
        for (int k = 0; k < 5; k++) {
            assertTrue(r.buildAndEncode(world, xs, ys, out, 0) > 0);
            assertEquals(10, r.lastSentEntities());
            assertEquals(40, r.lastDeferredEntities());
            Snapshot sent = state.get(r.lastSequence());
            for (int i = 0; i < sent.count(); i++) {
                seen[sent.entityId(i)] = true;
            }
        }
        for (int id = 0; id < 50; id++) {
            assertTrue(seen[id], "entity " + id + " got its turn within 5 snapshots");
        }
    }
}
