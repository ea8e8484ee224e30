package io.tickwire.net.serial;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import java.util.Objects;

/**
 * Encodes and decodes registered messages with one reused Kryo instance and reused
 * {@code Output}/{@code Input} objects that point straight at the caller's arrays.
 *
 * <p>Owned by one thread (the thread that drives the connections, e.g. the server's tick thread):
 * not thread-safe. Get one per thread from {@link MessageRegistry#newCodec()}. Nothing is allocated
 * per call beyond the decoded message object itself (and what Kryo's serializers allocate for it).
 *
 * <p>Buffer ownership: the caller owns {@code out} and {@code buf}; the codec reads or writes only
 * inside the given window during the call and keeps no reference afterwards.
 */
public final class MessageCodec {

    private final MessageRegistry registry;
    private final RegistryKryo kryo;
    private final BoundedOutput output = new BoundedOutput();
    private final BoundedInput input = new BoundedInput();
    private final int maxMessageSize;

    MessageCodec(MessageRegistry registry, RegistryKryo kryo) {
        this.registry = registry;
        this.kryo = kryo;
        this.maxMessageSize = registry.maxMessageSize();
    }

    /** The registry this codec encodes for. */
    public MessageRegistry registry() {
        return registry;
    }

    /**
     * Writes {@code message} (class id, then fields) into {@code out[off .. off + max)} and returns
     * the number of bytes written.
     *
     * @throws MessageCodecException {@link CodecError#UNREGISTERED_CLASS} naming the class and the
     *     call that registers it; {@link CodecError#TOO_LARGE} naming the limit that was hit
     *     ({@link MessageRegistry#maxMessageSize()} or {@code max}); {@link CodecError#NULL_MESSAGE};
     *     {@link CodecError#SERIALIZER_FAILED} when a serializer throws
     */
    public int encode(Object message, byte[] out, int off, int max) throws MessageCodecException {
        Objects.checkFromIndexSize(off, max, out.length);
        if (message == null) {
            throw new MessageCodecException(CodecError.NULL_MESSAGE, MessageCodecException.NO_ID,
                    "cannot send a null message", null);
        }
        Class<?> type = message.getClass();
        Registration registration = kryo.getClassResolver().getRegistration(type);
        if (registration == null) {
            throw new MessageCodecException(CodecError.UNREGISTERED_CLASS, MessageCodecException.NO_ID,
                    MessageRegistry.unregisteredMessage(type), null);
        }
        int window = Math.min(max, maxMessageSize);
        kryo.lastUnregistered = null;
        output.window(out, off, window);
        try {
            kryo.writeClassAndObject(output, message);
            return output.position() - off;
        } catch (RuntimeException ex) {
            int id = registration.getId();
            if (kryo.lastUnregistered != null) {
                throw new MessageCodecException(CodecError.UNREGISTERED_CLASS, id, "while encoding "
                        + type.getName() + " (id " + id + "): " + MessageRegistry.unregisteredMessage(
                        kryo.lastUnregistered), ex);
            }
            if (causedByOverflow(ex)) {
                String limit = window == maxMessageSize
                        ? "the registry's maxMessageSize of " + maxMessageSize + " bytes"
                        : "the " + max + "-byte buffer given to encode";
                throw new MessageCodecException(CodecError.TOO_LARGE, id, "message " + type.getName()
                        + " (id " + id + ") does not fit in " + limit, ex);
            }
            throw new MessageCodecException(CodecError.SERIALIZER_FAILED, id, "serializer for "
                    + type.getName() + " (id " + id + ") failed: " + ex.getMessage(), ex);
        } finally {
            output.release();
        }
    }

    /**
     * Reads exactly one message from {@code buf[off .. off + len)}; the whole window must be one
     * message (trailing bytes are malformed).
     *
     * @throws MessageCodecException {@link CodecError#UNKNOWN_ID} naming the id;
     *     {@link CodecError#MALFORMED} (truncated, trailing bytes, impossible lengths, too deep) naming
     *     the id and class when known; {@link CodecError#TOO_LARGE} when {@code len} exceeds
     *     {@link MessageRegistry#maxMessageSize()}; {@link CodecError#NULL_MESSAGE}. Never any
     *     unchecked exception for bad bytes.
     */
    public Object decode(byte[] buf, int off, int len) throws MessageCodecException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len > maxMessageSize) {
            throw new MessageCodecException(CodecError.TOO_LARGE, MessageCodecException.NO_ID,
                    "received message of " + len + " bytes exceeds the registry's maxMessageSize of "
                            + maxMessageSize + " bytes", null);
        }
        if (len == 0) {
            throw new MessageCodecException(CodecError.MALFORMED, MessageCodecException.NO_ID,
                    "empty message", null);
        }
        int id = MessageCodecException.NO_ID;
        Class<?> type = null;
        input.setBuffer(buf, off, len);
        try {
            // Kryo writes a class as varint(id + 2); 0 is null and 1 means "class by name".
            int tag = input.readVarInt(true);
            if (tag == 0) {
                throw new MessageCodecException(CodecError.NULL_MESSAGE, MessageCodecException.NO_ID,
                        "received a null message", null);
            }
            if (tag == 1) {
                throw new MessageCodecException(CodecError.MALFORMED, MessageCodecException.NO_ID,
                        "received a class named by string; only registered ids are accepted", null);
            }
            id = tag - 2;
            Registration registration = kryo.getClassResolver().getRegistration(id);
            if (registration == null) {
                throw new MessageCodecException(CodecError.UNKNOWN_ID, id, "received unknown message id "
                        + id + ": the peer's MessageRegistry differs from ours (hash "
                        + registry.hashHex() + ")", null);
            }
            type = registration.getType();
            input.setPosition(off);
            Object message = kryo.readClassAndObject(input);
            int trailing = off + len - input.position();
            if (trailing != 0) {
                throw new MessageCodecException(CodecError.MALFORMED, id, "message " + type.getName()
                        + " (id " + id + ") left " + trailing + " trailing bytes", null);
            }
            if (message == null) {
                // An array type's serializer writes a null array as length 0 after a valid class id:
                // the listener must never be handed null.
                throw new MessageCodecException(CodecError.NULL_MESSAGE, id, "received a null " + type.getName()
                        + " (id " + id + ")", null);
            }
            return message;
        } catch (RuntimeException ex) {
            // Kryo reports bad bytes as KryoException, but serializers also throw plain runtime
            // exceptions on impossible values; on peer-supplied bytes every one is the peer's fault.
            String what = type == null ? "message header" : "message " + type.getName() + " (id " + id + ")";
            throw new MessageCodecException(CodecError.MALFORMED, id, "malformed " + what + ": " + ex, ex);
        } finally {
            input.release();
        }
    }

    private static boolean causedByOverflow(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof KryoBufferOverflowException) {
                return true;
            }
        }
        return false;
    }
}
