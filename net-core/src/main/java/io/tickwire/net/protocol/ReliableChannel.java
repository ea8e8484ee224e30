package io.tickwire.net.protocol;

/**
 * {@link ChannelType#RELIABLE_ORDERED} and {@link ChannelType#RELIABLE_UNORDERED}.
 *
 * <p>Send side: a ring of {@code sendQueueLength} slots indexed by 16-bit message id. A message stays
 * in its slot (in a pooled copy) until a packet that carried it is acknowledged; it is resent when
 * its last transmission is older than its resend wait: the resend timeout, doubled for each resend
 * since the RTT estimate last changed, capped by {@code maxResendDelay} (see
 * {@link Connection#resendWait}). At most {@code receiveWindow} ids past the
 * oldest unacknowledged one are in flight, so the peer never has to buffer more than its window.
 * Nothing is packed while the connection's congestion window is full ({@link Connection#reliableBlocked});
 * when it opens, the walk starts at the oldest unacknowledged message, so the oldest due ones go first.
 *
 * <p>A message larger than {@link ConnectionConfig#maxUnfragmentedMessageSize()} is cut into
 * fragments. Its fragments are sent only once it is the oldest unacknowledged message of the
 * channel (a per-channel wait, never across channels); later unfragmented messages keep flowing
 * meanwhile. This keeps at most one reassembly per channel on the receiving side, lets the receiver
 * insist that fragments belong to the next message it expects, and means a reassembled message is
 * always deliverable at once (never held in memory waiting for earlier ones).
 *
 * <p>Receive side: a window of {@code receiveWindow} slots from the next expected id. Ordered
 * channels hold early messages (pooled copies, counted against the connection's
 * {@code receiveBudgetBytes}) until the gap closes; unordered channels deliver at
 * once and only remember which ids they have seen.
 */
final class ReliableChannel extends Channel {

    private static final long NEVER = Long.MIN_VALUE;
    /** {@link #packFragments} result: a due fragment was left out, so the channel must look again. */
    private static final long INCOMPLETE = Long.MIN_VALUE;

    private final boolean ordered;
    private final int window;
    private final int fragmentSize;

    // Send ring.
    private final int sendMask;
    private final byte[][] sendBuf;
    private final int[] sendLen;
    private final int[] sendId;
    private final long[] sendLastSent;
    /** Resend backoff of the slot's message, packed by {@link Connection#backoffAfterSend}. */
    private final int[] sendBackoff;
    private final int[] sendFragments;
    private int oldestUnacked;
    private int nextSendId;

    // Skipping idle walks: after a walk that left nothing due behind, nothing is due before
    // quietUntil unless a message is queued, the window moves (scanDirty) or the RTT estimate changes.
    private boolean scanDirty = true;
    private long quietUntil;
    private long quietRto;
    private int quietEpoch;

    // Fragment send state of the oldest message, when it is fragmented.
    private int fragMessageId = -1;
    private final boolean[] fragAcked;
    private final long[] fragLastSent;
    private final int[] fragBackoff;
    private int fragAckedCount;

    // Receive window.
    private final int recvMask;
    private final byte[][] recvBuf;
    private final int[] recvLen;
    private final int[] recvId;
    private final boolean[] recvHave;
    private int nextExpected;

    private final Reassembly reassembly;

    ReliableChannel(int index, ChannelConfig config, Connection connection, BufferPool pool) {
        super(index, config, connection, pool);
        ordered = config.type() == ChannelType.RELIABLE_ORDERED;
        window = config.receiveWindow();
        ConnectionConfig cc = connection.config();
        fragmentSize = cc.fragmentSize();
        int n = config.sendQueueLength();
        sendMask = n - 1;
        sendBuf = new byte[n][];
        sendLen = new int[n];
        sendId = new int[n];
        sendLastSent = new long[n];
        sendBackoff = new int[n];
        sendFragments = new int[n];
        java.util.Arrays.fill(sendId, -1);
        int maxFragments = cc.maxMessageSize() > cc.maxUnfragmentedMessageSize() ? cc.maxFragments() : 0;
        fragAcked = new boolean[maxFragments];
        fragLastSent = new long[maxFragments];
        fragBackoff = new int[maxFragments];
        reassembly = new Reassembly(connection, pool, index);
        recvMask = window - 1;
        recvBuf = new byte[window][];
        recvLen = new int[window];
        recvId = new int[window];
        recvHave = new boolean[window];
    }

    @Override
    SendStatus send(byte[] buf, int off, int len) {
        if (len > maxMessageSize()) {
            return SendStatus.MESSAGE_TOO_LARGE;
        }
        if (queuedMessages() > sendMask) {
            return SendStatus.QUEUE_FULL;
        }
        int slot = nextSendId & sendMask;
        byte[] copy = pool.acquire(len);
        System.arraycopy(buf, off, copy, 0, len);
        sendBuf[slot] = copy;
        sendLen[slot] = len;
        sendId[slot] = nextSendId;
        sendLastSent[slot] = NEVER;
        sendFragments[slot] = len > connection.config().maxUnfragmentedMessageSize()
                ? (len + fragmentSize - 1) / fragmentSize : 0;
        nextSendId = Sequence16.add(nextSendId, 1);
        scanDirty = true;
        return SendStatus.QUEUED;
    }

