package io.tickwire.net.sim;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * A perfect, blocking in-process datagram path for Bouncy Castle tests: one end of a pair of queues.
 * Test-only; it allocates a copy per datagram.
 */
final class QueueDatagramTransport implements DatagramTransport {

    static final int MTU = 1472;

    private final BlockingQueue<byte[]> in;
    private final BlockingQueue<byte[]> out;
    private volatile boolean closed;

    private QueueDatagramTransport(BlockingQueue<byte[]> in, BlockingQueue<byte[]> out) {
        this.in = in;
        this.out = out;
    }

    /** Two connected ends. */
    static QueueDatagramTransport[] pair() {
        BlockingQueue<byte[]> ab = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> ba = new LinkedBlockingQueue<>();
        return new QueueDatagramTransport[] {new QueueDatagramTransport(ba, ab), new QueueDatagramTransport(ab, ba)};
    }

    @Override
    public int getReceiveLimit() {
        return MTU;
    }

    @Override
    public int getSendLimit() {
        return MTU;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        try {
            byte[] d = waitMillis == 0 ? in.take() : in.poll(waitMillis, TimeUnit.MILLISECONDS);
            if (d == null) {
                return -1;
            }
            int n = Math.min(d.length, len);
            System.arraycopy(d, 0, buf, off, n);
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        out.add(Arrays.copyOfRange(buf, off, off + len));
    }

    @Override
    public void close() {
        closed = true;
    }
}
