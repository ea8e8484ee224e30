package io.tickwire.client;

/**
 * The client's recent inputs by tick, for sending with redundancy and for replay during reconciliation.
 *
 * <p>Each input is an opaque byte record of at most {@code maxInputBytes}, stamped with the client tick it
 * belongs to (ticks increase; gaps are allowed, e.g. after the clock snaps forward). The server's
 * acknowledgement ("processed up to tick T") is tracked; inputs after it are the ones to resend and replay.
 *
 * <p>Iteration allocates nothing: {@code for (long t = h.nextTick(h.ackedTick()); t >= 0; t = h.nextTick(t))}
 * visits every retained unacknowledged tick in order, and {@link #copy} copies a record into a buffer the
 * caller owns. Not thread-safe: owned by the thread that runs the client's tick.
 */
public final class InputHistory {
    private final int capacity;
    private final int maxInputBytes;
    private final long[] ticks;
    private final int[] lengths;
    private final byte[] data;

    private long newest = -1;
    private long acked = -1;
    private long evictedUnacked;
    private long refused;

    /** Creates a ring of {@code capacity} inputs of up to {@code maxInputBytes} each. */
    public InputHistory(int capacity, int maxInputBytes) {
        if (capacity < 1) {
            throw new IllegalArgumentException("InputHistory capacity must be at least 1, was " + capacity);
        }
        if (maxInputBytes < 1) {
            throw new IllegalArgumentException("InputHistory maxInputBytes must be at least 1, was " + maxInputBytes);
        }
        this.capacity = capacity;
        this.maxInputBytes = maxInputBytes;
        ticks = new long[capacity];
        java.util.Arrays.fill(ticks, -1L);
        lengths = new int[capacity];
        data = new byte[capacity * maxInputBytes];
    }

    /** Records the input for {@code tick}, copying {@code len} bytes from {@code src} at {@code off}. */
    public InputStatus record(long tick, byte[] src, int off, int len) {
        if (tick < 0) {
            refused++;
            return InputStatus.BAD_TICK;
        }
        if (tick <= newest) {
            refused++;
            return InputStatus.NOT_NEWER;
        }
        if (len > maxInputBytes) {
            refused++;
            return InputStatus.TOO_LARGE;
        }
        if (src == null || off < 0 || len < 0 || off > src.length - len) {
            refused++;
            return InputStatus.BAD_RANGE;
        }
        // Recording tick retires every tick <= tick - capacity; losing one is a problem only while unacknowledged.
        boolean lostUnacked = false;
        long lastRetired = Math.min(newest, tick - capacity);
        for (long t = Math.max(acked + 1, Math.max(0, newest - capacity + 1)); t <= lastRetired; t++) {
            if (ticks[slot(t)] == t) {
                lostUnacked = true;
                break;
            }
        }
        int slot = slot(tick);
        ticks[slot] = tick;
        lengths[slot] = len;
        System.arraycopy(src, off, data, slot * maxInputBytes, len);
        newest = tick;
        if (lostUnacked) {
            evictedUnacked++;
            return InputStatus.OK_EVICTED_UNACKED;
        }
        return InputStatus.OK;
    }

    /** Records that the server has processed every input up to and including {@code tick}; older acks are ignored. */
    public void acknowledge(long tick) {
        if (tick > acked) {
            acked = Math.min(tick, newest);
        }
    }

    /** Whether the input for {@code tick} is retained. */
    public boolean contains(long tick) {
        return tick >= 0 && tick <= newest && tick > newest - capacity && ticks[slot(tick)] == tick;
    }

    /** Length of the input for {@code tick}, or -1 when it is not retained. */
    public int length(long tick) {
        return contains(tick) ? lengths[slot(tick)] : -1;
    }

    /** Copies the input for {@code tick} into {@code dst} at {@code off}; returns its length, or -1 when not retained. */
    public int copy(long tick, byte[] dst, int off) {
        if (!contains(tick)) {
            return -1;
        }
        int slot = slot(tick);
        int len = lengths[slot];
        System.arraycopy(data, slot * maxInputBytes, dst, off, len);
        return len;
    }

    /** The next retained tick after {@code afterTick}, or -1 when there is none; use it to iterate without allocating. */
    public long nextTick(long afterTick) {
        long t = Math.max(afterTick + 1, Math.max(0, newest - capacity + 1));
        for (; t <= newest; t++) {
            if (ticks[slot(t)] == t) {
                return t;
            }
        }
        return -1;
    }

    /**
     * First tick to put in an outgoing packet carrying the last {@code n} inputs: the newest {@code n} ticks,
     * minus those already acknowledged; iterate from {@code nextTick(result - 1)}. Returns -1 when nothing is left to send.
     */
    public long redundancyFirstTick(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("redundancy count must be at least 1, was " + n);
        }
        long first = Math.max(newest - n + 1, acked + 1);
        return nextTick(first - 1);
    }

    /** Newest recorded tick, or -1. */
    public long newestTick() {
        return newest;
    }

    /** Newest acknowledged tick, or -1. */
    public long ackedTick() {
        return acked;
    }

    /** Unacknowledged inputs lost to ring overflow so far. */
    public long evictedUnackedCount() {
        return evictedUnacked;
    }

    /** Records refused so far. */
    public long refusedCount() {
        return refused;
    }

    /** Ring capacity in inputs. */
    public int capacity() {
        return capacity;
    }

    /** Byte limit per input. */
    public int maxInputBytes() {
        return maxInputBytes;
    }

    private int slot(long tick) {
        return (int) (tick % capacity);
    }
}
