package io.tickwire.net.protocol;

import java.util.Arrays;

/**
 * Maps the most recent {@code size} 16-bit sequence numbers to slot indexes, so that per-packet data
 * can live in plain parallel arrays owned by the caller. Inserting a newer sequence forgets the
 * sequences it skipped over and everything that falls out of the window.
 */
final class SequenceBuffer {

    private static final int EMPTY = -1;

    private final int[] sequences;
    private final int mask;
    private boolean any;
    private int newest;

    /** {@code size} must be a power of two that divides 65536, so slots never alias across wraparound. */
    SequenceBuffer(int size) {
        if (size <= 0 || Integer.bitCount(size) != 1 || size > Sequence16.HALF) {
            throw new IllegalArgumentException("sequence buffer size must be a power of two <= 32768: " + size);
        }
        sequences = new int[size];
        mask = size - 1;
        Arrays.fill(sequences, EMPTY);
    }

    /** Whether {@code seq} is too old to be held (more than {@code size - 1} behind the newest). */
    boolean isStale(int seq) {
        return any && !Sequence16.greaterThan(seq, newest) && Sequence16.distance(newest, seq) > mask;
    }

    /** Stores {@code seq} and returns its slot, or -1 when it is stale. */
    int insert(int seq) {
        if (!any) {
            any = true;
            newest = seq;
        } else if (Sequence16.greaterThan(seq, newest)) {
            int gap = Sequence16.distance(seq, newest);
            if (gap > mask) {
                Arrays.fill(sequences, EMPTY);
            } else {
                for (int s = Sequence16.add(newest, 1); s != seq; s = Sequence16.add(s, 1)) {
                    sequences[s & mask] = EMPTY;
                }
            }
            newest = seq;
        } else if (isStale(seq)) {
            return -1;
        }
        int slot = seq & mask;
        sequences[slot] = seq;
        return slot;
    }

    /** The slot holding {@code seq}, or -1 when it is not held. */
    int find(int seq) {
        int slot = seq & mask;
        return sequences[slot] == seq ? slot : -1;
    }

    /** Whether any sequence was ever inserted. */
    boolean hasAny() {
        return any;
    }

    /** The newest sequence inserted; meaningless before the first insert. */
    int newest() {
        return newest;
    }

    /** Number of slots. */
    int size() {
        return mask + 1;
    }
}
