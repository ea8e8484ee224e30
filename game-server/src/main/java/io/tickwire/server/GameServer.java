package io.tickwire.server;

import io.tickwire.net.NetListener;
import io.tickwire.net.admission.Admission;
import io.tickwire.net.admission.AdmissionRefusal;
import io.tickwire.net.admission.AdmissionRequest;
import io.tickwire.net.admission.AdmissionResult;
import io.tickwire.net.protocol.CredentialKind;
import java.net.InetSocketAddress;
import java.util.HashMap;
import io.tickwire.net.NetPeer;
import io.tickwire.net.NetServer;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.protocol.SendStatus;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.replication.InputFrame;
import io.tickwire.net.replication.SnapshotCodec;
import io.tickwire.net.replication.SnapshotFrame;
import io.tickwire.net.serial.TickStamp;
import io.tickwire.server.replication.ClientReplicator;
import io.tickwire.server.replication.ClientSnapshotState;
import io.tickwire.server.replication.InterestPolicy;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectArrayList;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The authoritative side of a game in one object: a {@link NetServer} and a {@link TickLoop}
 * wired to a {@link ServerGame}. Each step reads the clock once, then:
 * <ol>
 *   <li>runs commands {@link #post posted} from other threads;</li>
 *   <li>receives ({@code NetServer.update}): joins, leaves and messages reach the game; every
 *       {@link InputFrame} goes into its player's {@link InputBuffer} and its snapshot ack
 *       becomes that player's delta baseline; a malformed frame drops its client afterwards with
 *       PROTOCOL_ERROR;</li>
 *   <li>runs every due tick: {@link ServerGame#applyInput} per player, {@link ServerGame#step}, and on
 *       snapshot ticks {@link ServerGame#writeWorld} followed by one interest-filtered,
 *       delta-encoded {@link SnapshotFrame} per player on {@link GameChannels#SNAPSHOTS};</li>
 *   <li>sends ({@code NetServer.flush}), so the tick's snapshots and events leave in this step.</li>
 * </ol>
 *
 * <p>Threads: in {@link TickLoopMode#INVOKER} mode the caller drives {@link #step(long)}; in
 * {@link TickLoopMode#BLOCKING} mode {@link #start} starts the {@code tickwire-tick} thread, which
 * steps on the loop's absolute schedule. Either way that one thread runs every {@link ServerGame}
 * callback and owns every player; {@link #sendEvent}, {@link #broadcastEvent} and
 * {@link GamePlayer}'s methods must be called on it (from other threads, {@link #post} a command).
 * Steady state (receiving inputs, building, encoding and sending snapshots) allocates nothing.
 */
public final class GameServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(GameServer.class.getName());
    /** Name of the thread that runs a BLOCKING server. */
    public static final String TICK_THREAD_NAME = "tickwire-tick";
    /**
     * What {@link #shutdown(String)} waits for beyond {@code shutdownLingerMillis}: the tick thread
     * must first finish the step it is in and reach the next one.
     */
    public static final long SHUTDOWN_GRACE_MILLIS = 2000;

    private final GameServerConfig config;
    private final ServerGame game;
    private final NetServer net;
    private final TickLoop loop;
    private final SnapshotCodec codec;
    private final WorldWriter world;
    private final InputFrame inputReader;
    private final byte[] frame;
    private final TickStamp stamp = new TickStamp();
    private final ObjectArrayList<GamePlayer> players = new ObjectArrayList<>();
    private final List<GamePlayer> playersView = Collections.unmodifiableList(players);
    // Players by their current peer's id, and by player id (the first peer's id; stable across reconnects).
    private final Int2ObjectOpenHashMap<GamePlayer> byPeer = new Int2ObjectOpenHashMap<>();
    private final Int2ObjectOpenHashMap<GamePlayer> byId = new Int2ObjectOpenHashMap<>();
    private final ResumeTickets tickets;
    private final long graceNanos;
    private int awayCount;
    private long nowNanos;
    private long playersAway;
    private long playersBack;
    private final long[] resumeRefusals = new long[ResumeVerdict.values().length];
    // Resume tickets are checked at admission (inside NetServer.receive) and the player is moved to its
    // new peer when that peer's connected event follows; this holds the player in between.
    private final HashMap<InetSocketAddress, GamePlayer> pendingResumes = new HashMap<>();
    private final Admission configuredAdmission;
    // Faults found while a packet is processed; applied after NetServer.update, outside it.
    private final ObjectArrayList<NetPeer> faultPeers = new ObjectArrayList<>();
    private final ObjectArrayList<String> faultDetails = new ObjectArrayList<>();
    private final String[] frameFaultDetail = new String[InputFrame.Status.values().length];
    private final long[] frameFaults = new long[InputFrame.Status.values().length];
    private final Thread thread;
    private long earlyInputFrames;
    private long wrongChannelFrames;
    private long currentTick;
    private long snapshotBytesSent;
    private long snapshotsSent;
    private long inputFrames;
    private long retiredApplied;
    private long retiredRepeated;
    private long retiredLate;
    private long retiredDuplicate;
    private long retiredTooFarAhead;
    // Counted here as they happen, like snapshotsSent (a player's own counts survive its reconnects).
    private long snapshotsOverBudget;
    private long snapshotsNotQueued;
    // Read by ServerMetrics on the tick thread.
    long joins;
    final long[] leaves = new long[ServerMetrics.DISCONNECTS.length];
    private final ServerMetrics metrics;
    private final long metricsIntervalNanos;
    private long nextMetricsNanos;
    // The first shutdown detail asked for from any thread; the tick thread starts it at its next step.
    private final AtomicReference<String> shutdownRequest = new AtomicReference<>();
    private boolean shutdownBegun;
    private volatile boolean shuttingDown;
    private volatile Throwable failure;
    private volatile boolean closed;

    private GameServer(GameServerConfig config, ServerGame game) throws IOException {
        this.config = config;
        this.game = game;
        int maxEntities = config.maxEntitiesPerSnapshot();
        this.codec = new SnapshotCodec(config.schema(), maxEntities, config.snapshotByteBudget());
        this.world = new WorldWriter(config.schema(), config.maxWorldEntities());
        this.inputReader = new InputFrame(config.maxInputBytes());
        this.frame = new byte[SnapshotFrame.HEADER_BYTES + config.snapshotByteBudget()];
        for (InputFrame.Status s : InputFrame.Status.values()) {
            frameFaultDetail[s.ordinal()] = "input frame " + s + ": " + explain(s, config.maxInputBytes());
        }
        this.graceNanos = TimeUnit.MILLISECONDS.toNanos(config.reconnectGraceMillis());
        this.tickets = new ResumeTickets(new SecureRandom(), Math.max(1024, 4 * config.server().maxConnections()));
        this.nowNanos = config.server().clock().nanoTime();
        this.configuredAdmission = config.server().admission();
        this.net = NetServer.start(config.server(), new Listener());
        this.net.setAdmission(this::admit);
        this.net.setRawHandler(GameChannels.INPUTS, this::onInputFrame);
        this.net.setRawHandler(GameChannels.SNAPSHOTS, this::onClientSnapshotFrame);
        this.loop = new TickLoop(config.tickLoop(), new Ticks(), config.server().clock());
        if (config.tickLoop().mode() == TickLoopMode.BLOCKING) {
            this.thread = new Thread(this::runTickThread, TICK_THREAD_NAME);
        } else {
            this.thread = null;
        }
        long now = config.server().clock().nanoTime();
        this.metrics = new ServerMetrics(now);
        this.metricsIntervalNanos = TimeUnit.MILLISECONDS.toNanos(config.metricsIntervalMillis());
        // A first publication, so readers never see an empty view of a started server.
        publishMetrics(now);
    }

    /**
     * Starts a server: binds the socket (or joins the in-memory network) and, in BLOCKING mode,
     * starts the {@code tickwire-tick} thread.
     *
     * @throws IOException when the UDP socket cannot be bound
     */
    public static GameServer start(GameServerConfig config, ServerGame game) throws IOException {
        GameServer s = new GameServer(Objects.requireNonNull(config, "config"), Objects.requireNonNull(game, "game"));
        if (s.thread != null) {
            s.thread.start();
        }
        return s;
    }

    private static String explain(InputFrame.Status s, int maxInputBytes) {
        switch (s) {
            case TRUNCATED:
                return "shorter than its " + InputFrame.HEADER_BYTES + "-byte header or than the inputs it announces";
            case BAD_FLAGS:
                return "reserved flag bits are set";
            case BAD_COUNT:
                return "its input count is outside 1..InputFrame.MAX_INPUTS " + InputFrame.MAX_INPUTS;
            case INPUT_TOO_LARGE:
                return "an input exceeds maxInputBytes " + maxInputBytes;
            case TRAILING_BYTES:
                return "bytes follow its last input";
            default:
                return "well formed";
        }
    }

    /**
     * INVOKER mode: one step at {@code nowNanos} (commands, receive, due ticks, send); returns the
     * number of ticks run. Call from one thread, with the time of the server config's clock.
     *
     * @throws IllegalStateException in BLOCKING mode, or after {@link #close()}
     */
    public int step(long nowNanos) {
        if (closed || net.isClosed()) {
            throw new IllegalStateException("GameServer.step called after close");
        }
        return loop.advanceTo(nowNanos);
    }

    /** Queues {@code command} to run on the tick thread at the start of the next step; any thread, never blocks. */
    public PostStatus post(TickCommand command) {
        return loop.post(command);
    }

    /**
     * Sends {@code event} to {@code player} on the reliable-ordered EVENTS channel, preceded by a
     * {@link TickStamp} of the current tick when the last stamp that player got names another
     * tick (a burst of events in one tick costs one stamp). During a tick the current tick is
     * that tick; between ticks (joins, messages) it is the last tick run. Returns QUEUED, or
     * QUEUE_FULL when the channel's send queue is full (back-pressure: the client is not keeping
     * up; retry later or drop it), MESSAGE_TOO_LARGE, or NOT_CONNECTED. Tick thread only.
     *
     * @throws IllegalArgumentException when the event's class is not registered
     */
    public SendStatus sendEvent(GamePlayer player, Object event) {
        if (!player.isConnected()) {
            return SendStatus.NOT_CONNECTED;
        }
        long t = currentTick;
        if (player.lastStampTick != t) {
            stamp.tick = t;
            SendStatus s = player.peer().send(stamp, GameChannels.EVENTS);
            if (s != SendStatus.QUEUED) {
                return s;
            }
            player.lastStampTick = t;
        }
        return player.peer().send(event, GameChannels.EVENTS);
    }

    /** {@link #sendEvent} to every connected player; returns how many queued it (the others are back-pressured). */
    public int broadcastEvent(Object event) {
        int queued = 0;
        for (int i = 0, n = players.size(); i < n; i++) {
            if (sendEvent(players.get(i), event) == SendStatus.QUEUED) {
                queued++;
            }
        }
        return queued;
    }

    /**
     * The connected players in join order; a live read-only view for the tick thread. An enhanced
     * for loop over it allocates an iterator; on the per-tick path loop with {@link #playerCount}
     * and {@link #playerAt} instead.
     */
    public List<GamePlayer> players() {
        return playersView;
    }

    /** Players connected now. */
    public int playerCount() {
        return players.size();
    }

    /**
     * The player at this position in join order, {@code 0 <= index < playerCount()}; with
     * {@link #playerCount} it loops over the players without allocating. Tick thread.
     */
    public GamePlayer playerAt(int index) {
        return players.get(index);
    }

    /** The player with this id ({@link GamePlayer#id()}, stable across reconnects), or null. */
    public GamePlayer player(int id) {
        return byId.get(id);
    }

    /** Players kept away now, waiting within their reconnect grace (they are in {@link #players()} too). */
    public int awayCount() {
        return awayCount;
    }

    /** Players whose connection was lost and who were kept for a reconnect, since the start. */
    public long playersAway() {
        return playersAway;
    }

    /** Away players whose client came back with its ticket, since the start. */
    public long playersBack() {
        return playersBack;
    }

    /** Resume tickets refused with {@code verdict} (never OK) since the start. */
    public long resumeRefusals(ResumeVerdict verdict) {
        return resumeRefusals[verdict.ordinal()];
    }

    /** The tick being run, or between ticks the last tick run (0 before the first). */
    public long tick() {
        return currentTick;
    }

    /** Duration of each tick (applyInput, step, writeWorld, snapshot encoding): p50, p99, max. */
    public TickTimeTracker tickTimes() {
        return loop.tickTimes();
    }

    /** Snapshot bytes queued for all players, frame headers included. */
    public long snapshotBytesSent() {
        return snapshotBytesSent;
    }

    /** Snapshots queued for all players. */
    public long snapshotsSent() {
        return snapshotsSent;
    }

    /** Well-formed input frames received. */
    public long inputFramesReceived() {
        return inputFrames;
    }

    /** Inputs applied as sent, over every player past and present. */
    public long inputsApplied() {
        long n = retiredApplied;
        for (int i = 0; i < players.size(); i++) {
            n += players.get(i).inputsApplied();
        }
        return n;
    }

    /** Inputs repeated because the next one was missing, over every player past and present. */
    public long inputsRepeated() {
        long n = retiredRepeated;
        for (int i = 0; i < players.size(); i++) {
            n += players.get(i).inputsRepeated();
        }
        return n;
    }

    /** Inputs that arrived too late to apply, over every player past and present. */
    public long inputsLate() {
        long n = retiredLate;
        for (int i = 0; i < players.size(); i++) {
            n += players.get(i).inputsLate();
        }
        return n;
    }

    /** Redundant input copies dropped, over every player past and present. */
    public long inputsDuplicate() {
        long n = retiredDuplicate;
        for (int i = 0; i < players.size(); i++) {
            n += players.get(i).inputsDuplicate();
        }
        return n;
    }

    /** Inputs dropped because their tick was further ahead than the input buffer holds, over every player past and present. */
    public long inputsTooFarAhead() {
        long n = retiredTooFarAhead;
        for (int i = 0; i < players.size(); i++) {
            n += players.get(i).inputsTooFarAhead();
        }
        return n;
    }

    /** Snapshots skipped because nothing fitted the byte budget, over every player past and present. */
    public long snapshotsOverBudget() {
        return snapshotsOverBudget;
    }

    /** Snapshots refused by a connection's send queue, over every player past and present. */
    public long snapshotsNotQueued() {
        return snapshotsNotQueued;
    }

    /** Players that have joined since the start. */
    public long playersJoined() {
        return joins;
    }

    /** Players that have left with {@code reason} since the start. */
    public long playersLeft(DisconnectReason reason) {
        return leaves[reason.ordinal()];
    }

    /**
     * The published view of this server's figures, refreshed by the tick thread every
     * {@link GameServerConfig#metricsIntervalMillis()} and when it closes; read it from any thread.
     */
    public ServerMetrics metrics() {
        return metrics;
    }

    /** Clients dropped with PROTOCOL_ERROR for a malformed input frame with this status. */
    public long protocolDrops(InputFrame.Status status) {
        return frameFaults[status.ordinal()];
    }

    /** Clients dropped with PROTOCOL_ERROR for any reason counted here (malformed frames, early or misdirected frames). */
    public long protocolDrops() {
        long n = earlyInputFrames + wrongChannelFrames;
        for (long c : frameFaults) {
            n += c;
        }
        return n;
    }

    /** Clients dropped for sending an input frame before they joined. */
    public long earlyInputDrops() {
        return earlyInputFrames;
    }

    /** Clients dropped for sending on the server-to-client SNAPSHOTS channel. */
    public long wrongChannelDrops() {
        return wrongChannelFrames;
    }

    /** What stopped a BLOCKING server's tick thread (an exception from the game), or null. */
    public Throwable failure() {
        return failure;
    }

    /** The net-core server (peers, endpoint statistics, fingerprint). */
    public NetServer net() {
        return net;
    }

    /** The tick loop (tick counters, stalls, dropped ticks). */
    public TickLoop tickLoop() {
        return loop;
    }

    /** The validated configuration. */
    public GameServerConfig config() {
        return config;
    }

    /** Whether {@link #close()} has finished or the tick thread has ended. */
    public boolean isClosed() {
        return closed;
    }

    /** Whether a shutdown was asked for ({@link #shutdown}, {@link #requestShutdown}, {@link #close}) and has not finished; any thread. */
    public boolean isShuttingDown() {
        return shuttingDown && !closed;
    }

    /**
     * Asks for a graceful shutdown from any thread without waiting: at the start of its next step
     * the tick thread stops admitting handshakes and disconnects every player with
     * {@link DisconnectReason#SERVER_SHUTDOWN} and {@code detail} (redundant DISCONNECT packets),
     * keeps stepping until those are out or {@code shutdownLingerMillis} has passed, then closes.
     * The first detail asked for wins; later calls change nothing. In INVOKER mode the caller must
     * keep calling {@link #step} until {@link #isClosed()}.
     */
    public void requestShutdown(String detail) {
        shutdownRequest.compareAndSet(null, detail == null ? "" : detail);
        shuttingDown = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t); // start now rather than at the next due tick; the schedule is absolute
        }
    }

    /**
     * Graceful shutdown with a reason the players see: every player is disconnected with
     * {@link DisconnectReason#SERVER_SHUTDOWN} and {@code detail} (e.g. "server is restarting"),
     * redundantly; then the socket closes. BLOCKING mode, from another thread: {@link #requestShutdown}
     * and waits at most {@code shutdownLingerMillis} + {@link #SHUTDOWN_GRACE_MILLIS} for the tick thread
     * to finish, returning whether it did; from the tick thread: only asks (returns false). INVOKER
     * mode: on the stepping thread, begins the shutdown and pumps it to the end like {@link #close()}
     * (returns true). {@link #close()} is the same with the detail "server closed".
     */
    public boolean shutdown(String detail) {
        if (thread == null) {
            if (closed) {
                return true;
            }
            shuttingDown = true;
            if (!net.isClosed()) {
                net.beginShutdown(detail == null ? "" : detail);
            }
            close();
            return true;
        }
        requestShutdown(detail);
        if (Thread.currentThread() == thread) {
            return false;
        }
        return awaitClose(config.server().shutdownLingerMillis() + SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Waits at most {@code timeout} for the server to close (BLOCKING: for the tick thread to end);
     * returns whether it is closed. INVOKER mode does not wait (nothing closes it but the stepping
     * thread). An interrupt ends the wait early and stays set.
     */
    public boolean awaitClose(long timeout, TimeUnit unit) {
        Thread t = thread;
        if (t == null || Thread.currentThread() == t) {
            return closed;
        }
        try {
            t.join(Math.max(1, unit.toMillis(timeout)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    /**
     * Graceful, bounded shutdown: stops the tick loop, then closes the {@link NetServer} (every
     * player gets SERVER_SHUTDOWN redundantly, {@link ServerGame#playerLeft} runs for each, at most
     * {@code shutdownLingerMillis}). In BLOCKING mode, from another thread it waits for the tick
     * thread to do this; from a callback on the tick thread it only asks the loop to stop.
     * INVOKER mode: call it on the stepping thread. Idempotent.
     */
    @Override
    public void close() {
        shuttingDown = true;
        if (thread != null) {
            loop.stop();
            if (Thread.currentThread() == thread) {
                return;
            }
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (closed) {
            return;
        }
        loop.stop();
        net.close();
        publishMetrics(config.server().clock().nanoTime());
        closed = true;
    }

    private void runTickThread() {
        try {
            loop.runBlocking();
        } catch (RuntimeException | Error e) {
            failure = e;
            shuttingDown = true;
            LOG.log(System.Logger.Level.ERROR, "the tick thread stopped: the game threw " + e, e);
        } finally {
            try {
                net.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "closing the network failed: " + e, e);
            }
            try {
                publishMetrics(config.server().clock().nanoTime());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "publishing the last metrics failed: " + e, e);
            }
            closed = true;
        }
    }

    // ------------------------------------------------------------------ tick thread internals

    private void publishMetrics(long nowNanos) {
        metrics.publish(this, nowNanos);
        nextMetricsNanos = nowNanos + metricsIntervalNanos;
    }

    /** Raw handler of INPUTS, inside the peer's packet processing: never throws, never sends. */
    private void onInputFrame(NetPeer peer, int channel, byte[] buf, int off, int len) {
        GamePlayer p = byPeer.get(peer.id());
        if (p == null) {
            earlyInputFrames++;
            recordFault(peer, null, "input frame before the player joined");
            return;
        }
        if (p.faulted) {
            return;
        }
        InputFrame.Status st = inputReader.read(buf, off, len);
        if (st != InputFrame.Status.OK) {
            frameFaults[st.ordinal()]++;
            recordFault(peer, p, frameFaultDetail[st.ordinal()]);
            return;
        }
        inputFrames++;
        p.inputFrames++;
        // Oldest first; copies already buffered or applied come back DUPLICATE (redundancy), counted by the buffer.
        for (int i = 0, n = inputReader.count(); i < n; i++) {
            p.inputs.offer(inputReader.tick(i), buf, inputReader.offset(i), inputReader.length(i));
        }
        int ack = inputReader.ackedSnapshot();
        if (ack != InputFrame.NO_ACK) {
            p.snapshots.onSnapshotAcked(ack);
        }
    }

    /** Raw handler of SNAPSHOTS: the channel runs server to client only. */
    private void onClientSnapshotFrame(NetPeer peer, int channel, byte[] buf, int off, int len) {
        GamePlayer p = byPeer.get(peer.id());
        if (p != null && p.faulted) {
            return;
        }
        wrongChannelFrames++;
        recordFault(peer, p, "a client sent a message on the server-to-client SNAPSHOTS channel " + GameChannels.SNAPSHOTS);
    }

    private void recordFault(NetPeer peer, GamePlayer p, String detail) {
        if (p != null) {
            p.faulted = true;
        } else if (faultPeers.contains(peer)) {
            return;
        }
        faultPeers.add(peer);
        faultDetails.add(detail);
    }

    private void applyFaults() {
        for (int i = 0; i < faultPeers.size(); i++) {
            NetPeer peer = faultPeers.get(i);
            String detail = faultDetails.get(i);
            LOG.log(System.Logger.Level.WARNING, "dropping client {0} ({1}) with PROTOCOL_ERROR: {2}",
                    peer.id(), peer.remoteAddress(), detail);
            peer.disconnect(DisconnectReason.PROTOCOL_ERROR, detail);
        }
        faultPeers.clear();
        faultDetails.clear();
    }

    private void join(NetPeer peer) {
        GamePlayer returning = pendingResumes.remove(peer.remoteAddress());
        if (returning != null && peer.admission() != null && peer.admission().kind() == CredentialKind.RESUME
                && !returning.left) {
            resume(peer, returning);
            return;
        }
        GamePlayer p = new GamePlayer(this, peer, null, null, null);
        bindConnection(p, peer);
        players.add(p);
        byPeer.put(peer.id(), p);
        byId.put(p.id(), p);
        p.firstAdmission = peer.admission();
        joins++;
        issueTicket(p);
        LOG.log(System.Logger.Level.INFO, "player {0} joined from {1} ({2}); {3} players now", peer.id(),
                peer.remoteAddress(), peer.admission(), players.size());
        game.playerJoined(p);
    }

    /**
     * The server's admission: a RESUME credential is checked against the ticket table here; anything
     * else goes to the configured admission (open, password, connect tokens). Tick thread, inside
     * NetServer.receive.
     */
    private AdmissionResult admit(AdmissionRequest request) {
        if (request.kind() != CredentialKind.RESUME) {
            return configuredAdmission.decide(request);
        }
        ResumeVerdict v = tickets.redeem(request.credential());
        if (v != ResumeVerdict.OK) {
            resumeRefusals[v.ordinal()]++;
            LOG.log(System.Logger.Level.INFO, "refused a resume ticket from {0}: {1}", request.remoteAddress(),
                    v.detail());
            return AdmissionResult.refuse(AdmissionRefusal.RESUME_REFUSED,
                    "resume ticket refused (" + v + "): " + v.detail());
        }
        GamePlayer p = tickets.redeemed();
        pendingResumes.put(request.remoteAddress(), p);
        AdmissionResult first = p.firstAdmission;
        // The resumed connection proves what the player's first one proved (a connect token's client id).
        return AdmissionResult.admit(CredentialKind.RESUME, first == null ? 0 : first.clientId(),
                first == null ? null : first.userData());
    }

    /** {@code peer} was admitted with {@code p}'s resume ticket: the player moves to it. Tick thread. */
    private void resume(NetPeer peer, GamePlayer p) {
        NetPeer old = p.peer();
        if (!p.away) {
            // The client noticed the loss before we did: its old connection is over, the new one wins.
            byPeer.remove(old.id());
            old.disconnect(DisconnectReason.CLOSED_BY_APPLICATION, "replaced by the same player's new connection");
            LOG.log(System.Logger.Level.INFO, "player {0} came back on a new connection before its old one "
                    + "timed out; closing the old one", p.id());
        } else {
            awayCount--;
        }
        retireInputCounters(p); // the fresh input buffer starts them at 0
        bindConnection(p, peer);
        p.back();
        byPeer.put(peer.id(), p);
        playersBack++;
        issueTicket(p);
        LOG.log(System.Logger.Level.INFO, "player {0} is back from {1} (reconnect {2})", p.id(), peer.remoteAddress(),
                p.reconnects());
        game.playerBack(p);
    }

    /**
     * Gives {@code p} the per-connection state of {@code peer}: a fresh input buffer, snapshot history
     * (the next snapshot is a full state) and replicator. On joining and on every resume.
     */
    private void bindConnection(GamePlayer p, NetPeer peer) {
        InterestPolicy interest = config.interest().get();
        if (interest == null) {
            throw new IllegalStateException("the interest factory returned null for " + peer);
        }
        ClientSnapshotState snapshots = new ClientSnapshotState(config.schema(), config.snapshotRingSize(),
                config.maxEntitiesPerSnapshot());
        p.bind(peer, new InputBuffer(config.maxInputBytes(), config.inputBufferTicks()), snapshots,
                new ClientReplicator(codec, snapshots, interest, config.snapshotByteBudget()));
    }

    /** Gives the player a fresh single-use resume ticket and hands it to its client. */
    private void issueTicket(GamePlayer p) {
        byte[] ticket = tickets.issue(p);
        // Carried by this connection's ACCEPT (written at the next flush), inside DTLS.
        p.peer().setAcceptCredential(CredentialKind.RESUME, ticket);
    }

    /** The lost connection of a joined player may be resumed: not a kick, refusal, shutdown or the client's close. */
    private boolean mayResume(GamePlayer p, DisconnectReason reason) {
        if (graceNanos == 0 || p.faulted || shuttingDown) {
            return false;
        }
        return reason == DisconnectReason.TIMEOUT || reason == DisconnectReason.TRANSPORT_FAILED
                || reason == DisconnectReason.DTLS_ALERT;
    }

    private void leave(NetPeer peer, DisconnectReason reason, String detail) {
        GamePlayer p = byPeer.get(peer.id());
        if (p == null || p.peer() != peer) {
            return; // never joined (e.g. refused as SERVER_FULL), or an old connection a resume replaced
        }
        byPeer.remove(peer.id());
        if (mayResume(p, reason)) {
            p.away = true;
            p.graceEndsNanos = nowNanos + graceNanos;
            p.awayReason = reason;
            p.awayDetail = detail;
            awayCount++;
            playersAway++;
            LOG.log(System.Logger.Level.INFO, "player {0} lost its connection: {1}{2}; kept {3} ms for a reconnect",
                    p.id(), reason, detail == null || detail.isEmpty() ? "" : " (" + detail + ")",
                    config.reconnectGraceMillis());
            game.playerAway(p, reason, detail);
            return;
        }
        remove(p, reason, detail);
    }

    /** Away players whose grace is over leave for good, with the reason their connection was lost. */
    private void expireAway(long now) {
        if (awayCount == 0) {
            return;
        }
        for (int i = players.size() - 1; i >= 0 && awayCount > 0; i--) {
            GamePlayer p = players.get(i);
            if (p.away && now - p.graceEndsNanos >= 0) {
                awayCount--;
                p.away = false;
                remove(p, p.awayReason, "did not reconnect within reconnectGraceMillis "
                        + config.reconnectGraceMillis() + " after: "
                        + (p.awayDetail == null || p.awayDetail.isEmpty() ? p.awayReason.toString() : p.awayDetail));
            }
        }
    }

    /** Every away player leaves now (shutdown), with SERVER_SHUTDOWN. */
    private void releaseAway(String detail) {
        for (int i = players.size() - 1; i >= 0 && awayCount > 0; i--) {
            GamePlayer p = players.get(i);
            if (p.away) {
                awayCount--;
                p.away = false;
                remove(p, DisconnectReason.SERVER_SHUTDOWN, detail);
            }
        }
    }

    /** Adds the counters of {@code p}'s input buffer to the retired totals (before it is replaced or dropped). */
    private void retireInputCounters(GamePlayer p) {
        retiredApplied += p.inputsApplied();
        retiredRepeated += p.inputsRepeated();
        retiredLate += p.inputsLate();
        retiredDuplicate += p.inputsDuplicate();
        retiredTooFarAhead += p.inputsTooFarAhead();
    }

    private void remove(GamePlayer p, DisconnectReason reason, String detail) {
        p.left = true;
        pendingResumes.values().remove(p);
        players.remove(p); // keeps join order; rare enough for a linear scan
        byId.remove(p.id());
        tickets.playerLeft(p);
        retireInputCounters(p);
        leaves[reason.ordinal()]++;
        LOG.log(System.Logger.Level.INFO, "player {0} left: {1}{2}; {3} players now", p.id(), reason,
                detail == null || detail.isEmpty() ? "" : " (" + detail + ")", players.size());
        game.playerLeft(p, reason, detail);
    }

    private void tick(long tick) {
        currentTick = tick;
        for (int i = 0, n = players.size(); i < n; i++) {
            GamePlayer p = players.get(i);
            if (p.faulted || !p.isConnected()) {
                continue;
            }
            InputRecord input = p.inputs.next(tick);
            if (input != null) {
                game.applyInput(p, input);
            }
        }
        game.step(tick);
    }

    private void snapshot(long tick) {
        world.begin(tick);
        game.writeWorld(tick, world);
        int h = SnapshotFrame.HEADER_BYTES;
        for (int i = 0, n = players.size(); i < n; i++) {
            GamePlayer p = players.get(i);
            if (p.faulted || !p.isConnected()) {
                continue;
            }
            int len = p.replicator.buildAndEncode(world.snapshot(), world.xs(), world.ys(), frame, h);
            if (len < 0) {
                p.snapshotsOverBudget++;
                snapshotsOverBudget++;
                continue;
            }
            SnapshotFrame.writeHeader(frame, 0, tick, p.inputs.lastProcessedTick(), p.inputs.pendingCount());
            if (p.peer().sendBytes(frame, 0, h + len, GameChannels.SNAPSHOTS) == SendStatus.QUEUED) {
                p.lastSnapshotBytes = h + len;
                p.snapshotBytesSent += h + len;
                p.snapshotsSent++;
                snapshotBytesSent += h + len;
                snapshotsSent++;
            } else {
                p.snapshotsNotQueued++;
                snapshotsNotQueued++;
            }
        }
    }

    /** The loop's callbacks; a separate object so GameServer's public API stays the game's. */
    private final class Ticks implements TickHandler {
        @Override
        public void onStepBegin(long nowNanos) {
            GameServer.this.nowNanos = nowNanos;
            net.receive(nowNanos);
            applyFaults();
            expireAway(nowNanos);
            if (!shutdownBegun && shuttingDown) {
                String detail = shutdownRequest.get();
                if (detail != null) {
                    shutdownBegun = true;
                    LOG.log(System.Logger.Level.INFO, "shutting down ({0}): disconnecting {1} players", detail,
                            players.size());
                    net.beginShutdown(detail);
                    releaseAway(detail);
                }
            }
        }

        @Override
        public void onTick(long tick, long nowNanos) {
            tick(tick);
        }

        @Override
        public void onSnapshot(long tick, long nowNanos) {
            snapshot(tick);
        }

        @Override
        public void onStepEnd(long nowNanos, int ticksRun) {
            net.flush(nowNanos);
            if (net.isClosed()) {
                // A requested shutdown is over: stop stepping (BLOCKING: the tick thread ends).
                loop.stop();
                publishMetrics(nowNanos);
                closed = true;
            } else if (nowNanos - nextMetricsNanos >= 0) {
                publishMetrics(nowNanos);
            }
        }
    }

    /** NetServer events, on the tick thread inside update/flush. */
    private final class Listener implements NetListener {
        @Override
        public void connected(NetPeer peer) {
            join(peer);
        }

        @Override
        public void disconnected(NetPeer peer, DisconnectReason reason, String detail) {
            if (peer != null) {
                leave(peer, reason, detail);
            }
        }

        @Override
        public void received(NetPeer peer, Object message, int channel) {
            GamePlayer p = byPeer.get(peer.id());
            if (p != null && !p.faulted) {
                game.received(p, message, channel);
            }
        }

        @Override
        public void error(NetPeer peer, String detail, Throwable cause) {
            LOG.log(System.Logger.Level.WARNING, (peer == null ? "" : "client " + peer.id() + ": ") + detail, cause);
        }
    }
}
