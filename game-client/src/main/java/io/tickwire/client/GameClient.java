package io.tickwire.client;

import io.tickwire.net.NetClient;
import io.tickwire.net.NetListener;
import io.tickwire.net.NetPeer;
import io.tickwire.net.protocol.ConnectionStats;
import io.tickwire.net.protocol.CredentialKind;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.protocol.SendStatus;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.replication.InputFrame;
import io.tickwire.net.replication.Snapshot;
import io.tickwire.net.replication.SnapshotCodec;
import io.tickwire.net.replication.SnapshotFrame;
import io.tickwire.net.replication.SnapshotStatus;
import io.tickwire.net.serial.TickStamp;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.bouncycastle.tls.TlsSession;

/**
 * The client side of a Tickwire game, wired together: connection, snapshot decoding against acknowledged
 * baselines, clock sync, interpolation of remote entities, input sending with redundancy, prediction and
 * reconciliation of the local player, and tick-stamped events held until the world on screen reaches them.
 *
 * <pre>{@code
 * GameClient client = GameClient.connect(config, game);
 * // every frame, on the render thread:
 * client.update(System.nanoTime());
 * client.predictedState(me);                  // the local player, corrections smoothed
 * client.sampleRemote(id, channels);          // everyone else, interpolated
 * // when done:
 * client.close();
 * }</pre>
 *
 * <p>Threads: owned by the thread that calls {@link #update} (the first caller); every {@link ClientGame}
 * callback runs there, inside {@code update}. Time is a parameter: {@code nowNanos} must come from the same
 * source as the net-core config's clock ({@link System#nanoTime()} by default).
 *
 * <p>Steady state allocates nothing per frame (decoding, interpolation, prediction, sending); only registry
 * messages decoded by Kryo bring their own objects.
 */
public final class GameClient implements AutoCloseable {
    private static final int NO_SEQUENCE = -1;
    /** Weight of a new snapshot in {@link NetGraph#averageSnapshotBytes()}. */
    private static final double BYTES_SMOOTHING = 0.05;

    private final GameClientConfig config;
    private final ClientGame game;
    private NetClient net;

    // Snapshot decoding: a ring of decoded snapshots keyed by sequence (slot = sequence & ringMask).
    private final SnapshotCodec codec;
    private final SnapshotFrame frame = new SnapshotFrame();
    private final Snapshot[] ring;
    private final boolean[] ringValid;
    private final int ringMask;
    private Snapshot scratch;
    private int newestSequence = NO_SEQUENCE;

    // Snapshots decoded during the current poll, handled after it (game callbacks never run inside the
    // network handler). A ring: if a stall delivers more than fit, the oldest arrivals are forgotten.
    private final int[] arrivalSequence;
    private final long[] arrivalTick;
    private final long[] arrivalProcessed;
    private final int[] arrivalBuffered;
    private int arrivalHead;
    private int arrivalCount;

    private ServerClock clock;
    private InterpolationDelay delay;
    private final SnapshotBuffer buffer;
    private final Interpolator interpolator;
    private InputHistory history;
    private final ErrorSmoother smoother;
    private final float[] channels;
    private final float[] predicted;
    private final float[] replay;
    private final float[] correction;
    private final byte[] input;
    private final byte[] scratchInput;
    private final byte[] inputFrame;
    private final NetGraph graph = new NetGraph();

    // Tick-stamped events waiting for the render tick: a ring of (tick, message).
    private final Object[] heldEvents;
    private final long[] heldTicks;
    private int heldHead;
    private int heldCount;
    private boolean stamped;
    private long stampTick;

    private int localEntity = -1;
    private boolean predictionReady;
    private long lastTick = -1;
    private double renderTick = Double.NaN;
    private boolean connected;
    private boolean running = true;
    private boolean closed;

