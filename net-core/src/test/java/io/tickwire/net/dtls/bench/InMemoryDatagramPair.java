package io.tickwire.net.dtls.bench;

import java.io.IOException;

import org.bouncycastle.tls.DatagramTransport;

/**
 * Two Bouncy Castle datagram transports joined in memory, for measuring DTLS without a socket.
 * Each direction is a bounded ring of preallocated slots (owned by the ring; send copies in,
 * receive copies out), so the transport itself allocates nothing; a full ring drops, as UDP would.
 */
final class InMemoryDatagramPair {

    static final int MTU = 1472;
    private static final int DEFAULT_SLOTS = 256;

    final DatagramTransport a;
    final DatagramTransport b;

    InMemoryDatagramPair() {
        this(DEFAULT_SLOTS);
    }

    /** A pair whose rings hold {@code slots} datagrams each direction. */
    InMemoryDatagramPair(int slots) {
        Ring ab = new Ring(slots);
        Ring ba = new Ring(slots);
        a = new End(ba, ab);
        b = new End(ab, ba);
    }

    private static final class Ring {
        final byte[][] slots;
        final int[] lengths;
        int head;
        int count;
        boolean closed;

        Ring(int n) {
            slots = new byte[n][MTU];
            lengths = new int[n];
        }

        synchronized void put(byte[] buf, int off, int len) {
            if (count == slots.length || len > MTU) {
                return;
            }
            int i = (head + count) % slots.length;
            System.arraycopy(buf, off, slots[i], 0, len);
            lengths[i] = len;
            count++;
            notifyAll();
        }

        synchronized int take(byte[] buf, int off, int len, int waitMillis) throws IOException {
            long deadline = System.nanoTime() + waitMillis * 1_000_000L;
            while (count == 0) {
                if (closed) {
                    throw new IOException("transport closed");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return -1;
                }
                try {
                    wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
            int n = lengths[head];
            int copy = Math.min(n, len);
            System.arraycopy(slots[head], 0, buf, off, copy);
            head = (head + 1) % slots.length;
            count--;
            return copy;
        }

        synchronized void close() {
            closed = true;
            notifyAll();
        }
    }

    private static final class End implements DatagramTransport {
        private final Ring in;
        private final Ring out;

        End(Ring in, Ring out) {
            this.in = in;
            this.out = out;
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
            return in.take(buf, off, len, waitMillis);
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            out.put(buf, off, len);
        }

        @Override
        public void close() {
            in.close();
            out.close();
        }
    }
}
