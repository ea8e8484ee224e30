package io.tickwire.net.replication;

import java.util.HashSet;
import java.util.Set;

/** One replicated entity type: an explicit id, a name and its ordered fields; immutable. */
public final class EntityType {
    /** Most fields one type may have (the changed-field mask is at most this many bits). */
    public static final int MAX_FIELDS = 64;

    private final int id;
    private final String name;
    private final FieldSpec[] fields;
    private final int[] slotOffsets;
    private final int slots;

    EntityType(int id, String name, FieldSpec[] fields) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("entity type " + id + ": name must be non-empty");
        }
        if (fields.length == 0 || fields.length > MAX_FIELDS) {
            throw new IllegalArgumentException("entity type " + name + ": needs 1.." + MAX_FIELDS + " fields, has " + fields.length);
        }
        Set<String> names = new HashSet<>();
        this.slotOffsets = new int[fields.length];
        int s = 0;
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == null) {
                throw new IllegalArgumentException("entity type " + name + ": field " + i + " is null");
            }
            if (!names.add(fields[i].name())) {
                throw new IllegalArgumentException("entity type " + name + ": duplicate field name " + fields[i].name());
            }
            slotOffsets[i] = s;
            s += fields[i].slots();
        }
        this.id = id;
        this.name = name;
        this.fields = fields.clone();
        this.slots = s;
    }

    /** Wire id of this type. */
    public int id() {
        return id;
    }

    /** Name, for logs and the schema hash. */
    public String name() {
        return name;
    }

    /** Number of fields. */
    public int fieldCount() {
        return fields.length;
    }

    /** Field {@code index} in declaration order. */
    public FieldSpec field(int index) {
        return fields[index];
    }

    /** Index of the field named {@code fieldName}; throws naming it if absent. */
    public int fieldIndex(String fieldName) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].name().equals(fieldName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("entity type " + name + " has no field " + fieldName);
    }

    /** First snapshot slot of field {@code index} within an entity's slots. */
    public int slotOffset(int index) {
        return slotOffsets[index];
    }

    /** Int slots one entity of this type takes. */
    public int slots() {
        return slots;
    }

    String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("type ").append(id).append(' ').append(name);
        for (FieldSpec f : fields) {
            sb.append("\n  ").append(f.describe());
        }
        return sb.toString();
    }
}
