package io.tickwire.net.discovery;

import io.tickwire.net.NanoClock;
import io.tickwire.net.transport.ThreadingMode;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers LAN discovery queries for one game server: bound to the discovery port (default
 * {@value DiscoveryCodec#DEFAULT_PORT} on 0.0.0.0, with SO_REUSEADDR so several servers on one host
 * all hear broadcasts), it sends each well-formed query's source a unicast answer built from the
 * current {@link ServerInfo}, never larger than the query, within per-source and overall rate limits.
 *
 * <p>Threads: with {@link ThreadingMode#DEDICATED_READER} (the default) a daemon thread named
 * {@code tickwire-lan-discovery-<port>} blocks on the socket and does all the work, reading the
 * configured clock once per query; with {@link ThreadingMode#INVOKER} the thread that calls
 * {@link #poll(long)} does. {@link #setInfo} may be called from any thread (the tick thread replaces
 * the info when the player count changes). Counters are readable from any thread.
 */
public final class LanDiscoveryResponder implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LanDiscoveryResponder.class.getName());
    private static final int QUERIES_RECEIVED = 0;
    private static final int ANSWERS_SENT = 1;
    private static final int RECEIVE_FAILURES = 2;
    private static final int SCALARS = 3;

    private final Config config;
    private final DatagramChannel channel;
    private final InetSocketAddress localAddress;
    private final QueryRateLimiter limiter;
    private final byte[] rxArray = new byte[DiscoveryCodec.QUERY_SIZE];
    private final ByteBuffer rx = ByteBuffer.wrap(rxArray);
    private final byte[] txArray = new byte[DiscoveryCodec.MAX_ANSWER_SIZE];
    private final ByteBuffer tx = ByteBuffer.wrap(txArray);
    private final AtomicLongArray scalars = new AtomicLongArray(SCALARS);
    private final AtomicLongArray drops = new AtomicLongArray(DiscoveryDrop.values().length);
    private final Thread thread;
    private volatile ServerInfo info;
    private volatile String lastError;
    private volatile boolean closed;

    private LanDiscoveryResponder(Config config, ServerInfo info) throws IOException {
        this.config = config;
        this.info = info;
        this.channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            try {
                channel.bind(config.bindAddress());
            } catch (BindException e) {
                BindException explained = new BindException("LAN discovery port " + config.bindAddress().getPort()
                        + " on " + config.bindAddress().getAddress().getHostAddress() + " is in use by a socket that"
                        + " does not share it (SO_REUSEADDR): stop the other program, or give the responder another"
                        + " port (LanDiscoveryResponder.Config.Builder.port) and the browsers the same one"
                        + " (LanBrowser.Config.Builder.port) [" + e.getMessage() + "]");
                explained.initCause(e);
                throw explained;
            }
            channel.configureBlocking(config.threading() == ThreadingMode.DEDICATED_READER);
            this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.limiter = new QueryRateLimiter(config, config.clock().nanoTime());
        if (config.threading() == ThreadingMode.DEDICATED_READER) {
            this.thread = new Thread(this::receiveLoop, "tickwire-lan-discovery-" + localAddress.getPort());
            this.thread.setDaemon(true);
            this.thread.start();
        } else {
            this.thread = null;
        }
        LOG.log(Level.INFO, "LAN discovery responder on {0} advertising {1}", new Object[] {localAddress, info});
    }

    /**
     * Binds the discovery socket and starts answering with {@code info}.
     *
     * @throws BindException when the port is taken, with a message naming it and what to do
     * @throws IOException when the socket cannot be opened
     */
    public static LanDiscoveryResponder start(Config config, ServerInfo info) throws IOException {
        return new LanDiscoveryResponder(Objects.requireNonNull(config, "config"), Objects.requireNonNull(info, "info"));
    }

    /** Replaces what later answers advertise; any thread (the reference is volatile and the info immutable). */
    public void setInfo(ServerInfo info) {
        this.info = Objects.requireNonNull(info, "info");
    }

    /** What answers advertise now; any thread. */
    public ServerInfo info() {
        return info;
    }

    /** The bound address (the actual port when the config asked for port 0). */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * INVOKER mode only: handles the queries waiting on the socket (at most
     * {@link Config#maxQueriesPerPoll()}) as of {@code nowNanos}, without blocking, and returns how many
     * datagrams it read.
     */
    public int poll(long nowNanos) {
        if (thread != null) {
            throw new IllegalStateException("poll is for ThreadingMode.INVOKER; this responder runs its own thread");
        }
        int read = 0;
        while (read < config.maxQueriesPerPoll() && !closed) {
            SocketAddress from = receiveOne();
            if (from == null) {
                break;
            }
            read++;
            handle(rx.position(), from, nowNanos);
        }
        return read;
    }

    /** Datagrams received on the discovery port (queries or not). */
    public long queriesReceived() {
        return scalars.get(QUERIES_RECEIVED);
    }

    /** Answers sent. */
    public long answersSent() {
        return scalars.get(ANSWERS_SENT);
    }

    /** Datagrams not answered for {@code reason}. */
    public long dropped(DiscoveryDrop reason) {
        return drops.get(reason.ordinal());
    }

    /** Datagrams not answered, all reasons. */
    public long droppedTotal() {
        long sum = 0;
        for (int i = 0; i < drops.length(); i++) {
            sum += drops.get(i);
        }
        return sum;
    }

    /** Socket receive errors other than closing (the thread carries on). */
    public long receiveFailures() {
        return scalars.get(RECEIVE_FAILURES);
    }

    /** The last socket error (receive or send), or null when there was none. */
    public String lastError() {
        return lastError;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Stops answering and closes the socket; waits up to a second for the thread. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close(); // wakes the thread out of its blocking receive
        } catch (IOException e) {
            lastError = "close: " + e;
            LOG.log(Level.WARNING, "closing the LAN discovery socket " + localAddress + " failed", e);
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void receiveLoop() {
        while (!closed) {
            SocketAddress from = receiveOne();
            if (from != null) {
                try {
                    handle(rx.position(), from, config.clock().nanoTime());
                } catch (RuntimeException e) {
                    // A bug must not silently end discovery for the server's lifetime: say so, carry on.
                    lastError = "answering " + from + ": " + e;
                    LOG.log(Level.SEVERE, "LAN discovery failed to answer " + from, e);
                }
            } else if (!closed && !channel.isOpen()) {
                break;
            }
        }
    }

    /** One datagram into {@link #rx}, or null (nothing waiting, closed, or an error that was counted). */
    private SocketAddress receiveOne() {
        rx.clear();
        try {
            return channel.receive(rx);
        } catch (ClosedChannelException e) {
            return null; // close() (AsynchronousCloseException is one of these)
        } catch (IOException e) {
            scalars.incrementAndGet(RECEIVE_FAILURES);
            lastError = "receive: " + e;
            LOG.log(Level.WARNING, "LAN discovery receive on " + localAddress + " failed", e);
            if (thread != null) {
                // A persistent socket error must not turn the thread into a busy loop.
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
            return null;
        }
    }

    private void handle(int length, SocketAddress from, long nowNanos) {
        scalars.incrementAndGet(QUERIES_RECEIVED);
        DiscoveryDrop problem = DiscoveryCodec.checkQuery(rxArray, length);
        if (problem == null) {
            InetAddress source = ((InetSocketAddress) from).getAddress();
            problem = limiter.admit(source, nowNanos);
        }
        if (problem != null) {
            drops.incrementAndGet(problem.ordinal());
            return;
        }
        int n = DiscoveryCodec.encodeAnswer(DiscoveryCodec.queryNonce(rxArray), info, txArray);
        tx.clear().limit(n);
        try {
            channel.send(tx, from);
            scalars.incrementAndGet(ANSWERS_SENT);
        } catch (IOException e) {
            drops.incrementAndGet(DiscoveryDrop.SEND_FAILED.ordinal());
            lastError = "send to " + from + ": " + e;
            if (!closed) {
                LOG.log(Level.FINE, "LAN discovery answer to " + from + " failed", e);
            }
        }
    }

    /** Where the responder listens and how much it answers; immutable, built by {@link #builder()}. */
    public static final class Config {

        /** Default {@link #perSourceRate()}: queries per second answered for one source address. */
        public static final int DEFAULT_PER_SOURCE_RATE = 5;
        /** Default {@link #perSourceBurst()}. */
        public static final int DEFAULT_PER_SOURCE_BURST = 10;
        /** Default {@link #totalRate()}: queries per second answered for all sources together. */
        public static final int DEFAULT_TOTAL_RATE = 100;
        /** Default {@link #totalBurst()}. */
        public static final int DEFAULT_TOTAL_BURST = 200;
        /** Default {@link #maxSources()}. */
        public static final int DEFAULT_MAX_SOURCES = 1024;
        /** Default {@link #maxQueriesPerPoll()}. */
        public static final int DEFAULT_MAX_QUERIES_PER_POLL = 64;
        /** Highest accepted rate per second (the bucket counts in nanoseconds per token). */
        public static final int MAX_RATE = 1_000_000;

        private final InetSocketAddress bindAddress;
        private final int perSourceRate;
        private final int perSourceBurst;
        private final int totalRate;
        private final int totalBurst;
        private final int maxSources;
        private final int maxQueriesPerPoll;
        private final ThreadingMode threading;
        private final NanoClock clock;

        private Config(Builder b) {
            this.bindAddress = b.bindAddress;
            this.perSourceRate = b.perSourceRate;
            this.perSourceBurst = b.perSourceBurst;
            this.totalRate = b.totalRate;
            this.totalBurst = b.totalBurst;
            this.maxSources = b.maxSources;
            this.maxQueriesPerPoll = b.maxQueriesPerPoll;
            this.threading = b.threading;
            this.clock = b.clock;
        }

        /** The defaults: 0.0.0.0:{@value DiscoveryCodec#DEFAULT_PORT}, own thread, the limits above. */
        public static Config defaults() {
            return builder().build();
        }

        /** A builder holding the defaults. */
        public static Builder builder() {
            return new Builder();
        }

        /** The address the discovery socket binds. */
        public InetSocketAddress bindAddress() {
            return bindAddress;
        }

        /** Queries per second answered for one source address (token refill rate). */
        public int perSourceRate() {
            return perSourceRate;
        }

        /** Queries one source address may send back to back (token bucket size). */
        public int perSourceBurst() {
            return perSourceBurst;
        }

        /** Queries per second answered for all sources together. */
        public int totalRate() {
            return totalRate;
        }

        /** Queries all sources together may send back to back. */
        public int totalBurst() {
            return totalBurst;
        }

        /** Source addresses whose buckets are remembered at once (memory bound). */
        public int maxSources() {
            return maxSources;
        }

        /** Datagrams one {@link LanDiscoveryResponder#poll} reads at most (INVOKER mode). */
        public int maxQueriesPerPoll() {
            return maxQueriesPerPoll;
        }

        /** Who reads the socket: the responder's own thread or the caller of {@link LanDiscoveryResponder#poll}. */
        public ThreadingMode threading() {
            return threading;
        }

        /** The clock the responder's own thread reads once per query. */
        public NanoClock clock() {
            return clock;
        }

        /** Mutable builder; not thread-safe. */
        public static final class Builder {

            private InetSocketAddress bindAddress = new InetSocketAddress(DiscoveryCodec.DEFAULT_PORT);
            private int perSourceRate = DEFAULT_PER_SOURCE_RATE;
            private int perSourceBurst = DEFAULT_PER_SOURCE_BURST;
            private int totalRate = DEFAULT_TOTAL_RATE;
            private int totalBurst = DEFAULT_TOTAL_BURST;
            private int maxSources = DEFAULT_MAX_SOURCES;
            private int maxQueriesPerPoll = DEFAULT_MAX_QUERIES_PER_POLL;
            private ThreadingMode threading = ThreadingMode.DEDICATED_READER;
            private NanoClock clock = NanoClock.SYSTEM;

            private Builder() {
            }

            /** Bind address and port (default 0.0.0.0:{@value DiscoveryCodec#DEFAULT_PORT}; tests bind 127.0.0.1, port 0 picks one). */
            public Builder bind(InetSocketAddress address) {
                this.bindAddress = Objects.requireNonNull(address, "address");
                return this;
            }

            /** The discovery port on the wildcard address, 0..65535 (0 picks a free one). */
            public Builder port(int port) {
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
                }
                this.bindAddress = new InetSocketAddress(port);
                return this;
            }

            /** Per-source token bucket: {@code ratePerSecond} and {@code burst} (defaults 5/s, 10). */
            public Builder perSourceLimit(int ratePerSecond, int burst) {
                this.perSourceRate = ratePerSecond;
                this.perSourceBurst = burst;
                return this;
            }

            /** Overall token bucket: {@code ratePerSecond} and {@code burst} (defaults 100/s, 200). */
            public Builder totalLimit(int ratePerSecond, int burst) {
                this.totalRate = ratePerSecond;
                this.totalBurst = burst;
                return this;
            }

            /** Source addresses remembered at once (default {@value Config#DEFAULT_MAX_SOURCES}). */
            public Builder maxSources(int max) {
                this.maxSources = max;
                return this;
            }

            /** Datagrams per {@link LanDiscoveryResponder#poll} (default {@value Config#DEFAULT_MAX_QUERIES_PER_POLL}). */
            public Builder maxQueriesPerPoll(int max) {
                this.maxQueriesPerPoll = max;
                return this;
            }

            /** Own daemon thread (default {@link ThreadingMode#DEDICATED_READER}) or {@link ThreadingMode#INVOKER}. */
            public Builder threading(ThreadingMode mode) {
                this.threading = Objects.requireNonNull(mode, "threading");
                return this;
            }

            /** The clock the responder's own thread reads (default {@link NanoClock#SYSTEM}). */
            public Builder clock(NanoClock clock) {
                this.clock = Objects.requireNonNull(clock, "clock");
                return this;
            }

            /**
             * Validates and freezes.
             *
             * @throws IllegalArgumentException naming the bad value and its limit
             */
            public Config build() {
                rate("perSourceRate", perSourceRate);
                rate("totalRate", totalRate);
                atLeastOne("perSourceBurst", perSourceBurst);
                atLeastOne("totalBurst", totalBurst);
                atLeastOne("maxSources", maxSources);
                atLeastOne("maxQueriesPerPoll", maxQueriesPerPoll);
                return new Config(this);
            }

            private static void rate(String name, int value) {
                if (value < 1 || value > MAX_RATE) {
                    throw new IllegalArgumentException(name + " must be in [1, " + MAX_RATE + "] per second, was " + value);
                }
            }

            private static void atLeastOne(String name, int value) {
                if (value < 1) {
                    throw new IllegalArgumentException(name + " must be at least 1, was " + value);
                }
            }
        }
    }
}