    // Quick reconnect (owner thread).
    private final ReconnectPolicy policy;
    private final SplittableRandom jitter;
    private final Listener listener = new Listener();
    private ConnectionStatus status = ConnectionStatus.CONNECTING;
    private long nowNanos;
    private int attempt;
    private boolean attemptInFlight;
    // Set while an abandoned attempt is closed: its events are not the game's business.
    private boolean silenced;
    private long nextAttemptNanos;
    private long lostAtNanos;
    private long giveUpAtNanos;
    private DisconnectReason lostReason;
    private String lostDetail;
    private TlsSession session;
    // The player's resume ticket from the server's last ACCEPT (null: none, or refused), and whether
    // the attempt in flight presents it.
    private byte[] ticket;
    private boolean presentingTicket;
    private long ticketRefusals;
    private long reconnects;
    private long lastReconnectNanos = -1;

    private GameClient(GameClientConfig config, ClientGame game) {
        this.config = config;
        this.game = game;
        int max = config.maxEntities();
        this.codec = new SnapshotCodec(config.schema(), max, config.maxSnapshotBytes());
        int ringSize = config.snapshotRing();
        this.ring = new Snapshot[ringSize];
        for (int i = 0; i < ringSize; i++) {
            ring[i] = new Snapshot(config.schema(), max);
        }
        this.ringValid = new boolean[ringSize];
        this.ringMask = ringSize - 1;
        this.scratch = new Snapshot(config.schema(), max);
        this.arrivalSequence = new int[ringSize];
        this.arrivalTick = new long[ringSize];
        this.arrivalProcessed = new long[ringSize];
        this.arrivalBuffered = new int[ringSize];
        this.clock = new ServerClock(config.clock());
        this.delay = InterpolationDelay.defaults(config.tickNanos());
        this.buffer = new SnapshotBuffer(ringSize, max, config.interpolationChannels());
        this.interpolator = new Interpolator(buffer, config.angleChannelsCopy(), config.maxExtrapolationTicks());
        this.history = new InputHistory(config.inputHistory(), config.maxInputBytes());
        this.smoother = new ErrorSmoother(config.smoothedChannels(), config.snapDistance(), config.decayPerSecond(),
                config.settleDistance());
        this.channels = new float[config.interpolationChannels()];
        this.predicted = new float[config.predictedStateSize()];
        this.replay = new float[config.predictedStateSize()];
        this.correction = new float[config.smoothedChannels()];
        this.input = new byte[config.maxInputBytes()];
        this.scratchInput = new byte[config.maxInputBytes()];
        this.inputFrame = new byte[InputFrame.frameBytes(InputFrame.MAX_INPUTS,
                InputFrame.MAX_INPUTS * config.maxInputBytes())];
        this.heldEvents = new Object[config.maxHeldEvents()];
        this.heldTicks = new long[config.maxHeldEvents()];
        this.policy = config.reconnect();
        this.jitter = policy.newRandom();
        this.nowNanos = config.net().clock().nanoTime();
        this.net = NetClient.connect(config.net(), listener);
        net.setRawHandler(GameChannels.SNAPSHOTS, this::onSnapshotFrame);
    }

    /**
     * Starts connecting to the server named in {@code config.net()}; {@link ClientGame#connected} or
     * {@link ClientGame#disconnected} follows from a later {@link #update}.
     */
    public static GameClient connect(GameClientConfig config, ClientGame game) {
        return new GameClient(Objects.requireNonNull(config, "config"), Objects.requireNonNull(game, "game"));
    }

    /**
     * One frame: receives (snapshots, events), updates clock, interpolation and prediction, delivers due
     * events, runs every client tick that is due (sample, record, predict, send an input frame) and sends.
     * Returns false once the connection is over.
     *
     * @throws IllegalStateException when called from another thread than the first caller's, or when the
     *     game's {@link ClientGame#sampleInput} returns a length outside 0..maxInputBytes
     */
    public boolean update(long nowNanos) {
        if (closed) {
            return false;
        }
        this.nowNanos = nowNanos;
        if (status == ConnectionStatus.RECONNECTING) {
            if (!attemptInFlight && nowNanos - nextAttemptNanos >= 0) {
                startAttempt();
            } else if (attemptInFlight && nowNanos - giveUpAtNanos >= 0) {
                // The give-up time cuts an attempt still waiting for a dead server.
                abandonAttempt();
                giveUp();
            }
        }
        smoother.update(nowNanos);   // decay first: a correction absorbed in this frame shows whole
        running = net.receive(nowNanos) || status == ConnectionStatus.RECONNECTING;
        handleArrivals(nowNanos);
        clock.update(nowNanos);
        renderTick = delay.renderTick(nowNanos);
        deliverDueEvents();
        if (status != ConnectionStatus.RECONNECTING) {
            // While reconnecting no input can reach the server (which applies none to an away player):
            // the local player stands still rather than being predicted away from where it will be.
            runDueTicks();
        }
        net.flush(nowNanos);
        refreshGraph();
        return running && status != ConnectionStatus.DISCONNECTED;
    }

