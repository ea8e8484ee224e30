package io.tickwire.net.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import java.util.Collection;

/**
 * Kryo's collection serializer, except that a size prefix larger than the bytes left is refused
 * before the collection is created (Kryo pre-sizes an {@code ArrayList} from the untrusted size),
 * unless the next byte is a null class tag (Kryo's form for a collection of nulls, which costs no
 * byte per element) and the message's allowance of {@link BoundedInput#MAX_ELEMENTS_WITHOUT_BYTES}
 * covers it.
 */
final class GuardedCollectionSerializer<T extends Collection<?>> extends CollectionSerializer<T> {

    @Override
    protected T create(Kryo kryo, Input input, Class<? extends T> type, int size) {
        int remaining = input.limit() - input.position();
        if (size < 0 || (size > remaining && !allNulls(input, remaining, size))) {
            throw new KryoException("collection size " + size + " exceeds the " + remaining
                    + " bytes left in the message (a collection of nulls may claim more, up to "
                    + BoundedInput.MAX_ELEMENTS_WITHOUT_BYTES + " elements per message)");
        }
        return super.create(kryo, input, type, size);
    }

    private static boolean allNulls(Input input, int remaining, int size) {
        return remaining > 0 && input.getBuffer()[input.position()] == Kryo.NULL
                && input instanceof BoundedInput b && b.takeElementsWithoutBytes(size);
    }
}
