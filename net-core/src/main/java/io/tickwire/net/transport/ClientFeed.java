package io.tickwire.net.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

import org.bouncycastle.tls.TlsTimeoutException;

/**
 * The client's {@link RecordFeed}: its own non-blocking UDP socket talking to one server. During the
 * handshake (connector thread) it waits on a selector; afterwards (owner thread) it never waits.
 * Datagrams from any address but the server's are dropped and counted.
 */
final class ClientFeed extends RecordFeed {

    final InetSocketAddress server;
    private final InetSocketAddress localBind;
    private DatagramChannel channel;
    private Selector selector;
    private ByteBuffer rxWrap;
    private final ByteBuffer txBuffer;
    private final long deadlineNanos;
    final long[] drops = new long[DropReason.values().length];
    long datagramsIn;
    long datagramsOut;
    /** Set once the session closed this feed (see {@link #close()}); owner thread after the handshake. */
    boolean sessionClosed;

    ClientFeed(InetSocketAddress server, InetSocketAddress localBind, int maxDatagramSize, long deadlineNanos)
            throws IOException {
        super(maxDatagramSize);
        this.server = server;
        this.localBind = localBind;
        this.deadlineNanos = deadlineNanos;
        this.txBuffer = ByteBuffer.allocateDirect(maxDatagramSize);
        this.channel = openChannel(localBind);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    private static DatagramChannel openChannel(InetSocketAddress bind) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.bind(bind);
            ch.configureBlocking(false);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Handshake over: no more waiting, so the selector goes. */
    void handshakeDone() throws IOException {
        established = true;
        if (selector != null) {
            selector.close();
            selector = null;
            channel.configureBlocking(false);
        }
    }

    /** Moves to a fresh local port on the same local address; owner thread, after the handshake. */
    InetSocketAddress rebind() throws IOException {
        if (!established) {
            throw new IllegalStateException("rebind is only possible after the handshake");
        }
        DatagramChannel fresh = openChannel(new InetSocketAddress(localBind.getAddress(), 0));
        DatagramChannel old = channel;
        channel = fresh;
        old.close();
        return (InetSocketAddress) fresh.getLocalAddress();
    }

    @Override
    int nextDatagram(byte[] dst, long waitMillis) throws IOException {
        if (rxWrap == null || rxWrap.array() != dst) {
            rxWrap = ByteBuffer.wrap(dst);
        }
        boolean waited = false;
        while (true) {
            rxWrap.clear();
            SocketAddress from = channel.receive(rxWrap);
            if (from == null) {
                if (established || waitMillis <= 0 || waited) {
                    return -1;
                }
                if (Thread.currentThread().isInterrupted()) {
                    // The connector is closing; without this the selector would return at once, forever.
                    throw new IOException("handshake with " + server + " interrupted (connector closed)");
                }
                long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new TlsTimeoutException("handshake with " + server + " timed out");
                }
                selector.select(Math.max(1, Math.min(waitMillis, left)));
                selector.selectedKeys().clear();
                waited = true;
                continue;
            }
            int n = rxWrap.position();
            if (!server.equals(from)) {
                drops[DropReason.UNKNOWN_PEER.ordinal()]++;
                continue;
            }
            datagramsIn++;
            lastSource = server;
            return n;
        }
    }

    @Override
    boolean mayHaveDatagram() {
        return true;
    }

    @Override
    void countDrop(DropReason reason) {
        drops[reason.ordinal()]++;
    }

    @Override
    void peerAddressSeen(InetSocketAddress source) {
        // The client only talks to its server; it never follows addresses.
    }

    @Override
    InetSocketAddress remoteAddress() {
        return server;
    }

    @Override
    boolean sessionClosed() {
        return sessionClosed;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        txBuffer.clear();
        txBuffer.put(buf, off, len).flip();
        if (channel.send(txBuffer, server) == 0) {
            drops[DropReason.SEND_BUFFER_FULL.ordinal()]++;
        } else {
            datagramsOut++;
        }
    }

    /**
     * Called by our link's close, and by Bouncy Castle when the session ends on its own (close_notify
     * received, fatal alert); {@link #sessionClosed} tells the link the socket went with it.
     */
    @Override
    public void close() throws IOException {
        sessionClosed = true;
        if (selector != null) {
            selector.close();
        }
        channel.close();
    }
}
