package io.tickwire.net.protocol;

import java.util.Random;

/**
 * One direction of an in-memory link for tests, seeded: each packet offered is dropped with
 * probability {@code loss}, else delivered after {@code latency} plus a uniform random
 * {@code 0..jitter}, and with probability {@code duplicate} delivered a second time (with its own
 * delay). With zero jitter packets arrive in the order offered; with jitter they may be reordered.
 * Packets are copied into buffers that are recycled, so steady-state pumping allocates nothing.
 * Public so that other test packages (the network simulator's) can reuse it. Single-threaded.
 */
public final class LossyPipe {

    private final Random random;
    private final int maxPacketSize;
    private final byte[][] slots;
    private final int[] lengths;
    private final long[] due;
    private final long[] order;
    private final byte[][] spare;
    private int spareCount;
    private int count;
    private long offeredOrder;
    private double loss;
    private double duplicate;
    private long latencyNanos;
    private long jitterNanos;

    /** Packets offered. */
    public long offered;
    /** Packets lost on purpose. */
    public long dropped;
    /** Extra copies queued. */
    public long duplicated;
    /** Packets lost because all {@code capacity} slots were in flight. */
    public long overflowed;
    /** Packets handed out by {@link #poll}. */
    public long delivered;

    /** A pipe holding at most {@code capacity} packets of up to {@code maxPacketSize} bytes in flight. */
    public LossyPipe(long seed, double loss, long latencyNanos, int capacity, int maxPacketSize) {
        this.random = new Random(seed);
        this.loss = loss;
        this.latencyNanos = latencyNanos;
        this.maxPacketSize = maxPacketSize;
        this.slots = new byte[capacity][];
        this.lengths = new int[capacity];
        this.due = new long[capacity];
        this.order = new long[capacity];
        this.spare = new byte[capacity][];
    }

    /** Changes the loss probability (0..1) for packets offered from now on. */
    public void setLoss(double loss) {
        this.loss = loss;
    }

    /** Changes the one-way latency for packets offered from now on. */
    public void setLatencyNanos(long latencyNanos) {
        this.latencyNanos = latencyNanos;
    }

    /** Adds a uniform random extra delay of up to {@code jitterNanos} (reorders packets). */
    public void setJitterNanos(long jitterNanos) {
        this.jitterNanos = jitterNanos;
    }

    /** Probability (0..1) that a delivered packet is delivered twice. */
    public void setDuplicate(double duplicate) {
        this.duplicate = duplicate;
    }

    /** Accepts one packet at {@code nowNanos}: lost, or queued for delivery (maybe twice). */
    public void offer(byte[] buf, int off, int len, long nowNanos) {
        offered++;
        if (loss > 0 && random.nextDouble() < loss) {
            dropped++;
            return;
        }
        enqueue(buf, off, len, nowNanos);
        if (duplicate > 0 && random.nextDouble() < duplicate) {
            duplicated++;
            enqueue(buf, off, len, nowNanos);
        }
    }

    private void enqueue(byte[] buf, int off, int len, long nowNanos) {
        if (count == slots.length) {
            overflowed++;
            return;
        }
        // Buffers circulate between the slots and a spare stack: new ones are made only when more
        // packets are in flight than ever before.
        byte[] b = spareCount > 0 ? spare[--spareCount] : new byte[maxPacketSize];
        System.arraycopy(buf, off, b, 0, len);
        slots[count] = b;
        lengths[count] = len;
        long extra = jitterNanos > 0 ? (long) (random.nextDouble() * jitterNanos) : 0;
        due[count] = nowNanos + latencyNanos + extra;
        order[count] = offeredOrder++;
        count++;
    }

    /** Copies the earliest packet due at {@code nowNanos} into {@code out}; -1 when none is due. */
    public int poll(byte[] out, long nowNanos) {
        int best = -1;
        for (int i = 0; i < count; i++) {
            if (due[i] <= nowNanos && (best < 0 || due[i] < due[best] || (due[i] == due[best] && order[i] < order[best]))) {
                best = i;
            }
        }
        if (best < 0) {
            return -1;
        }
        int len = lengths[best];
        System.arraycopy(slots[best], 0, out, 0, len);
        spare[spareCount++] = slots[best];
        int last = count - 1;
        slots[best] = slots[last];
        lengths[best] = lengths[last];
        due[best] = due[last];
        order[best] = order[last];
        slots[last] = null;
        count--;
        delivered++;
        return len;
    }

    /** Packets in flight. */
    public int inFlight() {
        return count;
    }
}
