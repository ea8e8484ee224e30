package io.tickwire.net.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import java.util.Collection;

/**
 * Kryo's collection serializer, except that a size prefix larger than the bytes left is refused
 * before the collection is created (Kryo pre-sizes an {@code ArrayList} from the untrusted size).
 */
final class GuardedCollectionSerializer<T extends Collection<?>> extends CollectionSerializer<T> {

    @Override
    protected T create(Kryo kryo, Input input, Class<? extends T> type, int size) {
        int remaining = input.limit() - input.position();
        if (size < 0 || size > remaining) {
            throw new KryoException("collection size " + size + " exceeds the " + remaining
                    + " bytes left in the message");
        }
        return super.create(kryo, input, type, size);
    }
}