    // ---------------------------------------------------------------- quick reconnect

    /** The connection was lost for a reason a reconnect may fix: wait, then try again (see {@link ReconnectPolicy}). */
    private void connectionLost(DisconnectReason reason, String detail) {
        lostReason = reason;
        lostDetail = detail;
        lostAtNanos = nowNanos;
        giveUpAtNanos = nowNanos + policy.giveUpMillis() * 1_000_000L;
        attempt = 0;
        keepResumableSession();
        status = ConnectionStatus.RECONNECTING;
        deliverAllHeld();
        scheduleAttempt();
    }

    /** Schedules the next attempt, or gives up when it would start after the give-up time. */
    private void scheduleAttempt() {
        attemptInFlight = false;
        long delayNanos = policy.delayNanos(attempt + 1, jitter);
        if (nowNanos + delayNanos - giveUpAtNanos > 0) {
            giveUp();
            return;
        }
        attempt++;
        nextAttemptNanos = nowNanos + delayNanos;
        game.reconnecting(attempt, delayNanos, lostReason, lostDetail);
    }

    private void giveUp() {
        status = ConnectionStatus.DISCONNECTED;
        running = false;
        game.disconnected(lostReason, lostDetail + " (gave up reconnecting after " + attempt + " attempts in "
                + (nowNanos - lostAtNanos) / 1_000_000L + " ms; ReconnectPolicy giveUpMillis " + policy.giveUpMillis() + ")");
    }

    /** Closes the attempt in flight without telling the game (the caller decides what comes next). */
    private void abandonAttempt() {
        attemptInFlight = false;
        silenced = true;
        try {
            net.close();
        } finally {
            silenced = false;
        }
    }

    /** Replaces the finished connection with a new one to the same server, offering the DTLS session. */
    private void startAttempt() {
        attemptInFlight = true;
        net.close();
        // The new connection numbers its snapshots from 0 again: nothing decoded so far is a baseline.
        Arrays.fill(ringValid, false);
        newestSequence = NO_SEQUENCE;
        arrivalHead = 0;
        arrivalCount = 0;
        presentingTicket = ticket != null;
        net = presentingTicket ? NetClient.connect(config.net(), listener, session, CredentialKind.RESUME, ticket)
                : NetClient.connect(config.net(), listener, session);
        net.setRawHandler(GameChannels.SNAPSHOTS, this::onSnapshotFrame);
    }

    /** Keeps the connection's DTLS session to offer on the next attempt, when it has one that may resume. */
    private void keepResumableSession() {
        TlsSession s = net.resumableSession();
        if (s != null) {
            session = s;
        }
    }

    /** Keeps the resume ticket the server's ACCEPT carried, if any. */
    private void takeTicket() {
        NetPeer server = net.server();
        if (server != null && server.acceptedCredentialKind() == CredentialKind.RESUME) {
            byte[] t = server.acceptedCredential();
            ticket = t.length == 0 ? null : t;
        } else {
            ticket = null;
        }
    }

