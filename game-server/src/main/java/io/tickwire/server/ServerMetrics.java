package io.tickwire.server;

import io.tickwire.net.ConnectionTotals;
import io.tickwire.net.NetServer;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.replication.InputFrame;
import io.tickwire.net.transport.EndpointStats;
import io.tickwire.net.transport.HandshakeFailure;
import java.util.Arrays;
import java.util.concurrent.locks.StampedLock;

/**
 * A {@link GameServer}'s figures as other threads may read them (an HTTP metrics endpoint, a
 * console): the tick thread copies its counters here every
 * {@link GameServerConfig#metricsIntervalMillis()} (and once more when the server closes), and
 * {@link #snapshot()} returns a consistent copy from any thread.
 *
 * <p>Why a copy rather than live reads: the game's counters belong to the tick thread and are
 * plain fields. Publishing writes one array under a {@link StampedLock} write lock that readers
 * never take (they read optimistically and retry), so the tick thread never waits for a reader
 * and allocates nothing; readers allocate their copy.
 */
public final class ServerMetrics {

    static final DisconnectReason[] DISCONNECTS = DisconnectReason.values();
    static final HandshakeFailure[] HANDSHAKE_FAILURES = HandshakeFailure.values();
    static final io.tickwire.net.transport.DropReason[] ENDPOINT_DROPS = io.tickwire.net.transport.DropReason.values();
    static final io.tickwire.net.protocol.DropReason[] CONNECTION_DROPS = io.tickwire.net.protocol.DropReason.values();
    static final InputFrame.Status[] FRAME_STATUSES = InputFrame.Status.values();
    static final io.tickwire.net.admission.AdmissionRefusal[] ADMISSION_REFUSALS =
            io.tickwire.net.admission.AdmissionRefusal.values();

    private static final int PUBLISHED_AT = 0;
    private static final int PUBLICATIONS = 1;
    private static final int UPTIME = 2;
    private static final int PLAYERS = 3;
    private static final int CONNECTIONS = 4;
    private static final int JOINS = 5;
    private static final int TICKS = 6;
    private static final int TICKS_DROPPED = 7;
    private static final int STALLS = 8;
    private static final int TICK_P50 = 9;
    private static final int TICK_P99 = 10;
    private static final int TICK_MAX = 11;
    private static final int TICK_COUNT = 12;
    private static final int TICK_SUM = 13;
    private static final int HANDSHAKES_STARTED = 14;
    private static final int HANDSHAKES_COMPLETED = 15;
    private static final int HANDSHAKES_IN_FLIGHT = 16;
    private static final int COOKIES_SENT = 17;
    private static final int UDP_DATAGRAMS_IN = 18;
    private static final int UDP_BYTES_IN = 19;
    private static final int UDP_DATAGRAMS_OUT = 20;
    private static final int UDP_BYTES_OUT = 21;
    private static final int PACKETS_SENT = 22;
    private static final int PACKETS_RECEIVED = 23;
    private static final int PACKET_BYTES_SENT = 24;
    private static final int PACKET_BYTES_RECEIVED = 25;
    private static final int RESENDS = 26;
    private static final int SNAPSHOTS_SENT = 27;
    private static final int SNAPSHOT_BYTES_SENT = 28;
    private static final int SNAPSHOTS_OVER_BUDGET = 29;
    private static final int SNAPSHOTS_NOT_QUEUED = 30;
    private static final int INPUT_FRAMES = 31;
    private static final int INPUTS_APPLIED = 32;
    private static final int INPUTS_REPEATED = 33;
    private static final int INPUTS_LATE = 34;
    private static final int INPUTS_DUPLICATE = 35;
    private static final int INPUTS_TOO_FAR_AHEAD = 36;
    private static final int EARLY_INPUT_DROPS = 37;
    private static final int WRONG_CHANNEL_DROPS = 38;
    private static final int DECODE_FAILURES = 39;
    private static final int COMMANDS_REJECTED = 40;
    private static final int HAS_ENDPOINT = 41;
    private static final int PLAYERS_AWAY_NOW = 42;
    private static final int PLAYERS_AWAY = 43;
    private static final int PLAYERS_BACK = 44;
    private static final int HANDSHAKES_RESUMED = 45;
    private static final int ADMISSIONS = 46;
    private static final int ADMISSIONS_DEFERRED = 47;
    private static final int SCALARS = 48;

