package io.tickwire.net.serial;

import com.esotericsoftware.kryo.Kryo;

/**
 * The Kryo instance a {@link MessageCodec} owns. It replaces Kryo's "use kryo.register" hint with
 * one that names the {@link MessageRegistry} builder call, and remembers the last class it
 * complained about, because Kryo wraps that complaint in other exceptions when it comes from a
 * nested field.
 */
final class RegistryKryo extends Kryo {

    /** The class of the most recent unregistered-class failure, or null; reset by the codec. */
    Class<?> lastUnregistered;

    @Override
    protected String unregisteredClassMessage(@SuppressWarnings("rawtypes") Class type) {
        lastUnregistered = type;
        return MessageRegistry.unregisteredMessage(type);
    }
}
