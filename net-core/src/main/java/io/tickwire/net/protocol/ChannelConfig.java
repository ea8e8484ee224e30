package io.tickwire.net.protocol;

/**
 * One channel of a {@link ConnectionConfig}: its type, its send queue and its receive window.
 *
 * @param type delivery guarantees of the channel
 * @param sendQueueLength messages that may wait in the send queue (for reliable channels: sent but
 *     not yet acknowledged, too); a power of two; a full queue makes {@code send} return
 *     {@link SendStatus#QUEUE_FULL}
 * @param receiveWindow reliable channels only: how far (in message ids) the peer may run ahead of
 *     the next message this side expects, which bounds out-of-order messages buffered on receipt;
 *     a power of two; ignored (but validated) for unreliable channels
 */
public record ChannelConfig(ChannelType type, int sendQueueLength, int receiveWindow) {

    /** Default {@link #sendQueueLength()} and {@link #receiveWindow()}. */
    public static final int DEFAULT_QUEUE_LENGTH = 1024;

    /** Largest queue length or window: half the 16-bit message id space. */
    public static final int MAX_QUEUE_LENGTH = 16384;

    /** A channel of the given type with the default queue length and window. */
    public static ChannelConfig of(ChannelType type) {
        return new ChannelConfig(type, DEFAULT_QUEUE_LENGTH, DEFAULT_QUEUE_LENGTH);
    }
}
