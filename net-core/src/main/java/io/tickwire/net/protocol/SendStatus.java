package io.tickwire.net.protocol;

/**
 * Result of {@link Connection#send}; only {@link #QUEUED} means the message was accepted.
 * {@link Connection#explain(SendStatus, int, int)} turns a refusal into a sentence naming the limit.
 */
public enum SendStatus {
    /** The message was copied into the channel's send queue; the caller's buffer is free again. */
    QUEUED,
    /** The channel's send queue holds {@code sendQueueLength} messages: back-pressure, retry later. */
    QUEUE_FULL,
    /** The message exceeds {@link Connection#maxMessageSize(int)} for this channel; never retry. */
    MESSAGE_TOO_LARGE,
    /** The connection is not in state {@link ConnectionState#CONNECTED}. */
    NOT_CONNECTED,
    /** No channel with that index exists in the configuration. */
    UNKNOWN_CHANNEL;

    /** Whether the message was accepted. */
    public boolean isQueued() {
        return this == QUEUED;
    }
}
