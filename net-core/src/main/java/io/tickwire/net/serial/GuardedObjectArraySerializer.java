package io.tickwire.net.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.ObjectArraySerializer;

/**
 * Kryo's object-array serializer, except that a length prefix larger than the bytes left is
 * refused before the array is allocated: each element takes at least one byte (a null marker or
 * a class id).
 */
final class GuardedObjectArraySerializer extends ObjectArraySerializer {

    GuardedObjectArraySerializer(Kryo kryo, Class<?> type) {
        super(kryo, type);
    }

    @Override
    public Object[] read(Kryo kryo, Input input, @SuppressWarnings("rawtypes") Class type) {
        int start = input.position();
        int lengthPlusOne = input.readVarInt(true);
        int remaining = input.limit() - input.position();
        if (lengthPlusOne - 1 > remaining) {
            throw new KryoException("array length " + (lengthPlusOne - 1) + " exceeds the "
                    + remaining + " bytes left in the message");
        }
        input.setPosition(start);
        return super.read(kryo, input, type);
    }
}
