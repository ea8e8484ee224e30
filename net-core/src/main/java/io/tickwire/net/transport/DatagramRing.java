package io.tickwire.net.transport;

import java.net.InetSocketAddress;

/**
 * The bounded inbound queue of one server-side peer: the socket reader offers copies of datagrams,
 * the handshake worker (waiting) or the owner thread (not waiting) takes them. Slots are allocated
 * once; offer and poll copy bytes and never allocate. Guarded by its own monitor: uncontended in
 * steady state, and it lets the handshake worker wait with a timeout.
 */
final class DatagramRing {

    private final byte[][] slots;
    private final int[] lengths;
    private final InetSocketAddress[] sources;
    private int head;
    private int count;
    private boolean waiting;
    private boolean closed;

    DatagramRing(int capacity, int maxDatagramSize) {
        this.slots = new byte[capacity][maxDatagramSize];
        this.lengths = new int[capacity];
        this.sources = new InetSocketAddress[capacity];
    }

    /** Copies the datagram in; false when the ring is full or closed. Reader thread. */
    synchronized boolean offer(byte[] src, int off, int len, InetSocketAddress from) {
        if (closed || count == slots.length) {
            return false;
        }
        int tail = (head + count) % slots.length;
        System.arraycopy(src, off, slots[tail], 0, len);
        lengths[tail] = len;
        sources[tail] = from;
        count++;
        if (waiting) {
            notifyAll();
        }
        return true;
    }

    /**
     * Moves the oldest datagram into {@code dst} and returns its length, waiting up to
     * {@code waitMillis} (0 = not at all); -1 when none arrived or the ring was closed.
     */
    synchronized int poll(byte[] dst, long waitMillis, InetSocketAddress[] sourceOut) throws InterruptedException {
        if (count == 0 && waitMillis > 0 && !closed) {
            long until = System.nanoTime() + waitMillis * 1_000_000L;
            waiting = true;
            try {
                long left = waitMillis;
                while (count == 0 && !closed && left > 0) {
                    wait(left);
                    left = (until - System.nanoTime()) / 1_000_000L;
                }
            } finally {
                waiting = false;
            }
        }
        if (count == 0) {
            return -1;
        }
        int len = lengths[head];
        System.arraycopy(slots[head], 0, dst, 0, len);
        sourceOut[0] = sources[head];
        sources[head] = null;
        head = (head + 1) % slots.length;
        count--;
        return len;
    }

    synchronized boolean isEmpty() {
        return count == 0;
    }

    synchronized int size() {
        return count;
    }

    /** Wakes any waiter and refuses further offers. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
