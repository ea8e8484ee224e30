package io.tickwire.bench;

import org.bouncycastle.tls.DatagramTransport;

/**
 * One end of an in-memory, allocation-free {@link DatagramTransport} pair for Bouncy Castle: datagrams
 * are copied into preallocated slots of a bounded ring (oldest kept; a full ring drops, as UDP would).
 * Receive blocks up to {@code waitMillis} (Bouncy Castle's handshake needs that); once data is waiting
 * it returns without allocating. Used to measure Bouncy Castle's own per-record allocation.
 */
final class MemoryTransport implements DatagramTransport {

    /** A bounded ring of datagram slots; its monitor guards it. */
    static final class Ring {
        final byte[][] slots;
        final int[] lens;
        int head;
        int count;

        Ring(int capacity, int mtu) {
            slots = new byte[capacity][mtu];
            lens = new int[capacity];
        }
    }

    private final Ring in;
    private final Ring out;
    private final int mtu;

    private MemoryTransport(Ring in, Ring out, int mtu) {
        this.in = in;
        this.out = out;
        this.mtu = mtu;
    }

    /** Two connected ends: what [0] sends, [1] receives and back. */
    static MemoryTransport[] pair(int capacity, int mtu) {
        Ring a = new Ring(capacity, mtu);
        Ring b = new Ring(capacity, mtu);
        return new MemoryTransport[] {new MemoryTransport(a, b, mtu), new MemoryTransport(b, a, mtu)};
    }

    @Override
    public int getReceiveLimit() {
        return mtu;
    }

    @Override
    public int getSendLimit() {
        return mtu;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws java.io.IOException {
        synchronized (in) {
            if (in.count == 0 && waitMillis > 0) {
                long until = System.nanoTime() + waitMillis * 1_000_000L;
                while (in.count == 0) {
                    long left = (until - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        break;
                    }
                    try {
                        in.wait(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted");
                    }
                }
            }
            if (in.count == 0) {
                return -1;
            }
            int n = Math.min(len, in.lens[in.head]);
            System.arraycopy(in.slots[in.head], 0, buf, off, n);
            in.head = (in.head + 1) % in.slots.length;
            in.count--;
            return n;
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        synchronized (out) {
            if (out.count == out.slots.length || len > mtu) {
                return;
            }
            int slot = (out.head + out.count) % out.slots.length;
            System.arraycopy(buf, off, out.slots[slot], 0, len);
            out.lens[slot] = len;
            out.count++;
            out.notifyAll();
        }
    }

    @Override
    public void close() {
    }
}
