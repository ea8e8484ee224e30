package io.tickwire.net.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SnapshotCodecRoundTripTest {
    static final int CAPACITY = 200;
    static final int RING = 64;

    static ReplicationSchema schema() {
        return ReplicationSchema.builder()
                .entityIdBits(16)
                .type(1, "cube",
                        FieldSpec.quantizedFloat("x", -256, 256, 0.01f),
                        FieldSpec.quantizedFloat("y", -256, 256, 0.01f),
                        FieldSpec.angle("yaw", 10),
                        FieldSpec.bool("moving"),
                        FieldSpec.enumeration("state", 5))
                .type(2, "player",
                        FieldSpec.sint("hp", 10),
                        FieldSpec.uint("ammo", 7),
                        FieldSpec.string("name", 12),
                        FieldSpec.quantizedFloat("speed", 0, 10, 0.5f))
                .type(5, "flag",
                        FieldSpec.bool("held"),
                        FieldSpec.uint("big", 31),
                        FieldSpec.sint("full", 32))
                .build();
    }

    static void randomizeField(SplittableRandom rnd, Snapshot s, int i, int f) {
        FieldSpec spec = s.schema().type(s.typeId(i)).field(f);
        if (spec.kind() == FieldKind.STRING) {
            int len = rnd.nextInt(spec.maxLength() + 1);
            byte[] b = new byte[len];
            rnd.nextBytes(b);
            assertTrue(s.setString(i, f, b, 0, len));
        } else {
            long lo = spec.minQuantized();
            long hi = spec.maxQuantized();
            int q = (int) (lo + rnd.nextLong(hi - lo + 1));
            assertTrue(s.set(i, f, q));
        }
    }

    static void addRandom(SplittableRandom rnd, Snapshot s, int id) {
        int[] typeIds = {1, 2, 5};
        int type = typeIds[rnd.nextInt(3)];
        int i = s.add(id, type);
        assertTrue(i >= 0, "add " + id + " -> " + i);
        EntityType t = s.schema().type(type);
        for (int f = 0; f < t.fieldCount(); f++) {
            if (rnd.nextInt(3) > 0) {
                randomizeField(rnd, s, i, f);
            }
        }
    }

    /** Next world from prev: destroy, re-create with other types, change fields, create new ids. */
    static void evolve(SplittableRandom rnd, Snapshot prev, Snapshot next, int seq) {
        next.clear(seq);
        double destroy = rnd.nextDouble() * 0.1;
        double change = rnd.nextDouble();
        // A sparse world gets many new entities; a populated one a few per tick.
        int targetNew = prev.count() < 20 ? rnd.nextInt(20, 120) : rnd.nextInt(0, 6);
        int created = 0;
        int maxId = next.schema().maxEntityId();
        int p = 0;
        int id = 0;
        // Walk ids upwards, merging survivors of prev with new ids in gaps.
        while (true) {
            int prevId = p < prev.count() ? prev.entityId(p) : Integer.MAX_VALUE;
            boolean wantCreate = created < targetNew && (p >= prev.count() || rnd.nextInt(3) == 0);
            if (wantCreate && next.count() < CAPACITY - 1) {
                int gap = rnd.nextInt(8) == 0 ? rnd.nextInt(2000) : rnd.nextInt(3);
                int candidate = id + gap;
                if (candidate < prevId && candidate <= maxId) {
                    addRandom(rnd, next, candidate);
                    created++;
                    id = candidate + 1;
                    continue;
                }
            }
            if (p >= prev.count()) {
                break;
            }
            int pid = prev.entityId(p);
            if (rnd.nextDouble() < destroy || next.count() >= CAPACITY) {
                // destroyed
            } else if (rnd.nextDouble() < 0.02) {
                addRandom(rnd, next, pid); // re-created, possibly with another type
            } else {
                int i = next.add(pid, prev.typeId(p));
                EntityType t = next.schema().type(prev.typeId(p));
                byte[] tmp = new byte[16];
                for (int f = 0; f < t.fieldCount(); f++) {
                    if (t.field(f).kind() == FieldKind.STRING) {
                        int len = prev.getString(p, f, tmp, 0);
                        next.setString(i, f, tmp, 0, len);
                    } else {
                        next.set(i, f, prev.get(p, f));
                    }
                    if (rnd.nextDouble() < change * 0.3) {
                        // Half the changes are nudges, which travel as differences from the baseline: some
                        // small, some of any width up to 2^30 (every Rice quotient and the escape), and
                        // angles wrap round (0 <-> 2^bits - 1 is a difference of one).
                        FieldSpec spec = t.field(f);
                        int reach = rnd.nextBoolean() ? 40 : 1 << rnd.nextInt(31);
                        long moved = (long) next.get(i, f) + rnd.nextInt(-reach, reach + 1);
                        if (spec.kind() == FieldKind.ANGLE) {
                            moved &= (1L << spec.bits()) - 1;
                        }
                        boolean nudged = spec.kind() != FieldKind.STRING && rnd.nextBoolean()
                                && next.set(i, f, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, moved)));
                        if (!nudged) {
                            randomizeField(rnd, next, i, f);
                        }
                    }
                }
            }
            id = pid + 1;
            p++;
        }
    }

    @Test
    void randomWorldsWithLossBurstsDecodeToExactlyTheServerState() {
        ReplicationSchema schema = schema();
        SnapshotCodec server = new SnapshotCodec(schema, CAPACITY, 16384);
        SnapshotCodec client = new SnapshotCodec(schema, CAPACITY, 16384);
        byte[] packet = new byte[16384];
        int cases = 0;
        int deltas = 0;
        long entitiesChecked = 0;
        for (int seed = 0; seed < 40; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed * 7919L + 1);
            Snapshot[] serverRing = new Snapshot[RING];
            Snapshot[] clientRing = new Snapshot[RING];
            for (int k = 0; k < RING; k++) {
                serverRing[k] = new Snapshot(schema, CAPACITY);
                clientRing[k] = new Snapshot(schema, CAPACITY);
            }
            Snapshot decoded = new Snapshot(schema, CAPACITY);
            Snapshot empty = new Snapshot(schema, CAPACITY);
            empty.clear(0);
            int acked = -1; // newest sequence the client has and the server knows it has
            int burst = 0;
            int startSeq = rnd.nextInt(65536); // exercises 16-bit wrap
            for (int tick = 0; tick < 120; tick++) {
                int seq = (startSeq + tick) & 0xFFFF;
                Snapshot cur = serverRing[tick % RING];
                evolve(rnd, tick == 0 ? empty : serverRing[(tick - 1) % RING], cur, seq);
                // Baselines older than the ring fall back to full state, as a server would.
                Snapshot base = acked >= 0 && tick - acked < RING ? serverRing[acked % RING] : null;
                assertEquals(SnapshotStatus.OK, server.encode(cur, base, packet, 3), "seed " + seed + " tick " + tick);
                cases++;
                if (burst > 0) {
                    burst--;
                    continue;
                }
                if (rnd.nextInt(20) == 0) {
                    burst = rnd.nextInt(1, 40); // long loss burst: later deltas go against old baselines
                    continue;
                }
                int len = server.encodedBytes();
                int named = client.peekBaselineSequence(packet, 3, len);
                Snapshot clientBase = named < 0 ? null : clientRing[acked % RING];
                if (named >= 0) {
                    assertEquals(clientBase.sequence(), named);
                    deltas++;
                }
                assertEquals(SnapshotStatus.OK, client.decode(packet, 3, len, clientBase, decoded),
                        "seed " + seed + " tick " + tick);
                assertTrue(decoded.sameState(cur), "seed " + seed + " tick " + tick);
                entitiesChecked += decoded.count();
                assertEquals(seq, decoded.sequence());
                clientRing[tick % RING].copyFrom(decoded);
                if (rnd.nextInt(4) > 0) {
                    acked = tick; // the ack may itself be lost
                }
            }
        }
        assertTrue(cases >= 4000, "cases " + cases);
        assertTrue(entitiesChecked > 100_000, "worlds are populated: " + entitiesChecked + " entities compared");
        assertTrue(deltas > 2000, "deltas decoded against a baseline: " + deltas);
    }

    @Test
    void wrongBaselineIsRefusedNotMisapplied() {
        ReplicationSchema schema = schema();
        SnapshotCodec codec = new SnapshotCodec(schema, CAPACITY, 16384);
        SplittableRandom rnd = new SplittableRandom(5);
        Snapshot a = new Snapshot(schema, CAPACITY);
        Snapshot b = new Snapshot(schema, CAPACITY);
        Snapshot out = new Snapshot(schema, CAPACITY);
        Snapshot empty = new Snapshot(schema, CAPACITY);
        evolve(rnd, empty, a, 10);
        evolve(rnd, a, b, 11);
        byte[] buf = new byte[16384];
        assertEquals(SnapshotStatus.OK, codec.encode(b, a, buf, 0));
        assertEquals(SnapshotStatus.BASELINE_MISMATCH, codec.decode(buf, 0, codec.encodedBytes(), b, out));
        assertEquals(SnapshotStatus.BASELINE_MISMATCH, codec.decode(buf, 0, codec.encodedBytes(), null, out));
        assertEquals(0, out.count());
        int before = a.count();
        assertEquals(SnapshotStatus.SCHEMA_MISMATCH, codec.decode(buf, 0, codec.encodedBytes(), a, a));
        assertEquals(before, a.count(), "the baseline survives a refused in-place decode");
        assertEquals(SnapshotStatus.OK, codec.decode(buf, 0, codec.encodedBytes(), a, out));
        assertTrue(out.sameState(b));
    }

    @Test
    void limitsAreEnforcedOnBothSides() {
        ReplicationSchema schema = schema();
        Snapshot world = new Snapshot(schema, CAPACITY);
        evolve(new SplittableRandom(9), new Snapshot(schema, CAPACITY), world, 1);
        while (world.count() < 50) {
            addRandom(new SplittableRandom(world.count()), world, 60000 + world.count());
        }
        byte[] buf = new byte[16384];
        assertEquals(SnapshotStatus.TOO_MANY_ENTITIES, new SnapshotCodec(schema, 10, 16384).encode(world, null, buf, 0));
        assertEquals(SnapshotStatus.TOO_LARGE, new SnapshotCodec(schema, CAPACITY, 40).encode(world, null, buf, 0));
        SnapshotCodec big = new SnapshotCodec(schema, CAPACITY, 16384);
        assertEquals(SnapshotStatus.OK, big.encode(world, null, buf, 0));
        Snapshot out = new Snapshot(schema, CAPACITY);
        assertEquals(SnapshotStatus.TOO_MANY_ENTITIES,
                new SnapshotCodec(schema, 10, 16384).decode(buf, 0, big.encodedBytes(), null, out));
        assertEquals(SnapshotStatus.TOO_MANY_ENTITIES,
                big.decode(buf, 0, big.encodedBytes(), null, new Snapshot(schema, 10)));
        assertNotEquals(0, big.encodedBytes());
    }
}
