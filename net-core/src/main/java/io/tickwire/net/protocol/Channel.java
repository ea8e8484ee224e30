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

    /** Largest message {@link #send} accepts: the connection's limit, the same for every channel type. */
    final int maxMessageSize() {
        return connection.config().maxMessageSize();
    }

    /** {@link #addFragment}: the message is not complete yet (or the fragment was a duplicate). */
    static final int FRAGMENT_PENDING = -1;
    /** {@link #addFragment}: the fragment broke a rule; the connection is already faulted. */
    static final int FRAGMENT_REFUSED = -2;

    /**
     * Feeds one fragment to {@code reassembly}, shared by every channel type: returns the message's
     * length once it is complete (its bytes wait in the reassembly buffer until the caller releases
     * it), else {@link #FRAGMENT_PENDING} or {@link #FRAGMENT_REFUSED}.
     */
    final int addFragment(Reassembly reassembly, int messageId, int fragmentIndex, int fragmentCount,
                          byte[] buf, int off, int len) {
        switch (reassembly.add(messageId, fragmentIndex, fragmentCount, buf, off, len)) {
            case Reassembly.ADDED:
                return FRAGMENT_PENDING;
            case Reassembly.DUPLICATE:
                connection.stats().drop(DropReason.DUPLICATE_MESSAGE);
                return FRAGMENT_PENDING;
            case Reassembly.COMPLETE:
                break;
            default:
                return FRAGMENT_REFUSED;
        }
        int total = reassembly.length();
        if (total > maxMessageSize()) {
            reassembly.release();
            connection.fault(DisconnectReason.MESSAGE_TOO_LARGE, "channel " + index + ": reassembled message of "
                    + total + " bytes exceeds maxMessageSize " + maxMessageSize());
            return FRAGMENT_REFUSED;
        }
        return total;
    }

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