    @Override
    int queuedMessages() {
        return Sequence16.distance(nextSendId, oldestUnacked);
    }

    @Override
    void pack(PacketWriter w, long nowNanos, long rtoNanos) {
        if (connection.reliableBlocked()) {
            // The congestion window is full; what is due stays due (oldest first) until acks open it.
            return;
        }
        // Most calls find nothing due (every packet of a tick asks every channel): skip the walk over
        // the window while the last complete walk proved nothing is due before quietUntil.
        if (!scanDirty && nowNanos - quietUntil < 0 && rtoNanos == quietRto && connection.rttEpoch() == quietEpoch) {
            return;
        }
        long nextDue = Long.MAX_VALUE / 4;
        boolean complete = true;
        int inFlight = Math.min(queuedMessages(), window);
        int i = 0;
        for (; i < inFlight && !w.full(); i++) {
            int id = Sequence16.add(oldestUnacked, i);
            int slot = id & sendMask;
            if (sendBuf[slot] == null) {
                continue;
            }
            if (sendFragments[slot] > 0) {
                // Fragments go only once every earlier message is acknowledged (see class comment);
                // later small messages keep flowing meanwhile.
                if (i == 0) {
                    long due = packFragments(w, id, slot, nowNanos, rtoNanos);
                    if (due == INCOMPLETE) {
                        complete = false;
                    } else {
                        nextDue = Math.min(nextDue, due);
                    }
                }
                continue;
            }
            long last = sendLastSent[slot];
            if (last != NEVER) {
                long wait = connection.resendWait(rtoNanos, sendBackoff[slot]);
                if (nowNanos - last < wait) {
                    nextDue = Math.min(nextDue, last + wait - nowNanos);
                    continue;
                }
            }
            int len = sendLen[slot];
            if (!w.fits(PacketLayout.MAX_ENTRY_OVERHEAD + len)) {
                complete = false;
                continue;
            }
            w.u8(index);
            w.u16(id);
            w.u16(len);
            w.bytes(sendBuf[slot], 0, len);
            w.endEntry();
            w.recordReliable(index, id, 0);
            sendBackoff[slot] = connection.backoffAfterSend(last != NEVER, sendBackoff[slot]);
            sendLastSent[slot] = nowNanos;
            nextDue = Math.min(nextDue, connection.resendWait(rtoNanos, sendBackoff[slot]));
        }
        scanDirty = !complete || i < inFlight;
        quietUntil = nowNanos + nextDue;
        quietRto = rtoNanos;
        quietEpoch = connection.rttEpoch();
    }

    /**
     * Packs the due fragments of the oldest message; returns how long until the next of its
     * fragments is due, or {@link #INCOMPLETE} when some due fragment did not fit.
     */
    private long packFragments(PacketWriter w, int id, int slot, long nowNanos, long rtoNanos) {
        int count = sendFragments[slot];
        if (fragMessageId != id) {
            fragMessageId = id;
            fragAckedCount = 0;
            for (int f = 0; f < count; f++) {
                fragAcked[f] = false;
                fragLastSent[f] = NEVER;
            }
        }
        long nextDue = Long.MAX_VALUE / 4;
        boolean complete = true;
        int len = sendLen[slot];
        int f = 0;
        for (; f < count && !w.full(); f++) {
            if (fragAcked[f]) {
                continue;
            }
            long last = fragLastSent[f];
            if (last != NEVER) {
                long wait = connection.resendWait(rtoNanos, fragBackoff[f]);
                if (nowNanos - last < wait) {
                    nextDue = Math.min(nextDue, last + wait - nowNanos);
                    continue;
                }
            }
            int start = f * fragmentSize;
            int fragLen = Math.min(fragmentSize, len - start);
            if (!w.fits(PacketLayout.FRAGMENT_ENTRY_OVERHEAD + fragLen)) {
                complete = false;
                continue;
            }
            w.u8(index | PacketLayout.ENTRY_FLAG_FRAGMENT);
            w.u16(id);
            w.u16(f);
            w.u16(count);
            w.u16(fragLen);
            w.bytes(sendBuf[slot], start, fragLen);
            w.endEntry();
            w.recordReliable(index, id, f);
            fragBackoff[f] = connection.backoffAfterSend(last != NEVER, fragBackoff[f]);
            fragLastSent[f] = nowNanos;
            nextDue = Math.min(nextDue, connection.resendWait(rtoNanos, fragBackoff[f]));
        }
        return complete && f == count ? nextDue : INCOMPLETE;
    }