    private static final int LEFT_BASE = SCALARS;
    private static final int HANDSHAKE_FAILED_BASE = LEFT_BASE + DISCONNECTS.length;
    private static final int ENDPOINT_DROP_BASE = HANDSHAKE_FAILED_BASE + HANDSHAKE_FAILURES.length;
    private static final int CONNECTION_DROP_BASE = ENDPOINT_DROP_BASE + ENDPOINT_DROPS.length;
    private static final int FRAME_FAULT_BASE = CONNECTION_DROP_BASE + CONNECTION_DROPS.length;
    private static final int ADMISSION_REFUSED_BASE = FRAME_FAULT_BASE + FRAME_STATUSES.length;
    private static final int SLOTS = ADMISSION_REFUSED_BASE + ADMISSION_REFUSALS.length;

    private final StampedLock lock = new StampedLock();
    private final long[] published = new long[SLOTS];
    // Tick thread only: filled field by field, then copied into published under the write lock.
    private final long[] scratch = new long[SLOTS];
    private final ConnectionTotals totals = new ConnectionTotals();
    private final long startNanos;

    ServerMetrics(long startNanos) {
        this.startNanos = startNanos;
        published[PUBLISHED_AT] = startNanos;
    }

    /** A consistent copy of the last publication; any thread, never blocks the tick thread. */
    public Snapshot snapshot() {
        long[] copy = new long[SLOTS];
        while (true) {
            long stamp = lock.tryOptimisticRead();
            if (stamp != 0) {
                System.arraycopy(published, 0, copy, 0, SLOTS);
                if (lock.validate(stamp)) {
                    return new Snapshot(copy);
                }
            }
            // The writer holds the lock for one array copy: a spin is shorter than a park.
            Thread.onSpinWait();
        }
    }

