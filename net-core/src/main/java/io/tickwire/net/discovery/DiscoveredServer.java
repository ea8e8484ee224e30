package io.tickwire.net.discovery;

import io.tickwire.net.dtls.ServerTrust;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One row of a {@link LanBrowser}'s list, immutable: the server's address (the answer's source
 * address), what it advertised, when it last answered, the round trip of that answer, and whether
 * this client can join it. Nothing here is authenticated: it is a list entry, and only the DTLS
 * handshake (pinning {@link #pinnedTrust()}) proves who the server is.
 */
public final class DiscoveredServer {

    private final InetAddress address;
    private final InetSocketAddress gameAddress;
    private final ServerInfo info;
    private final long lastSeenNanos;
    private final long rttNanos;
    private final String incompatibility;
    final long nonce;

    DiscoveredServer(InetAddress address, ServerInfo info, long lastSeenNanos, long rttNanos, String incompatibility,
            long nonce) {
        this.address = address;
        this.gameAddress = new InetSocketAddress(address, info.gamePort());
        this.info = info;
        this.lastSeenNanos = lastSeenNanos;
        this.rttNanos = rttNanos;
        this.incompatibility = incompatibility;
        this.nonce = nonce;
    }

    /** The server host: the source address of its answer. */
    public InetAddress address() {
        return address;
    }

    /** Where to connect: {@link #address()} and the advertised game port. */
    public InetSocketAddress gameAddress() {
        return gameAddress;
    }

    /** What the server advertised in its latest answer. */
    public ServerInfo info() {
        return info;
    }

    /** The {@code nowNanos} of the {@link LanBrowser#poll} that read the latest answer. */
    public long lastSeenNanos() {
        return lastSeenNanos;
    }

    /**
     * Time from sending the query to the poll that read its first answer, in nanoseconds; it includes
     * up to one poll interval (a frame) of waiting, so it is an upper bound of the network round trip.
     */
    public long rttNanos() {
        return rttNanos;
    }

    /** Whether this client can join: protocol version, configuration hash and application hash all match. */
    public boolean compatible() {
        return incompatibility == null;
    }

    /** Why this client cannot join, for the list (for example "protocol version 2, this client speaks 1"), or null. */
    public String incompatibility() {
        return incompatibility;
    }

    /** The trust to connect with: the advertised certificate fingerprint, pinned for this connection. */
    public ServerTrust pinnedTrust() {
        return ServerTrust.pinned(info.fingerprint());
    }

    @Override
    public String toString() {
        return gameAddress.getAddress().getHostAddress() + ":" + gameAddress.getPort() + " " + info + " rtt "
                + rttNanos / 1_000_000 + " ms" + (incompatibility == null ? "" : " INCOMPATIBLE: " + incompatibility);
    }
}
