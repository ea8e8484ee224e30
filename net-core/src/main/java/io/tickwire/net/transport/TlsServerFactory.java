package io.tickwire.net.transport;

import java.net.InetSocketAddress;

import org.bouncycastle.tls.TlsServer;

/**
 * Makes one Bouncy Castle {@link TlsServer} per handshake (normally a
 * {@code io.tickwire.net.dtls.TickwireTlsServer}). Called on a handshake worker thread.
 */
@FunctionalInterface
public interface TlsServerFactory {

    /**
     * Returns a fresh server peer for the client at {@code peer} that offers {@code connectionId}
     * (4 bytes, big-endian, unique on this endpoint) as its RFC 9146 connection ID.
     */
    TlsServer newServer(int connectionId, InetSocketAddress peer);
}
