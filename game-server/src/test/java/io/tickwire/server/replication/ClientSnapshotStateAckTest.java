package io.tickwire.server.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Explicit snapshot acks (the client names the newest snapshot it decoded) choose the baseline; stale ones do not. */
class ClientSnapshotStateAckTest {

    @Test
    void theNewestAckedSnapshotStillInTheRingBecomesTheBaseline() {
        ClientSnapshotState s = new ClientSnapshotState(ReplicationHarness.SCHEMA, 8, 16);
        for (int i = 0; i < 5; i++) {
            s.begin(); // sequences 0..4
        }
        assertNull(s.baseline());
        s.onSnapshotAcked(3);
        assertEquals(3, s.baseline().sequence());
        assertTrue(s.isAcked(3));
        s.onSnapshotAcked(1); // older than the baseline: reordered ack, ignored for the baseline
        assertEquals(3, s.baseline().sequence());
        s.onSnapshotAcked(7); // never sent
        s.onSnapshotAcked(-1); // InputFrame.NO_ACK
        s.onSnapshotAcked(0x1_0003); // not a 16-bit sequence
        assertEquals(3, s.baseline().sequence());
        assertFalse(s.isAcked(7));
        for (int i = 0; i < 7; i++) {
            s.begin(); // sequences 5..11: 11 takes slot 3, evicting the baseline
        }
        assertNull(s.baseline(), "an evicted baseline is dropped: the next snapshot is a full state");
        s.onSnapshotAcked(3); // evicted: unknown now
        assertNull(s.baseline());
        s.onSnapshotAcked(10);
        assertEquals(10, s.baseline().sequence());
    }

    @Test
    void acksWorkAcrossTheSixteenBitWrap() {
        ClientSnapshotState s = new ClientSnapshotState(ReplicationHarness.SCHEMA, 4, 4);
        for (int i = 0; i < 0xFFFF; i++) {
            s.begin();
        }
        s.begin(); // 0xFFFF
        s.begin(); // 0
        s.onSnapshotAcked(0xFFFF);
        assertEquals(0xFFFF, s.baseline().sequence());
        s.onSnapshotAcked(0);
        assertEquals(0, s.baseline().sequence(), "0 follows 0xFFFF");
        s.onSnapshotAcked(0xFFFF);
        assertEquals(0, s.baseline().sequence());
    }
}
