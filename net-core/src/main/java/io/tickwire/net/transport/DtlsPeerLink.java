package io.tickwire.net.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

import org.bouncycastle.tls.DTLSTransport;

/**
 * One established DTLS connection on a {@link DtlsServerEndpoint}, as a non-blocking
 * {@link DatagramLink}. Owned by the thread that took it from the endpoint; not thread-safe.
 *
 * <p>{@link #receive} first asks our feed whether a datagram is queued and returns at once if not
 * (Bouncy Castle's receive allocates a record buffer on every call, so it is not called for nothing);
 * otherwise it lets Bouncy Castle decrypt one record at a time, counting the records it drops.
 */
public final class DtlsPeerLink implements DatagramLink {

    private final DtlsServerEndpoint endpoint;
    private final ServerPeer peer;
    private final DTLSTransport transport;
    private final byte[] plain;
    private final int maxPayload;
    private boolean closed;

    DtlsPeerLink(DtlsServerEndpoint endpoint, ServerPeer peer, DTLSTransport transport) throws IOException {
        this.endpoint = endpoint;
        this.peer = peer;
        this.transport = transport;
        this.plain = new byte[Math.max(1, transport.getReceiveLimit())];
        this.maxPayload = transport.getSendLimit();
    }

    /** The peer's current address (it moves when a connection ID record arrives from a new one). */
    public InetSocketAddress remoteAddress() {
        return peer.address;
    }

    /** The 4-byte connection ID the client puts on its records, as an int. */
    public int connectionId() {
        return peer.cid;
    }

    /** A one-line description of this link's queue state, for diagnostics. */
    public String describe() {
        return "peer " + peer.address + " cid=" + Integer.toHexString(peer.cid) + " queued=" + peer.ring.size()
                + " staged=" + peer.hasStagedRecord() + " closed=" + peer.closed;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed || peer.closed) {
            throw closedFailure();
        }
        peer.sendRecord(transport, maxPayload, buf, off, len);
    }

    @Override
    public int receive(byte[] buf, int off, int len) throws IOException {
        if (closed || peer.closed) {
            throw closedFailure();
        }
        return peer.receiveRecord(transport, plain, buf, off, len);
    }

    /** Why a closed link can no longer be used: we closed it, the peer did (close_notify), or the endpoint closed. */
    private IOException closedFailure() {
        String what = "connection to " + peer.address;
        if (closed) {
            return new IOException(what + " is closed");
        }
        if (peer.sessionClosed) {
            return LinkFailures.closedByPeer(what);
        }
        return new LinkFailedException(LinkFailedException.Kind.SOCKET_ERROR, (short) -1,
                what + ": the server endpoint closed", null);
    }

    @Override
    public int maxPayloadSize() {
        return maxPayload;
    }

    /** Sends close_notify and frees the peer's state on the endpoint. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        peer.sendCloseNotify(transport, DtlsPeerLink.class);
        endpoint.remove(peer);
    }
}
