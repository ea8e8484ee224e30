package io.tickwire.net.protocol;

import java.util.Random;

/**
 * One direction of an in-memory link for tests: each packet offered is dropped with probability
 * {@code loss} (seeded) or else delivered {@code latencyNanos} later, in order. Packets are copied
 * into buffers that are recycled, so that steady-state pumping allocates nothing.
 */
final class LossyPipe {

    private final Random random;
    private final byte[][] slots;
    private final int maxPacketSize;
    private final byte[][] spare;
    private int spareCount;
    private final int[] lengths;
    private final long[] due;
    private int head;
    private int count;
    private double loss;
    private long latencyNanos;

    long offered;
    long dropped;
    long overflowed;
    long delivered;

    LossyPipe(long seed, double loss, long latencyNanos, int capacity, int maxPacketSize) {
        this.random = new Random(seed);
        this.loss = loss;
        this.latencyNanos = latencyNanos;
        this.slots = new byte[capacity][];
        this.maxPacketSize = maxPacketSize;
        this.spare = new byte[capacity][];
        this.lengths = new int[capacity];
        this.due = new long[capacity];
    }

    /** Changes the loss probability (0..1) for packets offered from now on. */
    void setLoss(double loss) {
        this.loss = loss;
    }

    /** Changes the one-way latency for packets offered from now on. */
    void setLatencyNanos(long latencyNanos) {
        this.latencyNanos = latencyNanos;
    }

    /** Accepts one packet at {@code nowNanos}; it is lost, or queued for delivery after the latency. */
    void offer(byte[] buf, int off, int len, long nowNanos) {
        offered++;
        if (loss > 0 && random.nextDouble() < loss) {
            dropped++;
            return;
        }
        if (count == slots.length) {
            overflowed++;
            return;
        }
        int tail = (head + count) % slots.length;
        // Packet buffers circulate between the ring and a spare stack: new ones are made only when
        // more packets are in flight than ever before.
        slots[tail] = spareCount > 0 ? spare[--spareCount] : new byte[maxPacketSize];
        System.arraycopy(buf, off, slots[tail], 0, len);
        lengths[tail] = len;
        due[tail] = nowNanos + latencyNanos;
        count++;
    }

    /** Copies the next packet that is due at {@code nowNanos} into {@code out}; -1 when none is due. */
    int poll(byte[] out, long nowNanos) {
        if (count == 0 || due[head] > nowNanos) {
            return -1;
        }
        int len = lengths[head];
        System.arraycopy(slots[head], 0, out, 0, len);
        spare[spareCount++] = slots[head];
        slots[head] = null;
        head = (head + 1) % slots.length;
        count--;
        delivered++;
        return len;
    }

    /** Packets in flight. */
    int inFlight() {
        return count;
    }
}
