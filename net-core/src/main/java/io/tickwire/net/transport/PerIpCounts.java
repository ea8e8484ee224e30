package io.tickwire.net.transport;

import java.net.InetAddress;

import it.unimi.dsi.fastutil.objects.Object2LongOpenHashMap;

/**
 * Handshakes in flight and connections (handshaking or established) per source IP, so that one address
 * with many ports (each with its own valid cookie) cannot take every slot.
 *
 * <p>Threads: the reader reserves on admission; handshake workers and the owner release. Every method
 * is synchronized: it runs once per admitted handshake or closed connection, never per datagram. The
 * two counts are packed into one long per address (handshakes high, connections low) and the entry
 * is removed at zero, so the map holds only addresses that hold state.
 */
final class PerIpCounts {

    /** {@link #tryReserve} result: reserved a handshake and a connection. */
    static final int RESERVED = 0;
    /** {@link #tryReserve} result: the address already has {@code maxHandshakesPerIp} handshakes in flight. */
    static final int HANDSHAKES_FULL = 1;
    /** {@link #tryReserve} result: the address already holds {@code maxConnectionsPerIp} connections. */
    static final int CONNECTIONS_FULL = 2;

    private static final long ONE_HANDSHAKE = 1L << 32;
    private static final long CONNECTIONS_MASK = 0xFFFF_FFFFL;

    private final int maxHandshakesPerIp;
    private final int maxConnectionsPerIp;
    private final Object2LongOpenHashMap<InetAddress> counts = new Object2LongOpenHashMap<>();

    PerIpCounts(int maxHandshakesPerIp, int maxConnectionsPerIp) {
        this.maxHandshakesPerIp = maxHandshakesPerIp;
        this.maxConnectionsPerIp = maxConnectionsPerIp;
    }

    /** Reserves one handshake and one connection for {@code ip} if both are under their caps. Reader thread. */
    synchronized int tryReserve(InetAddress ip) {
        long packed = counts.getLong(ip);
        if ((packed & CONNECTIONS_MASK) >= maxConnectionsPerIp) {
            return CONNECTIONS_FULL;
        }
        if ((packed >>> 32) >= maxHandshakesPerIp) {
            return HANDSHAKES_FULL;
        }
        counts.put(ip, packed + ONE_HANDSHAKE + 1);
        return RESERVED;
    }

    /** The handshake of a connection from {@code ip} ended (finished or failed); its connection stays counted. */
    synchronized void handshakeEnded(InetAddress ip) {
        put(ip, counts.getLong(ip) - ONE_HANDSHAKE);
    }

    /** A connection from {@code ip} released its state (its handshake already ended). */
    synchronized void connectionEnded(InetAddress ip) {
        put(ip, counts.getLong(ip) - 1);
    }

    /** Handshakes in flight from {@code ip}. Any thread. */
    synchronized int handshakes(InetAddress ip) {
        return (int) (counts.getLong(ip) >>> 32);
    }

    /** Connections (handshaking or established) from {@code ip}. Any thread. */
    synchronized int connections(InetAddress ip) {
        return (int) (counts.getLong(ip) & CONNECTIONS_MASK);
    }

    /** Addresses holding any state. Any thread. */
    synchronized int addresses() {
        return counts.size();
    }

    private void put(InetAddress ip, long packed) {
        if (packed == 0) {
            counts.removeLong(ip);
        } else {
            counts.put(ip, packed);
        }
    }
}