    /** The new connection is up: the world, the clock and the inputs start over from its first snapshot. */
    private void reconnectedNow() {
        boolean resumed = presentingTicket;
        attemptInFlight = false;
        status = ConnectionStatus.CONNECTED;
        reconnects++;
        lastReconnectNanos = nowNanos - lostAtNanos;
        clock = new ServerClock(config.clock());
        delay = InterpolationDelay.defaults(config.tickNanos());
        buffer.clear();
        history = new InputHistory(config.inputHistory(), config.maxInputBytes());
        lastTick = -1;
        renderTick = Double.NaN;
        predictionReady = false;
        stamped = false;
        if (!resumed) {
            localEntity = -1; // a new player: the game learns its entity again
        }
        keepResumableSession();
        game.reconnected(resumed);
    }

    /** Where the connection stands (connecting, connected, reconnecting, disconnected). */
    public ConnectionStatus connectionStatus() {
        return status;
    }

    /** The number of the current (or last) reconnect attempt since the connection was lost; 0 before any. */
    public int reconnectAttempt() {
        return attempt;
    }

    /**
     * Config-clock time of the next reconnect attempt while {@link ConnectionStatus#RECONNECTING} and
     * waiting for it; meaningless otherwise.
     */
    public long nextReconnectNanos() {
        return nextAttemptNanos;
    }

    /** Whether a reconnect attempt is under way now (handshake or connect exchange). */
    public boolean isReconnectAttemptInFlight() {
        return status == ConnectionStatus.RECONNECTING && attemptInFlight;
    }

    /** Reconnects that succeeded since the start. */
    public long reconnects() {
        return reconnects;
    }

    /** How long the last successful reconnect took, from the loss to the new connection; -1 before any. */
    public long lastReconnectNanos() {
        return lastReconnectNanos;
    }

    /** Resume tickets the server refused (it restarted or no longer held the player); the client then joined anew. */
    public long ticketRefusals() {
        return ticketRefusals;
    }

    /** Whether the client holds a resume ticket from the server (to get its player back after a loss). */
    public boolean hasResumeTicket() {
        return ticket != null;
    }

    /** Why the connection was last lost (the reason reconnecting started from), or null. */
    public DisconnectReason lostReason() {
        return lostReason;
    }

    // ---------------------------------------------------------------- snapshots (network handler)

    private void onSnapshotFrame(NetPeer peer, int channel, byte[] buf, int off, int len) {
        graph.snapshotsReceived++;
        if (!frame.read(buf, off, len)) {
            graph.snapshotsMalformed++;
            return;
        }
        int po = frame.payloadOffset();
        int pl = frame.payloadLength();
        int base = codec.peekBaselineSequence(buf, po, pl);
        if (base == -2) {
            graph.snapshotsMalformed++;
            return;
        }
        Snapshot baseline = null;
        if (base >= 0) {
            baseline = decoded(base);
            if (baseline == null) {
                graph.snapshotsMissingBaseline++;   // the server named a baseline we no longer (or never) had
                return;
            }
        }
        if (codec.decode(buf, po, pl, baseline, scratch) != SnapshotStatus.OK) {
            graph.snapshotsMalformed++;
            return;
        }
        int seq = scratch.sequence();
        if (newestSequence != NO_SEQUENCE && !newer(seq, newestSequence)) {
            graph.snapshotsStale++;
            return;
        }
        int slot = seq & ringMask;
        Snapshot old = ring[slot];
        ring[slot] = scratch;
        ringValid[slot] = true;
        scratch = old;
        newestSequence = seq;
        graph.snapshotsDecoded++;
        if (baseline != null) {
            graph.snapshotsDeltaDecoded++;
        }
        graph.lastSnapshotBytes = len;
        graph.averageSnapshotBytes = graph.averageSnapshotBytes == 0 ? len
                : graph.averageSnapshotBytes + BYTES_SMOOTHING * (len - graph.averageSnapshotBytes);
        int a;
        if (arrivalCount == arrivalSequence.length) {
            a = arrivalHead;                       // forget the oldest arrival of this poll
            arrivalHead = (arrivalHead + 1) % arrivalSequence.length;
        } else {
            a = (arrivalHead + arrivalCount++) % arrivalSequence.length;
        }
        arrivalSequence[a] = seq;
        arrivalTick[a] = frame.serverTick();
        arrivalProcessed[a] = frame.processedInputTick();
        arrivalBuffered[a] = frame.bufferedInputs();
    }

