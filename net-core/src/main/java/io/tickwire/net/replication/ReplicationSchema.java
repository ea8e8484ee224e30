package io.tickwire.net.replication;

import io.tickwire.net.LayoutHash;
import java.util.ArrayList;
import java.util.List;

/**
 * The replicated entity types and their fields, declared once and shared by server and client.
 *
 * <p>Built and validated by {@link Builder#build()} (errors name the bad value); immutable and
 * thread-safe afterwards. Its {@link #hash()} is compared at connect time so a client with a
 * different schema is refused instead of misreading bits.
 */
public final class ReplicationSchema {
    private final EntityType[] byId;
    private final List<EntityType> types;
    private final int typeIdBits;
    private final int entityIdBits;
    private final int maxSlots;
    private final String layout;
    private final long hash;

    private ReplicationSchema(List<EntityType> types, int entityIdBits) {
        int maxId = 0;
        int slots = 0;
        for (EntityType t : types) {
            maxId = Math.max(maxId, t.id());
            slots = Math.max(slots, t.slots());
        }
        this.byId = new EntityType[maxId + 1];
        for (EntityType t : types) {
            byId[t.id()] = t;
        }
        this.types = List.copyOf(types);
        this.typeIdBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(maxId));
        this.entityIdBits = entityIdBits;
        this.maxSlots = slots;
        // The version names the SnapshotCodec wire format, so peers built with different formats differ in hash.
        StringBuilder sb = new StringBuilder("tickwire-replication-v2 entityIdBits=" + entityIdBits);
        for (EntityType t : types) {
            sb.append('\n').append(t.describe());
        }
        this.layout = sb.toString();
        this.hash = LayoutHash.of(layout);
    }

    /** Starts a new schema. */
    public static Builder builder() {
        return new Builder();
    }

    /** The type with wire id {@code typeId}, or null if none. */
    public EntityType type(int typeId) {
        return typeId >= 0 && typeId < byId.length ? byId[typeId] : null;
    }

    /** All types in declaration order. */
    public List<EntityType> types() {
        return types;
    }

    /** Bits of a type id on the wire. */
    public int typeIdBits() {
        return typeIdBits;
    }

    /** Bits of an entity id; ids are in [0, 2^entityIdBits). */
    public int entityIdBits() {
        return entityIdBits;
    }

    /** Largest entity id allowed. */
    public int maxEntityId() {
        return (int) ((1L << entityIdBits) - 1);
    }

    /** Most int slots any type needs (the snapshot stride). */
    public int maxSlots() {
        return maxSlots;
    }

    /** A 64-bit digest of every type and field encoding. */
    public long hash() {
        return hash;
    }

    /** {@link #hash()} as 16 hex digits. */
    public String hashHex() {
        return LayoutHash.hex(hash);
    }

    /** The text the hash is computed from, for diagnosing a mismatch. */
    public String layout() {
        return layout;
    }

    @Override
    public String toString() {
        return "ReplicationSchema[" + types.size() + " types, hash " + hashHex() + "]";
    }

    /** Collects types; not thread-safe. */
    public static final class Builder {
        /** Largest type id allowed. */
        public static final int MAX_TYPE_ID = 1023;
        private final List<EntityType> types = new ArrayList<>();
        private int entityIdBits = 16;

        private Builder() {
        }

        /** Bits of an entity id on the wire (1..30, default 16). */
        public Builder entityIdBits(int bits) {
            if (bits < 1 || bits > 30) {
                throw new IllegalArgumentException("entityIdBits must be 1..30, was " + bits);
            }
            this.entityIdBits = bits;
            return this;
        }

        /** Declares a type with an explicit wire id (0..1023) and its ordered fields. */
        public Builder type(int id, String name, FieldSpec... fields) {
            if (id < 0 || id > MAX_TYPE_ID) {
                throw new IllegalArgumentException("entity type " + name + ": id must be 0.." + MAX_TYPE_ID + ", was " + id);
            }
            for (EntityType t : types) {
                if (t.id() == id) {
                    throw new IllegalArgumentException("entity type id " + id + " used by both " + t.name() + " and " + name);
                }
                if (t.name().equals(name)) {
                    throw new IllegalArgumentException("entity type name " + name + " declared twice (ids " + t.id() + ", " + id + ")");
                }
            }
            types.add(new EntityType(id, name, fields == null ? new FieldSpec[0] : fields));
            return this;
        }

        /** Validates and freezes the schema. */
        public ReplicationSchema build() {
            if (types.isEmpty()) {
                throw new IllegalArgumentException("schema declares no entity types");
            }
            return new ReplicationSchema(types, entityIdBits);
        }
    }
}
