package io.tickwire.net.sim;

import io.tickwire.net.NanoClock;
import io.tickwire.net.transport.DatagramLink;
import java.io.IOException;
import java.util.Objects;

/**
 * Two connected {@link DatagramLink}s in one process, {@link #first()} and {@link #second()}, with
 * a {@link NetworkSimulator} in each direction, driven by a {@link NanoClock} (a {@link ManualClock}
 * in tests).
 *
 * <p>Threads: each endpoint is owned by one thread, and the two endpoints may be driven by two
 * different threads (each simulator is guarded by its own monitor, taken once per call and never
 * while holding the other). Conditions may be changed from any thread with {@link #setConditions}
 * or on {@link #firstToSecond()}/{@link #secondToFirst()}.
 *
 * <p>Closing an endpoint only closes that endpoint (its calls then throw); the other side sees
 * silence, as with UDP.
 */
public final class InMemoryLinkPair {

    private final NetworkSimulator firstToSecond;
    private final NetworkSimulator secondToFirst;
    private final Endpoint first;
    private final Endpoint second;

    /**
     * Creates a connected pair.
     *
     * @param clock source of time for both endpoints
     * @param firstToSecondConditions conditions for datagrams that {@link #first()} sends
     * @param secondToFirstConditions conditions for datagrams that {@link #second()} sends
     * @param seed seed of both simulators (each direction derives its own sequence from it)
     * @param capacity datagrams in flight per direction, see {@link NetworkSimulator#capacity()}
     * @param maxDatagramSize largest datagram, the endpoints' {@link DatagramLink#maxPayloadSize()}
     */
    public InMemoryLinkPair(NanoClock clock, NetworkConditions firstToSecondConditions,
            NetworkConditions secondToFirstConditions, long seed, int capacity, int maxDatagramSize) {
        Objects.requireNonNull(clock, "clock");
        // Distinct, fixed derivations so that each direction has its own reproducible sequence.
        this.firstToSecond = new NetworkSimulator(firstToSecondConditions, seed * 0x9E3779B97F4A7C15L + 1,
                capacity, maxDatagramSize);
        this.secondToFirst = new NetworkSimulator(secondToFirstConditions, seed * 0x9E3779B97F4A7C15L + 2,
                capacity, maxDatagramSize);
        this.first = new Endpoint("first", clock, firstToSecond, secondToFirst);
        this.second = new Endpoint("second", clock, secondToFirst, firstToSecond);
    }

    /** A pair with the same conditions both ways, {@link NetworkSimulator#DEFAULT_CAPACITY} and 1500-byte datagrams. */
    public InMemoryLinkPair(NanoClock clock, NetworkConditions conditions, long seed) {
        this(clock, conditions, conditions, seed, NetworkSimulator.DEFAULT_CAPACITY,
                NetworkSimulator.DEFAULT_MAX_DATAGRAM_SIZE);
    }

    /** One endpoint; what it sends arrives at {@link #second()}. */
    public DatagramLink first() {
        return first;
    }

    /** The other endpoint; what it sends arrives at {@link #first()}. */
    public DatagramLink second() {
        return second;
    }

    /** The simulator for datagrams from first to second (its counters, its conditions). */
    public NetworkSimulator firstToSecond() {
        return firstToSecond;
    }

    /** The simulator for datagrams from second to first (its counters, its conditions). */
    public NetworkSimulator secondToFirst() {
        return secondToFirst;
    }

    /** Sets the same conditions in both directions; safe from any thread. */
    public void setConditions(NetworkConditions conditions) {
        firstToSecond.setConditions(conditions);
        secondToFirst.setConditions(conditions);
    }

    /** Discards every datagram in flight in both directions (for example between test phases). */
    public void clearInFlight() {
        synchronized (firstToSecond) {
            firstToSecond.clear();
        }
        synchronized (secondToFirst) {
            secondToFirst.clear();
        }
    }

    /** One end of the pair: sends into one simulator, receives from the other. */
    private static final class Endpoint implements DatagramLink {
        private final String name;
        private final NanoClock clock;
        private final NetworkSimulator out;
        private final NetworkSimulator in;
        private volatile boolean closed;

        Endpoint(String name, NanoClock clock, NetworkSimulator out, NetworkSimulator in) {
            this.name = name;
            this.clock = clock;
            this.out = out;
            this.in = in;
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            ensureOpen();
            if (len > out.maxDatagramSize()) {
                throw new IllegalArgumentException("datagram of " + len + " bytes exceeds maxPayloadSize "
                        + out.maxDatagramSize());
            }
            long now = clock.nanoTime();
            synchronized (out) {
                out.submit(buf, off, len, now);
            }
        }

        @Override
        public int receive(byte[] buf, int off, int len) throws IOException {
            ensureOpen();
            long now = clock.nanoTime();
            int n;
            synchronized (in) {
                n = in.poll(buf, off, len, now);
            }
            return n < 0 ? NOTHING_RECEIVED : n;
        }

        @Override
        public int maxPayloadSize() {
            return out.maxDatagramSize();
        }

        @Override
        public void close() {
            closed = true;
        }

        private void ensureOpen() throws IOException {
            if (closed) {
                throw new IOException("InMemoryLinkPair endpoint " + name + " is closed");
            }
        }

        @Override
        public String toString() {
            return "InMemoryLinkPair." + name;
        }
    }
}
