package io.tickwire.net.discovery;

import io.tickwire.net.protocol.ConnectionConfig;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Finds game servers on the LAN for a server browser: {@link #refresh(long)} broadcasts a query with
 * a fresh random nonce, {@link #poll(long)} reads the answers that echo a recent nonce into
 * {@link #servers()}, and drops entries not heard from for {@link Config#entryTimeoutNanos()}.
 *
 * <p>Threads: one owner, typically the render thread, calls {@link #refresh}, {@link #poll},
 * {@link #servers} and {@link #close}; counters may be read from any thread. {@link #poll} never
 * blocks and allocates nothing when no datagram is waiting (each accepted answer allocates its
 * entry, which is rare). Time is a parameter: pass the same clock's {@code nowNanos} to both.
 *
 * <p>Every answer is checked field by field ({@link DiscoveryCodec#checkAnswer}) and must echo the
 * nonce of one of the last {@link #NONCE_HISTORY} queries sent less than the entry timeout ago;
 * anything else is dropped and counted. An answer from a server this client cannot join is listed,
 * flagged by {@link DiscoveredServer#compatible()}.
 */
public final class LanBrowser implements AutoCloseable {

    /** How many recent queries' nonces are remembered; answers to older queries are ignored. */
    public static final int NONCE_HISTORY = 4;
    /** The IPv4 limited-broadcast address every refresh targets when broadcasting is on. */
    public static final String LIMITED_BROADCAST = "255.255.255.255";

    private final Config config;
    private final DatagramChannel channel;
    private final InetSocketAddress localAddress;
    private final SecureRandom random = new SecureRandom();
    private final long[] nonces = new long[NONCE_HISTORY];
    private final long[] sentNanos = new long[NONCE_HISTORY];
    private int nonceSlot;
    private final byte[] txArray = new byte[DiscoveryCodec.QUERY_SIZE];
    private final ByteBuffer tx = ByteBuffer.wrap(txArray);
    // Direct, so the JDK needs no temporary buffer on receive; one byte longer than any valid answer
    // so that an oversized one shows as such instead of being cut to a plausible length.
    private final ByteBuffer rx = ByteBuffer.allocateDirect(DiscoveryCodec.MAX_ANSWER_SIZE + 1);
    private final byte[] rxArray = new byte[DiscoveryCodec.MAX_ANSWER_SIZE + 1];
    private final ArrayList<DiscoveredServer> servers;
    private final List<DiscoveredServer> serversView;
    private final AtomicLongArray drops = new AtomicLongArray(DiscoveryDrop.values().length);
    private volatile long queriesSent;
    private volatile long answersAccepted;
    private volatile long sendFailures;
    private volatile long receiveFailures;
    private volatile String lastError;
    private boolean closed;

    private LanBrowser(Config config) throws IOException {
        this.config = config;
        this.servers = new ArrayList<>(config.maxServers());
        this.serversView = Collections.unmodifiableList(servers);
        this.channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
            channel.bind(config.bindAddress());
            channel.configureBlocking(false);
            this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Opens the browser's socket (an ephemeral port by default); nothing is sent until {@link #refresh}.
     *
     * @throws IOException when the socket cannot be opened or bound
     */
    public static LanBrowser open(Config config) throws IOException {
        return new LanBrowser(Objects.requireNonNull(config, "config"));
    }

    /**
     * Sends one query with a new nonce to every target ({@link #targets()}) and returns how many were
     * sent; a target the network refuses is counted ({@link #sendFailures()}, {@link #lastError()})
     * and skipped. Owner thread; allocates (interfaces are enumerated afresh), so call it on a timer,
     * for example every second or two while the browser is shown, not every frame.
     */
    public int refresh(long nowNanos) {
        ensureOpen();
        long nonce;
        do {
            nonce = random.nextLong();
        } while (nonce == 0); // 0 marks an empty history slot
        nonceSlot = (nonceSlot + 1) % NONCE_HISTORY;
        nonces[nonceSlot] = nonce;
        sentNanos[nonceSlot] = nowNanos;
        DiscoveryCodec.encodeQuery(nonce, txArray);
        int sent = 0;
        for (InetSocketAddress target : targets()) {
            tx.clear();
            try {
                channel.send(tx, target);
                sent++;
            } catch (IOException e) {
                sendFailures++;
                lastError = "send to " + target + ": " + e;
            }
        }
        queriesSent += sent;
        return sent;
    }

    /**
     * Reads the answers waiting on the socket (at most {@link Config#maxAnswersPerPoll()}) and drops
     * entries older than the entry timeout, as of {@code nowNanos}; true when {@link #servers()}
     * changed (a server added, updated or removed). Owner thread; never blocks.
     */
    public boolean poll(long nowNanos) {
        ensureOpen();
        boolean changed = false;
        for (int i = 0; i < config.maxAnswersPerPoll(); i++) {
            rx.clear();
            SocketAddress from;
            try {
                from = channel.receive(rx);
            } catch (IOException e) {
                receiveFailures++;
                lastError = "receive: " + e;
                break;
            }
            if (from == null) {
                break;
            }
            int length = rx.position();
            rx.flip();
            rx.get(rxArray, 0, length);
            changed |= accept(length, (InetSocketAddress) from, nowNanos);
        }
        for (int i = servers.size() - 1; i >= 0; i--) {
            if (nowNanos - servers.get(i).lastSeenNanos() > config.entryTimeoutNanos()) {
                servers.remove(i);
                changed = true;
            }
        }
        return changed;
    }

    /** The servers heard from recently, in the order first found; a read-only view that changes on {@link #poll}. Owner thread. */
    public List<DiscoveredServer> servers() {
        return serversView;
    }

    /** Forgets every listed server (for example when the browser screen opens again). Owner thread. */
    public void clear() {
        servers.clear();
    }

    /**
     * Where the next {@link #refresh} sends: {@value #LIMITED_BROADCAST} and the broadcast address of
     * every IPv4 interface that is up (when broadcasting is on), then the configured extra targets,
     * without duplicates. An interface list the OS refuses is counted as a send failure.
     */
    public List<InetSocketAddress> targets() {
        Set<InetSocketAddress> targets = new LinkedHashSet<>();
        if (config.broadcast()) {
            targets.add(new InetSocketAddress(LIMITED_BROADCAST, config.port()));
            try {
                Enumeration<NetworkInterface> interfaces = NetworkInterface.getNetworkInterfaces();
                while (interfaces != null && interfaces.hasMoreElements()) {
                    NetworkInterface nif = interfaces.nextElement();
                    if (!nif.isUp()) {
                        continue;
                    }
                    for (InterfaceAddress a : nif.getInterfaceAddresses()) {
                        InetAddress broadcast = a.getBroadcast();
                        if (broadcast instanceof Inet4Address) {
                            targets.add(new InetSocketAddress(broadcast, config.port()));
                        }
                    }
                }
            } catch (SocketException e) {
                sendFailures++;
                lastError = "listing network interfaces: " + e;
            }
        }
        targets.addAll(config.extraTargets());
        return new ArrayList<>(targets);
    }

    /** The browser's own UDP address. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Queries sent (one per target per refresh). */
    public long queriesSent() {
        return queriesSent;
    }

    /** Answers accepted into the list. */
    public long answersAccepted() {
        return answersAccepted;
    }

    /** Datagrams ignored for {@code reason} (malformed answers by rule, unknown nonces, a full list). */
    public long dropped(DiscoveryDrop reason) {
        return drops.get(reason.ordinal());
    }

    /** Datagrams ignored, all reasons. */
    public long droppedTotal() {
        long sum = 0;
        for (int i = 0; i < drops.length(); i++) {
            sum += drops.get(i);
        }
        return sum;
    }

    /** Queries the network refused to send (for example no route for a broadcast address). */
    public long sendFailures() {
        return sendFailures;
    }

    /** Socket receive errors. */
    public long receiveFailures() {
        return receiveFailures;
    }

    /** The last socket error, or null when there was none. */
    public String lastError() {
        return lastError;
    }

    /** Closes the socket; later calls but this one throw {@link IllegalStateException}. Owner thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            lastError = "close: " + e;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this LanBrowser is closed");
        }
    }

    private boolean accept(int length, InetSocketAddress from, long nowNanos) {
        DiscoveryDrop problem = DiscoveryCodec.checkAnswer(rxArray, length);
        if (problem != null) {
            return drop(problem);
        }
        long nonce = DiscoveryCodec.answerNonce(rxArray);
        int slot = -1;
        for (int i = 0; i < NONCE_HISTORY; i++) {
            if (nonces[i] == nonce && nonce != 0) {
                slot = i;
            }
        }
        if (slot < 0 || nowNanos - sentNanos[slot] > config.entryTimeoutNanos()) {
            return drop(DiscoveryDrop.UNKNOWN_NONCE);
        }
        ServerInfo info = DiscoveryCodec.decodeAnswer(rxArray, length);
        InetAddress address = from.getAddress();
        int index = indexOf(address, info.gamePort());
        if (index < 0 && servers.size() >= config.maxServers()) {
            return drop(DiscoveryDrop.LIST_FULL);
        }
        long rtt = nowNanos - sentNanos[slot];
        if (index >= 0 && servers.get(index).nonce == nonce) {
            // The same query reached the server twice (limited and interface broadcast): the first
            // answer's round trip is the better estimate.
            rtt = Math.min(rtt, servers.get(index).rttNanos());
        }
        DiscoveredServer entry = new DiscoveredServer(address, info, nowNanos, rtt, incompatibility(info), nonce);
        if (index >= 0) {
            servers.set(index, entry);
        } else {
            servers.add(entry);
        }
        answersAccepted++;
        return true;
    }

    private int indexOf(InetAddress address, int gamePort) {
        for (int i = 0; i < servers.size(); i++) {
            DiscoveredServer s = servers.get(i);
            if (s.info().gamePort() == gamePort && s.address().equals(address)) {
                return i;
            }
        }
        return -1;
    }

    private boolean drop(DiscoveryDrop reason) {
        drops.incrementAndGet(reason.ordinal());
        return false;
    }

    private String incompatibility(ServerInfo info) {
        if (info.protocolVersion() != config.protocolVersion()) {
            return "protocol version " + info.protocolVersion() + ", this client speaks " + config.protocolVersion();
        }
        if (info.applicationHash() != config.applicationHash()) {
            return "different game build" + (info.gameVersion().isEmpty() ? "" : " (" + info.gameVersion() + ")")
                    + ": messages or replication schema differ";
        }
        if (info.configHash() != config.configHash()) {
            return "different channel configuration (config hash " + Long.toHexString(info.configHash())
                    + ", this client " + Long.toHexString(config.configHash()) + ")";
        }
        return null;
    }

    /** Where the browser asks and what it accepts; immutable, built by {@link #builder()}. */
    public static final class Config {

        /** Default {@link #entryTimeoutNanos()}: 5 seconds. */
        public static final long DEFAULT_ENTRY_TIMEOUT_NANOS = 5_000_000_000L;
        /** Default {@link #maxServers()}. */
        public static final int DEFAULT_MAX_SERVERS = 64;
        /** Default {@link #maxAnswersPerPoll()}. */
        public static final int DEFAULT_MAX_ANSWERS_PER_POLL = 64;

        private final int port;
        private final boolean broadcast;
        private final List<InetSocketAddress> extraTargets;
        private final InetSocketAddress bindAddress;
        private final long entryTimeoutNanos;
        private final int maxServers;
        private final int maxAnswersPerPoll;
        private final int protocolVersion;
        private final long configHash;
        private final long applicationHash;

        private Config(Builder b) {
            this.port = b.port;
            this.broadcast = b.broadcast;
            this.extraTargets = List.copyOf(b.extraTargets);
            this.bindAddress = b.bindAddress;
            this.entryTimeoutNanos = b.entryTimeoutNanos;
            this.maxServers = b.maxServers;
            this.maxAnswersPerPoll = b.maxAnswersPerPoll;
            this.protocolVersion = b.protocolVersion;
            this.configHash = b.configHash;
            this.applicationHash = b.applicationHash;
        }

        /** A builder holding the defaults; {@link Builder#expect} must still be called. */
        public static Builder builder() {
            return new Builder();
        }

        /** The discovery port broadcast queries go to. */
        public int port() {
            return port;
        }

        /** Whether refreshes broadcast (limited and per-interface broadcast addresses). */
        public boolean broadcast() {
            return broadcast;
        }

        /** Addresses queried on every refresh besides the broadcasts (each with its own port). */
        public List<InetSocketAddress> extraTargets() {
            return extraTargets;
        }

        /** The browser socket's local address. */
        public InetSocketAddress bindAddress() {
            return bindAddress;
        }

        /** A server not heard from for longer than this leaves the list; answers to older queries are ignored. */
        public long entryTimeoutNanos() {
            return entryTimeoutNanos;
        }

        /** Servers listed at most; answers from more are dropped ({@link DiscoveryDrop#LIST_FULL}). */
        public int maxServers() {
            return maxServers;
        }

        /** Datagrams one {@link LanBrowser#poll} reads at most (bounds the work per frame). */
        public int maxAnswersPerPoll() {
            return maxAnswersPerPoll;
        }

        /** The protocol version this client speaks. */
        public int protocolVersion() {
            return protocolVersion;
        }

        /** This client's {@link ConnectionConfig#hash()}. */
        public long configHash() {
            return configHash;
        }

        /** This client's application hash ({@code ClientConfig.applicationHash()}). */
        public long applicationHash() {
            return applicationHash;
        }

        /** Mutable builder; not thread-safe. */
        public static final class Builder {

            private int port = DiscoveryCodec.DEFAULT_PORT;
            private boolean broadcast = true;
            private final List<InetSocketAddress> extraTargets = new ArrayList<>();
            private InetSocketAddress bindAddress = new InetSocketAddress(0);
            private long entryTimeoutNanos = DEFAULT_ENTRY_TIMEOUT_NANOS;
            private int maxServers = DEFAULT_MAX_SERVERS;
            private int maxAnswersPerPoll = DEFAULT_MAX_ANSWERS_PER_POLL;
            private int protocolVersion;
            private long configHash;
            private long applicationHash;
            private boolean expected;

            private Builder() {
            }

            /** The discovery port of the broadcast targets, 1..65535 (default {@value DiscoveryCodec#DEFAULT_PORT}). */
            public Builder port(int port) {
                this.port = port;
                return this;
            }

            /** Whether to broadcast (default true); off, only the extra targets are asked. */
            public Builder broadcast(boolean on) {
                this.broadcast = on;
                return this;
            }

            /** Also asks {@code target} on every refresh, for example 127.0.0.1 and a test responder's port. */
            public Builder addTarget(InetSocketAddress target) {
                Objects.requireNonNull(target, "target");
                if (target.isUnresolved()) {
                    throw new IllegalArgumentException("discovery target " + target + " is not resolved");
                }
                this.extraTargets.add(target);
                return this;
            }

            /** The local address of the browser socket (default 0.0.0.0, ephemeral port). */
            public Builder bind(InetSocketAddress address) {
                this.bindAddress = Objects.requireNonNull(address, "address");
                return this;
            }

            /** Entry timeout in milliseconds, 1..3,600,000 (default 5,000). */
            public Builder entryTimeoutMillis(long millis) {
                if (millis < 1 || millis > 3_600_000) {
                    throw new IllegalArgumentException("entryTimeoutMillis must be in [1, 3600000], was " + millis);
                }
                this.entryTimeoutNanos = millis * 1_000_000L;
                return this;
            }

            /** Servers listed at most (default {@value Config#DEFAULT_MAX_SERVERS}). */
            public Builder maxServers(int max) {
                this.maxServers = max;
                return this;
            }

            /** Datagrams per poll (default {@value Config#DEFAULT_MAX_ANSWERS_PER_POLL}). */
            public Builder maxAnswersPerPoll(int max) {
                this.maxAnswersPerPoll = max;
                return this;
            }

            /**
             * What this client can join (required): servers advertising other values are listed but
             * flagged incompatible.
             */
            public Builder expect(int protocolVersion, long configHash, long applicationHash) {
                this.protocolVersion = protocolVersion;
                this.configHash = configHash;
                this.applicationHash = applicationHash;
                this.expected = true;
                return this;
            }

            /**
             * What this client can join, from its channel configuration and its application hash (the
             * value {@code ClientConfig.applicationHash()} gives for the same registry and schema).
             */
            public Builder expect(ConnectionConfig connection, long applicationHash) {
                return expect(connection.protocolVersion(), connection.hash(), applicationHash);
            }

            /**
             * Validates and freezes.
             *
             * @throws IllegalArgumentException naming the missing or bad value and its limit
             */
            public Config build() {
                if (!expected) {
                    throw new IllegalArgumentException("expect(...) is required: without it the browser cannot tell"
                            + " which servers this client can join");
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("port must be in [1, 65535], was " + port);
                }
                if (!broadcast && extraTargets.isEmpty()) {
                    throw new IllegalArgumentException("broadcast is off and no target was added: nothing to ask");
                }
                if (maxServers < 1) {
                    throw new IllegalArgumentException("maxServers must be at least 1, was " + maxServers);
                }
                if (maxAnswersPerPoll < 1) {
                    throw new IllegalArgumentException("maxAnswersPerPoll must be at least 1, was " + maxAnswersPerPoll);
                }
                return new Config(this);
            }
        }
    }
}
