package io.tickwire.net.protocol;

/**
 * {@link ChannelType#UNRELIABLE} and {@link ChannelType#UNRELIABLE_SEQUENCED}: a FIFO of pooled
 * message copies that leave in the next packets with room; nothing is resent. Every message gets a
 * 16-bit id; the sequenced variant sends it always and the receiver drops any message not newer
 * than the newest it delivered. A message larger than one packet goes out as consecutive fragments
 * carrying its id; the receiver keeps one reassembly per channel and gives up an incomplete
 * message as soon as fragments of a newer one arrive (a lost fragment loses the whole message).
 */
final class UnreliableChannel extends Channel {

    private final boolean sequenced;
    private final int mask;
    private final int fragmentSize;
    private final int maxUnfragmented;
    private final byte[][] queueBuf;
    private final int[] queueLen;
    private final int[] queueId;
    private int head;
    private int count;
    private int nextId;
    /** Next fragment of the head message to send, when it is fragmented. */
    private int headFragment;

    private boolean anyReceived;
    private int newestReceived;
    private final Reassembly reassembly;

    UnreliableChannel(int index, ChannelConfig config, Connection connection, BufferPool pool) {
        super(index, config, connection, pool);
        sequenced = config.type() == ChannelType.UNRELIABLE_SEQUENCED;
        int n = config.sendQueueLength();
        mask = n - 1;
        queueBuf = new byte[n][];
        queueLen = new int[n];
        queueId = new int[n];
        fragmentSize = connection.config().fragmentSize();
        maxUnfragmented = connection.config().maxUnfragmentedMessageSize();
        reassembly = new Reassembly(connection, pool, index);
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
            if (len > maxUnfragmented) {
                if (!packFragments(w, len)) {
                    return;
                }
            } else {
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
            }
            pool.release(queueBuf[head]);
            queueBuf[head] = null;
            head = (head + 1) & mask;
            count--;
        }
    }

    /** Writes the head message's remaining fragments that fit; true when its last one is written. */
    private boolean packFragments(PacketWriter w, int len) {
        int fragments = (len + fragmentSize - 1) / fragmentSize;
        while (headFragment < fragments) {
            int start = headFragment * fragmentSize;
            int fragLen = Math.min(fragmentSize, len - start);
            if (!w.fits(PacketLayout.FRAGMENT_ENTRY_OVERHEAD + fragLen)) {
                return false;
            }
            w.u8(index | PacketLayout.ENTRY_FLAG_FRAGMENT);
            w.u16(queueId[head]);
            w.u16(headFragment);
            w.u16(fragments);
            w.u16(fragLen);
            w.bytes(queueBuf[head], start, fragLen);
            w.endEntry();
            headFragment++;
        }
        headFragment = 0;
        return true;
    }

    @Override
    boolean receive(int messageId, boolean fragment, int fragmentIndex, int fragmentCount,
            byte[] buf, int off, int len) {
        if (sequenced && anyReceived && !Sequence16.greaterThan(messageId, newestReceived)) {
            connection.stats().drop(DropReason.STALE_SEQUENCED_MESSAGE);
            return true;
        }
        if (!fragment) {
            return deliver(messageId, buf, off, len);
        }
        if (reassembly.active() && reassembly.id() != messageId) {
            if (!Sequence16.greaterThan(messageId, reassembly.id())) {
                connection.stats().drop(DropReason.STALE_FRAGMENT);
                return true;
            }
            reassembly.release();
            connection.stats().drop(DropReason.ABANDONED_MESSAGE);
        }
        int total = addFragment(reassembly, messageId, fragmentIndex, fragmentCount, buf, off, len);
        if (total < 0) {
            return total == FRAGMENT_PENDING;
        }
        boolean ok = deliver(messageId, reassembly.buffer(), 0, total);
        reassembly.release();
        return ok;
    }

    private boolean deliver(int messageId, byte[] buf, int off, int len) {
        if (sequenced) {
            anyReceived = true;
            newestReceived = messageId;
        }
        connection.deliver(index, buf, off, len);
        return connection.isConnected();
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
        headFragment = 0;
        reassembly.release();
    }
}
