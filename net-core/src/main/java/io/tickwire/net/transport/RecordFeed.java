package io.tickwire.net.transport;

import io.tickwire.net.dtls.DtlsRecords;
import java.io.IOException;
import java.net.InetSocketAddress;

import org.bouncycastle.tls.DTLSRecordCallback;
import org.bouncycastle.tls.DTLSRecordFlags;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The {@link DatagramTransport} under one Bouncy Castle DTLS session, shared by server and client.
 *
 * <p>It stages one datagram at a time in its own buffer and hands Bouncy Castle one record per
 * {@code receive} call, so it always knows which record (epoch, sequence, source address) Bouncy
 * Castle is looking at. That is what lets it count what Bouncy Castle drops silently: a record for
 * which the {@link DTLSRecordCallback} did not fire was dropped, and the {@link ShadowReplayWindow}
 * (updated only on accepted records) tells a replay from a record that failed authentication.
 *
 * <p>Two modes: during the handshake (worker/background thread) {@code receive} waits up to
 * {@code waitMillis}; once established (owner thread) it never waits and throws
 * {@link NoDatagramWaiting} when nothing is staged. Buffers: {@code stage} is owned by this feed;
 * the bytes handed to Bouncy Castle are copied into its array.
 */
abstract class RecordFeed implements DatagramTransport, DTLSRecordCallback {

    final int maxDatagramSize;
    private final byte[] stage;
    private int stageOff;
    private int stageEnd;
    private InetSocketAddress stageSource;

    private final ShadowReplayWindow window = new ShadowReplayWindow();
    /** Set by {@link #pump} around one Bouncy Castle receive call: the staged record's length (0 = none). */
    private int receiveLimitOverride;
    private boolean pending;
    private int pendingEpoch;
    private long pendingSeq;
    private boolean pendingAuthenticable;
    private InetSocketAddress pendingSource;

    /**
     * Smallest ciphertext an authentic record of the negotiated AEAD suite can have (tag plus
     * explicit nonce). Bouncy Castle 1.84 answers a shorter record with a fatal decode_error
     * instead of discarding it (RFC 9146 6 says discard), so anyone who can forge a source address
     * or copy a connection ID could kill the session with one tiny datagram: we drop those first.
     */
    private int minCiphertext = 16;

    /**
     * Set by the handshake thread before the hand-off to the owner; volatile because the socket
     * reader also reads it to decide whether to screen this peer's datagrams.
     */
    volatile boolean established;

    RecordFeed(int maxDatagramSize) {
        this.maxDatagramSize = maxDatagramSize;
        this.stage = new byte[maxDatagramSize];
    }

    /**
     * Copies the next inbound datagram into {@code dst} (capacity {@code maxDatagramSize}), waiting up
     * to {@code waitMillis} (0 = do not wait); returns its length or -1; sets {@link #lastSource}.
     */
    abstract int nextDatagram(byte[] dst, long waitMillis) throws IOException;

    /** Source of the datagram last returned by {@link #nextDatagram}. */
    InetSocketAddress lastSource;

    /** True when a datagram may be waiting in the source (cheap check, no I/O for the server). */
    abstract boolean mayHaveDatagram();

    abstract void countDrop(DropReason reason);

    /** An authenticated, newest record that used a connection ID arrived from {@code source}. */
    abstract void peerAddressSeen(InetSocketAddress source);

    /** The other side's current address, for failure messages (the server; or the client, which may move). */
    abstract InetSocketAddress remoteAddress();

    /** True once Bouncy Castle ended the session itself (close_notify sent or received, fatal alert). */
    abstract boolean sessionClosed();

    /** True when a record is staged, so calling Bouncy Castle can make progress. */
    final boolean hasStagedRecord() {
        return stageOff < stageEnd;
    }

    /**
     * Bouncy Castle 1.84 allocates a fresh record buffer of exactly this many bytes on every
     * {@code DTLSTransport.receive} call, so while {@link #pump} hands over one staged record it answers
     * that record's length instead of the datagram limit (1.4 KB of garbage per record becomes the
     * record's own size). {@link #receive} never hands over a record longer than the buffer it is given.
     */
    @Override
    public int getReceiveLimit() {
        return receiveLimitOverride > 0 ? receiveLimitOverride : maxDatagramSize;
    }

    @Override
    public int getSendLimit() {
        return maxDatagramSize;
    }