    @Override
    void onAcked(int messageId, int fragment) {
        int slot = messageId & sendMask;
        if (sendId[slot] != messageId || sendBuf[slot] == null) {
            return;
        }
        int count = sendFragments[slot];
        if (count > 0) {
            if (fragMessageId != messageId || fragment >= count || fragAcked[fragment]) {
                return;
            }
            fragAcked[fragment] = true;
            if (++fragAckedCount < count) {
                return;
            }
            fragMessageId = -1;
        }
        pool.release(sendBuf[slot]);
        sendBuf[slot] = null;
        while (oldestUnacked != nextSendId && sendBuf[oldestUnacked & sendMask] == null) {
            oldestUnacked = Sequence16.add(oldestUnacked, 1);
            // New ids enter the window, and a fragmented message may now be the oldest.
            scanDirty = true;
        }
    }

    @Override
    boolean receive(int messageId, boolean fragment, int fragmentIndex, int fragmentCount,
            byte[] buf, int off, int len) {
        int ahead = Sequence16.distance(messageId, nextExpected);
        if (ahead >= Sequence16.HALF) {
            connection.stats().drop(DropReason.DUPLICATE_MESSAGE);
            return true;
        }
        if (ahead >= window) {
            return connection.fault(DisconnectReason.RECEIVE_LIMIT_EXCEEDED, "channel " + index + ": message id "
                    + messageId + " is " + ahead + " ahead of the next expected id " + nextExpected
                    + ", beyond receiveWindow " + window);
        }
        int slot = messageId & recvMask;
        if (recvHave[slot] && recvId[slot] == messageId) {
            connection.stats().drop(DropReason.DUPLICATE_MESSAGE);
            return true;
        }
        if (fragment) {
            return receiveFragment(messageId, ahead, fragmentIndex, fragmentCount, buf, off, len);
        }
        if (ordered && ahead > 0) {
            // Held until the gap closes: counted against the connection's receive budget, so a peer
            // that never sends the missing id cannot make this side hold a whole window of copies.
            if (!connection.reserveReceive(BufferPool.capacity(len), index, "holding a message out of order")) {
                return false;
            }
            byte[] copy = pool.acquire(len);
            System.arraycopy(buf, off, copy, 0, len);
            recvBuf[slot] = copy;
            recvLen[slot] = len;
            recvId[slot] = messageId;
            recvHave[slot] = true;
            return true;
        }
        return deliverAndAdvance(messageId, slot, buf, off, len);
    }

    /** Delivers a message that is due now and then everything it unblocks. */
    private boolean deliverAndAdvance(int messageId, int slot, byte[] buf, int off, int len) {
        if (ordered) {
            connection.deliver(index, buf, off, len);
            nextExpected = Sequence16.add(nextExpected, 1);
            while (connection.isConnected()) {
                int s = nextExpected & recvMask;
                if (!recvHave[s] || recvId[s] != nextExpected) {
                    break;
                }
                byte[] held = recvBuf[s];
                recvBuf[s] = null;
                recvHave[s] = false;
                connection.deliver(index, held, 0, recvLen[s]);
                connection.releaseReceive(held.length);
                pool.release(held);
                nextExpected = Sequence16.add(nextExpected, 1);
            }
        } else {
            recvHave[slot] = true;
            recvId[slot] = messageId;
            connection.deliver(index, buf, off, len);
            while (true) {
                int s = nextExpected & recvMask;
                if (!recvHave[s] || recvId[s] != nextExpected) {
                    break;
                }
                recvHave[s] = false;
                nextExpected = Sequence16.add(nextExpected, 1);
            }
        }
        return connection.isConnected();
    }

    private boolean receiveFragment(int messageId, int ahead, int fragmentIndex, int fragmentCount,
            byte[] buf, int off, int len) {
        if (ahead != 0) {
            // A conforming sender only fragments the oldest unacknowledged message, so its fragments
            // always belong to the next id this side expects.
            return connection.fault(DisconnectReason.PROTOCOL_ERROR, "channel " + index + ": fragment of message "
                    + messageId + " while message " + nextExpected + " is still expected");
        }
        if (reassembly.active() && reassembly.id() != messageId) {
            return connection.fault(DisconnectReason.PROTOCOL_ERROR, "channel " + index + ": fragment of message "
                    + messageId + " while message " + reassembly.id() + " is being reassembled");
        }
        int total = addFragment(reassembly, messageId, fragmentIndex, fragmentCount, buf, off, len);
        if (total < 0) {
            return total == FRAGMENT_PENDING;
        }
        byte[] whole = reassembly.buffer();
        boolean ok = deliverAndAdvance(messageId, messageId & recvMask, whole, 0, total);
        reassembly.release();
        return ok;
    }

    @Override
    void releaseAll() {
        for (int i = 0; i < sendBuf.length; i++) {
            if (sendBuf[i] != null) {
                pool.release(sendBuf[i]);
                sendBuf[i] = null;
            }
        }
        oldestUnacked = nextSendId;
        for (int i = 0; i < recvBuf.length; i++) {
            if (recvBuf[i] != null) {
                connection.releaseReceive(recvBuf[i].length);
                pool.release(recvBuf[i]);
                recvBuf[i] = null;
            }
            recvHave[i] = false;
        }
        reassembly.release();
    }
}
