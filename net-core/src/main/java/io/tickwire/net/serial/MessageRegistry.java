package io.tickwire.net.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import io.tickwire.net.LayoutHash;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The set of message classes both sides agree on, each with an explicit id, built once and then
 * frozen; its {@link #hash()} is compared at connect time so that mismatched registries are
 * refused instead of garbling data later.
 *
 * <p>Build it in one shared place that server and client both call (registration order never
 * matters, only the ids do):
 * <pre>{@code
 * MessageRegistry registry = MessageRegistry.builder()
 *     .register(ChatMessage.class, 16)
 *     .register(Position.class, 17)
 *     .build();
 * }</pre>
 *
 * <p>A registry is immutable and thread-safe. Kryo itself is not, so each thread that encodes or
 * decodes takes its own {@link MessageCodec} from {@link #newCodec()}.
 */
public final class MessageRegistry {

    /** The smallest id an application may use; ids below it belong to Kryo's built-ins and Tickwire. */
    public static final int FIRST_USER_ID = 16;

    /** The id of Tickwire's own {@link TickStamp} message, present in every registry (below {@link #FIRST_USER_ID}). */
    public static final int TICK_STAMP_ID = 10;

    /** The largest id an application may use (ids above 125 cost a second byte on the wire). */
    public static final int MAX_ID = 65_535;

    /** Default for {@link Builder#maxMessageSize(int)}: 256 KiB, the default fragmentation limit. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 256 * 1024;

    /** Default for {@link Builder#maxDepth(int)}: how deeply objects may nest inside one message. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private final List<Entry> entries; // sorted by id
    private final int maxMessageSize;
    private final int maxDepth;
    private final long hash;
    private final String layout;

    private MessageRegistry(List<Entry> entries, int maxMessageSize, int maxDepth) {
        this.entries = List.copyOf(entries);
        this.maxMessageSize = maxMessageSize;
        this.maxDepth = maxDepth;
        RegistryKryo kryo = newKryo();
        this.layout = describe(kryo);
        this.hash = LayoutHash.of(layout);
    }

    /** Starts a new registry. */
    public static Builder builder() {
        return new Builder();
    }

    /** A 64-bit digest of every id, class name, serializer class and serialized field layout. */
    public long hash() {
        return hash;
    }

    /** {@link #hash()} as 16 hex digits, for logs and error messages. */
    public String hashHex() {
        return LayoutHash.hex(hash);
    }

    /** The text the hash is computed from, one registration per line, for diagnosing a mismatch. */
    public String layout() {
        return layout;
    }

    /** The largest encoded message, in bytes, that codecs of this registry write or accept. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** The deepest object nesting a codec accepts inside one message. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Number of application registrations. */
    public int size() {
        return entries.size();
    }

    /** The id registered for {@code type}, or -1 when it is not registered by the application. */
    public int idOf(Class<?> type) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).type == type) {
                return entries.get(i).id;
            }
        }
        return -1;
    }

    /** The class registered under {@code id}, or null. */
    public Class<?> classOf(int id) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).id == id) {
                return entries.get(i).type;
            }
        }
        return null;
    }

    /** A new codec with its own Kryo instance and buffers, to be used by one thread only. */
    public MessageCodec newCodec() {
        return new MessageCodec(this, newKryo());
    }

    @Override
    public String toString() {
        return "MessageRegistry[" + entries.size() + " classes, hash " + hashHex() + "]";
    }

    RegistryKryo newKryo() {
        RegistryKryo kryo = new RegistryKryo();
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.setMaxDepth(maxDepth);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            Serializer<?> serializer = e.serializer != null ? e.serializer.get() : guardedDefault(kryo, e.type);
            if (serializer == null) {
                throw new IllegalStateException("serializer supplier for " + e.type.getName() + " (id "
                        + e.id + ") returned null");
            }
            kryo.register(e.type, serializer, e.id);
        }
        return kryo;
    }

    /**
     * Kryo's default serializer, except for the kinds whose untrusted length prefix Kryo would
     * allocate from: object arrays, collections and maps get guarded subclasses.
     */
    private static Serializer<?> guardedDefault(Kryo kryo, Class<?> type) {
        if (type.isArray() && !type.getComponentType().isPrimitive()) {
            return new GuardedObjectArraySerializer(kryo, type);
        }
        if (Collection.class.isAssignableFrom(type)) {
            return new GuardedCollectionSerializer<Collection<?>>();
        }
        if (Map.class.isAssignableFrom(type)) {
            return new GuardedMapSerializer<Map<?, ?>>();
        }
        return kryo.getDefaultSerializer(type);
    }

    /** Canonical text of the registry: what both sides must agree on byte for byte. */
    private String describe(Kryo kryo) {
        StringBuilder sb = new StringBuilder("tickwire-registry-v1\n");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            Registration r = kryo.getRegistration(e.type);
            Serializer<?> s = r.getSerializer();
            sb.append(e.id).append(' ').append(e.type.getName()).append(' ').append(s.getClass().getName());
            if (s instanceof FieldSerializer<?> fs) {
                for (FieldSerializer.CachedField f : fs.getFields()) {
                    sb.append(" [").append(f.getName()).append(':').append(f.getField().getType().getName());
                    if (f.getValueClass() != null) {
                        sb.append(" as ").append(f.getValueClass().getName());
                    }
                    sb.append(f.getVariableLengthEncoding() ? " var" : " fixed");
                    sb.append(f.getOptimizePositive() ? " pos" : "");
                    sb.append(f.getCanBeNull() ? " null" : "");
                    sb.append(']');
                }
            } else if (e.type.isEnum()) {
                for (Object constant : e.type.getEnumConstants()) {
                    sb.append(' ').append(((Enum<?>) constant).name());
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String unregisteredMessage(Class<?> type) {
        String name = type.getCanonicalName() != null ? type.getCanonicalName() : type.getName();
        return "Class " + type.getName() + " is not registered in the MessageRegistry: add"
                + " .register(" + name + ".class, <id>) with the same id on server and client"
                + " (ids " + FIRST_USER_ID + ".." + MAX_ID + ")";
    }

    private record Entry(int id, Class<?> type, Supplier<? extends Serializer<?>> serializer) {
    }

    /** Collects registrations; {@link #build()} validates them all and names every clash. */
    public static final class Builder {

        private final List<Entry> entries = new ArrayList<>();
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int maxDepth = DEFAULT_MAX_DEPTH;

        private Builder() {
        }

        /** Registers {@code type} under {@code id} with Kryo's default serializer for it. */
        public Builder register(Class<?> type, int id) {
            entries.add(new Entry(id, Objects.requireNonNull(type, "type"), null));
            return this;
        }

        /**
         * Registers {@code type} under {@code id} with a custom serializer; the supplier is called
         * once per codec, because Kryo serializers may keep per-instance state.
         */
        public Builder register(Class<?> type, int id, Supplier<? extends Serializer<?>> serializer) {
            entries.add(new Entry(id, Objects.requireNonNull(type, "type"),
                    Objects.requireNonNull(serializer, "serializer")));
            return this;
        }

        /** The largest encoded message in bytes (default {@value #DEFAULT_MAX_MESSAGE_SIZE}). */
        public Builder maxMessageSize(int bytes) {
            if (bytes < 16) {
                throw new IllegalArgumentException("maxMessageSize must be at least 16 bytes, was " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /** The deepest object nesting accepted in one message (default {@value #DEFAULT_MAX_DEPTH}). */
        public Builder maxDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("maxDepth must be at least 1, was " + depth);
            }
            this.maxDepth = depth;
            return this;
        }

        /**
         * Validates every registration and freezes the registry.
         *
         * @throws IllegalArgumentException naming every id out of range, id used twice, class
         *     registered twice, built-in class, or class Kryo cannot instantiate
         */
        public MessageRegistry build() {
            List<String> problems = new ArrayList<>();
            List<Entry> sorted = new ArrayList<>(entries);
            Entry stamp = new Entry(TICK_STAMP_ID, TickStamp.class, null);
            sorted.add(stamp);
            sorted.sort(Comparator.comparingInt(Entry::id));
            Kryo plain = new Kryo();
            for (int i = 0; i < sorted.size(); i++) {
                Entry e = sorted.get(i);
                if (e != stamp && (e.id < FIRST_USER_ID || e.id > MAX_ID)) {
                    problems.add("id " + e.id + " for " + e.type.getName() + " is outside " + FIRST_USER_ID
                            + ".." + MAX_ID);
                }
                if (i > 0 && sorted.get(i - 1).id == e.id) {
                    problems.add("id " + e.id + " is used by both " + sorted.get(i - 1).type.getName()
                            + " and " + e.type.getName());
                }
                for (int j = 0; j < i; j++) {
                    if (sorted.get(j).type == e.type) {
                        problems.add("class " + e.type.getName() + " is registered twice, with ids "
                                + sorted.get(j).id + " and " + e.id);
                    }
                }
                Registration builtIn = plain.getClassResolver().getRegistration(e.type);
                if (builtIn != null) {
                    problems.add("class " + e.type.getName() + " is built into Kryo with id "
                            + builtIn.getId() + "; do not register it");
                }
                if (e.type.isPrimitive() || e.type.isInterface()
                        || (java.lang.reflect.Modifier.isAbstract(e.type.getModifiers()) && !e.type.isArray())) {
                    problems.add("class " + e.type.getName() + " (id " + e.id
                            + ") is not a concrete class; register the classes actually sent");
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("MessageRegistry is invalid: " + String.join("; ", problems));
            }
            MessageRegistry registry;
            try {
                registry = new MessageRegistry(sorted, maxMessageSize, maxDepth);
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException("MessageRegistry is invalid: " + ex.getMessage(), ex);
            }
            registry.checkInstantiable(problems);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("MessageRegistry is invalid: " + String.join("; ", problems));
            }
            return registry;
        }
    }

    /**
     * Kryo only finds out at the first decode that a class lacks a no-arg constructor; find out now,
     * on the side that builds the registry.
     */
    private void checkInstantiable(List<String> problems) {
        Kryo kryo = newKryo();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.serializer != null || e.type.isArray() || e.type.isEnum()) {
                continue;
            }
            if (!(kryo.getRegistration(e.type).getSerializer() instanceof FieldSerializer<?>)) {
                continue;
            }
            try {
                kryo.newInstance(e.type);
            } catch (RuntimeException ex) {
                problems.add("class " + e.type.getName() + " (id " + e.id
                        + ") cannot be instantiated by Kryo: give it a no-arg constructor ("
                        + ex.getMessage() + ")");
            }
        }
    }
}
