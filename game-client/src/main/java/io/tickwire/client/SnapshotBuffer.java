package io.tickwire.client;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;

/**
 * A bounded ring of the most recent received snapshots: each is a server tick plus, per entity, a fixed
 * number of float channels (position, angle, ...) to interpolate.
 *
 * <p>Not thread-safe: owned by the thread that polls the client. All storage is allocated in the
 * constructor; writing and reading allocate nothing. The buffer copies the caller's values, so the caller
 * keeps ownership of its arrays.
 *
 * <p>Writing a snapshot: {@link #begin}, {@link #put} per entity, {@link #commit}. Only snapshots newer than
 * the newest stored one are accepted (the unreliable-sequenced rule: newest wins); when the ring is full the
 * oldest snapshot is evicted.
 */
public final class SnapshotBuffer {
    private final int capacity;
    private final int maxEntities;
    private final int channels;
    private final long[] ticks;
    private final int[] counts;
    private final int[][] ids;
    private final float[][] values;
    private final Int2IntOpenHashMap[] rows;

    private int head;        // slot of the oldest committed snapshot
    private int size;        // committed snapshots
    private int openSlot = -1;
    private long rejected;

    /** Creates a ring of {@code capacity} snapshots, each with up to {@code maxEntities} entities of {@code channels} floats. */
    public SnapshotBuffer(int capacity, int maxEntities, int channels) {
        if (capacity < 2) {
            throw new IllegalArgumentException("SnapshotBuffer capacity must be at least 2, was " + capacity);
        }
        if (maxEntities < 1) {
            throw new IllegalArgumentException("SnapshotBuffer maxEntities must be at least 1, was " + maxEntities);
        }
        if (channels < 1) {
            throw new IllegalArgumentException("SnapshotBuffer channels must be at least 1, was " + channels);
        }
        this.capacity = capacity;
        this.maxEntities = maxEntities;
        this.channels = channels;
        ticks = new long[capacity];
        counts = new int[capacity];
        ids = new int[capacity][maxEntities];
        values = new float[capacity][maxEntities * channels];
        rows = new Int2IntOpenHashMap[capacity];
        for (int i = 0; i < capacity; i++) {
            rows[i] = new Int2IntOpenHashMap(maxEntities);
            rows[i].defaultReturnValue(-1);
        }
    }

    /** Opens a new snapshot for {@code serverTick}, discarding any snapshot opened and not committed. */
    public SnapshotStatus begin(long serverTick) {
        openSlot = -1;
        if (size > 0 && serverTick <= tick(size - 1)) {
            rejected++;
            return SnapshotStatus.STALE_TICK;
        }
        if (size == capacity) {
            head = (head + 1) % capacity;   // evict the oldest
            size--;
        }
        int slot = (head + size) % capacity;
        ticks[slot] = serverTick;
        counts[slot] = 0;
        rows[slot].clear();
        openSlot = slot;
        return SnapshotStatus.OK;
    }

    /** Adds one entity's channel values (the first {@code channels} floats of {@code src}) to the open snapshot. */
    public SnapshotStatus put(int entityId, float[] src) {
        if (openSlot < 0) {
            rejected++;
            return SnapshotStatus.NOT_OPEN;
        }
        if (src == null || src.length < channels) {
            rejected++;
            return SnapshotStatus.BAD_VALUES;
        }
        int n = counts[openSlot];
        if (n == maxEntities) {
            rejected++;
            return SnapshotStatus.ENTITY_LIMIT;
        }
        Int2IntOpenHashMap map = rows[openSlot];
        if (map.containsKey(entityId)) {
            rejected++;
            return SnapshotStatus.DUPLICATE_ENTITY;
        }
        map.put(entityId, n);
        ids[openSlot][n] = entityId;
        System.arraycopy(src, 0, values[openSlot], n * channels, channels);
        counts[openSlot] = n + 1;
        return SnapshotStatus.OK;
    }

    /** Makes the open snapshot visible to readers. */
    public SnapshotStatus commit() {
        if (openSlot < 0) {
            rejected++;
            return SnapshotStatus.NOT_OPEN;
        }
        openSlot = -1;
        size++;
        return SnapshotStatus.OK;
    }

    /** Forgets every snapshot (e.g. after a reconnect). */
    public void clear() {
        head = 0;
        size = 0;
        openSlot = -1;
    }

    /** Number of committed snapshots. */
    public int size() {
        return size;
    }

    /** Server tick of the {@code k}-th committed snapshot, 0 being the oldest. */
    public long tick(int k) {
        return ticks[slot(k)];
    }

    /** Number of entities in the {@code k}-th snapshot. */
    public int entityCount(int k) {
        return counts[slot(k)];
    }

    /** Id of the entity in row {@code row} of the {@code k}-th snapshot. */
    public int entityId(int k, int row) {
        return ids[slot(k)][row];
    }

    /** Row of {@code entityId} in the {@code k}-th snapshot, or -1 when the snapshot does not hold it. */
    public int find(int k, int entityId) {
        return rows[slot(k)].get(entityId);
    }

    /** Value of channel {@code channel} of row {@code row} in the {@code k}-th snapshot. */
    public float value(int k, int row, int channel) {
        return values[slot(k)][row * channels + channel];
    }

    /** Floats per entity. */
    public int channels() {
        return channels;
    }

    /** Snapshot capacity of the ring. */
    public int capacity() {
        return capacity;
    }

    /** Entity limit per snapshot. */
    public int maxEntities() {
        return maxEntities;
    }

    /** Writes refused so far (any status but OK). */
    public long rejectedCount() {
        return rejected;
    }

    private int slot(int k) {
        if (k < 0 || k >= size) {
            throw new IndexOutOfBoundsException("snapshot index " + k + " outside 0.." + (size - 1));
        }
        return (head + k) % capacity;
    }
}
