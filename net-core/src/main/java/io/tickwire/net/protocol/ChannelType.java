package io.tickwire.net.protocol;

/**
 * The delivery guarantees of a channel; every channel of a connection has one of these types.
 *
 * <p>No type ever delivers a message twice: packets are de-duplicated by sequence number and
 * reliable messages by message id. No type ever delivers a corrupted or truncated message.
 */
public enum ChannelType {

    /**
     * Fire and forget: messages may be dropped and may arrive out of order relative to each other;
     * never duplicated. Large messages are fragmented; losing any fragment loses the message.
     */
    UNRELIABLE(0, false),

    /**
     * Newest wins: messages may be dropped, and a message older than the newest one already
     * delivered on this channel is dropped rather than delivered late; never duplicated, never
     * reordered. Large messages are fragmented; losing any fragment loses the message.
     */
    UNRELIABLE_SEQUENCED(1, false),

    /**
     * Every message is delivered exactly once, in the order it was sent: never dropped, duplicated
     * or reordered. Large messages are fragmented and reassembled.
     */
    RELIABLE_ORDERED(2, true),

    /**
     * Every message is delivered exactly once, as soon as it arrives: never dropped or duplicated,
     * but may be reordered. Large messages are fragmented and reassembled.
     */
    RELIABLE_UNORDERED(3, true);

    private final int wireCode;
    private final boolean reliable;

    ChannelType(int wireCode, boolean reliable) {
        this.wireCode = wireCode;
        this.reliable = reliable;
    }

    /** Stable code of this type, used in the configuration hash. */
    public int wireCode() {
        return wireCode;
    }

    /** Whether messages on this channel are resent until acknowledged. */
    public boolean isReliable() {
        return reliable;
    }

    /** Whether entries of this channel carry a 16-bit message id on the wire. */
    boolean hasMessageId() {
        return this != UNRELIABLE;
    }
}
