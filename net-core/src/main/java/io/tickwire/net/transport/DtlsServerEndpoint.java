package io.tickwire.net.transport;

import io.tickwire.net.dtls.DtlsRecords;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.tickwire.net.dtls.TickwireTlsServer;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSRequest;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DTLSVerifier;
import org.bouncycastle.tls.DatagramSender;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsServer;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The server's DTLS edge: one UDP socket for every peer, a stateless cookie check in front of every
 * handshake, handshakes on a bounded worker pool, and finished connections handed to the owner thread
 * as {@link DtlsPeerLink}s.
 *
 * <p>Receive path (reader thread, or the owner's {@link #poll} in {@link ThreadingMode#INVOKER}):
 * datagram -> {@code tls12_cid} records by the 4-byte connection ID at byte 11, others by source
 * address -> known peer: its bounded ring -> unknown source: {@link HandshakeScreen}, then
 * {@link DTLSVerifier#verifyRequest} (HelloVerifyRequest sent directly, never larger than the request)
 * -> valid cookie (current secret, or the previous one for one rotation interval) and room under the
 * caps, global and per source IP: a {@link ServerPeer} and a handshake task. With the handshake slots
 * full, or every worker busy, the handshake whose peer has been silent longest (at least
 * {@link EndpointConfig#handshakeEvictAfterSilenceMillis()}, while the server waits on it) is evicted
 * for the newcomer ({@link HandshakeFailure#EVICTED}).
 *
 * <p>Threads: {@link #pollAccepted()}, {@link #poll} and every {@link DtlsPeerLink} belong to one
 * owner thread; stats and counts may be read from any thread.
 */
public final class DtlsServerEndpoint implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DtlsServerEndpoint.class.getName());

    /** Receives finished connections on the owner's thread (the one calling {@link #poll}). */
    @FunctionalInterface
    public interface AcceptListener {
        /** A handshake finished; the owner now owns {@code link}. Called on the thread calling {@link #poll}. */
        void accepted(DtlsPeerLink link);
    }

    final EndpointConfig config;
    final EndpointStats stats = new EndpointStats();
    private final TlsServerFactory servers;
    private final TlsCrypto cookieCrypto;
    // Cookie secrets, reader thread only: cookies of the current and (for one more interval) the
    // previous verifier pass. Replaced rather than mutated: DTLSVerifier keeps its secret private.
    private DTLSVerifier verifier;
    private DTLSVerifier previousVerifier;
    private long verifierSinceNanos;
    private final long rotationNanos;
    private final DiscardSender discard = new DiscardSender();
    private final DatagramChannel channel;
    private final InetSocketAddress localAddress;
    private final int effectiveReceiveBufferBytes;
    private final int effectiveSendBufferBytes;

    // Demultiplexing. Slots are indexed by the low bits of the server's connection ID.
    private final AtomicReferenceArray<ServerPeer> slots;
    private final int slotBits;
    private final ConcurrentHashMap<InetSocketAddress, ServerPeer> byAddress = new ConcurrentHashMap<>();
    private final AtomicInteger peers = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final PerIpCounts perIp;
    private int slotCursor;
    // Eviction log throttle, reader thread only: one WARNING line per interval with the count since the last.
    private static final long EVICTION_LOG_INTERVAL_NANOS = 10_000_000_000L;
    private long evictionLogNanos;
    private int evictionsSinceLog;
    /** When a verified ClientHello last met full handshake slots or busy workers (endpoint clock); written by the reader. */
    private volatile long pressureNanos;
    /** Workers running a handshake; an evicted one counts as free from the moment of its eviction. */
    private final AtomicInteger busyWorkers = new AtomicInteger();
    private final SplittableRandom cidRandom;

    // Reader-owned buffers: rxArray holds the datagram being demultiplexed.
    private final byte[] rxArray;
    private final ByteBuffer rxBuffer;
    private final CookieSender cookieSender = new CookieSender();
    private final HandshakeScreen unknownSourceScreen;

    private final ThreadPoolExecutor workers;
    private final ArrayBlockingQueue<DtlsPeerLink> accepted;
    private final Thread reader;
    private volatile boolean closed;
    private volatile boolean accepting = true;

    private DtlsServerEndpoint(EndpointConfig config, TlsServerFactory servers, TlsCrypto cookieCrypto,
            InetSocketAddress bind) throws IOException {
        this.config = config;
        this.servers = servers;
        this.cookieCrypto = cookieCrypto;
        this.verifier = new DTLSVerifier(cookieCrypto);
        this.verifierSinceNanos = config.clock().nanoTime();
        this.pressureNanos = verifierSinceNanos - (1L << 62); // "long ago", still safe to subtract from
        this.rotationNanos = config.cookieSecretRotationMillis() * 1_000_000L;
        this.cidRandom = new SplittableRandom(cookieCrypto.getSecureRandom().nextLong());
        this.perIp = new PerIpCounts(config.maxHandshakesPerIp(), config.maxConnectionsPerIp());
        int table = config.maxConnections();
        this.slotBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, table - 1));
        this.slots = new AtomicReferenceArray<>(1 << slotBits);
        this.rxArray = new byte[config.maxDatagramSize() + 1];
        this.rxBuffer = ByteBuffer.wrap(rxArray);
        this.unknownSourceScreen = config.screens().create(false);
        this.accepted = new ArrayBlockingQueue<>(config.acceptedQueueLength());
        AtomicInteger threadNo = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(config.handshakeWorkers(), config.handshakeWorkers(), 0,
                TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(config.handshakeQueueLength()), r -> {
                    Thread t = new Thread(r, "tickwire-dtls-handshake-" + threadNo.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        // Fixed threads from the start: the thread count never depends on what peers send.
        this.workers.prestartAllCoreThreads();
        this.channel = DatagramChannel.open();
        try {
            // Before bind, so the buffer is in place for the first datagram. The kernel may clamp.
            channel.setOption(StandardSocketOptions.SO_RCVBUF, config.receiveBufferBytes());
            channel.setOption(StandardSocketOptions.SO_SNDBUF, config.sendBufferBytes());
            this.effectiveReceiveBufferBytes = channel.getOption(StandardSocketOptions.SO_RCVBUF);
            this.effectiveSendBufferBytes = channel.getOption(StandardSocketOptions.SO_SNDBUF);
            channel.bind(bind);
            channel.configureBlocking(config.threadingMode() == ThreadingMode.DEDICATED_READER);
            this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            channel.close();
            workers.shutdownNow();
            throw e;
        }
        if (config.threadingMode() == ThreadingMode.DEDICATED_READER) {
            this.reader = new Thread(this::readLoop, "tickwire-dtls-reader-" + localAddress.getPort());
            this.reader.setDaemon(true);
            this.reader.start();
        } else {
            this.reader = null;
        }
        LOG.log(Level.INFO, "DTLS server endpoint listening on {0} ({1}); SO_RCVBUF {2} bytes (receiveBufferBytes {3}), "
                + "SO_SNDBUF {4} bytes (sendBufferBytes {5})", localAddress, config.threadingMode(),
                Integer.toString(effectiveReceiveBufferBytes), Integer.toString(config.receiveBufferBytes()),
                Integer.toString(effectiveSendBufferBytes), Integer.toString(config.sendBufferBytes()));
        if (config.maxHandshakesPerIp() >= config.handshakeWorkers()) {
            LOG.log(Level.WARNING, "maxHandshakesPerIp {0} >= handshakeWorkers {1}: one source IP can hold every "
                    + "handshake worker until its handshakes time out", Integer.toString(config.maxHandshakesPerIp()),
                    Integer.toString(config.handshakeWorkers()));
        }
        if (effectiveReceiveBufferBytes < config.receiveBufferBytes()) {
            LOG.log(Level.WARNING, "the kernel clamped SO_RCVBUF to {0} bytes below receiveBufferBytes {1} "
                    + "(Linux: raise net.core.rmem_max)", Integer.toString(effectiveReceiveBufferBytes),
                    Integer.toString(config.receiveBufferBytes()));
        }
    }

    /**
     * Opens the endpoint on {@code bind} (port 0 picks a free port); {@code cookieCrypto} keys the
     * stateless cookie check, {@code servers} makes one TLS server per handshake.
     */
    public static DtlsServerEndpoint open(EndpointConfig config, TlsServerFactory servers, TlsCrypto cookieCrypto,
            InetSocketAddress bind) throws IOException {
        if (config == null || servers == null || cookieCrypto == null || bind == null) {
            throw new IllegalArgumentException("config, servers, cookieCrypto and bind must not be null");
        }
        return new DtlsServerEndpoint(config, servers, cookieCrypto, bind);
    }

    /** The bound UDP address. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** {@code SO_RCVBUF} as the kernel reports it after applying {@link EndpointConfig#receiveBufferBytes()}. */
    public int effectiveReceiveBufferBytes() {
        return effectiveReceiveBufferBytes;
    }

    /** {@code SO_SNDBUF} as the kernel reports it after applying {@link EndpointConfig#sendBufferBytes()}. */
    public int effectiveSendBufferBytes() {
        return effectiveSendBufferBytes;
    }

    /** Counters; readable from any thread. */
    public EndpointStats stats() {
        return stats;
    }

    /** The limits in force. */
    public EndpointConfig config() {
        return config;
    }

    /** Peers holding state (handshaking or established). */
    public int peerCount() {
        return peers.get();
    }

    /** Handshakes holding state (queued or running). */
    public int handshakesInFlight() {
        return handshakes.get();
    }

    /** Handshakes in flight from {@code ip} (counted against {@link EndpointConfig#maxHandshakesPerIp()}). */
    public int handshakesInFlight(java.net.InetAddress ip) {
        return perIp.handshakes(ip);
    }

    /** Connections holding state from {@code ip} (counted against {@link EndpointConfig#maxConnectionsPerIp()}). */
    public int peerCount(java.net.InetAddress ip) {
        return perIp.connections(ip);
    }

    /** Entries in the address map (for tests and metrics). */
    public int addressMapSize() {
        return byAddress.size();
    }

    /** Handshake worker threads alive. */
    public int workerThreads() {
        return workers.getPoolSize();
    }

    /**
     * Refuses every new handshake from now on (ClientHellos are dropped and counted as
     * {@link DropReason#NOT_ACCEPTING}); established links and handshakes already running go on.
     * Used to shut down gracefully. Any thread; idempotent.
     */
    public void stopAccepting() {
        accepting = false;
    }

    /** Whether new handshakes are admitted (false after {@link #stopAccepting()} or {@link #close()}). */
    public boolean isAccepting() {
        return accepting && !closed;
    }

    /** The next finished connection, or null; owner thread. */
    public DtlsPeerLink pollAccepted() {
        return accepted.poll();
    }

    /**
     * Owner thread: in {@link ThreadingMode#INVOKER} reads and demultiplexes up to {@code maxDatagrams}
     * waiting datagrams; in both modes then hands finished connections to {@code listener}.
     * Returns the number of datagrams read plus connections handed over.
     */
    public int poll(long nowNanos, int maxDatagrams, AcceptListener listener) {
        int work = 0;
        if (reader == null) {
            while (work < maxDatagrams && !closed) {
                int r = readOnce();
                if (r <= 0) {
                    break;
                }
                work++;
            }
        }
        DtlsPeerLink link;
        while ((link = accepted.poll()) != null) {
            listener.accepted(link);
            work++;
        }
        return work;
    }

    private void readLoop() {
        while (!closed) {
            readOnce();
        }
    }

    /** Reads one datagram; 1 if one was read, 0 if none was waiting, -1 once closed. Reader thread. */
    private int readOnce() {
        SocketAddress from;
        rxBuffer.clear();
        try {
            // JDK 17 returns its cached InetSocketAddress while the sender stays the same (0 B per
            // datagram from one source); on a change of sender it allocates a new one (about 128 B,
            // measured by ReaderAllocationTest). That allocation is inside the JDK, before the address
            // reaches us; everything after this line allocates nothing per datagram.
            from = channel.receive(rxBuffer);
        } catch (ClosedChannelException e) {
            return -1;
        } catch (IOException e) {
            // ICMP port unreachable and friends on some platforms: nothing to do per peer.
            LOG.log(Level.DEBUG, "socket receive failed: {0}", e.toString());
            return 0;
        }
        if (from == null) {
            return 0;
        }
        int n = rxBuffer.position();
        stats.datagramIn(n);
        try {
            dispatch(n, (InetSocketAddress) from);
        } catch (RuntimeException e) {
            // A bug must not kill the reader; the datagram is lost, counted and logged.
            stats.readerFault();
            LOG.log(Level.WARNING, "unexpected failure handling a datagram from " + from, e);
        }
        return 1;
    }

    private void dispatch(int n, InetSocketAddress from) {
        if (n > config.maxDatagramSize()) {
            stats.drop(DropReason.OVERSIZED);
            return;
        }
        if (n < DtlsRecords.HEADER_LENGTH) {
            stats.drop(DropReason.MALFORMED);
            return;
        }
        if (!DtlsRecords.versionsPlausible(rxArray, 0, n)) {
            stats.drop(DropReason.MALFORMED);
            return;
        }
        int ct = DtlsRecords.contentType(rxArray, 0);
        ServerPeer peer;
        if (ct == DtlsRecords.TLS12_CID) {
            if (n < DtlsRecords.HEADER_LENGTH + DtlsRecords.CONNECTION_ID_LENGTH) {
                stats.drop(DropReason.MALFORMED);
                return;
            }
            int cid = DtlsRecords.connectionIdAt(rxArray, 0);
            peer = slots.get(cid & ((1 << slotBits) - 1));
            if (peer == null || peer.cid != cid || peer.closed) {
                stats.drop(DropReason.UNKNOWN_PEER);
                return;
            }
        } else {
            peer = byAddress.get(from);
            if (peer == null) {
                unknownSource(n, from);
                return;
            }
        }
        if (!peer.established) {
            // Until the handshake completes every datagram of this peer is screened: epoch-0 fragments
            // and the encrypted Finished records alike, with this handshake's own counters.
            int verdict = peer.screen.screen(rxArray, 0, n);
            if (verdict != HandshakeScreen.ACCEPT) {
                stats.guardVerdict(verdict);
                if (peer.screen.abandonsHandshake(verdict)) {
                    // The worker wakes on the closed ring, fails the handshake and counts GUARD.
                    peer.abandonedByGuard = true;
                    remove(peer);
                    LOG.log(Level.INFO, "guard abandoned the handshake with {0}: {1}", from,
                            peer.screen.verdictName(verdict));
                } else {
                    LOG.log(Level.DEBUG, "guard dropped a handshake datagram from {0}: {1}", from,
                            peer.screen.verdictName(verdict));
                }
                return;
            }
        }
        if (!peer.ring.offer(rxArray, 0, n, from)) {
            stats.drop(DropReason.QUEUE_FULL);
            return;
        }
        if (!peer.established) {
            peer.lastHeardNanos = config.clock().nanoTime();
            peer.awaitingPeer = false;
        }
    }

    private void unknownSource(int n, InetSocketAddress from) {
        if (DtlsRecords.contentType(rxArray, 0) != DtlsRecords.HANDSHAKE || DtlsRecords.epoch(rxArray, 0) != 0) {
            stats.drop(DropReason.UNKNOWN_PEER);
            return;
        }
        if (!accepting) {
            // Shutting down: not even a cookie exchange for newcomers.
            stats.drop(DropReason.NOT_ACCEPTING);
            return;
        }
        int verdict = unknownSourceScreen.screen(rxArray, 0, n);
        if (verdict != HandshakeScreen.ACCEPT) {
            stats.guardVerdict(verdict);
            return;
        }
        rotateCookieSecretIfDue(config.clock().nanoTime());
        cookieSender.prepare(from, n);
        DTLSRequest request;
        try {
            byte[] id = clientId(from);
            request = verifier.verifyRequest(id, rxArray, 0, n, cookieSender);
            if (request == null && cookieSender.captured && previousVerifier != null
                    && cookieLength(rxArray, n) > 0) {
                // A parseable hello whose cookie the current secret did not make: it may predate the last
                // rotation. The previous verifier's reply (a cookie of the old secret) is discarded.
                request = previousVerifier.verifyRequest(id, rxArray, 0, n, discard);
                if (request != null) {
                    stats.previousCookieAccepted();
                }
            }
        } catch (RuntimeException e) {
            // bctls throws on some unparseable fields instead of returning null: it is still garbage.
            stats.drop(DropReason.MALFORMED);
            return;
        }
        if (request == null) {
            if (cookieSender.captured) {
                cookieSender.flush();
            } else {
                stats.drop(DropReason.MALFORMED);
            }
            return;
        }
        admit(request, from);
    }

    /**
     * Every {@link EndpointConfig#cookieSecretRotationMillis()} the current cookie verifier becomes the
     * previous one and a new secret is drawn; after two idle intervals both are replaced. Reader thread.
     */
    private void rotateCookieSecretIfDue(long nowNanos) {
        long elapsed = nowNanos - verifierSinceNanos;
        if (elapsed < rotationNanos) {
            return;
        }
        previousVerifier = elapsed < 2 * rotationNanos ? verifier : null;
        verifier = new DTLSVerifier(cookieCrypto);
        verifierSinceNanos = nowNanos;
        stats.cookieSecretRotated();
        LOG.log(Level.DEBUG, "cookie secret rotated (cookieSecretRotationMillis {0})",
                Integer.toString(config.cookieSecretRotationMillis()));
    }

    /**
     * The cookie length of a ClientHello record starting at 0 (its first fragment), or -1 if the
     * datagram is too short to hold it; only used to skip the previous verifier for cookieless hellos.
     */
    private static int cookieLength(byte[] d, int n) {
        // record header 13, handshake header 12, client_version 2, random 32, then session_id<0..32>.
        int sidAt = DtlsRecords.HEADER_LENGTH + DtlsRecords.HANDSHAKE_HEADER_LENGTH + 34;
        if (sidAt >= n) {
            return -1;
        }
        int cookieAt = sidAt + 1 + (d[sidAt] & 0xFF);
        return cookieAt < n ? d[cookieAt] & 0xFF : -1;
    }

    private static byte[] clientId(InetSocketAddress from) {
        byte[] ip = from.getAddress().getAddress();
        byte[] id = new byte[ip.length + 2];
        System.arraycopy(ip, 0, id, 0, ip.length);
        id[ip.length] = (byte) (from.getPort() >>> 8);
        id[ip.length + 1] = (byte) from.getPort();
        return id;
    }

    private void admit(DTLSRequest request, InetSocketAddress from) {
        if (handshakes.get() >= config.maxHandshakesInFlight()) {
            pressureNanos = config.clock().nanoTime();
            if (!evictForNewcomer(from, "handshake slots full")) {
                stats.drop(DropReason.HANDSHAKE_CAP);
                LOG.log(Level.DEBUG, "refused handshake from {0}: maxHandshakesInFlight {1} reached and no handshake "
                        + "silent for handshakeEvictAfterSilenceMillis {2} ms", from, config.maxHandshakesInFlight(),
                        config.handshakeEvictAfterSilenceMillis());
                return;
            }
        }
        if (peers.get() >= config.maxConnections()) {
            stats.drop(DropReason.SERVER_FULL);
            LOG.log(Level.DEBUG, "refused handshake from {0}: maxConnections {1} reached", from,
                    config.maxConnections());
            return;
        }
        int slot = freeSlot();
        if (slot < 0) {
            stats.drop(DropReason.SERVER_FULL);
            return;
        }
        // Per source IP, before a worker or any per-peer state is taken: cookies prove an address and
        // port, and one host has 64k ports.
        int perIpVerdict = perIp.tryReserve(from.getAddress());
        if (perIpVerdict == PerIpCounts.HANDSHAKES_FULL) {
            stats.drop(DropReason.HANDSHAKES_PER_IP);
            LOG.log(Level.DEBUG, "refused handshake from {0}: maxHandshakesPerIp {1} reached", from,
                    config.maxHandshakesPerIp());
            return;
        }
        if (perIpVerdict == PerIpCounts.CONNECTIONS_FULL) {
            stats.drop(DropReason.CONNECTIONS_PER_IP);
            LOG.log(Level.DEBUG, "refused handshake from {0}: maxConnectionsPerIp {1} reached", from,
                    config.maxConnectionsPerIp());
            return;
        }
        int cid = (cidRandom.nextInt() << slotBits) | slot;
        long now = config.clock().nanoTime();
        ServerPeer peer = new ServerPeer(this, slot, cid, from, config.screens().create(true), now,
                now + config.handshakeTimeoutMillis() * 1_000_000L);
        if (byAddress.putIfAbsent(from, peer) != null) {
            perIp.handshakeEnded(peer.countedIp);
            perIp.connectionEnded(peer.countedIp);
            return;
        }
        slots.set(slot, peer);
        peers.incrementAndGet();
        handshakes.incrementAndGet();
        stats.handshakeStarted();
        try {
            workers.execute(() -> runHandshake(peer, request));
        } catch (RejectedExecutionException e) {
            endHandshake(peer);
            fail(peer, HandshakeFailure.POOL_FULL, "handshake queue full (handshakeQueueLength "
                    + config.handshakeQueueLength() + ")");
            return;
        }
        if (busyWorkers.get() >= config.handshakeWorkers() && !workers.getQueue().isEmpty()) {
            // Every worker is busy and the newcomer waits: stalled handshakes can exhaust the workers long
            // before the slots. Free a worker from a handshake whose peer has gone silent, if there is one.
            pressureNanos = now;
            evictLongestSilent(from, "handshake workers all busy");
        }
    }

    /**
     * The handshake slots are full and {@code from} has a verified ClientHello that its per-IP caps would admit:
     * abandons the handshake whose
     * peer has been silent longest, if that is at least {@link EndpointConfig#handshakeEvictAfterSilenceMillis()}
     * and the server is waiting on it, so the newcomer can take its place. Stalled handshakes (cookie echoed,
     * then nothing) would otherwise hold every slot until their deadline. True if one was evicted. Reader thread.
     */
    private boolean evictForNewcomer(InetSocketAddress from, String why) {
        // No eviction for a newcomer its own per-IP caps would refuse anyway.
        InetAddress ip = from.getAddress();
        if (perIp.handshakes(ip) >= config.maxHandshakesPerIp() || perIp.connections(ip) >= config.maxConnectionsPerIp()) {
            return false;
        }
        return evictLongestSilent(from, why);
    }

    /**
     * Evicts the running handshake whose peer has been silent longest, at least the minimum, while the server
     * waits on it; true if one was. Reader thread.
     */
    private boolean evictLongestSilent(InetSocketAddress from, String why) {
        int silenceMillis = config.handshakeEvictAfterSilenceMillis();
        if (silenceMillis == 0) {
            return false;
        }
        long now = config.clock().nanoTime();
        long minSilence = silenceMillis * 1_000_000L;
        ServerPeer victim = null;
        // A walk over the slot table, only when the cap is reached: no allocation, and cheaper than the
        // cookie HMAC that preceded it.
        for (int i = 0, n = slots.length(); i < n; i++) {
            ServerPeer p = slots.get(i);
            if (p == null || p.established || p.closed || !p.awaitingPeer) {
                continue;
            }
            long heard = p.lastHeardNanos;
            if (now - heard >= minSilence && (victim == null || heard - victim.lastHeardNanos < 0)) {
                victim = p;
            }
        }
        if (victim == null || !endHandshake(victim)) {
            return false;
        }
        victim.evicted = true;
        releaseWorker(victim); // only running handshakes wait on their peer; its worker is free in a moment
        if (victim.tlsServer instanceof TickwireTlsServer t) {
            t.abandoned();
        }
        // Closing the ring wakes the worker blocked in Bouncy Castle's receive: it fails at once and is free.
        remove(victim);
        stats.handshakeFailed(HandshakeFailure.EVICTED);
        evictionsSinceLog++;
        if (now - evictionLogNanos >= EVICTION_LOG_INTERVAL_NANOS || evictionLogNanos == 0) {
            LOG.log(Level.WARNING, "{0} (maxHandshakesInFlight {1}, handshakeWorkers {2}): evicted {3} handshake(s) "
                    + "silent for at least handshakeEvictAfterSilenceMillis {4} ms to admit new clients, latest {5} "
                    + "(silent {6} ms) for {7}; many in a row mean stalled handshakes (a flood): check the sources, or "
                    + "raise maxHandshakesInFlight and handshakeWorkers if they are real players", why,
                    config.maxHandshakesInFlight(), config.handshakeWorkers(), evictionsSinceLog, silenceMillis,
                    victim.address, (now - victim.lastHeardNanos) / 1_000_000L, from);
            evictionsSinceLog = 0;
            evictionLogNanos = now;
        } else {
            LOG.log(Level.DEBUG, "{0}: evicted the handshake with {1} (silent {2} ms) for {3}", why, victim.address,
                    (now - victim.lastHeardNanos) / 1_000_000L, from);
        }
        return true;
    }

    /**
     * Worker thread, as it takes a queued handshake: if the slots were full or every worker busy within the
     * last {@link EndpointConfig#handshakeEvictAfterSilenceMillis()} (the counts dip for an instant at each
     * eviction), a handshake whose peer has been silent that long while it waited in the queue is evicted
     * instead of run. A waiting client resends its ClientHello on its own timer (Bouncy Castle:
     * after 1 s), which keeps it fresh; stalled ones never do, and each would otherwise hold this worker for
     * the whole minimum silence again before a newcomer could evict it, so newcomers would wait behind every
     * stalled handshake queued before them.
     */
    private boolean skipStaleQueued(ServerPeer peer) {
        int silenceMillis = config.handshakeEvictAfterSilenceMillis();
        if (silenceMillis == 0) {
            return false;
        }
        long now = config.clock().nanoTime();
        long minSilence = silenceMillis * 1_000_000L;
        long silent = now - peer.lastHeardNanos;
        if (now - pressureNanos >= minSilence || silent < minSilence || !endHandshake(peer)) {
            return false;
        }
        peer.evicted = true;
        remove(peer);
        stats.handshakeFailed(HandshakeFailure.EVICTED);
        LOG.log(Level.DEBUG, "evicted the queued handshake with {0}: silent {1} ms while waiting for a worker, "
                + "handshake slots or workers under pressure", peer.address, silent / 1_000_000L);
        return true;
    }

    private int freeSlot() {
        int size = slots.length();
        for (int i = 0; i < size; i++) {
            int s = (slotCursor + i) % size;
            if (slots.get(s) == null) {
                slotCursor = s + 1;
                return s;
            }
        }
        return -1;
    }

    private void runHandshake(ServerPeer peer, DTLSRequest request) {
        if (peer.evicted || skipStaleQueued(peer)) {
            return; // counted and freed already; the worker goes straight to the next handshake
        }
        busyWorkers.incrementAndGet();
        try {
            runHandshakeOnWorker(peer, request);
        } finally {
            releaseWorker(peer);
        }
    }

    /** The worker running {@code peer}'s handshake no longer counts as busy; once per peer. Any thread. */
    private void releaseWorker(ServerPeer peer) {
        if (peer.workerReleased.compareAndSet(false, true)) {
            busyWorkers.decrementAndGet();
        }
    }

    private void runHandshakeOnWorker(ServerPeer peer, DTLSRequest request) {
        boolean inFlight = true;
        try {
            TlsServer server = servers.newServer(peer.cid, peer.address);
            peer.tlsServer = server;
            int timeout = server.getHandshakeTimeoutMillis();
            if (timeout > 0) {
                peer.deadlineNanos = peer.admittedNanos + timeout * 1_000_000L;
            }
            LOG.log(Level.DEBUG, "handshake with {0} started", peer.address);
            DTLSTransport transport = new DTLSServerProtocol().accept(server, peer, request);
            inFlight = false;
            peer.tlsServer = null;
            if (!endHandshake(peer)) {
                // Evicted in the instant Bouncy Castle finished: the slot is gone, and so is this session.
                LOG.log(Level.DEBUG, "handshake with {0} finished after its eviction; dropped", peer.address);
                return;
            }
            peer.cipherSuiteNegotiated(server instanceof TickwireTlsServer t ? t.negotiatedCipherSuite() : -1);
            peer.established = true;
            DtlsPeerLink link = new DtlsPeerLink(this, peer, transport);
            if (!accepted.offer(link)) {
                stats.handshakeFailed(HandshakeFailure.ACCEPT_QUEUE_FULL);
                LOG.log(Level.WARNING, "dropped finished connection from {0}: acceptedQueueLength {1} full",
                        peer.address, config.acceptedQueueLength());
                link.close();
                return;
            }
            stats.handshakeCompleted();
            if (server instanceof TickwireTlsServer t && t.resumed()) {
                stats.handshakeResumed();
            }
            LOG.log(Level.DEBUG, "handshake with {0} finished in {1} ms", peer.address,
                    (config.clock().nanoTime() - peer.admittedNanos) / 1_000_000L);
        } catch (TlsFatalAlertReceived e) {
            handshakeFailed(peer, inFlight, HandshakeFailure.ALERT_RECEIVED, "client sent alert "
                    + AlertDescription.getText(e.getAlertDescription()));
        } catch (TlsTimeoutException e) {
            handshakeFailed(peer, inFlight, HandshakeFailure.TIMEOUT, e.getMessage());
        } catch (TlsFatalAlert e) {
            handshakeFailed(peer, inFlight, HandshakeFailure.ALERT_SENT, "server aborted with alert "
                    + AlertDescription.getText(e.getAlertDescription()) + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            handshakeFailed(peer, inFlight, peer.abandonedByGuard ? HandshakeFailure.GUARD
                    : closed ? HandshakeFailure.ENDPOINT_CLOSED : HandshakeFailure.ERROR, e.toString());
        }
    }

    /** A running handshake ended in failure: it no longer counts as in flight, then it is failed. */
    private void handshakeFailed(ServerPeer peer, boolean inFlight, HandshakeFailure reason, String detail) {
        if (inFlight) {
            endHandshake(peer);
        }
        if (peer.evicted) {
            // Counted and its state freed by the eviction; this worker is now free.
            LOG.log(Level.DEBUG, "worker released from the evicted handshake with {0}: {1}", peer.address, detail);
            return;
        }
        fail(peer, reason, detail);
    }

    /**
     * The peer's handshake no longer counts as in flight (globally and for its IP). Only the first call per
     * peer does anything (the worker and an eviction may race); true for that one.
     */
    private boolean endHandshake(ServerPeer peer) {
        if (!peer.handshakeEnded.compareAndSet(false, true)) {
            return false;
        }
        handshakes.decrementAndGet();
        perIp.handshakeEnded(peer.countedIp);
        return true;
    }

    private void fail(ServerPeer peer, HandshakeFailure reason, String detail) {
        stats.handshakeFailed(reason);
        remove(peer);
        LOG.log(Level.INFO, "handshake with {0} failed ({1}): {2}", peer.address, reason, detail);
    }

    /** Frees the peer's slot and address; true the first time. Any thread. */
    boolean remove(ServerPeer peer) {
        if (!slots.compareAndSet(peer.slot, peer, null)) {
            peer.closed = true;
            return false;
        }
        peer.closed = true;
        peer.ring.close();
        byAddress.remove(peer.address, peer);
        peers.decrementAndGet();
        perIp.connectionEnded(peer.countedIp);
        return true;
    }

    /** RFC 9146: the peer proved (authenticated, newest record) that it now sends from {@code to}. Owner thread. */
    void movePeer(ServerPeer peer, InetSocketAddress to) {
        InetSocketAddress old = peer.address;
        peer.address = to;
        byAddress.remove(old, peer);
        byAddress.putIfAbsent(to, peer);
        stats.addressChanged();
        LOG.log(Level.INFO, "connection moved from {0} to {1} (connection ID)", old, to);
    }

    void sendTo(ByteBuffer datagram, InetSocketAddress to) throws IOException {
        int len = datagram.remaining();
        int sent = channel.send(datagram, to);
        if (sent == 0) {
            stats.drop(DropReason.SEND_BUFFER_FULL);
        } else {
            stats.datagramOut(len);
        }
    }

    /** Stops reading, fails handshakes in flight, closes the socket. Established links fail on next use. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < slots.length(); i++) {
            ServerPeer p = slots.get(i);
            if (p != null) {
                p.ring.close();
                p.closed = true;
            }
        }
        workers.shutdownNow();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the server socket failed", e);
        }
        if (reader != null) {
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(Level.INFO, "DTLS server endpoint on {0} closed: {1}", localAddress, stats);
    }

    /**
     * Holds the HelloVerifyRequest the current verifier produces (in {@code out}, owned by the reader)
     * until the endpoint knows no older secret accepts the hello, then sends it straight to the
     * unverified address, and only when no larger than the datagram that asked (anti-amplification).
     * Reader thread only.
     */
    private final class CookieSender implements DatagramSender {
        private final ByteBuffer out = ByteBuffer.allocateDirect(256);
        private InetSocketAddress to;
        private int requestLength;
        boolean captured;

        void prepare(InetSocketAddress to, int requestLength) {
            this.to = to;
            this.requestLength = requestLength;
            this.captured = false;
        }

        /** Sends the captured HelloVerifyRequest. */
        void flush() {
            try {
                sendTo(out, to);
                stats.cookieSent();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "sending a HelloVerifyRequest failed: {0}", e.toString());
            }
        }

        @Override
        public int getSendLimit() {
            return Math.min(requestLength, out.capacity());
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            if (len > requestLength || len > out.capacity()) {
                stats.drop(DropReason.AMPLIFICATION_REFUSED);
                return;
            }
            out.clear();
            out.put(buf, off, len).flip();
            captured = true;
        }
    }

    /** Swallows what the previous cookie verifier would answer (a cookie of the old secret). Reader thread. */
    private static final class DiscardSender implements DatagramSender {
        @Override
        public int getSendLimit() {
            return 256;
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            // Deliberately nothing: only the current secret's cookies are handed out.
        }
    }
}