    /** The decoded snapshot with sequence {@code seq} if the ring still holds it, else null. */
    private Snapshot decoded(int seq) {
        int slot = seq & ringMask;
        return ringValid[slot] && ring[slot].sequence() == seq ? ring[slot] : null;
    }

    /** Whether 16-bit sequence {@code a} is newer than {@code b}, the space being a circle. */
    private static boolean newer(int a, int b) {
        int d = (a - b) & 0xFFFF;
        return d != 0 && d < 0x8000;
    }

    // ---------------------------------------------------------------- after poll: clock, buffer, reconciliation

    private void handleArrivals(long nowNanos) {
        if (arrivalCount == 0) {
            return;
        }
        ConnectionStats stats = net.stats();
        long rtt = stats == null ? 0 : stats.smoothedRttNanos();
        Snapshot newest = null;
        long newestProcessed = SnapshotFrame.NO_INPUT;
        for (int k = 0; k < arrivalCount; k++) {
            int a = (arrivalHead + k) % arrivalSequence.length;
            Snapshot s = decoded(arrivalSequence[a]);
            if (s == null) {
                continue;   // overwritten by a later snapshot of the same poll
            }
            long tick = arrivalTick[a];
            clock.onSnapshot(tick, rtt, nowNanos);
            if (arrivalProcessed[a] != SnapshotFrame.NO_INPUT) {
                clock.onInputFeedback(arrivalBuffered[a]);
            }
            delay.onSnapshotArrival(tick, nowNanos);
            if (buffer.begin(tick) == io.tickwire.client.SnapshotStatus.OK) {
                int n = Math.min(s.count(), buffer.maxEntities());
                for (int i = 0; i < n; i++) {
                    Arrays.fill(channels, 0f);
                    game.readInterpolated(s, i, channels);
                    buffer.put(s.entityId(i), channels);
                }
                buffer.commit();
            }
            newest = s;
            newestProcessed = arrivalProcessed[a];
        }
        arrivalHead = 0;
        arrivalCount = 0;
        if (newest != null) {
            reconcile(newest, newestProcessed);
        }
    }

    /** Rebuilds the prediction from the authoritative state at {@code processed} plus the inputs after it. */
    private void reconcile(Snapshot s, long processed) {
        if (localEntity < 0) {
            return;
        }
        int index = s.indexOf(localEntity);
        if (index < 0) {
            return;
        }
        if (processed >= 0 && processed < history.ackedTick()) {
            return;   // older than what an earlier snapshot already confirmed
        }
        Arrays.fill(replay, 0f);
        game.readPredicted(s, index, replay);
        if (processed >= 0) {
            history.acknowledge(processed);
        }
        for (long u = history.nextTick(processed); u >= 0; u = history.nextTick(u)) {
            int len = history.copy(u, scratchInput, 0);
            game.predict(replay, scratchInput, 0, len);
        }
        if (predictionReady) {
            double sq = 0;
            for (int c = 0; c < correction.length; c++) {
                correction[c] = predicted[c] - replay[c];
                sq += (double) correction[c] * correction[c];
            }
            double settle = config.settleDistance();
            if (sq > settle * settle) {
                if (smoother.absorb(correction) == CorrectionKind.SNAPPED) {
                    graph.correctionsSnapped++;
                } else {
                    graph.correctionsSmoothed++;
                }
            }
        }
        System.arraycopy(replay, 0, predicted, 0, predicted.length);
        predictionReady = true;
    }

    // ---------------------------------------------------------------- inputs

    private void runDueTicks() {
        long target = clock.clientTick();
        if (target < 0 || target <= lastTick) {
            return;
        }
        if (lastTick < 0) {
            lastTick = target - 1;
        }
        long due = target - lastTick;
        if (due > config.maxCatchUpTicks()) {
            graph.ticksSkipped += due - config.maxCatchUpTicks();
            lastTick = target - config.maxCatchUpTicks();
        }
        for (long t = lastTick + 1; t <= target; t++) {
            runTick(t);
        }
        lastTick = target;
    }

