package io.tickwire.net.replication;

import java.util.Arrays;

/**
 * The quantized state of a world at one snapshot sequence, stored without per-entity objects.
 *
 * <p>Entities live in parallel arrays sorted by ascending entity id: {@code ids[i]}, {@code types[i]}
 * and {@code schema.maxSlots()} int slots per entity holding its quantized field values. A snapshot
 * is meant to be pooled: {@link #clear} and refill it every tick; nothing allocates after
 * construction. Hot-path methods return a status instead of throwing. One thread owns a snapshot.
 */
public final class Snapshot {
    /** {@link #add} status: the id is not above the previous entity's id (add in ascending id order). */
    public static final int ADD_OUT_OF_ORDER = -1;
    /** {@link #add} status: the snapshot already holds {@link #capacity()} entities. */
    public static final int ADD_FULL = -2;
    /** {@link #add} status: the type id is not in the schema. */
    public static final int ADD_UNKNOWN_TYPE = -3;
    /** {@link #add} status: the entity id is outside [0, schema.maxEntityId()]. */
    public static final int ADD_BAD_ID = -4;

    private final ReplicationSchema schema;
    private final int capacity;
    private final int stride;
    private final int[] ids;
    private final int[] types;
    private final int[] values;
    private int count;
    private int sequence;

