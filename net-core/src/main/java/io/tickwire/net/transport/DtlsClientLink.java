package io.tickwire.net.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

import org.bouncycastle.tls.DTLSTransport;

/**
 * The client's established DTLS connection to one server as a non-blocking {@link DatagramLink}.
 * Owned by one thread (a game's render thread polls it); not thread-safe.
 */
public final class DtlsClientLink implements DatagramLink {

    private final ClientFeed feed;
    private final DTLSTransport transport;
    private final byte[] plain;
    private final int maxPayload;
    private boolean closed;

    DtlsClientLink(ClientFeed feed, DTLSTransport transport) throws IOException {
        this.feed = feed;
        this.transport = transport;
        this.plain = new byte[Math.max(1, transport.getReceiveLimit())];
        this.maxPayload = transport.getSendLimit();
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("connection to " + feed.server + " is closed");
        }
        feed.sendRecord(transport, maxPayload, buf, off, len);
    }

    @Override
    public int receive(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("connection to " + feed.server + " is closed");
        }
        if (feed.sessionClosed) {
            throw LinkFailures.closedByPeer("connection to " + feed.server);
        }
        return feed.receiveRecord(transport, plain, buf, off, len);
    }

    @Override
    public int maxPayloadSize() {
        return maxPayload;
    }

    /**
     * Moves this client to a fresh local UDP port mid-session (as NAT rebinding or a network switch
     * would); with a connection ID the server follows without a new handshake. Returns the new local address.
     */
    public InetSocketAddress rebindLocalPort() throws IOException {
        return feed.rebind();
    }

    /** The local UDP address in use. */
    public InetSocketAddress localAddress() throws IOException {
        return feed.localAddress();
    }

    /** The server's address. */
    public InetSocketAddress remoteAddress() {
        return feed.server;
    }

    /** Records or datagrams this client dropped for {@code reason}. */
    public long drops(DropReason reason) {
        return feed.drops[reason.ordinal()];
    }

    /** Datagrams received from the server. */
    public long datagramsIn() {
        return feed.datagramsIn;
    }

    /** Datagrams sent to the server. */
    public long datagramsOut() {
        return feed.datagramsOut;
    }

    /** Sends close_notify and closes the socket. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        feed.sendCloseNotify(transport, DtlsClientLink.class);
        try {
            feed.close();
        } catch (IOException e) {
            System.getLogger(DtlsClientLink.class.getName()).log(System.Logger.Level.DEBUG,
                    "closing the client socket failed: " + e);
        }
    }
}