    private void runTick(long tick) {
        int len = game.sampleInput(tick, input);
        if (len < 0 || len > input.length) {
            throw new IllegalStateException("ClientGame.sampleInput returned " + len
                    + " for tick " + tick + "; an input is 0..maxInputBytes (" + input.length + ") bytes");
        }
        history.record(tick, input, 0, len);
        if (predictionReady) {
            game.predict(predicted, input, 0, len);
        }
        sendInputs();
    }

    /** Sends the newest input and up to inputRedundancy - 1 unacknowledged ones before it, plus the snapshot ack. */
    private void sendInputs() {
        long newest = history.newestTick();
        long first = newest;
        int count = 1;
        while (count < config.inputRedundancy() && first - 1 > history.ackedTick() && history.contains(first - 1)) {
            first--;
            count++;
        }
        int pos = InputFrame.writeHeader(inputFrame, 0, newestSequence, newest, count);
        for (long u = first; u <= newest; u++) {
            int len = history.copy(u, scratchInput, 0);
            pos = InputFrame.writeInput(inputFrame, pos, scratchInput, 0, len);
        }
        if (net.sendBytes(inputFrame, 0, pos, GameChannels.INPUTS) == SendStatus.QUEUED) {
            graph.inputFramesSent++;
        } else {
            graph.inputSendFailures++;
        }
    }

    // ---------------------------------------------------------------- events

    private void onEventsMessage(Object message) {
        if (message instanceof TickStamp stamp) {
            stamped = true;
            stampTick = stamp.tick;
            return;
        }
        if (!stamped) {
            game.received(message, GameChannels.EVENTS);
            return;
        }
        if (heldCount == heldEvents.length) {
            graph.eventsDeliveredEarly++;
            deliverOldestHeld();
        }
        int i = (heldHead + heldCount++) % heldEvents.length;
        heldEvents[i] = message;
        heldTicks[i] = stampTick;
    }

    private void deliverDueEvents() {
        while (heldCount > 0 && heldTicks[heldHead] <= renderTick) {
            deliverOldestHeld();
        }
    }

    private void deliverAllHeld() {
        while (heldCount > 0) {
            deliverOldestHeld();
        }
    }

    private void deliverOldestHeld() {
        Object e = heldEvents[heldHead];
        long tick = heldTicks[heldHead];
        heldEvents[heldHead] = null;
        heldHead = (heldHead + 1) % heldEvents.length;
        heldCount--;
        game.event(e, tick);
    }

    // ---------------------------------------------------------------- drawing

    /** Tells which entity is the local player's (e.g. from a welcome event); -1 for none. Prediction restarts from the next snapshot. */
    public void setLocalEntity(int entityId) {
        if (entityId != localEntity) {
            localEntity = entityId;
            predictionReady = false;
        }
    }

    /** The local player's entity id, or -1. */
    public int localEntity() {
        return localEntity;
    }

    /** Writes {@code entityId}'s interpolated channels at the current render tick into {@code out}; MISSING leaves it untouched. */
    public SampleKind sampleRemote(int entityId, float[] out) {
        if (Double.isNaN(renderTick)) {
            return SampleKind.MISSING;
        }
        return interpolator.sample(entityId, renderTick, out);
    }

    /** Copies the local player's predicted state plus the smoothing offset into {@code out}; false (untouched) until prediction starts. */
    public boolean predictedState(float[] out) {
        if (!predictionReady) {
            return false;
        }
        System.arraycopy(predicted, 0, out, 0, predicted.length);
        smoother.apply(out);
        return true;
    }

    /** Length of the visual offset that smoothing currently adds to the predicted state (0 when settled). */
    public double smoothingOffset() {
        return smoother.offsetLength();
    }

    /** Whether the local player's state is being predicted (its entity is set and was in a snapshot). */
    public boolean isPredicting() {
        return predictionReady;
    }

    /** The newest decoded snapshot (for discrete fields such as health or names), or null; owned by the client, valid until the next update. */
    public Snapshot latestSnapshot() {
        return newestSequence == NO_SEQUENCE ? null : decoded(newestSequence);
    }

