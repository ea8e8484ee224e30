package io.tickwire.net.sim;

import io.tickwire.net.NanoClock;
import io.tickwire.net.transport.DatagramLink;
import java.io.IOException;
import java.util.Objects;

/**
 * A {@link DatagramLink} decorator that passes outgoing datagrams (and incoming ones) through a
 * {@link NetworkSimulator} on the way to (and from) the wrapped link.
 *
 * <p>Time comes from the {@link NanoClock} given at construction, read once per call. Delayed
 * outgoing datagrams are handed to the wrapped link during later {@link #send} and
 * {@link #receive} calls, so the owning thread must keep calling one of them (a connection that
 * ticks does). Threads: like any DatagramLink, owned by one thread; the simulators' conditions may
 * be changed from any thread through {@link #outgoing()}/{@link #incoming()}.
 *
 * <p>Buffers: the caller keeps ownership of the arrays passed to send/receive; this link owns one
 * scratch array of the wrapped link's {@link DatagramLink#maxPayloadSize()} for moving datagrams
 * between the simulators and the wrapped link.
 */
public final class SimulatedLink implements DatagramLink {

    private final DatagramLink inner;
    private final NanoClock clock;
    private final NetworkSimulator outgoing;
    private final NetworkSimulator incoming;
    private final byte[] scratch;
    private boolean closed;

    /**
     * Wraps {@code inner}; {@code outgoing} shapes what this side sends, {@code incoming} what it receives.
     *
     * @throws IllegalArgumentException when a simulator is shared between both directions
     */
    public SimulatedLink(DatagramLink inner, NanoClock clock, NetworkSimulator outgoing, NetworkSimulator incoming) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.outgoing = Objects.requireNonNull(outgoing, "outgoing");
        this.incoming = Objects.requireNonNull(incoming, "incoming");
        if (outgoing == incoming) {
            throw new IllegalArgumentException("outgoing and incoming must be two simulators (one per direction)");
        }
        this.scratch = new byte[Math.max(inner.maxPayloadSize(), incoming.maxDatagramSize())];
    }

    /**
     * Wraps {@code inner} with the given outgoing conditions and perfect incoming ones, using
     * {@link NetworkSimulator#DEFAULT_CAPACITY} and the wrapped link's payload size.
     */
    public static SimulatedLink outgoingOnly(DatagramLink inner, NanoClock clock, NetworkConditions conditions,
            long seed) {
        int size = inner.maxPayloadSize();
        return new SimulatedLink(inner, clock,
                new NetworkSimulator(conditions, seed, NetworkSimulator.DEFAULT_CAPACITY, size),
                new NetworkSimulator(NetworkConditions.PERFECT, seed ^ 0x5DEECE66DL,
                        NetworkSimulator.DEFAULT_CAPACITY, size));
    }

    /** The simulator applied to datagrams this side sends. */
    public NetworkSimulator outgoing() {
        return outgoing;
    }

    /** The simulator applied to datagrams this side receives. */
    public NetworkSimulator incoming() {
        return incoming;
    }

    /**
     * Submits the datagram to the outgoing simulator (a simulated drop is silent, as on UDP) and
     * forwards every outgoing datagram that is due.
     *
     * @throws IllegalArgumentException when {@code len} exceeds {@link #maxPayloadSize()}
     * @throws IOException when the link is closed or the wrapped link fails
     */
    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        ensureOpen();
        if (len > maxPayloadSize()) {
            throw new IllegalArgumentException("datagram of " + len + " bytes exceeds maxPayloadSize "
                    + maxPayloadSize());
        }
        long now = clock.nanoTime();
        flushOutgoing(now);
        outgoing.submit(buf, off, len, now);
        flushOutgoing(now);
    }

    /**
     * Forwards due outgoing datagrams, moves everything the wrapped link has into the incoming
     * simulator, then returns the next incoming datagram that is due, or {@link #NOTHING_RECEIVED}.
     */
    @Override
    public int receive(byte[] buf, int off, int len) throws IOException {
        ensureOpen();
        long now = clock.nanoTime();
        flushOutgoing(now);
        int n;
        while ((n = inner.receive(scratch, 0, scratch.length)) != NOTHING_RECEIVED) {
            incoming.submit(scratch, 0, n, now);
        }
        int got = incoming.poll(buf, off, len, now);
        return got < 0 ? NOTHING_RECEIVED : got;
    }

    private void flushOutgoing(long now) throws IOException {
        int n;
        while ((n = outgoing.poll(scratch, 0, scratch.length, now)) >= 0) {
            inner.send(scratch, 0, n);
        }
    }

    /** The smaller of the wrapped link's limit and the outgoing simulator's slot size. */
    @Override
    public int maxPayloadSize() {
        return Math.min(inner.maxPayloadSize(), outgoing.maxDatagramSize());
    }

    /** Closes the wrapped link; datagrams still in the simulators are discarded. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            outgoing.clear();
            incoming.clear();
            inner.close();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("SimulatedLink is closed");
        }
    }
}