    /** Creates an empty snapshot that can hold up to {@code capacity} entities. */
    public Snapshot(ReplicationSchema schema, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("snapshot capacity must be >= 0, was " + capacity);
        }
        this.schema = schema;
        this.capacity = capacity;
        this.stride = schema.maxSlots();
        this.ids = new int[capacity];
        this.types = new int[capacity];
        this.values = new int[Math.multiplyExact(capacity, stride)];
    }

    /** Empties the snapshot and names its sequence (kept modulo 2^16). */
    public void clear(int snapshotSequence) {
        this.count = 0;
        this.sequence = snapshotSequence & 0xFFFF;
    }

    /**
     * Appends an entity with all fields zero; ids must ascend. Returns its index, or a negative
     * {@code ADD_*} status.
     */
    public int add(int entityId, int typeId) {
        if (entityId < 0 || entityId > schema.maxEntityId()) {
            return ADD_BAD_ID;
        }
        if (schema.type(typeId) == null) {
            return ADD_UNKNOWN_TYPE;
        }
        if (count == capacity) {
            return ADD_FULL;
        }
        if (count > 0 && ids[count - 1] >= entityId) {
            return ADD_OUT_OF_ORDER;
        }
        int i = count++;
        ids[i] = entityId;
        types[i] = typeId;
        Arrays.fill(values, i * stride, (i + 1) * stride, 0);
        return i;
    }

    /**
     * Appends entity {@code srcIndex} of {@code src} (a snapshot of the same schema) with all its field
     * values, as {@link #add} followed by copying every field would, in one array copy. Returns its index,
     * or a negative {@code ADD_*} status. Allocates nothing.
     */
    public int addCopy(Snapshot src, int srcIndex) {
        if (src.schema != schema) {
            throw new IllegalArgumentException("addCopy needs a snapshot of the same schema");
        }
        int entityId = src.ids[srcIndex];
        if (count == capacity) {
            return ADD_FULL;
        }
        if (count > 0 && ids[count - 1] >= entityId) {
            return ADD_OUT_OF_ORDER;
        }
        // src holds only valid ids and types; every slot is overwritten, so no zero fill as in add().
        int i = count++;
        ids[i] = entityId;
        types[i] = src.types[srcIndex];
        System.arraycopy(src.values, srcIndex * stride, values, i * stride, stride);
        return i;
    }

    /** Sets a one-slot field to quantized value {@code q}; returns false (and leaves it) if out of the field's range. */
    public boolean set(int index, int field, int q) {
        FieldSpec f = schema.type(types[index]).field(field);
        if (f.kind() == FieldKind.STRING || !f.isValid(q)) {
            return false;
        }
        values[index * stride + schema.type(types[index]).slotOffset(field)] = q;
        return true;
    }

    /** Sets a QUANTIZED_FLOAT (clamped) or ANGLE (radians) field from a float. */
    public boolean setFloat(int index, int field, float value) {
        FieldSpec f = schema.type(types[index]).field(field);
        if (f.kind() != FieldKind.QUANTIZED_FLOAT && f.kind() != FieldKind.ANGLE) {
            return false;
        }
        return set(index, field, f.quantize(value));
    }

    /** Sets a BOOLEAN field. */
    public boolean setBoolean(int index, int field, boolean value) {
        return set(index, field, value ? 1 : 0);
    }

    /** Sets a STRING field from {@code len} bytes of {@code src}; returns false if too long or not a string field. */
    public boolean setString(int index, int field, byte[] src, int off, int len) {
        EntityType t = schema.type(types[index]);
        FieldSpec f = t.field(field);
        if (f.kind() != FieldKind.STRING || len < 0 || len > f.maxLength()) {
            return false;
        }
        int base = index * stride + t.slotOffset(field);
        Arrays.fill(values, base, base + f.slots(), 0);
        values[base] = len;
        for (int i = 0; i < len; i++) {
            values[base + 1 + (i >>> 2)] |= (src[off + i] & 0xFF) << ((i & 3) * 8);
        }
        return true;
    }

    /** The quantized value of a one-slot field (for a STRING field: its length). */
    public int get(int index, int field) {
        return values[index * stride + schema.type(types[index]).slotOffset(field)];
    }

    /** The float a QUANTIZED_FLOAT or ANGLE field stands for. */
    public float getFloat(int index, int field) {
        return schema.type(types[index]).field(field).dequantize(get(index, field));
    }

    /** True if a BOOLEAN (or any one-slot) field is non-zero. */
    public boolean getBoolean(int index, int field) {
        return get(index, field) != 0;
    }

    /** Copies a STRING field's bytes into {@code dst} at {@code off}; returns its length. */
    public int getString(int index, int field, byte[] dst, int off) {
        int base = index * stride + schema.type(types[index]).slotOffset(field);
        int len = values[base];
        for (int i = 0; i < len; i++) {
            dst[off + i] = (byte) (values[base + 1 + (i >>> 2)] >>> ((i & 3) * 8));
        }
        return len;
    }

    /** Index of {@code entityId}, or a negative value if absent (binary search). */
    public int indexOf(int entityId) {
        return Arrays.binarySearch(ids, 0, count, entityId);
    }

    /** Replaces this snapshot's content with {@code other}'s (same schema; fails if it does not fit). */
    public boolean copyFrom(Snapshot other) {
        if (other.schema != schema || other.count > capacity) {
            return false;
        }
        count = other.count;
        sequence = other.sequence;
        System.arraycopy(other.ids, 0, ids, 0, count);
        System.arraycopy(other.types, 0, types, 0, count);
        System.arraycopy(other.values, 0, values, 0, count * stride);
        return true;
    }

    /** True if both hold the same entities, types and quantized values (sequence ignored). */
    public boolean sameState(Snapshot other) {
        if (other.count != count || other.stride != stride) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (ids[i] != other.ids[i] || types[i] != other.types[i]) {
                return false;
            }
            int slots = schema.type(types[i]).slots();
            if (!Arrays.equals(values, i * stride, i * stride + slots, other.values, i * stride, i * stride + slots)) {
                return false;
            }
        }
        return true;
    }

    /** Entity id at {@code index}. */
    public int entityId(int index) {
        return ids[index];
    }

    /** Type id at {@code index}. */
    public int typeId(int index) {
        return types[index];
    }

    /** Entities held. */
    public int count() {
        return count;
    }

    /** Most entities this snapshot can hold. */
    public int capacity() {
        return capacity;
    }

    /** Snapshot sequence (16 bits). */
    public int sequence() {
        return sequence;
    }

    /** The schema this snapshot follows. */
    public ReplicationSchema schema() {
        return schema;
    }

    // Raw slot access for the codec, which walks entities by index without objects.
    int slot(int index, int slotInEntity) {
        return values[index * stride + slotInEntity];
    }

    void setSlot(int index, int slotInEntity, int value) {
        values[index * stride + slotInEntity] = value;
    }

    int appendRaw(int entityId, int typeId) {
        int i = count++;
        ids[i] = entityId;
        types[i] = typeId;
        return i;
    }

    void copyEntityFrom(Snapshot src, int srcIndex, int dstIndex) {
        System.arraycopy(src.values, srcIndex * stride, values, dstIndex * stride, stride);
    }

    void setSequence(int seq) {
        this.sequence = seq & 0xFFFF;
    }
}
