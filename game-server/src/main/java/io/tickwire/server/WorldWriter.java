package io.tickwire.server;

import io.tickwire.net.replication.ReplicationSchema;
import io.tickwire.net.replication.Snapshot;

/**
 * The world as the game describes it on a snapshot tick ({@link ServerGame#writeWorld}): a thin,
 * allocation-free wrapper around a net-core {@link Snapshot} plus each entity's position for
 * interest management. Add entities in ascending id order with {@link #add}, then set their fields
 * through {@link #snapshot()} (or the shortcuts here) with the index it returned. Owned by the
 * {@link GameServer}; valid only during {@code writeWorld}.
 */
public final class WorldWriter {

    private final Snapshot snapshot;
    private final float[] xs;
    private final float[] ys;
    private long tick;
    private long refused;

    WorldWriter(ReplicationSchema schema, int capacity) {
        this.snapshot = new Snapshot(schema, capacity);
        this.xs = new float[capacity];
        this.ys = new float[capacity];
    }

    void begin(long tick) {
        this.tick = tick;
        snapshot.clear(0);
    }

    /**
     * Adds entity {@code entityId} of type {@code typeId} standing at ({@code x}, {@code y}) with all
     * fields zero; returns its index, or a negative {@code Snapshot.ADD_*} status (ids out of order,
     * unknown type, bad id, world full), which is counted.
     */
    public int add(int entityId, int typeId, float x, float y) {
        int i = snapshot.add(entityId, typeId);
        if (i < 0) {
            refused++;
            return i;
        }
        xs[i] = x;
        ys[i] = y;
        return i;
    }

    /** The snapshot being filled: set fields with {@code snapshot().set*(index, field, value)}. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** Sets a quantized-float or angle field of the entity at {@code index}; false if the field is not one. */
    public boolean setFloat(int index, int field, float value) {
        return snapshot.setFloat(index, field, value);
    }

    /** Sets a one-slot field of the entity at {@code index} to quantized value {@code q}; false if out of range. */
    public boolean set(int index, int field, int q) {
        return snapshot.set(index, field, q);
    }

    /** Sets a boolean field of the entity at {@code index}. */
    public boolean setBoolean(int index, int field, boolean value) {
        return snapshot.setBoolean(index, field, value);
    }

    /** Entities added so far on this snapshot tick. */
    public int count() {
        return snapshot.count();
    }

    /** Most entities the world can hold ({@link GameServerConfig#maxWorldEntities()}). */
    public int capacity() {
        return snapshot.capacity();
    }

    /** The tick being written. */
    public long tick() {
        return tick;
    }

    /** Adds refused since the server started (ids out of order, world full, unknown type): a game bug to fix. */
    public long refusedAdds() {
        return refused;
    }

    float[] xs() {
        return xs;
    }

    float[] ys() {
        return ys;
    }
}
