package io.tickwire.net.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import java.util.Map;

/**
 * Kryo's map serializer, except that a size prefix larger than the bytes left is refused before
 * the map is created (Kryo pre-sizes a {@code HashMap} from the untrusted size).
 */
final class GuardedMapSerializer<T extends Map<?, ?>> extends MapSerializer<T> {

    @Override
    protected T create(Kryo kryo, Input input, Class<? extends T> type, int size) {
        int remaining = input.limit() - input.position();
        if (size < 0 || size > remaining) {
            throw new KryoException("map size " + size + " exceeds the " + remaining
                    + " bytes left in the message");
        }
        return super.create(kryo, input, type, size);
    }
}
