/**
 * Message serialization with Kryo: a {@link io.tickwire.net.serial.MessageRegistry} of classes with
 * explicit ids shared by both sides (its 64-bit hash is compared at connect time), and a
 * per-thread {@link io.tickwire.net.serial.MessageCodec} that encodes into and decodes from the
 * caller's byte arrays with reused Kryo {@code Output}/{@code Input} objects.
 *
 * <p>Decoding treats every byte as hostile: an unknown id, a truncated or over-long message, a
 * length prefix that claims more elements than bytes remain, or nesting deeper than the registry's
 * limit all end in a checked {@link io.tickwire.net.serial.MessageCodecException} with a
 * {@link io.tickwire.net.serial.CodecError}, never an unchecked surprise or a huge allocation.
 */
package io.tickwire.net.serial;
