package io.tickwire.server.replication;

import io.tickwire.net.protocol.PacketAckListener;
import io.tickwire.net.replication.ReplicationSchema;
import io.tickwire.net.replication.Snapshot;
import java.util.Arrays;

/**
 * One client's snapshot history on the server: a ring of the recent snapshots sent to it (pooled
 * {@link Snapshot} objects, slot = sequence modulo ring size) and the baseline: the newest snapshot
 * the client is known to hold. With no acknowledged snapshot still in the ring, {@link #baseline()}
 * is null and the next snapshot is a full state. Owned by the tick thread; nothing allocates after
 * construction.
 *
 * <p>Two ways to learn what the client holds:
 * <ul>
 *   <li>Explicit acks, {@link #onSnapshotAcked}: the client names the newest snapshot sequence it
 *       decoded in every input frame (the game path; Quake III's client acknowledges the message
 *       number in its move command the same way). Once snapshots, inputs, events and acks share
 *       packets on several channels, "which packet carried which snapshot" stops being a clean
 *       question (a snapshot could be fragmented, resent with others, or packed beside reliable
 *       data), while the client's own statement "I decoded sequence n" is exact and costs 2 bytes.</li>
 *   <li>Packet acks, {@link #onPacketAcked} (installed as the connection's {@link PacketAckListener})
 *       after {@link #recordSent}: for a connection whose snapshot channel carries one unfragmented
 *       snapshot per packet and nothing else decides the baseline.</li>
 * </ul>
 * Either way an acknowledged snapshot becomes the baseline only if it is still in the ring and newer
 * than the current baseline; unknown, evicted and older sequences are ignored.
 */
public final class ClientSnapshotState implements PacketAckListener {
    private static final int NONE = -1;
    private final Snapshot[] ring;
    private final int[] snapshotSeq;
    private final int[] packetSeq;
    private final boolean[] acked;
    private int nextSequence;
    private int baselineSlot = NONE;

    /** A history of {@code ringSize} (a power of two, 2 to 32768, so slots stay in order across the 16-bit wrap) snapshots of up to {@code entityCapacity} entities each. */
    public ClientSnapshotState(ReplicationSchema schema, int ringSize, int entityCapacity) {
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1 || ringSize > 0x8000) {
            throw new IllegalArgumentException("ringSize must be a power of two in [2, 32768]: " + ringSize);
        }
        ring = new Snapshot[ringSize];
        for (int i = 0; i < ringSize; i++) {
            ring[i] = new Snapshot(schema, entityCapacity);
        }
        snapshotSeq = new int[ringSize];
        packetSeq = new int[ringSize];
        acked = new boolean[ringSize];
        Arrays.fill(snapshotSeq, NONE);
        Arrays.fill(packetSeq, NONE);
    }

    /** The schema of every snapshot in the ring. */
    public ReplicationSchema schema() {
        return ring[0].schema();
    }

    /** Snapshots the ring holds. */
    public int ringSize() {
        return ring.length;
    }

    /** Sequence the next {@link #begin()} will use (16 bits). */
    public int nextSequence() {
        return nextSequence;
    }

    /**
     * Takes the ring slot for the next snapshot, cleared and named with the next sequence; the
     * snapshot it replaces leaves the history (and stops being the baseline). Owned by this state:
     * fill it, encode it, then {@link #recordSent}.
     */
    public Snapshot begin() {
        int seq = nextSequence;
        nextSequence = (seq + 1) & 0xFFFF;
        int slot = seq % ring.length;
        if (slot == baselineSlot) {
            baselineSlot = NONE;
        }
        snapshotSeq[slot] = seq;
        packetSeq[slot] = NONE;
        acked[slot] = false;
        ring[slot].clear(seq);
        return ring[slot];
    }

    /** Records that the packet with 16-bit sequence {@code packetSequence} carried snapshot {@code snapshotSequence}. */
    public void recordSent(int snapshotSequence, int packetSequence) {
        int slot = slotOf(snapshotSequence);
        if (slot != NONE) {
            packetSeq[slot] = packetSequence & 0xFFFF;
        }
    }

    /** Called on the thread that calls the connection's receivePacket: marks the snapshot that packet carried as acknowledged. */
    @Override
    public void onPacketAcked(int sequence) {
        for (int slot = 0; slot < ring.length; slot++) {
            if (packetSeq[slot] == sequence && snapshotSeq[slot] != NONE && !acked[slot]) {
                acked[slot] = true;
                if (baselineSlot == NONE || newer(snapshotSeq[slot], snapshotSeq[baselineSlot])) {
                    baselineSlot = slot;
                }
            }
        }
    }

    /**
     * The client says it decoded snapshot {@code snapshotSequence} (16 bits; negative = no ack): it
     * becomes the baseline if it is still in the ring and newer than the current baseline;
     * unknown, evicted or older sequences are ignored.
     */
    public void onSnapshotAcked(int snapshotSequence) {
        if (snapshotSequence < 0 || snapshotSequence > 0xFFFF) {
            return;
        }
        int slot = slotOf(snapshotSequence);
        if (slot == NONE) {
            return;
        }
        acked[slot] = true;
        if (baselineSlot == NONE || newer(snapshotSeq[slot], snapshotSeq[baselineSlot])) {
            baselineSlot = slot;
        }
    }

    /** The newest acknowledged snapshot still in the ring, or null (send a full state). */
    public Snapshot baseline() {
        return baselineSlot == NONE ? null : ring[baselineSlot];
    }

    /** The snapshot with {@code snapshotSequence} if still held, else null. */
    public Snapshot get(int snapshotSequence) {
        int slot = slotOf(snapshotSequence);
        return slot == NONE ? null : ring[slot];
    }

    /** True if snapshot {@code snapshotSequence} is held and its packet was acknowledged. */
    public boolean isAcked(int snapshotSequence) {
        int slot = slotOf(snapshotSequence);
        return slot != NONE && acked[slot];
    }

    private int slotOf(int snapshotSequence) {
        int s = snapshotSequence & 0xFFFF;
        int slot = s % ring.length;
        return snapshotSeq[slot] == s ? slot : NONE;
    }

    // Sequences wrap at 2^16; a is newer than b if it is ahead by less than half the space.
    private static boolean newer(int a, int b) {
        int d = (a - b) & 0xFFFF;
        return d != 0 && d < 0x8000;
    }
}