    /**
     * Learns the negotiated suite (a {@code CipherSuite} value, or -1 when unknown) to bound the
     * smallest authentic record; handshake thread, before the hand-off.
     */
    final void cipherSuiteNegotiated(int suite) {
        int iv = 8;
        if (suite >= 0) {
            try {
                iv = org.bouncycastle.tls.TlsUtils.getEncryptionAlgorithm(suite)
                        == org.bouncycastle.tls.EncryptionAlgorithm.CHACHA20_POLY1305 ? 0 : 8;
            } catch (RuntimeException unknownSuite) {
                iv = 0;
            }
        } else {
            iv = 0; // unknown suite: the weakest bound that is still right for every AEAD suite
        }
        minCiphertext = 16 + iv;
    }

    /** Stages the next datagram without waiting; true if one was staged. Owner thread. */
    final boolean stageNow() throws IOException {
        if (hasStagedRecord()) {
            return true;
        }
        return stage(0);
    }

    private boolean stage(long waitMillis) throws IOException {
        int n = nextDatagram(stage, waitMillis);
        if (n < 0) {
            return false;
        }
        stageOff = 0;
        stageEnd = n;
        stageSource = lastSource;
        return true;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        settle();
        while (true) {
            if (!hasStagedRecord()) {
                if (established) {
                    throw NoDatagramWaiting.INSTANCE;
                }
                if (!stage(waitMillis)) {
                    return -1;
                }
            }
            int rest = stageEnd - stageOff;
            int recLen = DtlsRecords.recordLength(stage, stageOff, rest);
            if (!established) {
                // Handshake: hand the whole rest of the datagram; Bouncy Castle queues extra records itself.
                int n = Math.min(rest, len);
                System.arraycopy(stage, stageOff, buf, off, n);
                noteHandshakeEpochRecords(stageOff, stageOff + n);
                stageOff = stageEnd;
                return n;
            }
            if (recLen < 0) {
                // Garbage tail (or a header that lies about its length): Bouncy Castle would drop it too.
                countDrop(DropReason.MALFORMED);
                stageOff = stageEnd;
                continue;
            }
            if (recLen > len) {
                // Only after a dropped record inside one Bouncy Castle call, whose buffer was sized to
                // that record (getReceiveLimit): leave this one staged for the pump's next call.
                throw NoDatagramWaiting.INSTANCE;
            }
            int at = stageOff;
            stageOff += recLen;
            int epoch = DtlsRecords.epoch(stage, at);
            int ct = DtlsRecords.contentType(stage, at);
            int body = recLen - DtlsRecords.headerLength(ct);
            if (epoch >= 1 && body < minCiphertext + (ct == DtlsRecords.TLS12_CID ? 1 : 0)) {
                countDrop(DropReason.MALFORMED);
                continue;
            }
            long seq = DtlsRecords.sequence(stage, at);
            if (window.isReplay(epoch, seq)) {
                // Bouncy Castle's window holds at least what ours holds: it would drop this silently.
                countDrop(DropReason.REPLAYED);
                continue;
            }
            pending = true;
            pendingEpoch = epoch;
            pendingSeq = seq;
            pendingAuthenticable = epoch >= 1 && (window.epoch() < 0 || epoch == window.epoch());
            pendingSource = stageSource;
            System.arraycopy(stage, at, buf, off, recLen);
            return recLen;
        }
    }

    /**
     * The handshake's encrypted records (the peer's Finished, epoch 1) reach Bouncy Castle before we
     * may pass a record callback; the handshake only completes if they were accepted, so they enter
     * the shadow window here. Otherwise a late retransmission of that flight, which Bouncy Castle
     * drops as a replay, would be miscounted as tampering.
     */
    private void noteHandshakeEpochRecords(int from, int to) {
        int at = from;
        while (at < to) {
            int recLen = DtlsRecords.recordLength(stage, at, to - at);
            if (recLen < 0) {
                return;
            }
            int epoch = DtlsRecords.epoch(stage, at);
            if (epoch >= 1) {
                window.accepted(epoch, DtlsRecords.sequence(stage, at));
            }
            at += recLen;
        }
    }

