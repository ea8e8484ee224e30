package io.tickwire.net.serial;

/** Why a {@link MessageCodec} refused to encode or decode a message. */
public enum CodecError {
    /** The message's class (or a class reachable from its fields) has no id in the registry. */
    UNREGISTERED_CLASS,
    /** The encoded message is larger than the registry's limit or the caller's buffer. */
    TOO_LARGE,
    /** The bytes name a registration id that this side's registry does not have. */
    UNKNOWN_ID,
    /** The bytes are not a valid encoding of a registered message (truncated, trailing bytes, bad lengths). */
    MALFORMED,
    /** A null message: messages are never null. */
    NULL_MESSAGE,
    /** A serializer failed while writing a message (a bug in a custom serializer or a bad field value). */
    SERIALIZER_FAILED
}
