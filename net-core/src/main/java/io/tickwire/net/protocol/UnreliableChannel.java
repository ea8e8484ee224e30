package io.tickwire.net.protocol;

/**
 * {@link ChannelType#UNRELIABLE} and {@link ChannelType#UNRELIABLE_SEQUENCED}: a FIFO of pooled
 * message copies that leave in the next packets with room; nothing is resent. The sequenced variant
 * numbers its messages and the receiver drops any message not newer than the newest it delivered.
 */
final class UnreliableChannel extends Channel {

    private final boolean sequenced;
    private final int mask;
    private final byte[][] queueBuf;
    private final int[] queueLen;
    private final int[] queueId;
    private int head;
    private int count;
    private int nextId;

    private boolean anyReceived;
    private int newestReceived;

    UnreliableChannel(int index, ChannelConfig config, Connection connection, BufferPool pool) {
        super(index, config, connection, pool);
        sequenced = config.type() == ChannelType.UNRELIABLE_SEQUENCED;
        int n = config.sendQueueLength();
        mask = n - 1;
        queueBuf = new byte[n][];
        queueLen = new int[n];
        queueId = new int[n];
    }

    @Override
    int maxMessageSize() {
        return connection.config().maxUnfragmentedMessageSize();
    }

    @Override
    SendStatus send(byte[] buf, int off, int len) {
        if (len > maxMessageSize()) {
            return SendStatus.MESSAGE_TOO_LARGE;
        }
        if (count > mask) {
            return SendStatus.QUEUE_FULL;
        }
        int slot = (head + count) & mask;
        byte[] copy = pool.acquire(len);
        System.arraycopy(buf, off, copy, 0, len);
        queueBuf[slot] = copy;
        queueLen[slot] = len;
        queueId[slot] = nextId;
        nextId = Sequence16.add(nextId, 1);
        count++;
        return SendStatus.QUEUED;
    }

    @Override
    void pack(PacketWriter w, long nowNanos, long rtoNanos) {
        int overhead = sequenced ? PacketLayout.MAX_ENTRY_OVERHEAD : PacketLayout.UNRELIABLE_ENTRY_OVERHEAD;
        while (count > 0) {
            int len = queueLen[head];
            if (!w.fits(overhead + len)) {
                // FIFO: the head waits for the next packet rather than being overtaken.
                return;
            }
            w.u8(index);
            if (sequenced) {
                w.u16(queueId[head]);
            }
            w.u16(len);
            w.bytes(queueBuf[head], 0, len);
            w.endEntry();
            pool.release(queueBuf[head]);
            queueBuf[head] = null;
            head = (head + 1) & mask;
            count--;
        }
    }

    @Override
    boolean receive(int messageId, boolean fragment, int fragmentIndex, int fragmentCount,
            byte[] buf, int off, int len) {
        if (sequenced) {
            if (anyReceived && !Sequence16.greaterThan(messageId, newestReceived)) {
                connection.stats().drop(DropReason.STALE_SEQUENCED_MESSAGE);
                return true;
            }
            anyReceived = true;
            newestReceived = messageId;
        }
        connection.deliver(index, buf, off, len);
        return true;
    }

    @Override
    int queuedMessages() {
        return count;
    }

    @Override
    void releaseAll() {
        while (count > 0) {
            pool.release(queueBuf[head]);
            queueBuf[head] = null;
            head = (head + 1) & mask;
            count--;
        }
    }
}