    /** The server tick remote entities are drawn at (fractional), NaN before the first snapshot. */
    public double renderTick() {
        return renderTick;
    }

    /** The newest client tick whose input was sampled, -1 before the first snapshot. */
    public long clientTick() {
        return lastTick;
    }

    /** Live figures for a net graph; updated in place by every update. */
    public NetGraph netGraph() {
        return graph;
    }

    /** Whether the connection is established. */
    public boolean isConnected() {
        return connected && net.isConnected();
    }

    /** The underlying net-core client, for sending the game's own messages ({@code net().send(message, channel)}) and its statistics. */
    public NetClient net() {
        return net;
    }

    /** The configuration this client runs with. */
    public GameClientConfig config() {
        return config;
    }

    /**
     * Disconnects gracefully (see {@link NetClient#close()}); held events are delivered first, then
     * {@link ClientGame#disconnected}. Call on the updating thread. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        net.close();
        if (status != ConnectionStatus.DISCONNECTED) {
            // Closed between reconnect attempts, or while one was still in its handshake: no connection
            // was left to report the close, so say it here.
            status = ConnectionStatus.DISCONNECTED;
            game.disconnected(DisconnectReason.CLOSED_BY_APPLICATION, "client closed while reconnecting");
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    private void refreshGraph() {
        ConnectionStats s = net.stats();
        if (s != null) {
            graph.rttMillis = s.smoothedRttNanos() / 1e6;
            graph.rttVarianceMillis = s.rttVarianceNanos() / 1e6;
            graph.lossPercent = s.packetLoss() * 100.0;
            graph.kbpsIn = s.bytesReceivedPerSecond() * 8 / 1000.0;
            graph.kbpsOut = s.bytesSentPerSecond() * 8 / 1000.0;
        }
        double tickMillis = config.tickNanos() / 1e6;
        graph.jitterMillis = delay.jitterTicks() * tickMillis;
        graph.interpolationDelayMillis = delay.delayTicks() * tickMillis;
        graph.leadTicks = clock.leadTicks();
        graph.clockState = clock.state();
    }

    /** Routes net-core events to the game; runs inside {@link NetClient#poll}. */
    private final class Listener implements NetListener {
        @Override
        public void connected(NetPeer peer) {
            if (silenced) {
                return;
            }
            connected = true;
            takeTicket();
            if (status == ConnectionStatus.RECONNECTING) {
                reconnectedNow();
                return;
            }
            status = ConnectionStatus.CONNECTED;
            game.connected();
        }

        @Override
        public void disconnected(NetPeer peer, DisconnectReason reason, String detail) {
            if (silenced) {
                return;
            }
            connected = false;
            if (!closed && policy.enabled() && ReconnectPolicy.retries(reason)) {
                if (status == ConnectionStatus.CONNECTED) {
                    connectionLost(reason, detail);
                    return;
                }
                if (status == ConnectionStatus.RECONNECTING) {
                    // This attempt failed the way a dead network fails: try again later.
                    lostDetail = detail;
                    scheduleAttempt();
                    return;
                }
            }
            if (!closed && status == ConnectionStatus.RECONNECTING && presentingTicket
                    && reason == DisconnectReason.AUTHENTICATION_FAILED) {
                // The server does not know the ticket (it restarted, or the grace ran out): join again
                // with the original credential, at once.
                ticket = null;
                ticketRefusals++;
                lostDetail = detail;
                attemptInFlight = false;
                nextAttemptNanos = nowNanos;
                attempt++;
                game.reconnecting(attempt, 0, lostReason, detail);
                return;
            }
            status = ConnectionStatus.DISCONNECTED;
            deliverAllHeld();
            game.disconnected(reason, detail);
        }

        @Override
        public void received(NetPeer peer, Object message, int channel) {
            if (channel == GameChannels.EVENTS) {
                onEventsMessage(message);
            } else {
                game.received(message, channel);
            }
        }

        @Override
        public void error(NetPeer peer, String detail, Throwable cause) {
            game.error(detail, cause);
        }
    }
}
