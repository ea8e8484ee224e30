package io.tickwire.net.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Immutable settings of a {@link Connection}; both sides must use configurations with equal
 * {@link #hash()} or the handshake is refused with {@link DisconnectReason#CONFIG_MISMATCH}.
 * Build with {@link #builder()}; {@link Builder#build()} validates and names the bad value.
 */
public final class ConnectionConfig {

    /** Protocol version this build speaks. */
    public static final int PROTOCOL_VERSION = 2;
    /** Default {@link #maxPacketSize()}: the DTLS payload budget. */
    public static final int DEFAULT_MAX_PACKET_SIZE = 1200;
    /** Default {@link #maxMessageSize()}: 256 KiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 256 * 1024;
    /** Smallest {@link #maxPacketSize()} accepted. */
    public static final int MIN_PACKET_SIZE = 64;
    /** Largest {@link #maxPacketSize()} accepted (largest UDP payload over IPv4). */
    public static final int MAX_PACKET_SIZE = 65507;
    /** Largest {@link #maxMessageSize()} accepted: 64 MiB. */
    public static final int MAX_MESSAGE_SIZE = 64 * 1024 * 1024;
    /** Largest number of channels (6 bits on the wire). */
    public static final int MAX_CHANNELS = 64;

    private static final long MS = 1_000_000L;

    /** Default {@link #receiveRateLimitPacketsPerSecond()}: far above a 60 Hz game's few hundred. */
    public static final int DEFAULT_RECEIVE_RATE_LIMIT_PACKETS_PER_SECOND = 2000;
    /** Default {@link #receiveRateBurstPackets()}: half a second at the default rate. */
    public static final int DEFAULT_RECEIVE_RATE_BURST_PACKETS = 1000;

    private final List<ChannelConfig> channels;
    private final int maxPacketSize;
    private final int maxMessageSize;
    private final int maxMessagesPerPacket;
    private final int receiveBudgetBytes;
    private final long keepAliveIntervalNanos;
    private final long connectionTimeoutNanos;
    private final long connectTimeoutNanos;
    private final long connectResendIntervalNanos;
    private final int disconnectPacketCount;
    private final long disconnectResendIntervalNanos;
    private final long minResendDelayNanos;
    private final long maxResendDelayNanos;
    private final long initialResendDelayNanos;
    private final long ackDelayAllowanceNanos;
    private final int packetHistorySize;
    private final int protocolVersion;
    private final long congestionDelayThresholdNanos;
    private final int congestionWindowInitialPackets;
    private final int congestionWindowMinPackets;
    private final long sendRateLimitBytesPerSecond;
    private final int receiveRateLimitPacketsPerSecond;
    private final int receiveRateBurstPackets;

    private ConnectionConfig(Builder b) {
        channels = List.copyOf(b.channels);
        maxPacketSize = b.maxPacketSize;
        maxMessageSize = b.maxMessageSize;
        maxMessagesPerPacket = b.maxMessagesPerPacket;
        receiveBudgetBytes = b.receiveBudgetBytes;
        keepAliveIntervalNanos = b.keepAliveIntervalNanos;
        connectionTimeoutNanos = b.connectionTimeoutNanos;
        connectTimeoutNanos = b.connectTimeoutNanos;
        connectResendIntervalNanos = b.connectResendIntervalNanos;
        disconnectPacketCount = b.disconnectPacketCount;
        disconnectResendIntervalNanos = b.disconnectResendIntervalNanos;
        minResendDelayNanos = b.minResendDelayNanos;
        maxResendDelayNanos = b.maxResendDelayNanos;
        initialResendDelayNanos = b.initialResendDelayNanos;
        ackDelayAllowanceNanos = b.ackDelayAllowanceNanos;
        packetHistorySize = b.packetHistorySize;
        protocolVersion = b.protocolVersion;
        congestionDelayThresholdNanos = b.congestionDelayThresholdNanos;
        congestionWindowInitialPackets = b.congestionWindowInitialPackets;
        congestionWindowMinPackets = b.congestionWindowMinPackets;
        sendRateLimitBytesPerSecond = b.sendRateLimitBytesPerSecond;
        receiveRateLimitPacketsPerSecond = b.receiveRateLimitPacketsPerSecond;
        receiveRateBurstPackets = b.receiveRateBurstPackets;
    }

    /** A builder with the defaults and no channels. */
    public static Builder builder() {
        return new Builder();
    }

    /** Channels by index, as both sides must declare them. */
    public List<ChannelConfig> channels() {
        return channels;
    }

    /** Number of channels. */
    public int channelCount() {
        return channels.size();
    }

    /** The configuration of channel {@code index}. */
    public ChannelConfig channel(int index) {
        return channels.get(index);
    }

    /** Largest packet (datagram payload) written or accepted, in bytes. */
    public int maxPacketSize() {
        return maxPacketSize;
    }

    /** Largest message accepted on a reliable channel, in bytes (sent or received). */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** Largest number of message entries in one packet (sent or received). */
    public int maxMessagesPerPacket() {
        return maxMessagesPerPacket;
    }

    /**
     * Bytes of pooled storage this side may hold for what it received but cannot deliver yet, over all
     * channels: messages being reassembled from fragments and reliable-ordered messages waiting for an
     * earlier one; a peer that makes it hold more is disconnected with RECEIVE_LIMIT_EXCEEDED.
     */
    public int receiveBudgetBytes() {
        return receiveBudgetBytes;
    }

    /** An idle connection sends a keep-alive when it has sent nothing for this long. */
    public long keepAliveIntervalNanos() {
        return keepAliveIntervalNanos;
    }

    /** A connected peer that sends nothing for this long is disconnected with TIMEOUT. */
    public long connectionTimeoutNanos() {
        return connectionTimeoutNanos;
    }

    /** The CONNECT/ACCEPT handshake must complete within this long, or TIMEOUT. */
    public long connectTimeoutNanos() {
        return connectTimeoutNanos;
    }

    /** The client repeats CONNECT at this interval until answered. */
    public long connectResendIntervalNanos() {
        return connectResendIntervalNanos;
    }

    /** How many DISCONNECT packets are sent when disconnecting. */
    public int disconnectPacketCount() {
        return disconnectPacketCount;
    }

    /** Interval between redundant DISCONNECT packets. */
    public long disconnectResendIntervalNanos() {
        return disconnectResendIntervalNanos;
    }

    /** Lower clamp of the resend timeout (RTO = srtt + 4 * rttvar). */
    public long minResendDelayNanos() {
        return minResendDelayNanos;
    }

    /** Upper clamp of the resend timeout. */
    public long maxResendDelayNanos() {
        return maxResendDelayNanos;
    }

    /**
     * Queueing delay that counts as congestion (local, not hashed): the congestion window on reliable
     * bytes in flight shrinks when the RTT stays more than max(this, minRtt / 2) above the minimum RTT
     * seen; 0 turns the window off (reliable data is then bounded only by the send queues and windows).
     */
    public long congestionDelayThresholdNanos() {
        return congestionDelayThresholdNanos;
    }

    /** Congestion window at the start, in packets of {@link #maxPacketSize()} (local, not hashed). */
    public int congestionWindowInitialPackets() {
        return congestionWindowInitialPackets;
    }

    /** Floor of the congestion window, in packets of {@link #maxPacketSize()} (local, not hashed). */
    public int congestionWindowMinPackets() {
        return congestionWindowMinPackets;
    }

    /**
     * Fixed cap on data bytes sent per second on this connection (local, not hashed; acks and
     * keep-alives are exempt); 0 means no cap.
     */
    public long sendRateLimitBytesPerSecond() {
        return sendRateLimitBytesPerSecond;
    }

    /**
     * Packets per second a peer may send to this side, averaged by a token bucket of
     * {@link #receiveRateBurstPackets()} (local, not hashed; every received packet counts, acks
     * and keep-alives included). A peer that empties the bucket is disconnected with
     * RECEIVE_LIMIT_EXCEEDED, the detail naming this setting; 0 turns the limit off.
     */
    public int receiveRateLimitPacketsPerSecond() {
        return receiveRateLimitPacketsPerSecond;
    }

    /** Packets a peer may send in a burst above {@link #receiveRateLimitPacketsPerSecond()}. */
    public int receiveRateBurstPackets() {
        return receiveRateBurstPackets;
    }

    /** Resend timeout used before the first RTT sample. */
    public long initialResendDelayNanos() {
        return initialResendDelayNanos;
    }

    /**
     * Smallest margin added to the smoothed RTT in the resend timeout, for the peer's ack delay
     * (up to one of its ticks) and clock granularity: RTO = srtt + max(4 * rttvar, this), clamped.
     */
    public long ackDelayAllowanceNanos() {
        return ackDelayAllowanceNanos;
    }

    /**
     * Packets remembered for acknowledgement and duplicate detection; also the most data packets
     * in flight beyond the newest acknowledged one (a fixed congestion window), so that every ack
     * still finds its packet. A power of two.
     */
    public int packetHistorySize() {
        return packetHistorySize;
    }

    /** Protocol version sent in CONNECT. */
    public int protocolVersion() {
        return protocolVersion;
    }

    /** Payload bytes of every fragment but the last: what fits in a packet next to one fragment entry. */
    public int fragmentSize() {
        return maxPacketSize - PacketLayout.HEADER_SIZE - PacketLayout.FRAGMENT_ENTRY_OVERHEAD;
    }

    /** Largest message sent in one packet; larger ones, on any channel, travel as fragments. */
    public int maxUnfragmentedMessageSize() {
        return maxPacketSize - PacketLayout.HEADER_SIZE - PacketLayout.MAX_ENTRY_OVERHEAD;
    }

    /** Largest fragment count of one message: {@code ceil(maxMessageSize / fragmentSize)}. */
    public int maxFragments() {
        return (maxMessageSize + fragmentSize() - 1) / fragmentSize();
    }

    /**
     * Stable 64-bit FNV-1a hash of what both sides must agree on: protocol version, packet and
     * message limits, and each channel's type and receive window (timeouts, budgets, send queue
     * lengths, congestion window and send-rate settings are local and excluded).
     */
    public long hash() {
        long h = 0xcbf29ce484222325L;
        h = mix(h, protocolVersion);
        h = mix(h, maxPacketSize);
        h = mix(h, maxMessageSize);
        h = mix(h, maxMessagesPerPacket);
        h = mix(h, channels.size());
        for (ChannelConfig c : channels) {
            h = mix(h, c.type().wireCode());
            h = mix(h, c.type().isReliable() ? c.receiveWindow() : 0);
        }
        return h;
    }

    private static long mix(long h, int v) {
        for (int i = 0; i < 4; i++) {
            h ^= (v >>> (24 - 8 * i)) & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Override
    public String toString() {
        return "ConnectionConfig{channels=" + channels + ", maxPacketSize=" + maxPacketSize
                + ", maxMessageSize=" + maxMessageSize + ", maxMessagesPerPacket=" + maxMessagesPerPacket
 + ", receiveBudgetBytes=" + receiveBudgetBytes + ", packetHistorySize=" + packetHistorySize
                + ", protocolVersion=" + protocolVersion
                + ", hash=0x" + Long.toHexString(hash()) + "}";
    }

    /** Mutable builder; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private final List<ChannelConfig> channels = new ArrayList<>();
        private int maxPacketSize = DEFAULT_MAX_PACKET_SIZE;
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int maxMessagesPerPacket = 64;
        private int receiveBudgetBytes = 4 * 1024 * 1024;
        private long keepAliveIntervalNanos = 100 * MS;
        private long connectionTimeoutNanos = 10_000 * MS;
        private long connectTimeoutNanos = 5_000 * MS;
        private long connectResendIntervalNanos = 100 * MS;
        private int disconnectPacketCount = 10;
        private long disconnectResendIntervalNanos = 10 * MS;
        private long minResendDelayNanos = 25 * MS;
        private long maxResendDelayNanos = 1_000 * MS;
        private long initialResendDelayNanos = 200 * MS;
        private long ackDelayAllowanceNanos = 20 * MS;
        private int packetHistorySize = 256;
        private int protocolVersion = PROTOCOL_VERSION;
        private long congestionDelayThresholdNanos = 30 * MS;
        private int congestionWindowInitialPackets = 32;
        private int congestionWindowMinPackets = 4;
        private long sendRateLimitBytesPerSecond;
        private int receiveRateLimitPacketsPerSecond = DEFAULT_RECEIVE_RATE_LIMIT_PACKETS_PER_SECOND;
        private int receiveRateBurstPackets = DEFAULT_RECEIVE_RATE_BURST_PACKETS;

        private Builder() {
        }

        /** Appends a channel with the default queue length and window; its index is its position. */
        public Builder addChannel(ChannelType type) {
            return addChannel(ChannelConfig.of(type));
        }

        /** Appends a channel; its index is its position. */
        public Builder addChannel(ChannelType type, int sendQueueLength, int receiveWindow) {
            return addChannel(new ChannelConfig(type, sendQueueLength, receiveWindow));
        }

        /** Appends a channel; its index is its position. */
        public Builder addChannel(ChannelConfig channel) {
            channels.add(channel);
            return this;
        }

        /** See {@link ConnectionConfig#maxPacketSize()}. */
        public Builder maxPacketSize(int v) {
            maxPacketSize = v;
            return this;
        }

        /** See {@link ConnectionConfig#maxMessageSize()}. */
        public Builder maxMessageSize(int v) {
            maxMessageSize = v;
            return this;
        }

        /** See {@link ConnectionConfig#maxMessagesPerPacket()}. */
        public Builder maxMessagesPerPacket(int v) {
            maxMessagesPerPacket = v;
            return this;
        }

        /** See {@link ConnectionConfig#receiveBudgetBytes()}. */
        public Builder receiveBudgetBytes(int v) {
            receiveBudgetBytes = v;
            return this;
        }

        /** See {@link ConnectionConfig#keepAliveIntervalNanos()}. */
        public Builder keepAliveIntervalNanos(long v) {
            keepAliveIntervalNanos = v;
            return this;
        }

        /** See {@link ConnectionConfig#connectionTimeoutNanos()}. */
        public Builder connectionTimeoutNanos(long v) {
            connectionTimeoutNanos = v;
            return this;
        }

        /** See {@link ConnectionConfig#connectTimeoutNanos()}. */
        public Builder connectTimeoutNanos(long v) {
            connectTimeoutNanos = v;
            return this;
        }

        /** See {@link ConnectionConfig#connectResendIntervalNanos()}. */
        public Builder connectResendIntervalNanos(long v) {
            connectResendIntervalNanos = v;
            return this;
        }

        /** See {@link ConnectionConfig#disconnectPacketCount()}. */
        public Builder disconnectPacketCount(int v) {
            disconnectPacketCount = v;
            return this;
        }

        /** See {@link ConnectionConfig#disconnectResendIntervalNanos()}. */
        public Builder disconnectResendIntervalNanos(long v) {
            disconnectResendIntervalNanos = v;
            return this;
        }

        /** See {@link ConnectionConfig#minResendDelayNanos()}. */
        public Builder minResendDelayNanos(long v) {
            minResendDelayNanos = v;
            return this;
        }

        /** See {@link ConnectionConfig#maxResendDelayNanos()}. */
        public Builder maxResendDelayNanos(long v) {
            maxResendDelayNanos = v;
            return this;
        }

        /** See {@link ConnectionConfig#initialResendDelayNanos()}. */
        public Builder initialResendDelayNanos(long v) {
            initialResendDelayNanos = v;
            return this;
        }

        /** See {@link ConnectionConfig#ackDelayAllowanceNanos()}. */
        public Builder ackDelayAllowanceNanos(long v) {
            ackDelayAllowanceNanos = v;
            return this;
        }

        /** See {@link ConnectionConfig#packetHistorySize()}. */
        public Builder packetHistorySize(int v) {
            packetHistorySize = v;
            return this;
        }

        /** See {@link ConnectionConfig#protocolVersion()}; only tests of version refusal change it. */
        public Builder protocolVersion(int v) {
            protocolVersion = v;
            return this;
        }

        /** See {@link ConnectionConfig#congestionDelayThresholdNanos()}. */
        public Builder congestionDelayThresholdNanos(long v) {
            congestionDelayThresholdNanos = v;
            return this;
        }

        /** See {@link ConnectionConfig#congestionWindowInitialPackets()}. */
        public Builder congestionWindowInitialPackets(int v) {
            congestionWindowInitialPackets = v;
            return this;
        }

        /** See {@link ConnectionConfig#congestionWindowMinPackets()}. */
        public Builder congestionWindowMinPackets(int v) {
            congestionWindowMinPackets = v;
            return this;
        }

        /** See {@link ConnectionConfig#sendRateLimitBytesPerSecond()}. */
        public Builder sendRateLimitBytesPerSecond(long v) {
            sendRateLimitBytesPerSecond = v;
            return this;
        }

        /** See {@link ConnectionConfig#receiveRateLimitPacketsPerSecond()}; 0 turns the limit off. */
        public Builder receiveRateLimitPacketsPerSecond(int v) {
            receiveRateLimitPacketsPerSecond = v;
            return this;
        }

        /** See {@link ConnectionConfig#receiveRateBurstPackets()}. */
        public Builder receiveRateBurstPackets(int v) {
            receiveRateBurstPackets = v;
            return this;
        }

        /** Validates and builds. @throws IllegalArgumentException naming the bad value */
        public ConnectionConfig build() {
            ConnectionConfig c = new ConnectionConfig(this);
            c.validate();
            return c;
        }
    }

    /** Checks every value; @throws IllegalArgumentException naming the first bad value. */
    public void validate() {
        if (channels.isEmpty() || channels.size() > MAX_CHANNELS) {
            throw bad("channel count", channels.size(), "must be 1.." + MAX_CHANNELS);
        }
        for (int i = 0; i < channels.size(); i++) {
            ChannelConfig c = channels.get(i);
            if (c == null || c.type() == null) {
                throw new IllegalArgumentException("channel " + i + " has no type");
            }
            if (!powerOfTwo(c.sendQueueLength(), ChannelConfig.MAX_QUEUE_LENGTH)) {
                throw bad("channel " + i + " sendQueueLength", c.sendQueueLength(),
                        "must be a power of two in 1.." + ChannelConfig.MAX_QUEUE_LENGTH);
            }
            if (!powerOfTwo(c.receiveWindow(), ChannelConfig.MAX_QUEUE_LENGTH)) {
                throw bad("channel " + i + " receiveWindow", c.receiveWindow(),
                        "must be a power of two in 1.." + ChannelConfig.MAX_QUEUE_LENGTH);
            }
        }
        if (maxPacketSize < MIN_PACKET_SIZE || maxPacketSize > MAX_PACKET_SIZE) {
            throw bad("maxPacketSize", maxPacketSize, "must be " + MIN_PACKET_SIZE + ".." + MAX_PACKET_SIZE);
        }
        if (maxMessageSize < 1 || maxMessageSize > MAX_MESSAGE_SIZE) {
            throw bad("maxMessageSize", maxMessageSize, "must be 1.." + MAX_MESSAGE_SIZE);
        }
        if (maxFragments() > 0xFFFF) {
            throw bad("maxMessageSize", maxMessageSize, "needs " + maxFragments()
                    + " fragments of " + fragmentSize() + " bytes; at most 65535 are allowed");
        }
        if (maxMessagesPerPacket < 1 || maxMessagesPerPacket > 1024) {
            throw bad("maxMessagesPerPacket", maxMessagesPerPacket, "must be 1..1024");
        }
        // Budgets count pooled storage, which comes in power-of-two sizes (BufferPool.capacity).
        long oneMessage = BufferPool.capacity(maxFragments() * fragmentSize());
        if (maxMessageSize > maxUnfragmentedMessageSize() && receiveBudgetBytes < oneMessage) {
            throw bad("receiveBudgetBytes", receiveBudgetBytes, "must hold one message of maxMessageSize "
                    + maxMessageSize + " (" + oneMessage + " bytes of pooled fragment storage)");
        }
        long oneUnfragmented = BufferPool.capacity(maxUnfragmentedMessageSize());
        if (receiveBudgetBytes < oneUnfragmented) {
            throw bad("receiveBudgetBytes", receiveBudgetBytes, "must hold one unfragmented message ("
                    + oneUnfragmented + " bytes of pooled storage)");
        }
        positive("keepAliveIntervalNanos", keepAliveIntervalNanos);
        positive("connectionTimeoutNanos", connectionTimeoutNanos);
        positive("connectTimeoutNanos", connectTimeoutNanos);
        positive("connectResendIntervalNanos", connectResendIntervalNanos);
        positive("disconnectResendIntervalNanos", disconnectResendIntervalNanos);
        positive("minResendDelayNanos", minResendDelayNanos);
        positive("initialResendDelayNanos", initialResendDelayNanos);
        if (ackDelayAllowanceNanos < 0) {
            throw bad("ackDelayAllowanceNanos", ackDelayAllowanceNanos, "must be >= 0");
        }
        if (!powerOfTwo(packetHistorySize, 16384) || packetHistorySize < 64) {
            throw bad("packetHistorySize", packetHistorySize, "must be a power of two in 64..16384");
        }
        if (connectionTimeoutNanos <= keepAliveIntervalNanos) {
            throw bad("connectionTimeoutNanos", connectionTimeoutNanos,
                    "must exceed keepAliveIntervalNanos " + keepAliveIntervalNanos);
        }
        if (maxResendDelayNanos < minResendDelayNanos) {
            throw bad("maxResendDelayNanos", maxResendDelayNanos, "must be >= minResendDelayNanos " + minResendDelayNanos);
        }
        if (disconnectPacketCount < 1 || disconnectPacketCount > 100) {
            throw bad("disconnectPacketCount", disconnectPacketCount, "must be 1..100");
        }
        if (congestionDelayThresholdNanos < 0) {
            throw bad("congestionDelayThresholdNanos", congestionDelayThresholdNanos, "must be >= 0 (0 turns the window off)");
        }
        if (congestionWindowMinPackets < 1 || congestionWindowMinPackets > packetHistorySize) {
            throw bad("congestionWindowMinPackets", congestionWindowMinPackets, "must be 1..packetHistorySize " + packetHistorySize);
        }
        if (congestionWindowInitialPackets < congestionWindowMinPackets || congestionWindowInitialPackets > packetHistorySize) {
            throw bad("congestionWindowInitialPackets", congestionWindowInitialPackets, "must be congestionWindowMinPackets "
                    + congestionWindowMinPackets + "..packetHistorySize " + packetHistorySize);
        }
        if (sendRateLimitBytesPerSecond < 0 || (sendRateLimitBytesPerSecond > 0 && sendRateLimitBytesPerSecond < 1000)) {
            throw bad("sendRateLimitBytesPerSecond", sendRateLimitBytesPerSecond, "must be 0 (off) or >= 1000");
        }
        if (receiveRateLimitPacketsPerSecond < 0 || receiveRateLimitPacketsPerSecond > 1_000_000) {
            throw bad("receiveRateLimitPacketsPerSecond", receiveRateLimitPacketsPerSecond, "must be 0 (off) or 1..1000000");
        }
        if (receiveRateLimitPacketsPerSecond > 0 && (receiveRateBurstPackets < 1 || receiveRateBurstPackets > 1_000_000)) {
            throw bad("receiveRateBurstPackets", receiveRateBurstPackets, "must be 1..1000000");
        }
        if (protocolVersion < 0 || protocolVersion > 0xFFFF) {
            throw bad("protocolVersion", protocolVersion, "must be 0..65535");
        }
    }

    private static boolean powerOfTwo(int v, int max) {
        return v >= 1 && v <= max && Integer.bitCount(v) == 1;
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw bad(name, v, "must be > 0");
        }
    }

    private static IllegalArgumentException bad(String name, long value, String rule) {
        return new IllegalArgumentException(name + " = " + value + ": " + rule);
    }
}
