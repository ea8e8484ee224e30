package io.tickwire.net;

import io.tickwire.net.admission.Admission;
import io.tickwire.net.admission.AdmissionRefusal;
import io.tickwire.net.dtls.Fingerprint;
import io.tickwire.net.dtls.SessionCache;
import io.tickwire.net.dtls.TickwireCrypto;
import io.tickwire.net.dtls.TickwireTlsServer;
import io.tickwire.net.protocol.ConnectionRole;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.protocol.SendStatus;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.net.sim.NetworkSimulator;
import io.tickwire.net.sim.SimulatedLink;
import io.tickwire.net.transport.DatagramLink;
import io.tickwire.net.transport.DtlsPeerLink;
import io.tickwire.net.transport.DtlsServerEndpoint;
import io.tickwire.net.transport.EndpointConfig;
import io.tickwire.net.transport.EndpointStats;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectArrayList;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * A game server: accepts clients (over DTLS on one UDP socket, or in memory), and delivers their
 * connections, messages and disconnects to a {@link NetListener}.
 *
 * <pre>{@code
 * NetServer server = NetServer.start(config, new NetListener() {
 *     public void received(NetPeer peer, Object message, int channel) { ... }
 * });
 * while (running) {            // the game's tick thread
 *     server.update(System.nanoTime());
 *     ... simulate, peer.send(snapshot, 0) ...
 * }
 * server.close();              // graceful: peers get SERVER_SHUTDOWN, bounded by shutdownLingerMillis
 * }</pre>
 *
 * <p>Threads: one thread owns the server, the first that calls {@link #update}; every listener
 * callback runs inside {@code update} on that thread, and {@link NetPeer#send}, {@link #sendToAll}
 * and disconnects must be called on it. DTLS handshakes and socket reads run on the endpoint's own
 * bounded threads and only hand finished links over (with {@link ServerConfig.Builder#threading}
 * {@code INVOKER} the socket is read inside {@code update} too). Nothing here blocks except
 * {@link #close()}, which pumps for at most {@link ServerConfig#shutdownLingerMillis()}.
 */
public final class NetServer implements AutoCloseable {

    private static final int MAX_DATAGRAMS_PER_POLL = 4096;
    private static final int SIMULATOR_CAPACITY = 1024;
    /** Pause between the pumping steps of {@link #close()}: short next to the 10 ms disconnect resend spacing. */
    private static final long SHUTDOWN_STEP_NANOS = 1_000_000L;

    private final ServerConfig config;
    private final NetListener listener;
    private final PeerHost host;
    private final DtlsServerEndpoint endpoint;
    private final SessionCache sessions;
    private Admission admission;
    private final InMemoryNetwork inMemory;
    private final ObjectArrayList<NetPeer> peers = new ObjectArrayList<>();
    private final List<NetPeer> peersView = Collections.unmodifiableList(peers);
    private final Int2ObjectOpenHashMap<NetPeer> byId = new Int2ObjectOpenHashMap<>();
    private final DtlsServerEndpoint.AcceptListener acceptor = this::acceptDtls;
    // Counters of the peers already dropped, so totals survive their connections.
    private final ConnectionTotals retired = new ConnectionTotals();
    private volatile NetworkConditions simulatedConditions;
    private NetworkConditions appliedConditions;
    private int nextPeerId = 1;
    private long nowNanos;
    private boolean closed;
    private boolean shuttingDown;
    private String shutdownDetail = "";
    private long shutdownDeadlineNanos;

    private NetServer(ServerConfig config, NetListener listener) throws IOException {
        this.config = config;
        this.listener = listener;
        this.simulatedConditions = config.simulatedConditions();
        this.appliedConditions = simulatedConditions;
        this.inMemory = config.inMemory();
        int datagram = inMemory != null ? inMemory.maxDatagramSize() : config.endpoint().maxDatagramSize();
        this.host = new PeerHost(config.registry(), Math.max(datagram, config.connection().maxPacketSize()),
                "NetServer.update");
        this.nowNanos = config.clock().nanoTime();
        this.admission = config.admission();
        if (inMemory == null) {
            // The measured default: BC EC for handshakes, JDK AES-GCM for records, handshake guard on.
            TlsCrypto crypto = TickwireCrypto.create();
            EndpointConfig ec = config.endpoint();
            this.sessions = ec.sessionCacheEntries() == 0 ? null
                    : new SessionCache(ec.sessionCacheEntries(), ec.sessionLifetimeMillis(), ec.clock());
            SessionCache cache = sessions;
            this.endpoint = DtlsServerEndpoint.open(ec,
                    (cid, peer) -> new TickwireTlsServer(crypto, config.identity(), config.dtls(), cid, peer.toString(),
                            cache),
                    crypto, config.bindAddress());
        } else {
            this.endpoint = null;
            this.sessions = null;
        }
    }

    /**
     * Starts a server: binds the UDP socket and starts the handshake threads (DTLS), or starts
     * serving the in-memory network. Clients are accepted from the first {@link #update} on.
     *
     * @throws IOException when the UDP socket cannot be bound
     */
    public static NetServer start(ServerConfig config, NetListener listener) throws IOException {
        return new NetServer(Objects.requireNonNull(config, "config"), Objects.requireNonNull(listener, "listener"));
    }

    /**
     * One step of the server on the calling (tick) thread: takes finished handshakes, reads every
     * peer's waiting datagrams, delivers events to the listener, then writes every due packet
     * (acks, resends, keep-alives, queued messages) and drops finished peers. Returns the number of
     * peers that were served.
     *
     * @throws IllegalStateException when called from another thread than the first caller's, or after close
     */
    public int update(long nowNanos) {
        int served = receive(nowNanos);
        flush(nowNanos);
        return served;
    }

    /**
     * The receiving half of {@link #update}: takes finished handshakes, reads every peer's waiting
     * datagrams and delivers the listener's events, but writes nothing. A game server calls it at the
     * start of a step, queues the tick's messages, then calls {@link #flush} once, so each peer's acks
     * and messages leave together in one datagram. Returns the number of peers held.
     *
     * @throws IllegalStateException when called from another thread than the first caller's, or after close
     */
    public int receive(long nowNanos) {
        host.enter();
        if (closed) {
            throw new IllegalStateException("NetServer.receive called after close");
        }
        this.nowNanos = nowNanos;
        host.admissionBudget = config.maxAdmissionsPerUpdate();
        if (endpoint != null) {
            endpoint.poll(nowNanos, MAX_DATAGRAMS_PER_POLL, acceptor);
        } else {
            InMemoryNetwork.Pending p;
            while ((p = inMemory.poll()) != null) {
                accept(p.serverSide(), p.clientAddress());
            }
        }
        NetworkConditions sim = simulatedConditions;
        if (sim != appliedConditions) {
            applyConditions(sim);
        }
        for (int i = 0; i < peers.size(); i++) {
            peers.get(i).receive(nowNanos);
        }
        host.events.dispatch(listener);
        return peers.size();
    }

    /**
     * The sending half of {@link #update}: writes every peer's due packets (acks, resends,
     * keep-alives, queued messages), drops finished peers and ends a shutdown that is over. Owner
     * thread; does nothing once closed.
     */
    public void flush(long nowNanos) {
        host.checkOwner("NetServer.flush");
        if (closed) {
            return;
        }
        this.nowNanos = nowNanos;
        for (int i = 0; i < peers.size(); i++) {
            peers.get(i).flush(nowNanos);
        }
        host.events.dispatch(listener);
        for (int i = peers.size() - 1; i >= 0; i--) {
            NetPeer peer = peers.get(i);
            if (peer.isFinished()) {
                retired.add(peer.stats());
                peer.closeLink();
                byId.remove(peer.id());
                // Swap-remove: order of peers carries no meaning.
                peers.set(i, peers.get(peers.size() - 1));
                peers.remove(peers.size() - 1);
            }
        }
        if (shuttingDown && (peers.isEmpty() || nowNanos - shutdownDeadlineNanos >= 0)) {
            finishClose();
        }
    }

    /**
     * Routes every message arriving on {@code channel} to {@code handler} as bytes instead of decoding
     * it with the registry (null restores decoding); see {@link RawMessageHandler} for when it runs.
     * Call before the first {@link #update}, or on the update thread.
     *
     * @throws IllegalArgumentException when the channel does not exist in the connection config
     */
    public void setRawHandler(int channel, RawMessageHandler handler) {
        host.checkOwner("NetServer.setRawHandler");
        host.setRawHandler(channel, config.connection().channelCount(), handler);
    }

    /**
     * Replaces {@link ServerConfig#admission()} for every connection accepted from now on; a layer
     * above (the game server's resume tickets) wraps the configured admission this way. Call before the
     * first {@link #update}, or on the update thread.
     */
    public void setAdmission(Admission admission) {
        host.checkOwner("NetServer.setAdmission");
        this.admission = Objects.requireNonNull(admission, "admission");
    }

    /** The admission in force (the config's, or the one {@link #setAdmission} installed). */
    public Admission admission() {
        return admission;
    }

    /** The peers this server holds (connecting, connected or disconnecting); a live read-only view for the tick thread. */
    public List<NetPeer> peers() {
        return peersView;
    }

    /** The peer with this id, or null. */
    public NetPeer peer(int id) {
        return byId.get(id);
    }

    /**
     * Encodes {@code message} once and queues it for every connected peer on {@code channel};
     * returns how many peers queued it (the others are back-pressured or not connected).
     *
     * @throws IllegalArgumentException for an unregistered class, or a message over the registry's size limit
     */
    public int sendToAll(Object message, int channel) {
        host.checkOwner("NetServer.sendToAll");
        int len = NetPeer.encode(host, message);
        if (len < 0) {
            throw new IllegalArgumentException("message " + message.getClass().getName()
                    + " exceeds the registry's maxMessageSize of " + config.registry().maxMessageSize() + " bytes");
        }
        int queued = 0;
        for (int i = 0; i < peers.size(); i++) {
            NetPeer peer = peers.get(i);
            if (peer.isConnected() && peer.sendEncoded(host.encodeBuffer, 0, len, channel) == SendStatus.QUEUED) {
                queued++;
            }
        }
        return queued;
    }

    /** Whether the server has closed its socket and dropped its peers (after {@link #close}, or at the end of a {@link #beginShutdown stepped shutdown}). */
    public boolean isClosed() {
        return closed;
    }

    /** The UDP address the server listens on, or null for an in-memory server. */
    public InetSocketAddress localAddress() {
        return endpoint == null ? null : endpoint.localAddress();
    }

    /** The SHA-256 fingerprint clients pin, or null for an in-memory server. */
    public Fingerprint fingerprint() {
        return config.identity() == null ? null : config.identity().fingerprint();
    }

    /** The endpoint's counters (handshakes, cookies, drops), or null for an in-memory server; any thread. */
    public EndpointStats endpointStats() {
        return endpoint == null ? null : endpoint.stats();
    }

    /** The DTLS session cache (resumption), or null in memory or when {@link EndpointConfig#sessionCacheEntries()} is 0. */
    public SessionCache sessionCache() {
        return sessions;
    }

    /** Handshakes holding state now (queued or running on the handshake threads); 0 in memory. Any thread. */
    public int handshakesInFlight() {
        return endpoint == null ? 0 : endpoint.handshakesInFlight();
    }

    /**
     * Fills {@code into} with the counters of every connection this server has held, live or gone
     * (packets, bytes, resends, drops by reason); allocates nothing. Owner thread.
     */
    public void connectionTotals(ConnectionTotals into) {
        host.checkOwner("NetServer.connectionTotals");
        into.clear();
        into.add(retired);
        for (int i = 0; i < peers.size(); i++) {
            into.add(peers.get(i).stats());
        }
    }

    /** The configuration this server runs with. */
    public ServerConfig config() {
        return config;
    }

    /** Messages refused by the registry's size limit, counted. */
    public long oversizedSends() {
        return host.oversizedSends;
    }

    /** Received messages that failed to decode (each disconnected its peer with PROTOCOL_ERROR). */
    public long decodeFailures() {
        return host.decodeFailures;
    }

    /** Connections admitted by {@link #admission()} so far. */
    public long admissionsAdmitted() {
        return host.admitted;
    }

    /** Connections refused admission for {@code reason} so far (each disconnected with AUTHENTICATION_FAILED). */
    public long admissionsRefused(AdmissionRefusal reason) {
        return host.admissionRefusals[reason.ordinal()];
    }

    /**
     * Times a pending CONNECT waited for the next update because {@link ServerConfig#maxAdmissionsPerUpdate()}
     * decisions were already made in this one (once per connection and update).
     */
    public long admissionsDeferred() {
        return host.admissionsDeferred;
    }

    /**
     * Changes the simulated conditions of what the server sends, for every peer, from the next
     * {@link #update} on; safe from any thread (the tick thread applies it).
     *
     * @throws IllegalStateException when the simulator was not turned on in {@link ServerConfig.Builder#simulate}
     */
    public void setSimulatedConditions(NetworkConditions conditions) {
        Objects.requireNonNull(conditions, "conditions");
        if (simulatedConditions == null) {
            throw new IllegalStateException("the server's simulator is off: turn it on with"
                    + " ServerConfig.Builder.simulate(conditions, seed)");
        }
        simulatedConditions = conditions;
    }

    /**
     * Starts a graceful shutdown on the owning thread: no new handshake is admitted from now on,
     * every peer (and any that still finishes its handshake) is disconnected with
     * {@link DisconnectReason#SERVER_SHUTDOWN} and {@code detail}, sent redundantly like every
     * disconnect. Keep calling {@link #update} until {@link #isClosed()}: the server closes its
     * socket and threads by itself once every peer's DISCONNECT packets are out (through the
     * simulator's delay queue too) or {@link ServerConfig#shutdownLingerMillis()} has passed on the
     * config's clock. Idempotent; ignored once closed.
     */
    public void beginShutdown(String detail) {
        host.checkOwner("NetServer.beginShutdown");
        if (closed || shuttingDown) {
            return;
        }
        shuttingDown = true;
        shutdownDetail = detail == null ? "" : detail;
        long now = config.clock().nanoTime();
        this.nowNanos = now;
        shutdownDeadlineNanos = now + config.shutdownLingerMillis() * 1_000_000L;
        if (endpoint != null) {
            endpoint.stopAccepting();
        }
        for (int i = 0; i < peers.size(); i++) {
            peers.get(i).disconnect(DisconnectReason.SERVER_SHUTDOWN, shutdownDetail);
        }
    }

    /** Whether a shutdown has begun ({@link #beginShutdown} or {@link #close}) and not yet finished. */
    public boolean isShuttingDown() {
        return shuttingDown && !closed;
    }

    /**
     * Graceful, bounded shutdown in one call on the owning thread: {@link #beginShutdown} with
     * "server closed", then {@link #update} in a loop (pausing ~1 ms between steps) until every
     * peer's redundant DISCONNECT packets are out or {@link ServerConfig#shutdownLingerMillis()}
     * has passed, then the socket and threads close. Listener callbacks (the peers' disconnected
     * events) run inside, on this thread. A clock that does not move between steps (a manual test
     * clock) cannot reach the linger, so the loop then stops at once. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        host.checkOwner("NetServer.close");
        beginShutdown("server closed");
        long previous = Long.MIN_VALUE;
        while (!closed) {
            long now = config.clock().nanoTime();
            if (now == previous) {
                finishClose();
                break;
            }
            previous = now;
            update(now);
            if (!closed) {
                LockSupport.parkNanos(SHUTDOWN_STEP_NANOS);
            }
        }
    }

    /** Owner thread: the shutdown is over (or was cut short); drop every peer and close the socket. */
    private void finishClose() {
        host.events.dispatch(listener);
        closed = true;
        shuttingDown = false;
        for (int i = 0; i < peers.size(); i++) {
            retired.add(peers.get(i).stats());
            peers.get(i).closeLink();
        }
        peers.clear();
        byId.clear();
        if (endpoint != null) {
            endpoint.close();
        }
    }

    /** Owner thread: hands new conditions to every peer's outgoing simulator. */
    private void applyConditions(NetworkConditions conditions) {
        appliedConditions = conditions;
        for (int i = 0; i < peers.size(); i++) {
            if (peers.get(i).link() instanceof SimulatedLink s) {
                s.outgoing().setConditions(conditions);
            }
        }
    }

    private void acceptDtls(DtlsPeerLink link) {
        accept(link, link.remoteAddress());
    }

    private void accept(DatagramLink link, InetSocketAddress remote) {
        int packet = config.connection().maxPacketSize();
        if (link.maxPayloadSize() < packet) {
            // A configuration error, not the client's fault: every full packet would fail to send.
            host.events.error(null, "link to " + remote + " carries at most " + link.maxPayloadSize()
                    + " bytes but ConnectionConfig.maxPacketSize is " + packet + "; lower maxPacketSize", null);
            link.close();
            return;
        }
        DatagramLink l = link;
        NetworkConditions sim = appliedConditions;
        if (sim != null) {
            int size = link.maxPayloadSize();
            long seed = config.simulatorSeed() * 31 + nextPeerId;
            l = new SimulatedLink(link, config.clock(),
                    new NetworkSimulator(sim, seed, SIMULATOR_CAPACITY, size),
                    new NetworkSimulator(NetworkConditions.PERFECT, ~seed, SIMULATOR_CAPACITY, size));
        }
        int id = nextPeerId++;
        NetPeer peer = new NetPeer(id, remote, l, host, config.connection(), ConnectionRole.SERVER,
                config.applicationHash(), nowNanos);
        peer.holdForAdmission(admission, config.admissionDeadlineMillis() * 1_000_000L);
        peers.add(peer);
        byId.put(id, peer);
        if (shuttingDown) {
            // Finished its handshake while we shut down: it learns why rather than timing out.
            peer.disconnect(DisconnectReason.SERVER_SHUTDOWN, shutdownDetail);
        } else if (peers.size() > config.maxConnections()) {
            peer.disconnect(DisconnectReason.SERVER_FULL, "server holds maxConnections " + config.maxConnections()
                    + " peers");
        }
    }
}
