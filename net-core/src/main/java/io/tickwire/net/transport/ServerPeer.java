package io.tickwire.net.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.tls.TlsServer;
import org.bouncycastle.tls.TlsTimeoutException;

/**
 * Everything the server keeps for one peer after a valid cookie: its slot and connection ID, its
 * current address, the inbound ring, the handshake screen and the record feed under Bouncy Castle.
 *
 * <p>Threads: the socket reader offers datagrams and reads {@code address}/{@code cid}; the handshake
 * worker drives Bouncy Castle until the hand-off; afterwards only the owner thread does. The address
 * is volatile because the owner moves it (connection ID) while the reader looks it up.
 */
final class ServerPeer extends RecordFeed {

    final DtlsServerEndpoint endpoint;
    final int slot;
    final int cid;
    final DatagramRing ring;
    final HandshakeScreen screen;
    final long admittedNanos;
    volatile InetSocketAddress address;
    /** The IP this peer was admitted from; it stays counted there (per-IP caps) even after a connection ID move. */
    final java.net.InetAddress countedIp;
    volatile boolean closed;
    /** Set when Bouncy Castle ended the session (close_notify sent or received, fatal alert), not the endpoint. */
    volatile boolean sessionClosed;
    volatile long deadlineNanos;
    /** Set by the reader when the guard abandons this handshake, so the worker reports why. */
    volatile boolean abandonedByGuard;
    /** Set by the reader when a newcomer took this handshake's place (already counted EVICTED). */
    volatile boolean evicted;
    /** When the reader last passed a datagram of this handshake to the worker (endpoint clock). */
    volatile long lastHeardNanos;
    /**
     * True while the server has answered and waits on the peer: set when the worker sends a flight, cleared
     * when the peer's next datagram arrives. Only such a handshake can be evicted: a queued one, or one whose
     * worker is still computing, is silent because of us, not because of its peer.
     */
    volatile boolean awaitingPeer;
    /** Bouncy Castle's server for this handshake, set by the worker before it runs (to tell it when it is abandoned). */
    volatile TlsServer tlsServer;
    /** Handshake counts (global and per IP) released; exactly once, by the worker or by an eviction. */
    final AtomicBoolean handshakeEnded = new AtomicBoolean();
    /** Its worker no longer counted busy; exactly once, when the worker returns or when it is evicted. */
    final AtomicBoolean workerReleased = new AtomicBoolean();
    private final ByteBuffer sendBuffer;
    private final InetSocketAddress[] sourceOut = new InetSocketAddress[1];

    ServerPeer(DtlsServerEndpoint endpoint, int slot, int cid, InetSocketAddress address, HandshakeScreen screen,
            long admittedNanos, long deadlineNanos) {
        super(endpoint.config.maxDatagramSize());
        this.endpoint = endpoint;
        this.slot = slot;
        this.cid = cid;
        this.address = address;
        this.countedIp = address.getAddress();
        this.screen = screen;
        this.admittedNanos = admittedNanos;
        this.deadlineNanos = deadlineNanos;
        this.lastHeardNanos = admittedNanos;
        this.ring = new DatagramRing(endpoint.config.peerQueueLength(), maxDatagramSize);
        this.sendBuffer = ByteBuffer.allocateDirect(maxDatagramSize);
    }

    @Override
    int nextDatagram(byte[] dst, long waitMillis) throws IOException {
        if (closed) {
            throw new IOException("connection to " + address + " is closed");
        }
        long wait = waitMillis;
        if (!established) {
            long left = (deadlineNanos - endpoint.config.clock().nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new TlsTimeoutException("handshake deadline passed for " + address);
            }
            wait = Math.min(waitMillis <= 0 ? left : waitMillis, left);
        }
        int n;
        try {
            n = ring.poll(dst, wait, sourceOut);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("handshake worker interrupted (endpoint closing)");
        }
        if (n >= 0) {
            lastSource = sourceOut[0];
            sourceOut[0] = null;
        } else if (closed) {
            throw new IOException("connection to " + address + " is closed");
        }
        return n;
    }

    @Override
    boolean mayHaveDatagram() {
        return !ring.isEmpty();
    }

    @Override
    void countDrop(DropReason reason) {
        endpoint.stats.drop(reason);
    }

    @Override
    void peerAddressSeen(InetSocketAddress source) {
        if (source != null && !source.equals(address)) {
            endpoint.movePeer(this, source);
        }
    }

    @Override
    InetSocketAddress remoteAddress() {
        return address;
    }

    @Override
    boolean sessionClosed() {
        return sessionClosed;
    }

    /** Called by Bouncy Castle: worker thread during the handshake, owner thread afterwards. */
    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("connection to " + address + " is closed");
        }
        if (len > maxDatagramSize) {
            throw new IOException("datagram of " + len + " bytes exceeds maxDatagramSize " + maxDatagramSize);
        }
        if (!established) {
            // Before the datagram leaves, so a fast answer (which clears it) always lands after this.
            awaitingPeer = true;
        }
        sendBuffer.clear();
        sendBuffer.put(buf, off, len).flip();
        endpoint.sendTo(sendBuffer, address);
    }

    /** Called by Bouncy Castle when the session ends (close_notify sent or received, fatal alert). */
    @Override
    public void close() {
        sessionClosed = true;
        endpoint.remove(this);
    }
}