    /** Tick thread: gathers every figure of {@code s} at {@code nowNanos} and publishes them at once. */
    void publish(GameServer s, long nowNanos) {
        long[] v = scratch;
        NetServer net = s.net();
        TickLoop loop = s.tickLoop();
        v[PUBLISHED_AT] = nowNanos;
        v[PUBLICATIONS] = published[PUBLICATIONS] + 1;
        v[UPTIME] = nowNanos - startNanos;
        v[PLAYERS] = s.playerCount();
        v[CONNECTIONS] = net.isClosed() ? 0 : net.peers().size();
        v[JOINS] = s.joins;
        v[PLAYERS_AWAY_NOW] = s.awayCount();
        v[PLAYERS_AWAY] = s.playersAway();
        v[PLAYERS_BACK] = s.playersBack();
        v[TICKS] = loop.tick();
        v[TICKS_DROPPED] = loop.droppedTicks();
        v[STALLS] = loop.stallCount();
        TickTimeTracker recent = loop.recentTickTimes();
        v[TICK_P50] = recent.p50Nanos();
        v[TICK_P99] = recent.p99Nanos();
        v[TICK_MAX] = recent.maxNanos();
        recent.reset();
        TickTimeTracker all = loop.tickTimes();
        v[TICK_COUNT] = all.count();
        v[TICK_SUM] = all.sumNanos();
        EndpointStats e = net.endpointStats();
        v[HAS_ENDPOINT] = e == null ? 0 : 1;
        if (e != null) {
            v[HANDSHAKES_STARTED] = e.handshakesStarted();
            v[HANDSHAKES_RESUMED] = e.handshakesResumed();
            v[HANDSHAKES_COMPLETED] = e.handshakesCompleted();
            v[COOKIES_SENT] = e.cookiesSent();
            v[UDP_DATAGRAMS_IN] = e.datagramsIn();
            v[UDP_BYTES_IN] = e.bytesIn();
            v[UDP_DATAGRAMS_OUT] = e.datagramsOut();
            v[UDP_BYTES_OUT] = e.bytesOut();
            for (int i = 0; i < HANDSHAKE_FAILURES.length; i++) {
                v[HANDSHAKE_FAILED_BASE + i] = e.handshakesFailed(HANDSHAKE_FAILURES[i]);
            }
            for (int i = 0; i < ENDPOINT_DROPS.length; i++) {
                v[ENDPOINT_DROP_BASE + i] = e.drops(ENDPOINT_DROPS[i]);
            }
        }
        v[HANDSHAKES_IN_FLIGHT] = net.handshakesInFlight();
        net.connectionTotals(totals);
        v[PACKETS_SENT] = totals.packetsSent();
        v[PACKETS_RECEIVED] = totals.packetsReceived();
        v[PACKET_BYTES_SENT] = totals.bytesSent();
        v[PACKET_BYTES_RECEIVED] = totals.bytesReceived();
        v[RESENDS] = totals.resends();
        for (int i = 0; i < CONNECTION_DROPS.length; i++) {
            v[CONNECTION_DROP_BASE + i] = totals.drops(CONNECTION_DROPS[i]);
        }
        v[SNAPSHOTS_SENT] = s.snapshotsSent();
        v[SNAPSHOT_BYTES_SENT] = s.snapshotBytesSent();
        v[SNAPSHOTS_OVER_BUDGET] = s.snapshotsOverBudget();
        v[SNAPSHOTS_NOT_QUEUED] = s.snapshotsNotQueued();
        v[INPUT_FRAMES] = s.inputFramesReceived();
        v[INPUTS_APPLIED] = s.inputsApplied();
        v[INPUTS_REPEATED] = s.inputsRepeated();
        v[INPUTS_LATE] = s.inputsLate();
        v[INPUTS_DUPLICATE] = s.inputsDuplicate();
        v[INPUTS_TOO_FAR_AHEAD] = s.inputsTooFarAhead();
        v[EARLY_INPUT_DROPS] = s.earlyInputDrops();
        v[WRONG_CHANNEL_DROPS] = s.wrongChannelDrops();
        v[DECODE_FAILURES] = net.decodeFailures();
        v[ADMISSIONS] = net.admissionsAdmitted();
        v[ADMISSIONS_DEFERRED] = net.admissionsDeferred();
        for (int i = 0; i < ADMISSION_REFUSALS.length; i++) {
            v[ADMISSION_REFUSED_BASE + i] = net.admissionsRefused(ADMISSION_REFUSALS[i]);
        }
        v[COMMANDS_REJECTED] = loop.commandsRejected();
        for (int i = 0; i < DISCONNECTS.length; i++) {
            v[LEFT_BASE + i] = s.leaves[i];
        }
        for (int i = 0; i < FRAME_STATUSES.length; i++) {
            v[FRAME_FAULT_BASE + i] = s.protocolDrops(FRAME_STATUSES[i]);
        }
        long stamp = lock.writeLock();
        try {
            System.arraycopy(v, 0, published, 0, SLOTS);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** One publication of a server's figures: an immutable copy, safe to keep and share. */
    public static final class Snapshot {
        private final long[] v;

        Snapshot(long[] v) {
            this.v = v;
        }

        /** Time of the server's clock at which the tick thread published these figures. */
        public long publishedAtNanos() {
            return v[PUBLISHED_AT];
        }

        /** Publications so far, this one included (0: nothing published yet, every figure is 0). */
        public long publications() {
            return v[PUBLICATIONS];
        }

        /** Time since the server started, at publication. */
        public long uptimeNanos() {
            return v[UPTIME];
        }

        /** Players joined and not yet left (away players included). */
        public long players() {
            return v[PLAYERS];
        }

        /** Connections the network layer holds (connecting, connected or disconnecting). */
        public long connections() {
            return v[CONNECTIONS];
        }

        /** Players that have joined since the start. */
        public long playersJoined() {
            return v[JOINS];
        }

        /** Players kept away now, waiting within their reconnect grace (counted in {@link #players()} too). */
        public long playersAwayNow() {
            return v[PLAYERS_AWAY_NOW];
        }

        /** Players whose connection was lost and who were kept for a reconnect, since the start. */
        public long playersAway() {
            return v[PLAYERS_AWAY];
        }

        /** Away players whose client came back with its resume ticket, since the start. */
        public long playersBack() {
            return v[PLAYERS_BACK];
        }

        /** DTLS handshakes that resumed a cached session (a subset of {@link #handshakesCompleted()}). */
        public long handshakesResumed() {
            return v[HANDSHAKES_RESUMED];
        }

        /** Players that have left with {@code reason} since the start. */
        public long playersLeft(DisconnectReason reason) {
            return v[LEFT_BASE + reason.ordinal()];
        }

        /** Ticks run since the start. */
        public long ticks() {
            return v[TICKS];
        }

        /** Overdue ticks dropped after stalls (the loop ran maxCatchUpTicks and gave up the rest). */
        public long ticksDropped() {
            return v[TICKS_DROPPED];
        }

        /** Steps whose backlog of due ticks exceeded maxCatchUpTicks. */
        public long tickStalls() {
            return v[STALLS];
        }

        /** Median tick duration over the last interval (0 when no tick ran in it). */
        public long tickP50Nanos() {
            return v[TICK_P50];
        }

        /** 99th percentile of the tick duration over the last interval. */
        public long tickP99Nanos() {
            return v[TICK_P99];
        }

        /** Longest tick of the last interval. */
        public long tickMaxNanos() {
            return v[TICK_MAX];
        }

        /** Ticks measured since the start (the count of the tick-duration summary). */
        public long tickCount() {
            return v[TICK_COUNT];
        }

        /** Sum of every tick's duration since the start. */
        public long tickSumNanos() {
            return v[TICK_SUM];
        }

        /** Whether the server has a UDP endpoint (DTLS); false in memory, where UDP and handshake figures stay 0. */
        public boolean hasEndpoint() {
            return v[HAS_ENDPOINT] != 0;
        }

        /** DTLS handshakes admitted after a valid cookie. */
        public long handshakesStarted() {
            return v[HANDSHAKES_STARTED];
        }

        /** DTLS handshakes that produced a connection. */
        public long handshakesCompleted() {
            return v[HANDSHAKES_COMPLETED];
        }

        /** Connections admitted (their CONNECT's credential accepted). */
        public long admissionsAdmitted() {
            return v[ADMISSIONS];
        }

        /** Connections refused admission for {@code reason} (each dropped with AUTHENTICATION_FAILED). */
        public long admissionsRefused(io.tickwire.net.admission.AdmissionRefusal reason) {
            return v[ADMISSION_REFUSED_BASE + reason.ordinal()];
        }

        /** Pending CONNECTs that waited for a later update (maxAdmissionsPerUpdate spent). */
        public long admissionsDeferred() {
            return v[ADMISSIONS_DEFERRED];
        }

        /** DTLS handshakes that failed for {@code reason}. */
        public long handshakesFailed(HandshakeFailure reason) {
            return v[HANDSHAKE_FAILED_BASE + reason.ordinal()];
        }

        /** DTLS handshakes holding state at publication (queued or running). */
        public long handshakesInFlight() {
            return v[HANDSHAKES_IN_FLIGHT];
        }

        /** HelloVerifyRequests (cookies) sent. */
        public long cookiesSent() {
            return v[COOKIES_SENT];
        }

        /** UDP datagrams read from the socket. */
        public long udpDatagramsIn() {
            return v[UDP_DATAGRAMS_IN];
        }

        /** Bytes of UDP datagrams read from the socket. */
        public long udpBytesIn() {
            return v[UDP_BYTES_IN];
        }

        /** UDP datagrams written to the socket. */
        public long udpDatagramsOut() {
            return v[UDP_DATAGRAMS_OUT];
        }

        /** Bytes of UDP datagrams written to the socket. */
        public long udpBytesOut() {
            return v[UDP_BYTES_OUT];
        }

        /** Datagrams or records the DTLS endpoint dropped for {@code reason}. */
        public long endpointDrops(io.tickwire.net.transport.DropReason reason) {
            return v[ENDPOINT_DROP_BASE + reason.ordinal()];
        }

        /** Protocol packets sent over every connection, past and present. */
        public long packetsSent() {
            return v[PACKETS_SENT];
        }

        /** Protocol packets received over every connection, past and present. */
        public long packetsReceived() {
            return v[PACKETS_RECEIVED];
        }

        /** Bytes of protocol packets sent (before DTLS). */
        public long packetBytesSent() {
            return v[PACKET_BYTES_SENT];
        }

        /** Bytes of protocol packets received (after DTLS; in memory, the only byte count). */
        public long packetBytesReceived() {
            return v[PACKET_BYTES_RECEIVED];
        }

        /** Reliable messages or fragments resent. */
        public long resends() {
            return v[RESENDS];
        }

        /** Packets or messages the connections dropped for {@code reason} without disconnecting. */
        public long connectionDrops(io.tickwire.net.protocol.DropReason reason) {
            return v[CONNECTION_DROP_BASE + reason.ordinal()];
        }

        /** Snapshots queued for players. */
        public long snapshotsSent() {
            return v[SNAPSHOTS_SENT];
        }

        /** Bytes of snapshots queued for players, frame headers included. */
        public long snapshotBytesSent() {
            return v[SNAPSHOT_BYTES_SENT];
        }

        /** Snapshots not sent because even the highest-priority entity did not fit the byte budget. */
        public long snapshotsOverBudget() {
            return v[SNAPSHOTS_OVER_BUDGET];
        }

        /** Snapshots built but refused by the connection's send queue. */
        public long snapshotsNotQueued() {
            return v[SNAPSHOTS_NOT_QUEUED];
        }

        /** Well-formed input frames received. */
        public long inputFrames() {
            return v[INPUT_FRAMES];
        }

        /** Inputs applied as sent. */
        public long inputsApplied() {
            return v[INPUTS_APPLIED];
        }

        /** Inputs repeated because the next one was missing. */
        public long inputsRepeated() {
            return v[INPUTS_REPEATED];
        }

        /** Inputs dropped because their tick had passed. */
        public long inputsLate() {
            return v[INPUTS_LATE];
        }

        /** Redundant input copies dropped (normal: every frame repeats the last few inputs). */
        public long inputsDuplicate() {
            return v[INPUTS_DUPLICATE];
        }

        /** Inputs dropped because their tick was further ahead than the input buffer holds. */
        public long inputsTooFarAhead() {
            return v[INPUTS_TOO_FAR_AHEAD];
        }

        /** Clients dropped with PROTOCOL_ERROR for an input frame with this (non-OK) status. */
        public long malformedInputDrops(InputFrame.Status status) {
            return v[FRAME_FAULT_BASE + status.ordinal()];
        }

        /** Clients dropped for sending an input frame before they joined. */
        public long earlyInputDrops() {
            return v[EARLY_INPUT_DROPS];
        }

        /** Clients dropped for sending on the server-to-client SNAPSHOTS channel. */
        public long wrongChannelDrops() {
            return v[WRONG_CHANNEL_DROPS];
        }

        /** Received messages that failed to decode (each dropped its client with PROTOCOL_ERROR). */
        public long decodeFailures() {
            return v[DECODE_FAILURES];
        }

        /** Commands refused because the tick thread's command queue was full. */
        public long commandsRejected() {
            return v[COMMANDS_REJECTED];
        }

        @Override
        public String toString() {
            return "ServerMetrics.Snapshot" + Arrays.toString(v);
        }
    }
}
