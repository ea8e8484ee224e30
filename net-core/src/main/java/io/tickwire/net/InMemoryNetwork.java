package io.tickwire.net;

import io.tickwire.net.sim.InMemoryLinkPair;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.net.sim.NetworkSimulator;
import io.tickwire.net.transport.DatagramLink;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pretend network in one process, without sockets or DTLS, for fast deterministic tests and
 * single-process games: a {@link NetServer} and {@link NetClient}s configured with the same
 * instance talk over {@link InMemoryLinkPair}s with the simulator's seeded conditions.
 *
 * <p>Memory: the network keeps every pair it made (so that {@link #setConditions} reaches them),
 * about 3 MiB of simulator slots each: meant for tests and single-process games with few
 * connections, not for long-running servers with churn.
 *
 * <p>Threads: clients may connect from any thread; each pair's ends are then owned by the server's
 * and the client's threads. {@link #setConditions} may be called from any thread.
 */
public final class InMemoryNetwork {

    /** Connections waiting for the server to pick them up; a full queue refuses new clients. */
    public static final int MAX_PENDING_CONNECTIONS = 1024;

    /** Datagrams in flight per direction of one pair. */
    static final int PAIR_CAPACITY = 1024;

    private final NanoClock clock;
    private final long seed;
    private final int maxDatagramSize;
    private volatile NetworkConditions conditions;
    private final AtomicInteger nextClient = new AtomicInteger(1);
    private final ArrayBlockingQueue<Pending> pending = new ArrayBlockingQueue<>(MAX_PENDING_CONNECTIONS);
    private final java.util.concurrent.CopyOnWriteArrayList<InMemoryLinkPair> pairs =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    record Pending(DatagramLink serverSide, InetSocketAddress clientAddress) {
    }

    /**
     * A network whose pairs use {@code clock} (a manual clock in tests; the same source as the
     * {@code nowNanos} given to update/poll), {@code conditions} both ways, and seeds derived from
     * {@code seed}; datagrams up to {@link NetworkSimulator#DEFAULT_MAX_DATAGRAM_SIZE} bytes.
     */
    public InMemoryNetwork(NanoClock clock, NetworkConditions conditions, long seed) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.conditions = Objects.requireNonNull(conditions, "conditions");
        this.seed = seed;
        this.maxDatagramSize = NetworkSimulator.DEFAULT_MAX_DATAGRAM_SIZE;
    }

    /** A perfect network (no delay, no loss) on {@code clock}. */
    public InMemoryNetwork(NanoClock clock) {
        this(clock, NetworkConditions.PERFECT, 1);
    }

    /** Changes the conditions of every pair, existing and future; safe from any thread. */
    public void setConditions(NetworkConditions newConditions) {
        this.conditions = Objects.requireNonNull(newConditions, "conditions");
        for (InMemoryLinkPair p : pairs) {
            p.setConditions(newConditions);
        }
    }

    /** The conditions in force. */
    public NetworkConditions conditions() {
        return conditions;
    }

    /** The largest datagram a pair carries. */
    int maxDatagramSize() {
        return maxDatagramSize;
    }

    /** Makes a new pair; the client gets one end now, the server the other at its next update. */
    DatagramLink connect() {
        int n = nextClient.getAndIncrement();
        NetworkConditions c = conditions;
        InMemoryLinkPair pair = new InMemoryLinkPair(clock, c, c, seed * 1_000_003L + n, PAIR_CAPACITY,
                maxDatagramSize);
        if (!pending.offer(new Pending(pair.second(), InetSocketAddress.createUnresolved("in-memory-client", n)))) {
            pair.first().close();
            pair.second().close();
            throw new IllegalStateException("InMemoryNetwork: " + MAX_PENDING_CONNECTIONS
                    + " connections (MAX_PENDING_CONNECTIONS) are already waiting for the server");
        }
        pairs.add(pair);
        return pair.first();
    }

    /** The next connection waiting for the server, or null. */
    Pending poll() {
        return pending.poll();
    }
}
