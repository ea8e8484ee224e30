package io.tickwire.net.protocol;

/**
 * One channel of a connection: its send queue, how it packs entries into packets, and how it
 * delivers what it receives. Subclasses implement the guarantees of a {@link ChannelType}. Owned by
 * the connection's thread.
 */
abstract class Channel {

    final int index;
    final ChannelType type;
    final ChannelConfig config;
    final Connection connection;
    final BufferPool pool;

    Channel(int index, ChannelConfig config, Connection connection, BufferPool pool) {
        this.index = index;
        this.type = config.type();
        this.config = config;
        this.connection = connection;
        this.pool = pool;
    }

    /** Largest message {@link #send} accepts. */
    abstract int maxMessageSize();

    /** Copies a message into the send queue. */
    abstract SendStatus send(byte[] buf, int off, int len);

    /** Appends the entries that are due now (new, or unacknowledged for {@code rtoNanos}). */
    abstract void pack(PacketWriter w, long nowNanos, long rtoNanos);

    /** The packet that carried this message (or fragment) was acknowledged. */
    void onAcked(int messageId, int fragment) {
    }

    /**
     * Handles one validated entry; returns false when it made the connection disconnect (the caller
     * stops processing the packet).
     */
    abstract boolean receive(int messageId, boolean fragment, int fragmentIndex, int fragmentCount,
            byte[] buf, int off, int len);

    /** Messages waiting in the send queue (for reliable channels: including unacknowledged ones). */
    abstract int queuedMessages();

    /** Returns every pooled buffer; the channel is unusable afterwards. */
    abstract void releaseAll();
}
