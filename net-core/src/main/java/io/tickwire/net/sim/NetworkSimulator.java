package io.tickwire.net.sim;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded, deterministic model of one direction of a network path: datagrams go in with
 * {@link #submit} and come out of {@link #poll} once their delivery time has come, delayed, lost,
 * duplicated, reordered and rate-limited as the current {@link NetworkConditions} say.
 *
 * <p>Time is a parameter: the same seed, conditions and calls (with the same {@code nowNanos})
 * give the same deliveries. Ordering: without reordering, datagrams leave in the order they went
 * in (jitter bunches them but never lets one overtake another, as on most real paths); a datagram
 * drawn for reordering gets an extra delay and is exempt from that rule, so it may be overtaken.
 * Duplicates are scheduled independently (their own jitter, their own share of the bandwidth).
 * The bandwidth cap models a bottleneck link with a queue: each datagram occupies the link for
 * {@code len / bytesPerSecond} and leaves it when fully sent; one that would queue longer than
 * {@link NetworkConditions#bandwidthQueueNanos()} is dropped.
 *
 * <p>Threads: one thread owns a simulator and calls {@link #submit}, {@link #poll} and the other
 * methods; only {@link #setConditions} may be called from any thread (the conditions live in a
 * volatile field that each call reads once). Counters are plain fields: read them on the owning
 * thread, or accept slightly stale values elsewhere.
 *
 * <p>Memory: all slots are allocated up front ({@code capacity} arrays of {@code maxDatagramSize}
 * bytes) and the delivery queue is a binary min-heap of slot indices in int/long arrays, so
 * submit and poll allocate nothing. The simulator owns its slot arrays; bytes are copied in on
 * submit and copied out on poll, so callers keep ownership of their buffers.
 */
public final class NetworkSimulator {

    /** Largest accepted {@code capacity} (datagrams in flight). */
    public static final int MAX_CAPACITY = 1 << 20;

    /** Largest accepted {@code maxDatagramSize}, the largest UDP payload. */
    public static final int MAX_DATAGRAM_SIZE_LIMIT = 65_507;

    /** Largest accepted preallocation, {@code capacity * maxDatagramSize} bytes (256 MiB). */
    public static final long MAX_PREALLOCATED_BYTES = 256L << 20;

    /** A sensible default for datagrams in flight. */
    public static final int DEFAULT_CAPACITY = 4096;

    /** A sensible default slot size: an Ethernet MTU's worth. */
    public static final int DEFAULT_MAX_DATAGRAM_SIZE = 1500;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private volatile NetworkConditions conditions;

    private final SplittableRandom random;
    private final int capacity;
    private final int maxDatagramSize;

    // Slot storage, indexed by slot number.
    private final byte[][] slotData;
    private final int[] slotLength;
    private final long[] slotDeliverAt;
    // Submission order; breaks ties between equal delivery times so that order is deterministic and FIFO.
    private final long[] slotOrder;

    // Free slots as a stack of indices.
    private final int[] freeSlots;
    private int freeCount;

    // Min-heap of slot indices keyed by (slotDeliverAt, slotOrder).
    private final int[] heap;
    private int heapSize;

    private long nextOrder;
    // Delivery time of the newest datagram that was not reordered: later ones never arrive before it.
    private long lastInOrderDeliverAt = Long.MIN_VALUE;
    // When the capped link finishes sending what it has queued.
    private long linkFreeAt = Long.MIN_VALUE;

    private long submitted;
    private long submittedBytes;
    private long droppedByLoss;
    private long droppedByBandwidth;
    private long droppedByCapacity;
    private long droppedOversize;
    private long droppedTooLargeForReceiver;
    private long duplicated;
    private long reordered;
    private long delivered;
    private long deliveredBytes;

    /**
     * Creates a simulator with its slots preallocated.
     *
     * @param conditions initial conditions
     * @param seed seed of the random sequence; equal seeds give equal runs
     * @param capacity datagrams in flight at most, 1..{@link #MAX_CAPACITY}
     * @param maxDatagramSize largest datagram accepted, 1..{@link #MAX_DATAGRAM_SIZE_LIMIT}
     * @throws IllegalArgumentException naming the bad value
     */
    public NetworkSimulator(NetworkConditions conditions, long seed, int capacity, int maxDatagramSize) {
        this.conditions = Objects.requireNonNull(conditions, "conditions");
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be in [1, " + MAX_CAPACITY
                    + "] (MAX_CAPACITY), was " + capacity);
        }
        if (maxDatagramSize < 1 || maxDatagramSize > MAX_DATAGRAM_SIZE_LIMIT) {
            throw new IllegalArgumentException("maxDatagramSize must be in [1, " + MAX_DATAGRAM_SIZE_LIMIT
                    + "] (MAX_DATAGRAM_SIZE_LIMIT), was " + maxDatagramSize);
        }
        if ((long) capacity * maxDatagramSize > MAX_PREALLOCATED_BYTES) {
            throw new IllegalArgumentException("capacity * maxDatagramSize must be <= " + MAX_PREALLOCATED_BYTES
                    + " (MAX_PREALLOCATED_BYTES), was " + capacity + " * " + maxDatagramSize);
        }
        this.random = new SplittableRandom(seed);
        this.capacity = capacity;
        this.maxDatagramSize = maxDatagramSize;
        this.slotData = new byte[capacity][maxDatagramSize];
        this.slotLength = new int[capacity];
        this.slotDeliverAt = new long[capacity];
        this.slotOrder = new long[capacity];
        this.freeSlots = new int[capacity];
        this.heap = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            freeSlots[i] = capacity - 1 - i;
        }
        this.freeCount = capacity;
    }

    /** Replaces the conditions; safe from any thread, applies to datagrams submitted afterwards. */
    public void setConditions(NetworkConditions newConditions) {
        this.conditions = Objects.requireNonNull(newConditions, "conditions");
    }

    /** The conditions in force now. */
    public NetworkConditions conditions() {
        return conditions;
    }

    /**
     * Takes a copy of {@code len} bytes and schedules their delivery (or drops them, counted).
     *
     * @return what happened to the datagram; never throws for a full simulator or an oversized datagram
     * @throws IndexOutOfBoundsException when {@code off}/{@code len} lie outside {@code buf} (a caller bug)
     */
    public SubmitStatus submit(byte[] buf, int off, int len, long nowNanos) {
        Objects.checkFromIndexSize(off, len, buf.length);
        NetworkConditions c = conditions; // one volatile read per call
        submitted++;
        submittedBytes += len;
        if (len > maxDatagramSize) {
            droppedOversize++;
            return SubmitStatus.DROPPED_OVERSIZE;
        }
        if (c.lossPercent() > 0 && random.nextDouble() * 100.0 < c.lossPercent()) {
            droppedByLoss++;
            return SubmitStatus.DROPPED_LOSS;
        }
        SubmitStatus status = schedule(c, buf, off, len, nowNanos);
        if (status == SubmitStatus.QUEUED && c.duplicatePercent() > 0
                && random.nextDouble() * 100.0 < c.duplicatePercent()) {
            // The copy's own drop (capacity or bandwidth) is counted there; the original stays queued.
            if (schedule(c, buf, off, len, nowNanos) == SubmitStatus.QUEUED) {
                duplicated++;
            }
        }
        return status;
    }

    private SubmitStatus schedule(NetworkConditions c, byte[] buf, int off, int len, long nowNanos) {
        if (freeCount == 0) {
            droppedByCapacity++;
            return SubmitStatus.DROPPED_CAPACITY;
        }
        long departure = nowNanos;
        long bandwidth = c.bandwidthBytesPerSecond();
        if (bandwidth > 0) {
            long start = Math.max(nowNanos, linkFreeAt);
            if (start - nowNanos > c.bandwidthQueueNanos()) {
                droppedByBandwidth++;
                return SubmitStatus.DROPPED_BANDWIDTH;
            }
            // Rounded up so that the delivered rate never exceeds the cap.
            long transmit = ((long) len * NANOS_PER_SECOND + bandwidth - 1) / bandwidth;
            linkFreeAt = start + transmit;
            departure = linkFreeAt;
        }
        long delay = c.latencyNanos();
        long jitter = c.jitterNanos();
        if (jitter > 0) {
            delay += random.nextLong(-jitter, jitter + 1);
            if (delay < 0) {
                delay = 0;
            }
        }
        long deliverAt = departure + delay;
        if (c.reorderPercent() > 0 && random.nextDouble() * 100.0 < c.reorderPercent()) {
            deliverAt += 1 + random.nextLong(c.reorderDelayNanos());
            reordered++;
        } else {
            if (deliverAt < lastInOrderDeliverAt) {
                deliverAt = lastInOrderDeliverAt;
            }
            lastInOrderDeliverAt = deliverAt;
        }
        int slot = freeSlots[--freeCount];
        System.arraycopy(buf, off, slotData[slot], 0, len);
        slotLength[slot] = len;
        slotDeliverAt[slot] = deliverAt;
        slotOrder[slot] = nextOrder++;
        heapPush(slot);
        return SubmitStatus.QUEUED;
    }

    /**
     * Copies the next datagram whose delivery time is at or before {@code nowNanos} into {@code out}
     * and returns its length, or returns -1 when none is due. A due datagram longer than {@code max}
     * is dropped and counted ({@link #droppedTooLargeForReceiver()}), never truncated.
     */
    public int poll(byte[] out, int off, int max, long nowNanos) {
        Objects.checkFromIndexSize(off, max, out.length);
        while (heapSize > 0) {
            int slot = heap[0];
            if (slotDeliverAt[slot] > nowNanos) {
                return -1;
            }
            heapPopTop();
            int len = slotLength[slot];
            if (len > max) {
                droppedTooLargeForReceiver++;
                freeSlots[freeCount++] = slot;
                continue;
            }
            System.arraycopy(slotData[slot], 0, out, off, len);
            freeSlots[freeCount++] = slot;
            delivered++;
            deliveredBytes += len;
            return len;
        }
        return -1;
    }

    /** Delivery time of the earliest datagram in flight, or {@link Long#MAX_VALUE} when none is. */
    public long nextDeliveryNanos() {
        return heapSize == 0 ? Long.MAX_VALUE : slotDeliverAt[heap[0]];
    }

    /** Discards every datagram in flight (not counted as drops) and returns how many there were. */
    public int clear() {
        int n = heapSize;
        for (int i = 0; i < heapSize; i++) {
            freeSlots[freeCount++] = heap[i];
        }
        heapSize = 0;
        lastInOrderDeliverAt = Long.MIN_VALUE;
        linkFreeAt = Long.MIN_VALUE;
        return n;
    }

    /** Datagrams in flight now. */
    public int inFlight() {
        return heapSize;
    }

    /** Datagrams in flight at most; more are dropped and counted in {@link #droppedByCapacity()}. */
    public int capacity() {
        return capacity;
    }

    /** Largest datagram accepted, in bytes; longer ones are dropped and counted in {@link #droppedOversize()}. */
    public int maxDatagramSize() {
        return maxDatagramSize;
    }

    /** Datagrams given to {@link #submit}, whatever became of them. */
    public long submitted() {
        return submitted;
    }

    /** Bytes given to {@link #submit}. */
    public long submittedBytes() {
        return submittedBytes;
    }

    /** Datagrams dropped by simulated loss. */
    public long droppedByLoss() {
        return droppedByLoss;
    }

    /** Datagrams (originals or duplicates) dropped because the capped path's queue was full. */
    public long droppedByBandwidth() {
        return droppedByBandwidth;
    }

    /** Datagrams (originals or duplicates) dropped because {@link #capacity()} were already in flight. */
    public long droppedByCapacity() {
        return droppedByCapacity;
    }

    /** Datagrams dropped for being longer than {@link #maxDatagramSize()}. */
    public long droppedOversize() {
        return droppedOversize;
    }

    /** Due datagrams dropped because the buffer given to {@link #poll} was too small. */
    public long droppedTooLargeForReceiver() {
        return droppedTooLargeForReceiver;
    }

    /** Extra copies scheduled by simulated duplication. */
    public long duplicated() {
        return duplicated;
    }

    /** Datagrams (originals or duplicates) given an extra reordering delay. */
    public long reordered() {
        return reordered;
    }

    /** Datagrams handed out by {@link #poll}. */
    public long delivered() {
        return delivered;
    }

    /** Bytes handed out by {@link #poll}. */
    public long deliveredBytes() {
        return deliveredBytes;
    }

    private boolean before(int a, int b) {
        long ta = slotDeliverAt[a];
        long tb = slotDeliverAt[b];
        return ta < tb || (ta == tb && slotOrder[a] < slotOrder[b]);
    }

    private void heapPush(int slot) {
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int p = heap[parent];
            if (!before(slot, p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = slot;
    }

    private void heapPopTop() {
        int last = heap[--heapSize];
        if (heapSize == 0) {
            return;
        }
        int i = 0;
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < heapSize && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], last)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = last;
    }
}
