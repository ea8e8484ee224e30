package io.tickwire.net.transport;

import org.bouncycastle.tls.TlsServer;

/**
 * Makes one Bouncy Castle {@link TlsServer} per handshake. Called on a handshake worker thread.
 */
@FunctionalInterface
public interface TlsServerFactory {

    /**
     * Returns a fresh server peer that offers {@code connectionId} (4 bytes, owned by the callee
     * from now on) as its RFC 9146 connection ID when the client asks for one.
     */
    TlsServer newServer(byte[] connectionId);
}
