package io.tickwire.server.replication;

import io.tickwire.net.replication.FieldSpec;
import io.tickwire.net.replication.ReplicationSchema;
import io.tickwire.net.replication.Snapshot;
import io.tickwire.net.replication.SnapshotCodec;
import io.tickwire.net.replication.SnapshotStatus;
import java.util.ArrayDeque;
import java.util.Random;

/**
 * Test harness: a seeded random world on the server, one {@link ClientReplicator}, and a lossy one-way
 * link with loss bursts whose packet acks come back (also lossy) after a fixed number of ticks; the client
 * decodes each received snapshot against the baseline it names, from its own ring.
 */
final class ReplicationHarness {
    static final int MAX_ENTITIES = 256;
    static final int RING = 32;
    static final ReplicationSchema SCHEMA = ReplicationSchema.builder()
            .entityIdBits(10)
            .type(1, "unit", FieldSpec.quantizedFloat("x", 0, 200, 0.01f), FieldSpec.quantizedFloat("y", 0, 200, 0.01f),
                    FieldSpec.uint("hp", 7))
            .type(2, "crate", FieldSpec.quantizedFloat("x", 0, 200, 0.01f), FieldSpec.quantizedFloat("y", 0, 200, 0.01f),
                    FieldSpec.string("label", 8))
            .build();

    final Random rnd;
    final SnapshotCodec codec = new SnapshotCodec(SCHEMA, MAX_ENTITIES, 4096);
    final SnapshotCodec clientCodec = new SnapshotCodec(SCHEMA, MAX_ENTITIES, 4096);
    final ClientSnapshotState state = new ClientSnapshotState(SCHEMA, RING, MAX_ENTITIES);
    final ClientReplicator replicator;
    final InterestPolicy interest;
    Snapshot world = new Snapshot(SCHEMA, MAX_ENTITIES);
    Snapshot next = new Snapshot(SCHEMA, MAX_ENTITIES);
    final float[] xs = new float[MAX_ENTITIES];
    final float[] ys = new float[MAX_ENTITIES];
    final Snapshot[] clientRing = new Snapshot[RING];
    final int[] clientSeq = new int[RING];
    final byte[] packet = new byte[4096];
    final ArrayDeque<long[]> acksInFlight = new ArrayDeque<>();
    double loss;
    int burstLeft;
    int packetSequence;
    int tick;
    int received;
    int lost;
    Snapshot lastDecoded;
    int nextId;
    final byte[] label = new byte[8];

    ReplicationHarness(long seed, InterestPolicy interest, int budget) {
        this.rnd = new Random(seed);
        this.interest = interest;
        this.replicator = new ClientReplicator(codec, state, interest, budget);
        for (int i = 0; i < RING; i++) {
            clientRing[i] = new Snapshot(SCHEMA, MAX_ENTITIES);
            clientSeq[i] = -1;
        }
        world.clear(0);
    }

    /** Random changes: moves, hp changes, creations and destructions; keeps ids ascending. */
    void mutate(int targetCount, float moveFraction) {
        next.clear(0);
        for (int i = 0; i < world.count(); i++) {
            if (rnd.nextInt(100) < 2) {
                continue; // destroyed
            }
            int d = next.add(world.entityId(i), world.typeId(i));
            copyFields(world, i, next, d);
            if (rnd.nextFloat() < moveFraction) {
                next.setFloat(d, 0, clamp(world.getFloat(i, 0) + (rnd.nextFloat() - 0.5f) * 8));
                next.setFloat(d, 1, clamp(world.getFloat(i, 1) + (rnd.nextFloat() - 0.5f) * 8));
                if (world.typeId(i) == 1) {
                    next.set(d, 2, rnd.nextInt(128));
                }
            }
        }
        while (next.count() < targetCount && nextId <= SCHEMA.maxEntityId()) {
            int type = 1 + rnd.nextInt(2);
            int d = next.add(nextId++, type);
            if (d < 0) {
                break;
            }
            next.setFloat(d, 0, rnd.nextFloat() * 200);
            next.setFloat(d, 1, rnd.nextFloat() * 200);
            if (type == 1) {
                next.set(d, 2, rnd.nextInt(128));
            } else {
                int len = rnd.nextInt(9);
                for (int k = 0; k < len; k++) {
                    label[k] = (byte) ('a' + rnd.nextInt(26));
                }
                next.setString(d, 2, label, 0, len);
            }
        }
        Snapshot t = world;
        world = next;
        next = t;
        for (int i = 0; i < world.count(); i++) {
            xs[i] = world.getFloat(i, 0);
            ys[i] = world.getFloat(i, 1);
        }
    }