    /** Called by Bouncy Castle (on the thread inside {@code DTLSTransport.receive}) for each accepted record. */
    @Override
    public final void recordAccepted(int flags) {
        if (!pending) {
            return;
        }
        pending = false;
        window.accepted(pendingEpoch, pendingSeq);
        if ((flags & DTLSRecordFlags.USES_CONNECTION_ID) != 0 && (flags & DTLSRecordFlags.IS_NEWEST) != 0) {
            // RFC 9146 6: only an authenticated record newer than any before may move the peer's address.
            peerAddressSeen(pendingSource);
        }
    }

    /**
     * Accounts for the record handed over last if Bouncy Castle dropped it (no callback): a record
     * of the current epoch with consistent lengths failed authentication; anything else is stale.
     */
    final void settle() {
        if (!pending) {
            return;
        }
        pending = false;
        countDrop(pendingAuthenticable ? DropReason.TAMPERED : DropReason.STALE_EPOCH);
    }

    /**
     * Owner thread: the next application record through {@code transport} into
     * {@code buf[off, off+len)}, or {@link DatagramLink#NOTHING_RECEIVED}. Bouncy Castle fails the whole
     * session when a record's plaintext does not fit the buffer it is given, so it decrypts straight into
     * the caller's buffer only when {@code len} holds the whole staged record (its plaintext is always
     * shorter); otherwise into {@code plain} (owned by the link, sized to the transport's receive limit),
     * copied over when it fits.
     */
    final int pump(DTLSTransport transport, byte[] plain, byte[] buf, int off, int len) throws IOException {
        while (true) {
            if (!stageNow()) {
                return DatagramLink.NOTHING_RECEIVED;
            }
            int recLen = DtlsRecords.recordLength(stage, stageOff, stageEnd - stageOff);
            boolean direct = recLen > 0 && recLen <= len;
            int n;
            receiveLimitOverride = recLen > 0 ? recLen : maxDatagramSize;
            try {
                // waitMillis is irrelevant: the feed never waits once established (see NoDatagramWaiting).
                n = direct ? transport.receive(buf, off, len, 1, this) : transport.receive(plain, 0, plain.length, 1, this);
            } catch (NoDatagramWaiting e) {
                settle();
                continue;
            } finally {
                receiveLimitOverride = 0;
            }
            settle();
            if (n < 0) {
                // Bouncy Castle gave up on its (1 ms) wait after dropping records, or surfaced a
                // bad_record_mac as -1; either way settle() has already counted each dropped record.
                continue;
            }
            if (direct) {
                return n;
            }
            if (n > len) {
                countDrop(DropReason.OVERSIZED);
                continue;
            }
            System.arraycopy(plain, 0, buf, off, n);
            return n;
        }
    }

    /**
     * Owner thread, shared by both links: sends {@code buf[off, off+len)} as one DTLS record, refusing
     * a payload over {@code maxPayload} (the transport's send limit) with an exception naming it, and
     * turning Bouncy Castle's failure into a {@link LinkFailedException}. The failure text is built
     * only on failure, so the steady state allocates nothing here.
     */
    final void sendRecord(DTLSTransport transport, int maxPayload, byte[] buf, int off, int len) throws IOException {
        if (len > maxPayload) {
            throw new IllegalArgumentException("payload of " + len + " bytes exceeds maxPayloadSize " + maxPayload);
        }
        try {
            transport.send(buf, off, len);
        } catch (IOException e) {
            throw LinkFailures.classify(e, sessionClosed(), "connection to " + remoteAddress());
        }
    }

    /** Owner thread, shared by both links: {@link #pump} with Bouncy Castle's failure turned into a {@link LinkFailedException}. */
    final int receiveRecord(DTLSTransport transport, byte[] plain, byte[] buf, int off, int len) throws IOException {
        try {
            return pump(transport, plain, buf, off, len);
        } catch (IOException e) {
            throw LinkFailures.classify(e, sessionClosed(), "connection to " + remoteAddress());
        }
    }

    /**
     * Owner thread, shared by both links' {@code close()}: sends close_notify through {@code transport}.
     * A failure (the socket is already gone) only matters to a debug line in {@code link}'s logger.
     */
    final void sendCloseNotify(DTLSTransport transport, Class<?> link) {
        try {
            transport.close();
        } catch (IOException e) {
            System.getLogger(link.getName()).log(System.Logger.Level.DEBUG,
                    "close_notify to " + remoteAddress() + " failed: " + e);
        }
    }
}
