package io.tickwire.net.protocol;

/**
 * Live figures of one {@link Connection}: RTT, jitter, loss, rates, counters. The connection updates
 * this same object in place; read it on the connection's owning thread (copy the figures to hand
 * them to another thread). Rates are measured over one-second windows.
 */
public final class ConnectionStats {

    private static final long RATE_WINDOW_NANOS = 1_000_000_000L;
    private static final double LOSS_GAIN = 1.0 / 32;

    long smoothedRttNanos;
    long rttVarianceNanos;
    long resendTimeoutNanos;
    long minRttNanos;
    int congestionWindowBytes;
    int reliableBytesInFlight;
    long congestionReductions;
    double packetLoss;
    long packetsSent;
    long packetsReceived;
    long bytesSent;
    long bytesReceived;
    long packetsAcked;
    long resends;
    int receiveHeldBytes;
    long messagesQueued;
    long messagesDelivered;
    final long[] drops = new long[DropReason.values().length];

    private boolean windowStarted;
    private long windowStartNanos;
    private long windowPacketsSent;
    private long windowPacketsReceived;
    private long windowBytesSent;
    private long windowBytesReceived;
    private double packetsSentPerSecond;
    private double packetsReceivedPerSecond;
    private double bytesSentPerSecond;
    private double bytesReceivedPerSecond;

    ConnectionStats() {
    }

    void onSent(int bytes, long nowNanos) {
        packetsSent++;
        bytesSent += bytes;
        windowPacketsSent++;
        windowBytesSent += bytes;
        roll(nowNanos);
    }

    void onReceived(int bytes, long nowNanos) {
        packetsReceived++;
        bytesReceived += bytes;
        windowPacketsReceived++;
        windowBytesReceived += bytes;
        roll(nowNanos);
    }

    void onLossSample(boolean lost) {
        packetLoss += ((lost ? 1.0 : 0.0) - packetLoss) * LOSS_GAIN;
    }

    void drop(DropReason reason) {
        drops[reason.ordinal()]++;
    }

    /** Closes the rate window once it is a second old. */
    void roll(long nowNanos) {
        if (!windowStarted) {
            windowStarted = true;
            windowStartNanos = nowNanos;
            return;
        }
        long elapsed = nowNanos - windowStartNanos;
        if (elapsed >= RATE_WINDOW_NANOS) {
            double scale = 1e9 / elapsed;
            packetsSentPerSecond = windowPacketsSent * scale;
            packetsReceivedPerSecond = windowPacketsReceived * scale;
            bytesSentPerSecond = windowBytesSent * scale;
            bytesReceivedPerSecond = windowBytesReceived * scale;
            windowPacketsSent = 0;
            windowPacketsReceived = 0;
            windowBytesSent = 0;
            windowBytesReceived = 0;
            windowStartNanos = nowNanos;
        }
    }

    /** Smoothed round-trip time in nanoseconds (0 before the first sample). */
    public long smoothedRttNanos() {
        return smoothedRttNanos;
    }

    /** Smoothed mean deviation of the round-trip time (jitter), in nanoseconds. */
    public long rttVarianceNanos() {
        return rttVarianceNanos;
    }

    /** Smallest RTT sample of the current or previous 10-second period; 0 before the first sample. */
    public long minRttNanos() {
        return minRttNanos;
    }

    /** Current bound on bytes of packets carrying reliable data that are sent and not yet acknowledged or given up as lost. */
    public int congestionWindowBytes() {
        return congestionWindowBytes;
    }

    /** Bytes of packets carrying reliable data that are sent and neither acknowledged nor given up as lost. */
    public int reliableBytesInFlight() {
        return reliableBytesInFlight;
    }

    /** How many times the congestion window shrank because queueing delay rose above the threshold. */
    public long congestionReductions() {
        return congestionReductions;
    }

    /** Current resend timeout: srtt + max(4 * rttvar, ack delay allowance), clamped to the configured bounds. */
    public long resendTimeoutNanos() {
        return resendTimeoutNanos;
    }

    /** Estimated fraction (0..1) of ack-eliciting packets sent that were never acknowledged. */
    public double packetLoss() {
        return packetLoss;
    }

    /** Packets sent per second over the last complete window. */
    public double packetsSentPerSecond() {
        return packetsSentPerSecond;
    }

    /** Packets received per second over the last complete window. */
    public double packetsReceivedPerSecond() {
        return packetsReceivedPerSecond;
    }

    /** Bytes sent per second over the last complete window. */
    public double bytesSentPerSecond() {
        return bytesSentPerSecond;
    }

    /** Bytes received per second over the last complete window. */
    public double bytesReceivedPerSecond() {
        return bytesReceivedPerSecond;
    }

    /** Packets written since the connection was created. */
    public long packetsSent() {
        return packetsSent;
    }

    /** Packets handed to {@code receivePacket} since the connection was created, valid or not. */
    public long packetsReceived() {
        return packetsReceived;
    }

    /** Bytes written since the connection was created. */
    public long bytesSent() {
        return bytesSent;
    }

    /** Bytes handed to {@code receivePacket} since the connection was created. */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** Sent packets that the peer acknowledged. */
    public long packetsAcked() {
        return packetsAcked;
    }

    /** Reliable messages or fragments sent again because their packet was not acknowledged in time. */
    public long resends() {
        return resends;
    }

    /** Pooled bytes now held for received data not yet deliverable (bounded by receiveBudgetBytes). */
    public int receiveHeldBytes() {
        return receiveHeldBytes;
    }

    /** Messages accepted by {@code send}. */
    public long messagesQueued() {
        return messagesQueued;
    }

    /** Messages handed to the {@link MessageHandler}. */
    public long messagesDelivered() {
        return messagesDelivered;
    }

    /** Packets or messages dropped for {@code reason}. */
    public long drops(DropReason reason) {
        return drops[reason.ordinal()];
    }

    /** Packets or messages dropped for any reason. */
    public long totalDrops() {
        long t = 0;
        for (long d : drops) {
            t += d;
        }
        return t;
    }

    @Override
    public String toString() {
        return String.format("rtt=%.1fms jitter=%.1fms loss=%.1f%% out=%.0fpkt/s %.0fB/s in=%.0fpkt/s %.0fB/s resends=%d acked=%d drops=%d",
                smoothedRttNanos / 1e6, rttVarianceNanos / 1e6, packetLoss * 100, packetsSentPerSecond,
                bytesSentPerSecond, packetsReceivedPerSecond, bytesReceivedPerSecond, resends, packetsAcked, totalDrops());
    }
}
