package io.tickwire.net.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The socket-free protocol core of one connection: handshake, packet header with acks, RTT and
 * loss, channels, packing, fragmentation, keep-alive, timeout and disconnect.
 *
 * <p>Threading: owned by one thread; every method must be called on it. It never reads a clock
 * (time is the {@code nowNanos} parameter, from one monotonic source) and never touches a socket:
 * the owner moves packets between {@link #writePacket} / {@link #receivePacket} and a datagram link.
 *
 * <p>Buffers: {@link #send} copies the message into pooled storage before it returns, so the
 * caller's buffer is free again. {@link #receivePacket} reads the caller's buffer only during the
 * call; messages handed to the {@link MessageHandler} point into that buffer or into pooled storage,
 * valid only during the callback. {@link #writePacket} writes into the caller's buffer.
 *
 * <p>Steady state allocates nothing: send queues and receive windows are preallocated rings,
 * message copies come from a per-connection size-class pool, per-packet bookkeeping lives in
 * parallel primitive arrays indexed by {@link SequenceBuffer}.
 *
 * <p>Driving it, once per tick on the owning thread:
 * <pre>{@code
 * long now = clock.nanoTime();
 * int n;
 * while ((n = link.receive(in, 0, in.length)) != DatagramLink.NOTHING_RECEIVED) {
 *     connection.receivePacket(in, 0, n, now);
 * }
 * for (int i = 0; i < maxPacketsPerTick; i++) {
 *     int len = connection.writePacket(out, 0, now);
 *     if (len == 0) break;
 *     link.send(out, 0, len);
 * }
 * if (connection.state() == ConnectionState.DISCONNECTED) { ... report reason, drop it ... }
 * }</pre>
 */
public final class Connection {

    private static final long NEVER = Long.MIN_VALUE;
    /** Bits of a packed backoff state that count resends (see {@link #backoffAfterSend}). */
    private static final int BACKOFF_BITS = 5;
    private static final int BACKOFF_MASK = (1 << BACKOFF_BITS) - 1;
    private static final int EPOCH_MASK = -1 >>> BACKOFF_BITS;
    /** Largest resend count kept; beyond it the wait is at the cap anyway (and the shift stays small). */
    private static final int MAX_BACKOFF = 20;
    /** The minimum RTT is the smallest sample of the current or the previous period this long. */
    private static final long MIN_RTT_PERIOD_NANOS = 10_000_000_000L;

    private final ConnectionConfig config;
    private final ConnectionRole role;
    private final long applicationHash;
    private final long configHash;
    private final MessageHandler handler;
    private final BufferPool pool;
    private final Channel[] channels;
    private final ConnectionStats stats = new ConnectionStats();
    private final PacketWriter writer = new PacketWriter();
    /** Sent and received packet history ({@link ConnectionConfig#packetHistorySize()}). */
    private final int history;

    private ConnectionState state = ConnectionState.CONNECTING;
    private DisconnectReason disconnectReason;
    private String disconnectDetail = "";
    private boolean disconnectRemote;
    private final byte[] disconnectDetailBytes = new byte[PacketLayout.MAX_DETAIL_BYTES];
    private int disconnectDetailLength;
    private int disconnectPacketsSent;
    private long lastDisconnectSentNanos;

    private final long createdNanos;
    private long lastReceiveNanos;
    private long lastElicitingSentNanos = NEVER;
    private long lastConnectSentNanos = NEVER;
    private boolean acceptDue;

    // Admission (PROTOCOL.md, "Admission"). Client: the credential its CONNECT carries. Server: the
    // credential its ACCEPT carries (NONE until a resume ticket exists), and the one the client's
    // first acceptable CONNECT carried, taken once: resends are never looked at again.
    private static final byte[] NO_BYTES = new byte[0];
    private CredentialKind ownCredentialKind = CredentialKind.NONE;
    private byte[] ownCredential = NO_BYTES;
    private CredentialKind peerCredentialKind = CredentialKind.NONE;
    private byte[] peerCredential = NO_BYTES;
    private boolean holdForAdmission;
    private boolean admissionPending;
    private boolean credentialTaken;

    // Packets sent: sequence -> send time, acked, ack-eliciting, reliable entries carried.
    private int nextSequence;
    private final SequenceBuffer sent;
    private final long[] sentTime;
    private final boolean[] sentAcked;
    private final boolean[] sentEliciting;
    private final int[] sentEntryCount;
    private final long[] sentEntries;

    // Packets received: drives the ack field and duplicate detection.
    private final SequenceBuffer received;
    private boolean ackDue;
    /** Oldest received sequence that no ack window sent so far has covered (see {@link #chooseAck}). */
    private int coverFrom;

    // RTT (RFC 6298 style smoothing) and loss.
    private boolean haveRtt;
    private long srtt;
    private long rttvar;
    private long rto;
    /**
     * Counts RTT samples (modulo 2^27, the bits left beside the backoff count); a message's resend
     * backoff restarts when it changes (see {@link #resendWait}).
     */
    private int rttEpoch;
    private boolean haveAck;
    private int newestAck;
    private int lossCursor;

    // Congestion window on reliable data (see PROTOCOL.md, Reliability). sentFlight holds the length
    // of each sent packet that carried reliable entries until it is acknowledged or given up as lost
    // (older than the RTO, or its history slot reused); flightBytes is their sum.
    private final int[] sentFlight;
    private final boolean windowOn;
    private final int windowMin;
    private final int windowMax;
    private int window;
    private int slowStartLimit = Integer.MAX_VALUE;
    private int flightBytes;
    private int flightCursor;
    private boolean delayHigh;
    private long lastReductionNanos;
    private boolean reducedOnce;
    private long minRtt;
    private long minRttCandidate = Long.MAX_VALUE;
    private long minRttPeriodStart;
    // Optional fixed send-rate cap (token bucket over data packet bytes).
    private final double rateBytesPerNano;
    private final double rateBurst;
    private double rateCredit;
    private long rateRefilledNanos;
    // Optional receive-rate limit per peer (null when receiveRateLimitPacketsPerSecond is 0).
    private final TokenBucket receiveRate;

    /** Pooled bytes held for received data not yet delivered; bounded by receiveBudgetBytes. */
    private int receiveHeld;
    private int channelRotation;
    /** Optional listener for packet acknowledgements; null when none (see {@link PacketAckListener}). */
    private PacketAckListener ackListener;
    /** Sequence of the last packet finished by {@link #writePacket}; -1 before the first. */
    private int lastWrittenSequence = -1;

    /**
     * A new connection in state {@link ConnectionState#CONNECTING}; a client starts sending CONNECT
     * at its first {@link #writePacket}, a server waits for one.
     *
     * @param config shared configuration; its hash must equal the peer's
     * @param role client or server
     * @param applicationHash hash of the message registry, compared with the peer's at connect
     * @param handler receives messages on the thread that calls {@link #receivePacket}
     * @param nowNanos current time; starts the connect timeout
     */
    public Connection(ConnectionConfig config, ConnectionRole role, long applicationHash,
            MessageHandler handler, long nowNanos) {
        this.config = Objects.requireNonNull(config, "config");
        this.role = Objects.requireNonNull(role, "role");
        this.handler = Objects.requireNonNull(handler, "handler");
        config.validate();
        this.applicationHash = applicationHash;
        this.configHash = config.hash();
        this.pool = new BufferPool(Math.max(config.maxMessageSize(), config.maxFragments() * config.fragmentSize()));
        this.channels = new Channel[config.channelCount()];
        for (int i = 0; i < channels.length; i++) {
            ChannelConfig c = config.channel(i);
            channels[i] = c.type().isReliable()
                    ? new ReliableChannel(i, c, this, pool)
                    : new UnreliableChannel(i, c, this, pool);
        }
        this.history = config.packetHistorySize();
        this.sent = new SequenceBuffer(history);
        this.received = new SequenceBuffer(history);
        this.sentTime = new long[history];
        this.sentAcked = new boolean[history];
        this.sentEliciting = new boolean[history];
        this.sentEntryCount = new int[history];
        this.sentEntries = new long[history * config.maxMessagesPerPacket()];
        this.sentFlight = new int[history];
        this.windowOn = config.congestionDelayThresholdNanos() > 0;
        this.windowMin = config.congestionWindowMinPackets() * config.maxPacketSize();
        this.windowMax = history * config.maxPacketSize();
        this.window = config.congestionWindowInitialPackets() * config.maxPacketSize();
        this.minRttPeriodStart = nowNanos;
        this.rateBytesPerNano = config.sendRateLimitBytesPerSecond() / 1e9;
        this.rateBurst = Math.max(2.0 * config.maxPacketSize(), config.sendRateLimitBytesPerSecond() / 50.0);
        this.rateCredit = rateBurst;
        this.rateRefilledNanos = nowNanos;
        this.receiveRate = config.receiveRateLimitPacketsPerSecond() == 0 ? null
                : new TokenBucket(config.receiveRateLimitPacketsPerSecond(), config.receiveRateBurstPackets(), nowNanos);
        stats.congestionWindowBytes = window;
        this.createdNanos = nowNanos;
        this.lastReceiveNanos = nowNanos;
        this.rto = config.initialResendDelayNanos();
        stats.resendTimeoutNanos = rto;
    }

    // ------------------------------------------------------------------ public API

    /**
     * Client: the credential every CONNECT carries (default NONE). Server: the credential the ACCEPT
     * carries. Copies {@code bytes}. Call before the first {@link #writePacket} (client) or before
     * {@link #admit} (server).
     *
     * @throws IllegalArgumentException when the credential is longer than
     *     {@link CredentialKind#MAX_CREDENTIAL_BYTES} or the packet would exceed maxPacketSize
     * @throws IllegalStateException when the CONNECT already went out
     */
    public void setCredential(CredentialKind kind, byte[] bytes) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bytes, "bytes");
        if (role == ConnectionRole.CLIENT && lastConnectSentNanos != NEVER) {
            throw new IllegalStateException("setCredential after the first CONNECT was sent");
        }
        checkCredentialFits(config, bytes.length);
        ownCredentialKind = kind;
        ownCredential = bytes.length == 0 ? NO_BYTES : bytes.clone();
    }

    /**
     * Checks that a credential of {@code length} bytes fits both {@link CredentialKind#MAX_CREDENTIAL_BYTES}
     * and a CONNECT packet of {@code config}'s maxPacketSize.
     *
     * @throws IllegalArgumentException naming the limit that is exceeded
     */
    public static void checkCredentialFits(ConnectionConfig config, int length) {
        if (length > CredentialKind.MAX_CREDENTIAL_BYTES) {
            throw new IllegalArgumentException("credential of " + length + " bytes exceeds MAX_CREDENTIAL_BYTES "
                    + CredentialKind.MAX_CREDENTIAL_BYTES);
        }
        int packet = PacketLayout.HEADER_SIZE + PacketLayout.HANDSHAKE_BODY_SIZE + PacketLayout.CREDENTIAL_HEADER_SIZE + length;
        if (packet > config.maxPacketSize()) {
            throw new IllegalArgumentException("a CONNECT with a credential of " + length + " bytes needs " + packet
                    + " bytes, over maxPacketSize " + config.maxPacketSize());
        }
    }

    /**
     * Server: from now on a valid CONNECT does not connect by itself; it makes
     * {@link #admissionPending()} true and the owner decides with {@link #admit} or
     * {@link #disconnect}. Call right after construction.
     */
    public void holdForAdmission() {
        if (role != ConnectionRole.SERVER) {
            throw new IllegalStateException("holdForAdmission is for a server connection");
        }
        holdForAdmission = true;
    }

    /** Server: a valid CONNECT arrived and waits for {@link #admit} or {@link #disconnect}. */
    public boolean admissionPending() {
        return admissionPending;
    }

    /** Kind of the credential the peer's CONNECT (server) or ACCEPT (client) carried; NONE before one arrived. */
    public CredentialKind peerCredentialKind() {
        return peerCredentialKind;
    }

    /** A copy of the credential bytes the peer's CONNECT (server) or ACCEPT (client) carried; empty before one arrived. */
    public byte[] peerCredential() {
        return peerCredential.length == 0 ? NO_BYTES : peerCredential.clone();
    }

    /**
     * Server: admits the connection whose CONNECT is pending: it becomes CONNECTED and answers with
     * ACCEPT. Returns false (and does nothing) when no admission is pending (the connection ended meanwhile).
     */
    public boolean admit() {
        if (!admissionPending || state != ConnectionState.CONNECTING) {
            return false;
        }
        admissionPending = false;
        state = ConnectionState.CONNECTED;
        acceptDue = true;
        return true;
    }

    /** Sets (or clears with null) the listener told on the receiving thread when a sent packet is acknowledged. */
    public void setPacketAckListener(PacketAckListener listener) {
        this.ackListener = listener;
    }

    /**
     * The 16-bit sequence of the last packet {@link #writePacket} wrote, or -1 before the first: read
     * it right after a non-zero {@code writePacket} to know which packet carried what was queued.
     */
    public int lastWrittenPacketSequence() {
        return lastWrittenSequence;
    }

    /** The configuration this connection was built with. */
    public ConnectionConfig config() {
        return config;
    }

    /** Client or server. */
    public ConnectionRole role() {
        return role;
    }

    /** Current lifecycle state. */
    public ConnectionState state() {
        return state;
    }

    /** Whether the state is {@link ConnectionState#CONNECTED}. */
    public boolean isConnected() {
        return state == ConnectionState.CONNECTED;
    }

    /** Why the connection is disconnecting or disconnected, or null while it is not. */
    public DisconnectReason disconnectReason() {
        return disconnectReason;
    }

    /** Human-readable detail of the disconnect (empty while not disconnected). */
    public String disconnectDetail() {
        return disconnectDetail;
    }

    /** Whether the peer ended the connection (true) or this side did (false). */
    public boolean isDisconnectRemote() {
        return disconnectRemote;
    }

    /** Live statistics, updated in place; read on the owning thread. */
    public ConnectionStats stats() {
        return stats;
    }

    /** Largest message {@link #send} accepts on {@code channel}, or -1 for an unknown channel. */
    public int maxMessageSize(int channel) {
        return channel < 0 || channel >= channels.length ? -1 : channels[channel].maxMessageSize();
    }

    /** Messages waiting on {@code channel} (reliable: including sent but unacknowledged), or -1. */
    public int queuedMessages(int channel) {
        return channel < 0 || channel >= channels.length ? -1 : channels[channel].queuedMessages();
    }

    /**
     * Queues a message on {@code channel}; copies {@code buf[off, off+len)} before returning. Never
     * throws for bad input: the status says what happened.
     */
    public SendStatus send(int channel, byte[] buf, int off, int len, long nowNanos) {
        if (channel < 0 || channel >= channels.length) {
            return SendStatus.UNKNOWN_CHANNEL;
        }
        if (state != ConnectionState.CONNECTED) {
            return SendStatus.NOT_CONNECTED;
        }
        if (len < 0 || off < 0 || off + len > buf.length) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", buffer " + buf.length);
        }
        SendStatus s = channels[channel].send(buf, off, len);
        if (s == SendStatus.QUEUED) {
            stats.messagesQueued++;
        }
        return s;
    }

    /** A sentence naming the limit behind a refused send (allocates; for logs and errors). */
    public String explain(SendStatus status, int channel, int len) {
        switch (status) {
            case QUEUED:
                return "queued";
            case QUEUE_FULL:
                return "channel " + channel + " send queue is full: sendQueueLength "
                        + config.channel(channel).sendQueueLength() + " messages";
            case MESSAGE_TOO_LARGE:
                return "message of " + len + " bytes exceeds maxMessageSize " + maxMessageSize(channel)
                        + " on channel " + channel;
            case NOT_CONNECTED:
                return "connection is " + state;
            case UNKNOWN_CHANNEL:
                return "channel " + channel + " does not exist (channel count " + channels.length + ")";
            default:
                return status.name();
        }
    }

    /**
     * Starts disconnecting: the reason and detail (truncated to 200 UTF-8 bytes) go to the peer in
     * {@code disconnectPacketCount} DISCONNECT packets spaced {@code disconnectResendInterval} apart,
     * written by the next {@link #writePacket} calls; then the state becomes DISCONNECTED. Ignored
     * when already disconnecting.
     */
    public void disconnect(DisconnectReason reason, String detail, long nowNanos) {
        if (state == ConnectionState.DISCONNECTING || state == ConnectionState.DISCONNECTED) {
            return;
        }
        beginDisconnect(reason, detail == null ? "" : detail, false);
    }

    /**
     * Processes one received datagram payload. Never throws for bad input: a packet that breaks the
     * protocol disconnects with a reason naming the fault; stale, duplicate and late packets are
     * dropped and counted in {@link ConnectionStats#drops(DropReason)}.
     */
    public void receivePacket(byte[] buf, int off, int len, long nowNanos) {
        if (off < 0 || len < 0 || len > buf.length - off) {
            // The caller's bug, not the peer's: no datagram can produce it.
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", buffer " + buf.length);
        }
        stats.onReceived(len, nowNanos);
        if (state == ConnectionState.DISCONNECTING || state == ConnectionState.DISCONNECTED) {
            stats.drop(DropReason.AFTER_DISCONNECT);
            return;
        }
        if (receiveRate != null && !receiveRate.tryTake(nowNanos)) {
            limitFault("peer sent more than receiveRateLimitPacketsPerSecond " + config.receiveRateLimitPacketsPerSecond()
                    + " packets/s (burst receiveRateBurstPackets " + config.receiveRateBurstPackets() + ")");
            return;
        }
        if (len > config.maxPacketSize()) {
            limitFault("packet of " + len + " bytes exceeds maxPacketSize " + config.maxPacketSize());
            return;
        }
        if (len < PacketLayout.HEADER_SIZE) {
            protocolFault("packet of " + len + " bytes is shorter than the " + PacketLayout.HEADER_SIZE + "-byte header");
            return;
        }
        int first = buf[off] & 0xFF;
        int type = first & PacketLayout.TYPE_MASK;
        if ((first & PacketLayout.RESERVED_HEADER_BITS) != 0) {
            protocolFault("reserved header bits set: 0x" + Integer.toHexString(first));
            return;
        }
        int seq = PacketLayout.u16(buf, off + 1);
        int bodyOff = off + PacketLayout.HEADER_SIZE;
        int bodyLen = len - PacketLayout.HEADER_SIZE;
        switch (type) {
            case PacketLayout.TYPE_DATA:
            case PacketLayout.TYPE_ACK:
                if (state != ConnectionState.CONNECTED) {
                    stats.drop(DropReason.NOT_CONNECTED);
                    return;
                }
                if (type == PacketLayout.TYPE_ACK && bodyLen != 0) {
                    protocolFault("ACK packet with " + bodyLen + " body bytes");
                    return;
                }
                if (type == PacketLayout.TYPE_DATA && !validateData(buf, bodyOff, bodyLen)) {
                    return;
                }
                break;
            case PacketLayout.TYPE_CONNECT:
            case PacketLayout.TYPE_ACCEPT:
                boolean expected = (type == PacketLayout.TYPE_CONNECT) == (role == ConnectionRole.SERVER);
                if (!expected) {
                    protocolFault((type == PacketLayout.TYPE_CONNECT ? "CONNECT" : "ACCEPT") + " sent to a " + role);
                    return;
                }
                if (!validateHandshake(buf, bodyOff, bodyLen, type == PacketLayout.TYPE_CONNECT ? "CONNECT" : "ACCEPT")) {
                    return;
                }
                break;
            case PacketLayout.TYPE_DISCONNECT:
                if (bodyLen < 2 || (buf[bodyOff + 1] & 0xFF) != bodyLen - 2 || bodyLen - 2 > PacketLayout.MAX_DETAIL_BYTES) {
                    protocolFault("malformed DISCONNECT body of " + bodyLen + " bytes");
                    return;
                }
                break;
            default:
                protocolFault("unknown packet type " + type);
                return;
        }
        if (received.isStale(seq)) {
            stats.drop(DropReason.STALE_PACKET);
            return;
        }
        if (received.find(seq) >= 0) {
            stats.drop(DropReason.DUPLICATE_PACKET);
            return;
        }
        if (!received.hasAny()) {
            coverFrom = seq;
        }
        received.insert(seq);
        lastReceiveNanos = nowNanos;
        if ((first & PacketLayout.FLAG_ACK_PRESENT) != 0) {
            processAcks(PacketLayout.u16(buf, off + 3), PacketLayout.u32(buf, off + 5), nowNanos);
        }
        switch (type) {
            case PacketLayout.TYPE_DATA:
                ackDue = true;
                processData(buf, bodyOff, bodyLen);
                break;
            case PacketLayout.TYPE_CONNECT:
                processConnect(buf, bodyOff);
                break;
            case PacketLayout.TYPE_ACCEPT:
                processAccept(buf, bodyOff);
                break;
            case PacketLayout.TYPE_DISCONNECT:
                processDisconnect(buf, bodyOff);
                break;
            default:
                break;
        }
    }

    /**
     * Writes the next packet that is due into {@code out} at {@code off} and returns its length, or
     * returns 0 when nothing is due. Call in a (bounded) loop each tick until it returns 0 and send
     * each packet over the link; call it every tick even when idle, since it also runs the connect,
     * keep-alive and connection timeouts. {@code out} must have room for {@code maxPacketSize} bytes.
     */
    public int writePacket(byte[] out, int off, long nowNanos) {
        if (out.length - off < config.maxPacketSize()) {
            throw new IllegalArgumentException("packet buffer has " + (out.length - off)
                    + " bytes from offset; maxPacketSize " + config.maxPacketSize() + " needed");
        }
        checkTimeouts(nowNanos);
        switch (state) {
            case DISCONNECTED:
                return 0;
            case DISCONNECTING:
                return writeDisconnect(out, off, nowNanos);
            case CONNECTING:
                if (role == ConnectionRole.CLIENT && (lastConnectSentNanos == NEVER
                        || nowNanos - lastConnectSentNanos >= config.connectResendIntervalNanos())) {
                    lastConnectSentNanos = nowNanos;
                    return writeHandshake(out, off, PacketLayout.TYPE_CONNECT, nowNanos);
                }
                return 0;
            default:
                break;
        }
        if (acceptDue) {
            acceptDue = false;
            return writeHandshake(out, off, PacketLayout.TYPE_ACCEPT, nowNanos);
        }
        int n = writeData(out, off, nowNanos, false);
        if (n > 0) {
            return n;
        }
        if (ackDue) {
            return finishPacket(out, off, PacketLayout.TYPE_ACK, PacketLayout.HEADER_SIZE, false, 0, nowNanos);
        }
        // Keyed on ack-eliciting packets: a side that only sends ACKs still gets its packets
        // acknowledged a few times a second, which keeps its RTT and loss figures alive.
        if (lastElicitingSentNanos == NEVER || nowNanos - lastElicitingSentNanos >= config.keepAliveIntervalNanos()) {
            return writeData(out, off, nowNanos, true);
        }
        return 0;
    }

    // ------------------------------------------------------------------ package API for channels

    void deliver(int channel, byte[] buf, int off, int len) {
        stats.messagesDelivered++;
        handler.onMessage(channel, buf, off, len);
    }

    /** Disconnects for a fault of the peer; returns false so callers can {@code return fault(...)}. */
    boolean fault(DisconnectReason reason, String detail) {
        stats.drop(DropReason.PROTOCOL_FAULT);
        if (state == ConnectionState.CONNECTED || state == ConnectionState.CONNECTING) {
            beginDisconnect(reason, detail, false);
        }
        return false;
    }

    /**
     * Whether reliable channels must wait: the congestion window is full. Unreliable channels, acks
     * and keep-alives are never held by it.
     */
    boolean reliableBlocked() {
        return windowOn && flightBytes >= window;
    }

    /** Changes whenever the RTT estimate (and so the resend timeout) is updated. */
    int rttEpoch() {
        return rttEpoch;
    }

    /**
     * The backoff state of a message (or fragment) just sent, given its state before: the number of
     * resends since the last RTT sample (low {@link #BACKOFF_BITS} bits, capped at {@link #MAX_BACKOFF})
     * and the RTT epoch it counts in (the rest). A first transmission starts at zero; a resend counts
     * one more, from zero again when an RTT sample arrived since. Counts the resend in the stats.
     */
    int backoffAfterSend(boolean resend, int before) {
        int count = 0;
        if (resend) {
            stats.resends++;
            int previous = (before >>> BACKOFF_BITS) == rttEpoch ? before & BACKOFF_MASK : 0;
            count = Math.min(previous + 1, MAX_BACKOFF);
        }
        return rttEpoch << BACKOFF_BITS | count;
    }

    /**
     * How long a message (or fragment) with backoff state {@code backoff} (see
     * {@link #backoffAfterSend}) waits after its last transmission before being resent: the resend
     * timeout doubled per resend, capped by {@code maxResendDelay} (never below the timeout itself).
     * A new RTT sample starts every message over at the plain timeout, since the estimate it backed
     * off from is stale.
     */
    long resendWait(long rtoNanos, int backoff) {
        int count = backoff & BACKOFF_MASK;
        if (count == 0 || (backoff >>> BACKOFF_BITS) != rttEpoch) {
            return rtoNanos;
        }
        return Math.max(rtoNanos, Math.min(rtoNanos << count, config.maxResendDelayNanos()));
    }

    boolean reserveReceive(int bytes, int channel, String what) {
        if ((long) receiveHeld + bytes > config.receiveBudgetBytes()) {
            return fault(DisconnectReason.RECEIVE_LIMIT_EXCEEDED, "channel " + channel + ": " + what + " needs " + bytes
                    + " more bytes, exceeding receiveBudgetBytes " + config.receiveBudgetBytes()
                    + " (" + receiveHeld + " in use)");
        }
        receiveHeld += bytes;
        stats.receiveHeldBytes = receiveHeld;
        return true;
    }

    /** Gives back what {@link #reserveReceive} reserved. */
    void releaseReceive(int bytes) {
        receiveHeld -= bytes;
        stats.receiveHeldBytes = receiveHeld;
    }

    // ------------------------------------------------------------------ receive internals

    private void protocolFault(String detail) {
        fault(DisconnectReason.PROTOCOL_ERROR, detail);
    }

    private void limitFault(String detail) {
        fault(DisconnectReason.RECEIVE_LIMIT_EXCEEDED, detail);
    }

    /** Checks the whole body's structure before any of it takes effect. */
    private boolean validateData(byte[] buf, int p, int bodyLen) {
        int end = p + bodyLen;
        int entries = 0;
        while (p < end) {
            if (++entries > config.maxMessagesPerPacket()) {
                limitFault("more than maxMessagesPerPacket " + config.maxMessagesPerPacket() + " messages in one packet");
                return false;
            }
            int flags = buf[p] & 0xFF;
            if ((flags & PacketLayout.ENTRY_RESERVED) != 0) {
                protocolFault("reserved entry flag set at body offset " + (bodyLen - (end - p)));
                return false;
            }
            int ch = flags & PacketLayout.ENTRY_CHANNEL_MASK;
            if (ch >= channels.length) {
                limitFault("unknown channel " + ch + " (channel count " + channels.length + ")");
                return false;
            }
            ChannelType t = channels[ch].type;
            boolean fragment = (flags & PacketLayout.ENTRY_FLAG_FRAGMENT) != 0;
            int head = 1 + (t.hasMessageId() || fragment ? 2 : 0) + (fragment ? 4 : 0) + 2;
            if (end - p < head) {
                protocolFault("truncated message header on channel " + ch);
                return false;
            }
            int payload = PacketLayout.u16(buf, p + head - 2);
            if (end - p - head < payload) {
                protocolFault("message on channel " + ch + " claims " + payload + " bytes, " + (end - p - head) + " remain");
                return false;
            }
            if (fragment) {
                int index = PacketLayout.u16(buf, p + 3);
                int count = PacketLayout.u16(buf, p + 5);
                if (count > config.maxFragments()) {
                    fault(DisconnectReason.MESSAGE_TOO_LARGE, "channel " + ch + ": message of " + count
                            + " fragments exceeds maxMessageSize " + config.maxMessageSize() + " ("
                            + config.maxFragments() + " fragments)");
                    return false;
                }
                if (count < 2 || index >= count) {
                    protocolFault("fragment " + index + " of " + count + " on channel " + ch);
                    return false;
                }
                boolean last = index == count - 1;
                if (last ? (payload < 1 || payload > config.fragmentSize()) : payload != config.fragmentSize()) {
                    protocolFault("fragment " + index + " of " + count + " has " + payload + " bytes; fragmentSize "
                            + config.fragmentSize());
                    return false;
                }
            } else if (payload > config.maxUnfragmentedMessageSize()) {
                fault(DisconnectReason.MESSAGE_TOO_LARGE, "unfragmented message of " + payload
                        + " bytes exceeds maxUnfragmentedMessageSize " + config.maxUnfragmentedMessageSize());
                return false;
            }
            p += head + payload;
        }
        return true;
    }

    private void processData(byte[] buf, int p, int bodyLen) {
        int end = p + bodyLen;
        while (p < end && state == ConnectionState.CONNECTED) {
            int flags = buf[p] & 0xFF;
            Channel ch = channels[flags & PacketLayout.ENTRY_CHANNEL_MASK];
            boolean fragment = (flags & PacketLayout.ENTRY_FLAG_FRAGMENT) != 0;
            int q = p + 1;
            int id = 0;
            if (ch.type.hasMessageId() || fragment) {
                id = PacketLayout.u16(buf, q);
                q += 2;
            }
            int index = 0;
            int count = 0;
            if (fragment) {
                index = PacketLayout.u16(buf, q);
                count = PacketLayout.u16(buf, q + 2);
                q += 4;
            }
            int len = PacketLayout.u16(buf, q);
            q += 2;
            if (!ch.receive(id, fragment, index, count, buf, q, len)) {
                return;
            }
            p = q + len;
        }
    }

    private void processAcks(int ack, int bits, long nowNanos) {
        ackPacket(ack, nowNanos, true);
        // Visit only the set bits (usually a run of already-acknowledged packets, or none).
        for (int b = bits; b != 0; b &= b - 1) {
            ackPacket(Sequence16.add(ack, -1 - Integer.numberOfTrailingZeros(b)), nowNanos, false);
        }
        if (!haveAck || Sequence16.greaterThan(ack, newestAck)) {
            haveAck = true;
            newestAck = ack;
            updateLoss();
        }
    }

    private void ackPacket(int seq, long nowNanos, boolean newest) {
        int slot = sent.find(seq);
        if (slot < 0 || sentAcked[slot]) {
            return;
        }
        sentAcked[slot] = true;
        stats.packetsAcked++;
        // Only the ack field's packet gives a clean sample: the peer acks it at its next write,
        // while packets acked only through the bitfield may have waited for an unrelated packet.
        if (newest && sentEliciting[slot]) {
            rttSample(nowNanos - sentTime[slot], nowNanos);
        }
        releaseFlight(slot, true);
        if (ackListener != null) {
            ackListener.onPacketAcked(seq);
        }
        int base = slot * config.maxMessagesPerPacket();
        for (int i = 0, n = sentEntryCount[slot]; i < n; i++) {
            long e = sentEntries[base + i];
            int ch = (int) (e >>> 32);
            channels[ch].onAcked((int) (e >>> 16) & 0xFFFF, (int) e & 0xFFFF);
        }
    }

    /** Takes a sent packet's reliable bytes out of flight; an acknowledgement may grow the window. */
    private void releaseFlight(int slot, boolean acked) {
        int bytes = sentFlight[slot];
        if (bytes == 0) {
            return;
        }
        sentFlight[slot] = 0;
        // Grow only while the window is (nearly) in use: an application-limited sender proves
        // nothing about what the path carries.
        boolean limited = flightBytes + 2 * config.maxPacketSize() >= window;
        flightBytes -= bytes;
        if (acked && limited && !delayHigh) {
            if (window < slowStartLimit) {
                window += bytes;
            } else {
                window += (int) ((long) config.maxPacketSize() * bytes / window);
            }
            window = Math.min(window, windowMax);
            stats.congestionWindowBytes = window;
        }
        stats.reliableBytesInFlight = flightBytes;
    }

    /**
     * Gives up on reliable packets older than the resend timeout (their messages are resent on
     * their own schedule); walks from the oldest packet that may still be in flight.
     */
    private void expireFlight(long nowNanos) {
        int steps = 0;
        while (flightCursor != nextSequence && steps++ < history) {
            int slot = sent.find(flightCursor);
            if (slot >= 0 && sentFlight[slot] > 0) {
                if (nowNanos - sentTime[slot] <= rto) {
                    return;
                }
                releaseFlight(slot, false);
            }
            flightCursor = Sequence16.add(flightCursor, 1);
        }
    }

    /**
     * Delay-based congestion signal: a bottleneck queue filling up shows as RTT well above the
     * minimum. Random loss does not move it, so lossy but idle paths keep their window.
     */
    private void congestionSample(long sample, long nowNanos) {
        if (minRtt == 0 || sample < minRtt) {
            minRtt = sample;
        }
        minRttCandidate = Math.min(minRttCandidate, sample);
        if (nowNanos - minRttPeriodStart >= MIN_RTT_PERIOD_NANOS) {
            // Forget minima older than two periods, so a path whose base RTT grew is learned again.
            minRtt = minRttCandidate;
            minRttCandidate = Long.MAX_VALUE;
            minRttPeriodStart = nowNanos;
        }
        stats.minRttNanos = minRtt;
        if (!windowOn) {
            return;
        }
        long threshold = Math.max(config.congestionDelayThresholdNanos(), minRtt / 2);
        delayHigh = sample - minRtt > threshold && srtt - minRtt > threshold;
        // At most one reduction per smoothed RTT: samples of packets sent before it still show the old queue.
        if (delayHigh && (!reducedOnce || nowNanos - lastReductionNanos > srtt)) {
            reducedOnce = true;
            lastReductionNanos = nowNanos;
            window = Math.max(windowMin, (int) (window * 7L / 10));
            slowStartLimit = window;
            stats.congestionWindowBytes = window;
            stats.congestionReductions++;
        }
    }

    private void rttSample(long sample, long nowNanos) {
        if (sample < 0) {
            return;
        }
        if (!haveRtt) {
            haveRtt = true;
            srtt = sample;
            rttvar = sample / 2;
        } else {
            long err = Math.abs(srtt - sample);
            rttvar = rttvar + (err - rttvar) / 4;
            srtt = srtt + (sample - srtt) / 8;
        }
        rttEpoch = (rttEpoch + 1) & EPOCH_MASK;
        long margin = Math.max(4 * rttvar, config.ackDelayAllowanceNanos());
        rto = Math.max(config.minResendDelayNanos(), Math.min(config.maxResendDelayNanos(), srtt + margin));
        stats.smoothedRttNanos = srtt;
        stats.rttVarianceNanos = rttvar;
        stats.resendTimeoutNanos = rto;
        congestionSample(sample, nowNanos);
    }

    /** Ack-eliciting packets that fell out of the acknowledgement window are now known lost or not. */
    private void updateLoss() {
        int limit = Sequence16.add(newestAck, -(PacketLayout.ACK_WINDOW - 1));
        int steps = 0;
        while (Sequence16.greaterThan(limit, lossCursor) && steps++ < history) {
            int slot = sent.find(lossCursor);
            if (slot >= 0 && sentEliciting[slot]) {
                stats.onLossSample(!sentAcked[slot]);
            }
            lossCursor = Sequence16.add(lossCursor, 1);
        }
        if (Sequence16.greaterThan(limit, lossCursor)) {
            lossCursor = limit;
        }
    }

    private void processConnect(byte[] buf, int p) {
        if (state == ConnectionState.CONNECTED) {
            // The client did not get our ACCEPT yet: answer again (values were checked the first time).
            acceptDue = true;
            return;
        }
        if (credentialTaken) {
            // A resend while the owner decides: the credential is verified once, never again.
            return;
        }
        if (checkHandshake(buf, p, "client")) {
            takeCredential(buf, p);
            if (holdForAdmission) {
                admissionPending = true;
            } else {
                state = ConnectionState.CONNECTED;
                acceptDue = true;
            }
        }
    }

    private void processAccept(byte[] buf, int p) {
        if (state == ConnectionState.CONNECTED) {
            return;
        }
        if (checkHandshake(buf, p, "server")) {
            takeCredential(buf, p);
            state = ConnectionState.CONNECTED;
        }
    }

    /** Copies the (already validated) credential trailer of a handshake body; once per connection. */
    private void takeCredential(byte[] buf, int p) {
        int q = p + PacketLayout.HANDSHAKE_BODY_SIZE;
        credentialTaken = true;
        peerCredentialKind = CredentialKind.fromCode(buf[q] & 0xFF);
        int n = PacketLayout.u16(buf, q + 1);
        peerCredential = new byte[n];
        System.arraycopy(buf, q + PacketLayout.CREDENTIAL_HEADER_SIZE, peerCredential, 0, n);
    }

    /**
     * Structure of a CONNECT/ACCEPT body: the 22-byte handshake part, then (when the version is ours;
     * another version is refused by name in {@link #checkHandshake}) the credential trailer.
     */
    private boolean validateHandshake(byte[] buf, int p, int bodyLen, String what) {
        if (bodyLen < PacketLayout.HANDSHAKE_BODY_SIZE || PacketLayout.u32(buf, p) != PacketLayout.HANDSHAKE_MAGIC) {
            protocolFault("malformed " + what + " body of " + bodyLen + " bytes");
            return false;
        }
        if (PacketLayout.u16(buf, p + 4) != config.protocolVersion()) {
            return true;
        }
        int rest = bodyLen - PacketLayout.HANDSHAKE_BODY_SIZE;
        if (rest < PacketLayout.CREDENTIAL_HEADER_SIZE) {
            protocolFault("malformed " + what + " body of " + bodyLen + " bytes: no credential field (kind, length)");
            return false;
        }
        int q = p + PacketLayout.HANDSHAKE_BODY_SIZE;
        int kind = buf[q] & 0xFF;
        if (CredentialKind.fromCode(kind) == null) {
            protocolFault(what + " carries unknown credential kind " + kind);
            return false;
        }
        int n = PacketLayout.u16(buf, q + 1);
        if (n > CredentialKind.MAX_CREDENTIAL_BYTES) {
            limitFault(what + " credential of " + n + " bytes exceeds MAX_CREDENTIAL_BYTES "
                    + CredentialKind.MAX_CREDENTIAL_BYTES);
            return false;
        }
        if (n != rest - PacketLayout.CREDENTIAL_HEADER_SIZE) {
            protocolFault(what + " credential length " + n + " but " + (rest - PacketLayout.CREDENTIAL_HEADER_SIZE)
                    + " bytes follow");
            return false;
        }
        return true;
    }

    /** Compares the peer's version and hashes with ours; refuses with the matching reason. */
    private boolean checkHandshake(byte[] buf, int p, String peer) {
        String self = role == ConnectionRole.SERVER ? "server" : "client";
        int version = PacketLayout.u16(buf, p + 4);
        long peerConfig = PacketLayout.u64(buf, p + 6);
        long peerApp = PacketLayout.u64(buf, p + 14);
        if (version != config.protocolVersion()) {
            beginDisconnect(DisconnectReason.PROTOCOL_VERSION_MISMATCH, peer + " protocol version " + version
                    + ", " + self + " protocol version " + config.protocolVersion(), false);
            return false;
        }
        if (peerConfig != configHash) {
            beginDisconnect(DisconnectReason.CONFIG_MISMATCH, peer + " config hash " + hex(peerConfig) + ", "
                    + self + " config hash " + hex(configHash), false);
            return false;
        }
        if (peerApp != applicationHash) {
            beginDisconnect(DisconnectReason.REGISTRY_MISMATCH, peer + " registry hash " + hex(peerApp) + ", "
                    + self + " registry hash " + hex(applicationHash)
                    + " (message registry, with the replication schema when one is used): build both sides from the same"
                    + " registry and schema", false);
            return false;
        }
        return true;
    }

    private static String hex(long v) {
        return String.format("0x%016x", v);
    }

    private void processDisconnect(byte[] buf, int p) {
        DisconnectReason reason = DisconnectReason.fromCode(buf[p] & 0xFF);
        int n = buf[p + 1] & 0xFF;
        String detail = new String(buf, p + 2, n, StandardCharsets.UTF_8);
        disconnectReason = reason;
        disconnectDetail = detail;
        disconnectRemote = true;
        enterDisconnected();
    }

    // ------------------------------------------------------------------ state internals

    private void beginDisconnect(DisconnectReason reason, String detail, boolean remote) {
        // A refused (or otherwise ended) connection has nothing left to decide: the owner must not
        // ask its admission again for every later datagram or update.
        admissionPending = false;
        disconnectReason = reason;
        disconnectRemote = remote;
        byte[] utf8 = detail.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(utf8.length, PacketLayout.MAX_DETAIL_BYTES);
        // Never cut a multi-byte character in half: back up to a character start.
        while (n < utf8.length && n > 0 && (utf8[n] & 0xC0) == 0x80) {
            n--;
        }
        System.arraycopy(utf8, 0, disconnectDetailBytes, 0, n);
        disconnectDetailLength = n;
        disconnectDetail = new String(utf8, 0, n, StandardCharsets.UTF_8);
        disconnectPacketsSent = 0;
        state = ConnectionState.DISCONNECTING;
        for (Channel c : channels) {
            c.releaseAll();
        }
    }

    private void enterDisconnected() {
        if (state != ConnectionState.DISCONNECTING) {
            for (Channel c : channels) {
                c.releaseAll();
            }
        }
        state = ConnectionState.DISCONNECTED;
    }

    private void checkTimeouts(long nowNanos) {
        if (state == ConnectionState.CONNECTING && nowNanos - createdNanos >= config.connectTimeoutNanos()) {
            beginDisconnect(DisconnectReason.TIMEOUT, (role == ConnectionRole.CLIENT ? "no ACCEPT" : "no CONNECT")
                    + " within connectTimeout " + config.connectTimeoutNanos() / 1_000_000 + " ms", false);
        } else if (state == ConnectionState.CONNECTED && nowNanos - lastReceiveNanos >= config.connectionTimeoutNanos()) {
            beginDisconnect(DisconnectReason.TIMEOUT, "nothing received for " + (nowNanos - lastReceiveNanos) / 1_000_000
                    + " ms (connectionTimeout " + config.connectionTimeoutNanos() / 1_000_000 + " ms)", false);
        }
    }

    // ------------------------------------------------------------------ write internals

    private int writeDisconnect(byte[] out, int off, long nowNanos) {
        if (disconnectPacketsSent > 0 && nowNanos - lastDisconnectSentNanos < config.disconnectResendIntervalNanos()) {
            return 0;
        }
        int p = off + PacketLayout.HEADER_SIZE;
        out[p] = (byte) disconnectReason.code();
        out[p + 1] = (byte) disconnectDetailLength;
        System.arraycopy(disconnectDetailBytes, 0, out, p + 2, disconnectDetailLength);
        int len = finishPacket(out, off, PacketLayout.TYPE_DISCONNECT, PacketLayout.HEADER_SIZE + 2 + disconnectDetailLength,
                false, 0, nowNanos);
        lastDisconnectSentNanos = nowNanos;
        if (++disconnectPacketsSent >= config.disconnectPacketCount()) {
            state = ConnectionState.DISCONNECTED;
        }
        return len;
    }

    private int writeHandshake(byte[] out, int off, int type, long nowNanos) {
        int p = off + PacketLayout.HEADER_SIZE;
        PacketLayout.putU32(out, p, PacketLayout.HANDSHAKE_MAGIC);
        PacketLayout.putU16(out, p + 4, config.protocolVersion());
        PacketLayout.putU64(out, p + 6, configHash);
        PacketLayout.putU64(out, p + 14, applicationHash);
        int q = p + PacketLayout.HANDSHAKE_BODY_SIZE;
        int n = ownCredential.length;
        out[q] = (byte) ownCredentialKind.code();
        PacketLayout.putU16(out, q + 1, n);
        System.arraycopy(ownCredential, 0, out, q + PacketLayout.CREDENTIAL_HEADER_SIZE, n);
        return finishPacket(out, off, type, PacketLayout.HEADER_SIZE + PacketLayout.HANDSHAKE_BODY_SIZE
                + PacketLayout.CREDENTIAL_HEADER_SIZE + n, false, 0, nowNanos);
    }

    /**
     * Packs due messages from all channels. The channel that goes first rotates with every packet,
     * so each channel regularly gets a whole packet's room and none can starve another.
     */
    private int writeData(byte[] out, int off, long nowNanos, boolean keepAlive) {
        if (!keepAlive && Sequence16.distance(nextSequence, haveAck ? newestAck : Sequence16.MASK) >= history) {
            // As many packets are in flight as the history remembers: a later ack would no longer
            // find its packet. Wait for acks (keep-alives still go out and provoke them).
            return 0;
        }
        if (!keepAlive) {
            expireFlight(nowNanos);
            if (rateBytesPerNano > 0) {
                rateCredit = Math.min(rateBurst, rateCredit + (nowNanos - rateRefilledNanos) * rateBytesPerNano);
                rateRefilledNanos = nowNanos;
                if (rateCredit <= 0) {
                    return 0;
                }
            }
        }
        int seq = nextSequence;
        int slot = seq & (history - 1);
        int perPacket = config.maxMessagesPerPacket();
        writer.begin(out, off + PacketLayout.HEADER_SIZE, off + config.maxPacketSize(), perPacket,
                sentEntries, slot * perPacket);
        if (!keepAlive) {
            int n = channels.length;
            int start = channelRotation;
            for (int i = 0; i < n && !writer.full(); i++) {
                channels[(start + i) % n].pack(writer, nowNanos, rto);
            }
            if (writer.entries == 0) {
                return 0;
            }
            channelRotation = (start + 1) % n;
        }
        int len = finishPacket(out, off, PacketLayout.TYPE_DATA, writer.pos - off, true, writer.recordCount, nowNanos);
        if (!keepAlive) {
            rateCredit -= len;
            if (writer.recordCount > 0) {
                sentFlight[slot] = len;
                flightBytes += len;
                stats.reliableBytesInFlight = flightBytes;
            }
        }
        return len;
    }

    /**
     * The ack field for the next packet. Normally the newest sequence received; but when more than
     * one ack window (33 packets) arrived since the last packet went out, the oldest uncovered
     * window is acknowledged first and {@link #ackDue} stays set, so the next packets cover the rest.
     * Without this a burst longer than the ack field would look lost and be resent needlessly.
     */
    private int chooseAck() {
        int newest = received.newest();
        int window = PacketLayout.ACK_WINDOW;
        if (Sequence16.greaterThan(newest, coverFrom)
                && Sequence16.distance(newest, coverFrom) >= window) {
            if (Sequence16.distance(newest, coverFrom) >= history) {
                coverFrom = Sequence16.add(newest, -(history - 1));
            }
            while (Sequence16.distance(newest, coverFrom) >= window) {
                for (int s = Sequence16.add(coverFrom, window - 1); ; s = Sequence16.add(s, -1)) {
                    if (received.find(s) >= 0) {
                        coverFrom = Sequence16.add(s, 1);
                        return s;
                    }
                    if (s == coverFrom) {
                        break;
                    }
                }
                coverFrom = Sequence16.add(coverFrom, window);
            }
        }
        coverFrom = Sequence16.add(newest, 1);
        return newest;
    }

    /** Whether received packets remain that no ack window has covered yet. */
    private boolean uncoveredRemain() {
        return !Sequence16.greaterThan(coverFrom, received.newest());
    }

    /** Writes the header, records the packet as sent and returns its length. */
    private int finishPacket(byte[] out, int off, int type, int len, boolean eliciting, int reliableEntries, long nowNanos) {
        int seq = nextSequence;
        nextSequence = Sequence16.add(seq, 1);
        lastWrittenSequence = seq;
        int flags = type;
        int ack = 0;
        int bits = 0;
        boolean moreAcks = false;
        if (received.hasAny()) {
            flags |= PacketLayout.FLAG_ACK_PRESENT;
            ack = chooseAck();
            moreAcks = uncoveredRemain();
            for (int i = 0; i < 32; i++) {
                if (received.find(Sequence16.add(ack, -1 - i)) >= 0) {
                    bits |= 1 << i;
                }
            }
        }
        out[off] = (byte) flags;
        PacketLayout.putU16(out, off + 1, seq);
        PacketLayout.putU16(out, off + 3, ack);
        PacketLayout.putU32(out, off + 5, bits);
        // A packet whose history slot is reused can no longer be acknowledged: out of flight.
        releaseFlight(seq & (history - 1), false);
        int slot = sent.insert(seq);
        sentTime[slot] = nowNanos;
        sentAcked[slot] = false;
        sentEliciting[slot] = eliciting;
        sentEntryCount[slot] = reliableEntries;
        ackDue = moreAcks;
        if (eliciting) {
            lastElicitingSentNanos = nowNanos;
        }
        stats.onSent(len, nowNanos);
        return len;
    }
}