    private static float clamp(float v) {
        return Math.max(0, Math.min(200, v));
    }

    private static void copyFields(Snapshot src, int i, Snapshot dst, int d) {
        dst.set(d, 0, src.get(i, 0));
        dst.set(d, 1, src.get(i, 1));
        if (src.typeId(i) == 1) {
            dst.set(d, 2, src.get(i, 2));
        } else {
            byte[] b = new byte[8];
            int len = src.getString(i, 2, b, 0);
            dst.setString(d, 2, b, 0, len);
        }
    }

    /** The world as this client may see it (interest-filtered), for comparison. */
    Snapshot filtered(float vx, float vy) {
        Snapshot f = new Snapshot(SCHEMA, MAX_ENTITIES);
        f.clear(0);
        for (int i = 0; i < world.count(); i++) {
            if (interest.relevance(vx, vy, world.entityId(i), xs[i], ys[i]) > 0) {
                copyFields(world, i, f, f.add(world.entityId(i), world.typeId(i)));
            }
        }
        return f;
    }

    /**
     * One snapshot: build and encode, send in packet {@code packetSequence} (maybe lost; bursts of
     * {@code burstLength} start with {@code burstChance}), decode on the client if received, and deliver
     * acks that are due. Returns the decoded snapshot, or null if the packet was lost.
     */
    Snapshot step(double burstChance, int burstLength, int ackDelayTicks) {
        tick++;
        // acks arriving this tick (sent by the client ackDelayTicks ago)
        while (!acksInFlight.isEmpty() && acksInFlight.peekFirst()[0] <= tick) {
            state.onPacketAcked((int) acksInFlight.pollFirst()[1]);
        }
        int len = replicator.buildAndEncode(world, xs, ys, packet, 0);
        if (len < 0) {
            throw new AssertionError("snapshot did not fit the budget at tick " + tick);
        }
        int pseq = packetSequence;
        packetSequence = (packetSequence + 1) & 0xFFFF;
        state.recordSent(replicator.lastSequence(), pseq);
        boolean drop;
        if (burstLeft > 0) {
            burstLeft--;
            drop = true;
        } else if (rnd.nextDouble() < burstChance) {
            burstLeft = burstLength - 1;
            drop = true;
        } else {
            drop = rnd.nextDouble() < loss;
        }
        if (drop) {
            lost++;
            return null;
        }
        received++;
        int base = clientCodec.peekBaselineSequence(packet, 0, len);
        Snapshot baseline = null;
        if (base >= 0) {
            int bslot = base % RING;
            if (clientSeq[bslot] != base) {
                throw new AssertionError("client lacks baseline " + base + " at tick " + tick);
            }
            baseline = clientRing[bslot];
        }
        int seq = replicator.lastSequence();
        int slot = seq % RING;
        if (clientRing[slot] == baseline) {
            throw new AssertionError("baseline slot reused");
        }
        SnapshotStatus st = clientCodec.decode(packet, 0, len, baseline, clientRing[slot]);
        if (st != SnapshotStatus.OK) {
            throw new AssertionError("decode " + st + " at tick " + tick);
        }
        clientSeq[slot] = seq;
        // the client's ack may be lost too
        if (rnd.nextDouble() >= loss) {
            acksInFlight.addLast(new long[] {tick + ackDelayTicks, pseq});
        }
        lastDecoded = clientRing[slot];
        return lastDecoded;
    }
}
