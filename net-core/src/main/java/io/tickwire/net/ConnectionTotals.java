package io.tickwire.net;

import io.tickwire.net.protocol.ConnectionStats;
import io.tickwire.net.protocol.DropReason;

/**
 * Counters summed over every connection a {@link NetServer} has held, the ones already gone
 * included: packets, bytes, resends and drops by reason. Filled in place by
 * {@link NetServer#connectionTotals(ConnectionTotals)} on the server's thread, so reading it
 * periodically allocates nothing; the caller owns the object.
 */
public final class ConnectionTotals {

    private static final DropReason[] REASONS = DropReason.values();

    private long packetsSent;
    private long packetsReceived;
    private long bytesSent;
    private long bytesReceived;
    private long resends;
    private final long[] drops = new long[REASONS.length];

    /** Empty totals, to be filled by {@link NetServer#connectionTotals(ConnectionTotals)}. */
    public ConnectionTotals() {
    }

    void clear() {
        packetsSent = 0;
        packetsReceived = 0;
        bytesSent = 0;
        bytesReceived = 0;
        resends = 0;
        java.util.Arrays.fill(drops, 0L);
    }

    void add(ConnectionStats s) {
        packetsSent += s.packetsSent();
        packetsReceived += s.packetsReceived();
        bytesSent += s.bytesSent();
        bytesReceived += s.bytesReceived();
        resends += s.resends();
        for (int i = 0; i < REASONS.length; i++) {
            drops[i] += s.drops(REASONS[i]);
        }
    }

    void add(ConnectionTotals t) {
        packetsSent += t.packetsSent;
        packetsReceived += t.packetsReceived;
        bytesSent += t.bytesSent;
        bytesReceived += t.bytesReceived;
        resends += t.resends;
        for (int i = 0; i < REASONS.length; i++) {
            drops[i] += t.drops[i];
        }
    }

    /** Protocol packets written (before DTLS). */
    public long packetsSent() {
        return packetsSent;
    }

    /** Protocol packets received (after DTLS), valid or not. */
    public long packetsReceived() {
        return packetsReceived;
    }

    /** Bytes of protocol packets written (before DTLS adds its record overhead). */
    public long bytesSent() {
        return bytesSent;
    }

    /** Bytes of protocol packets received (after DTLS removed its record overhead). */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** Reliable messages or fragments sent again because their packet was not acknowledged in time. */
    public long resends() {
        return resends;
    }

    /** Packets or messages dropped for {@code reason} without disconnecting. */
    public long drops(DropReason reason) {
        return drops[reason.ordinal()];
    }
}
