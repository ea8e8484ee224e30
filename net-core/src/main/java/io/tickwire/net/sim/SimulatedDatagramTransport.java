package io.tickwire.net.sim;

import io.tickwire.net.NanoClock;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Objects;
import org.bouncycastle.tls.DatagramTransport;

/**
 * A Bouncy Castle {@link DatagramTransport} decorator that puts a {@link NetworkSimulator} on each
 * direction of another DatagramTransport, so that DTLS handshakes and records can be exercised under
 * loss, delay, duplication and reordering.
 *
 * <p>Bouncy Castle's receive blocks, so this class runs on real time ({@link NanoClock#SYSTEM}) and
 * honours {@code waitMillis} (0 waiting forever, as the interface says): it waits on the wrapped
 * transport in slices of at most {@link #MAX_WAIT_SLICE_MILLIS} so that delayed incoming datagrams
 * are released on time. Delayed outgoing datagrams are handed to the wrapped transport by one daemon
 * thread per instance (named {@code tickwire-sim-send}), because a DTLS peer may send its last flight
 * and then stop calling this transport; the thread ends on {@link #close}. An I/O failure of the
 * wrapped transport on that thread is kept and rethrown by the next {@link #send} or {@link #receive}.
 *
 * <p>Threads: {@link #send} and {@link #receive} may be called from different threads (each
 * direction's simulator is guarded by its own monitor, never held while blocking on the wrapped
 * transport's receive; the wrapped transport's send is called under the outgoing monitor, from the
 * sending thread or the daemon thread); conditions may be changed from any thread through
 * {@link #outgoing()} and {@link #incoming()}. Buffers: callers keep ownership of their arrays; this
 * class owns one scratch array per direction, sized to that direction's simulator.
 */
public final class SimulatedDatagramTransport implements DatagramTransport {

    /** Longest single wait on the wrapped transport, so that delayed datagrams are not held up longer. */
    public static final int MAX_WAIT_SLICE_MILLIS = 5;

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final DatagramTransport inner;
    private final NanoClock clock = NanoClock.SYSTEM;
    private final NetworkSimulator outgoing;
    private final NetworkSimulator incoming;
    private final byte[] outScratch;
    private final byte[] inScratch;
    private final Object receiveLock = new Object();
    private final Thread sender;
    private volatile boolean closed;
    private volatile IOException sendFailure;

    /**
     * Wraps {@code inner}; {@code outgoing} shapes what this side sends, {@code incoming} what it receives.
     *
     * @throws IllegalArgumentException when one simulator is given for both directions
     */
    public SimulatedDatagramTransport(DatagramTransport inner, NetworkSimulator outgoing, NetworkSimulator incoming) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.outgoing = Objects.requireNonNull(outgoing, "outgoing");
        this.incoming = Objects.requireNonNull(incoming, "incoming");
        if (outgoing == incoming) {
            throw new IllegalArgumentException("outgoing and incoming must be two simulators (one per direction)");
        }
        this.outScratch = new byte[outgoing.maxDatagramSize()];
        this.inScratch = new byte[incoming.maxDatagramSize()];
        this.sender = new Thread(this::runSender, "tickwire-sim-send");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Body of the daemon thread: sleeps until the next outgoing datagram is due and forwards it. */
    private void runSender() {
        synchronized (outgoing) {
            while (!closed) {
                long now = clock.nanoTime();
                try {
                    flushOutgoingLocked(now);
                } catch (IOException e) {
                    sendFailure = e;
                    return;
                }
                long next = outgoing.nextDeliveryNanos();
                long waitNanos = next == Long.MAX_VALUE ? 0 : Math.max(1, next - clock.nanoTime());
                try {
                    if (waitNanos == 0) {
                        outgoing.wait(); // until send() submits or close() wakes us
                    } else {
                        outgoing.wait(waitNanos / NANOS_PER_MILLI, (int) (waitNanos % NANOS_PER_MILLI));
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The simulator applied to datagrams this side sends. */
    public NetworkSimulator outgoing() {
        return outgoing;
    }

    /** The simulator applied to datagrams this side receives. */
    public NetworkSimulator incoming() {
        return incoming;
    }

    /** The smaller of the wrapped transport's limit and the outgoing simulator's slot size. */
    @Override
    public int getSendLimit() throws IOException {
        return Math.min(inner.getSendLimit(), outgoing.maxDatagramSize());
    }

    /** The smaller of the wrapped transport's limit and the incoming simulator's slot size. */
    @Override
    public int getReceiveLimit() throws IOException {
        return Math.min(inner.getReceiveLimit(), incoming.maxDatagramSize());
    }

    /**
     * Submits the datagram to the outgoing simulator (a simulated drop is silent, as on UDP) and
     * forwards every outgoing datagram that is due; later ones go out from the daemon thread.
     */
    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        ensureOpen();
        synchronized (outgoing) {
            long now = clock.nanoTime();
            flushOutgoingLocked(now);
            outgoing.submit(buf, off, len, now);
            flushOutgoingLocked(now);
            outgoing.notifyAll(); // the daemon re-plans its sleep around the new datagram
        }
    }

    /**
     * Returns the next incoming datagram whose simulated delivery time has come, waiting up to
     * {@code waitMillis} (0 = forever) for one, or returns -1 when the wait ends without one.
     */
    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (waitMillis < 0) {
            throw new IllegalArgumentException("waitMillis must be >= 0, was " + waitMillis);
        }
        synchronized (receiveLock) {
            boolean forever = waitMillis == 0;
            long deadline = clock.nanoTime() + waitMillis * NANOS_PER_MILLI;
            while (true) {
                ensureOpen();
                long now = clock.nanoTime();
                long nextIn;
                synchronized (incoming) {
                    int n = incoming.poll(buf, off, len, now);
                    if (n >= 0) {
                        return n;
                    }
                    nextIn = incoming.nextDeliveryNanos();
                }
                // Differences, not comparisons, of nanoTime values: they may wrap.
                if (!forever && now - deadline >= 0) {
                    return -1;
                }
                long sliceNanos = MAX_WAIT_SLICE_MILLIS * NANOS_PER_MILLI;
                if (!forever) {
                    sliceNanos = Math.min(sliceNanos, deadline - now);
                }
                if (nextIn != Long.MAX_VALUE) {
                    sliceNanos = Math.min(sliceNanos, Math.max(0, nextIn - now));
                }
                // At least 1 ms (0 would mean forever to the wrapped transport), at most one slice.
                int sliceMillis = (int) Math.max(1, Math.min(MAX_WAIT_SLICE_MILLIS,
                        (sliceNanos + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI));
                int got;
                try {
                    got = inner.receive(inScratch, 0, inScratch.length, sliceMillis);
                } catch (SocketTimeoutException e) {
                    got = -1;
                }
                if (got >= 0) {
                    synchronized (incoming) {
                        incoming.submit(inScratch, 0, got, clock.nanoTime());
                    }
                }
            }
        }
    }

    private void flushOutgoingLocked(long now) throws IOException {
        int n;
        while ((n = outgoing.poll(outScratch, 0, outScratch.length, now)) >= 0) {
            inner.send(outScratch, 0, n);
        }
    }

    /** Closes the wrapped transport and discards datagrams still in flight. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (outgoing) {
            outgoing.clear();
            outgoing.notifyAll();
        }
        synchronized (incoming) {
            incoming.clear();
        }
        inner.close();
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("SimulatedDatagramTransport is closed");
        }
        IOException failure = sendFailure;
        if (failure != null) {
            throw new IOException("wrapped transport failed on the delayed-send thread", failure);
        }
    }
}
