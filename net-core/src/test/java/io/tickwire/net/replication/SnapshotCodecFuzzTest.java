package io.tickwire.net.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.SplittableRandom;

/**
 * Coverage-guided fuzzing of what a client does with a snapshot packet: {@link SnapshotFrame#read},
 * {@link SnapshotCodec#peekBaselineSequence} and {@link SnapshotCodec#decode} against a baseline.
 * Kept inputs: {@code SnapshotCodecFuzzTestInputs/}; fuzzing mode: net-core/README.md.
 */
class SnapshotCodecFuzzTest {

    private static final int CAPACITY = SnapshotCodecRoundTripTest.CAPACITY;
    private static final int MAX_BYTES = 4096;

    /**
     * Input: one byte picking a baseline (none, or one of a few seeded random states), then the
     * datagram payload. A decoded snapshot must hold only in-range values in ascending id order, and
     * encoding it again against the same baseline must decode to the same state (round trip).
     */
    @FuzzTest
    void decode(FuzzedDataProvider data) {
        ReplicationSchema schema = SnapshotCodecRoundTripTest.schema();
        SnapshotCodec codec = new SnapshotCodec(schema, CAPACITY, MAX_BYTES);
        int pick = data.consumeInt(0, 4);
        Snapshot baseline = null;
        if (pick > 0) {
            SplittableRandom rnd = new SplittableRandom(pick);
            Snapshot empty = new Snapshot(schema, CAPACITY);
            baseline = new Snapshot(schema, CAPACITY);
            SnapshotCodecRoundTripTest.evolve(rnd, empty, baseline, pick);
        }
        byte[] packet = data.consumeRemainingAsBytes();
        SnapshotFrame frame = new SnapshotFrame();
        int off = 0;
        int len = packet.length;
        if (frame.read(packet, 0, packet.length)) {
            assertTrue(frame.payloadOffset() >= SnapshotFrame.HEADER_BYTES);
            assertTrue(frame.payloadOffset() + frame.payloadLength() <= packet.length, "payload inside the packet");
            assertTrue(frame.bufferedInputs() >= 0);
            off = frame.payloadOffset();
            len = frame.payloadLength();
        }
        int named = codec.peekBaselineSequence(packet, off, len);
        assertTrue(named >= -2 && named <= 0xFFFF, "baseline sequence " + named);
        Snapshot out = new Snapshot(schema, CAPACITY);
        SnapshotStatus status = codec.decode(packet, off, len, baseline, out);
        assertNotNull(status);
        if (status != SnapshotStatus.OK) {
            assertEquals(0, out.count(), "a refused snapshot leaves nothing readable");
            return;
        }
        assertTrue(len <= MAX_BYTES);
        assertTrue(out.count() <= CAPACITY);
        for (int i = 0; i < out.count(); i++) {
            EntityType t = schema.type(out.typeId(i));
            assertNotNull(t, "type " + out.typeId(i));
            if (i > 0) {
                assertTrue(out.entityId(i) > out.entityId(i - 1), "ids ascend");
            }
            for (int f = 0; f < t.fieldCount(); f++) {
                FieldSpec spec = t.field(f);
                int v = out.get(i, f);
                assertTrue(spec.kind() == FieldKind.STRING ? v >= 0 && v <= spec.maxLength() : spec.isValid(v),
                        spec.name() + "=" + v);
            }
        }
        byte[] again = new byte[MAX_BYTES];
        assertEquals(SnapshotStatus.OK, codec.encode(out, baseline, again, 0), "a decoded snapshot encodes");
        Snapshot back = new Snapshot(schema, CAPACITY);
        assertEquals(SnapshotStatus.OK, codec.decode(again, 0, codec.encodedBytes(), baseline, back));
        assertTrue(back.sameState(out), "decode(encode(decoded)) is the decoded state");
    }
}
