package io.tickwire.net.protocol;

/**
 * The one fragmented message a channel is putting back together. The buffer (fragment count times
 * fragment size) comes from the connection's pool and is reserved against the connection's
 * {@code receiveBudgetBytes} (at its pooled size) from the first fragment until {@link #release()}.
 */
final class Reassembly {

    /** Fragment stored; message still incomplete. */
    static final int ADDED = 0;
    /** Fragment already held; dropped. */
    static final int DUPLICATE = 1;
    /** Last missing fragment stored: {@link #buffer()} and {@link #length()} hold the message. */
    static final int COMPLETE = 2;
    /** The connection was disconnected (budget exceeded or inconsistent fragments). */
    static final int FAULT = 3;

    private final Connection connection;
    private final BufferPool pool;
    private final int channel;
    private final int fragmentSize;
    private final boolean[] have;

    private int id = -1;
    private int count;
    private int received;
    private int lastLength;
    private int reserved;
    private byte[] buf;

    Reassembly(Connection connection, BufferPool pool, int channel) {
        this.connection = connection;
        this.pool = pool;
        this.channel = channel;
        ConnectionConfig c = connection.config();
        this.fragmentSize = c.fragmentSize();
        this.have = new boolean[c.maxMessageSize() > c.maxUnfragmentedMessageSize() ? c.maxFragments() : 0];
    }

    /** Whether a message is being reassembled. */
    boolean active() {
        return id != -1;
    }

    /** Id of the message being reassembled (meaningful while {@link #active()}). */
    int id() {
        return id;
    }

    /** Stores one validated fragment, starting the message if none is active; see the result codes. */
    int add(int messageId, int index, int fragmentCount, byte[] src, int off, int len) {
        if (id == -1) {
            int bytes = BufferPool.capacity(fragmentCount * fragmentSize);
            if (!connection.reserveReceive(bytes, channel, "reassembling a fragmented message")) {
                return FAULT;
            }
            id = messageId;
            count = fragmentCount;
            received = 0;
            lastLength = 0;
            reserved = bytes;
            buf = pool.acquire(bytes);
            for (int f = 0; f < fragmentCount; f++) {
                have[f] = false;
            }
        } else if (fragmentCount != count) {
            connection.fault(DisconnectReason.PROTOCOL_ERROR, "channel " + channel + ": message " + messageId
                    + " announced " + count + " fragments, then " + fragmentCount);
            return FAULT;
        }
        if (have[index]) {
            return DUPLICATE;
        }
        have[index] = true;
        System.arraycopy(src, off, buf, index * fragmentSize, len);
        if (index == count - 1) {
            lastLength = len;
        }
        return ++received == count ? COMPLETE : ADDED;
    }

    /** The reassembled bytes after {@link #COMPLETE}; valid until {@link #release()}. */
    byte[] buffer() {
        return buf;
    }

    /** Length of the reassembled message after {@link #COMPLETE}. */
    int length() {
        return (count - 1) * fragmentSize + lastLength;
    }

    /** Returns the buffer and the reserved budget; the slot is free for the next message. */
    void release() {
        if (buf != null) {
            pool.release(buf);
            buf = null;
            connection.releaseReceive(reserved);
            reserved = 0;
        }
        id = -1;
    }
}
