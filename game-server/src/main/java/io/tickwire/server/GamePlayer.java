package io.tickwire.server;

import io.tickwire.net.NetPeer;
import io.tickwire.net.admission.AdmissionResult;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.protocol.SendStatus;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.server.replication.ClientReplicator;
import io.tickwire.server.replication.ClientSnapshotState;

/**
 * One client as the game sees it: its {@link NetPeer}, its input buffer, its snapshot
 * history and interest viewpoint, and counters the game can draw. Made by the {@link GameServer}
 * when the client connects; every method must be called on the tick thread.
 *
 * <p>Quick reconnect: when its connection is lost (not closed), the player is kept <em>away</em> for
 * {@link GameServerConfig#reconnectGraceMillis()}: {@link #isConnected()} is false, no input is
 * applied and no snapshot is sent, and the game keeps its entity. A client that comes back with its
 * resume ticket gets this same object (same {@link #id()}, same {@link #userData()}) on a new
 * {@link #peer()}, with a fresh input buffer and a full-state snapshot next.
 */
public final class GamePlayer {

    private final GameServer server;
    private final int id;
    private NetPeer peer;
    InputBuffer inputs;
    ClientSnapshotState snapshots;
    ClientReplicator replicator;
    // Quick reconnect (tick thread): the live resume ticket, and the away state.
    byte[] ticket;
    boolean away;
    long graceEndsNanos;
    DisconnectReason awayReason;
    String awayDetail;
    int reconnects;
    // What admitted the first connection (a resumed one proves the same client id and user data).
    AdmissionResult firstAdmission;
    private Object userData;
    // Tick of the last TickStamp queued on EVENTS for this player; -1 before any.
    long lastStampTick = -1;
    boolean left;
    boolean faulted;
    long inputFrames;
    int lastSnapshotBytes;
    long snapshotBytesSent;
    long snapshotsSent;
    long snapshotsNotQueued;
    long snapshotsOverBudget;

    GamePlayer(GameServer server, NetPeer peer, InputBuffer inputs, ClientSnapshotState snapshots,
            ClientReplicator replicator) {
        this.server = server;
        this.id = peer.id();
        this.peer = peer;
        this.inputs = inputs;
        this.snapshots = snapshots;
        this.replicator = replicator;
    }

    /**
     * The player's id: the id of the peer it first joined with, unique on this server and never reused
     * while it runs; it stays the same across quick reconnects (the peer's id changes).
     */
    public int id() {
        return id;
    }

    /** The net-core peer (statistics, address, raw sends): the newest connection after a reconnect. */
    public NetPeer peer() {
        return peer;
    }

    /**
     * Whether the player's connection was lost and the server is waiting, within its reconnect grace,
     * for the client to come back (see {@link ServerGame#playerAway}).
     */
    public boolean isAway() {
        return away;
    }

    /** Server-clock time when the reconnect grace of an away player ends (meaningful while {@link #isAway()}). */
    public long graceEndsNanos() {
        return graceEndsNanos;
    }

    /** How many times this player came back on a new connection. */
    public int reconnects() {
        return reconnects;
    }

    /** Puts the player on {@code next} with fresh per-connection state: its first connection or a resumed one. */
    void bind(NetPeer next, InputBuffer freshInputs, ClientSnapshotState freshSnapshots, ClientReplicator freshReplicator) {
        this.peer = next;
        this.inputs = freshInputs;
        this.snapshots = freshSnapshots;
        this.replicator = freshReplicator;
        this.lastStampTick = -1;
        this.faulted = false;
    }

    /** The client came back with its ticket (after {@link #bind}): no longer away. */
    void back() {
        this.away = false;
        this.awayReason = null;
        this.awayDetail = null;
        this.reconnects++;
    }

    /** Whatever the game attached to this player (its entity, name); starts null. */
    public Object userData() {
        return userData;
    }

    /** Attaches {@code data} to this player. */
    public void userData(Object data) {
        this.userData = data;
    }

    /** Whether the player is connected (false while away and once it is leaving). */
    public boolean isConnected() {
        return !left && !away && peer.isConnected();
    }

    /** Moves the point this player sees the world from (world units), for the interest policy. */
    public void setViewpoint(float x, float y) {
        replicator.setViewpoint(x, y);
    }

    /** The newest client tick whose input was applied (real or repeated), or {@link InputBuffer#NONE}. */
    public long lastProcessedInputTick() {
        return inputs.lastProcessedTick();
    }

    /** Inputs waiting in the buffer ahead of the next tick to apply (how early they arrive). */
    public int bufferedInputs() {
        return inputs.pendingCount();
    }

    /** Inputs applied as sent. */
    public long inputsApplied() {
        return inputs.appliedCount();
    }

    /** Ticks for which the last input was repeated because the next one was missing. */
    public long inputsRepeated() {
        return inputs.repeatedCount();
    }

    /** Inputs that arrived after their tick was applied (dropped). */
    public long inputsLate() {
        return inputs.lateCount();
    }

    /** Redundant copies of inputs already buffered or applied (dropped; normal with redundancy). */
    public long inputsDuplicate() {
        return inputs.duplicateCount();
    }

    /** Inputs more than inputBufferTicks ahead (dropped). */
    public long inputsTooFarAhead() {
        return inputs.tooFarAheadCount();
    }

    /** Well-formed input frames received from this player. */
    public long inputFramesReceived() {
        return inputFrames;
    }

    /**
     * Sends a registry message on {@code channel}; on {@link GameChannels#EVENTS} it is tick-stamped
     * exactly like {@link GameServer#sendEvent}. Returns the {@link SendStatus} (QUEUE_FULL is
     * back-pressure).
     *
     * @throws IllegalArgumentException for the SNAPSHOTS or INPUTS channel, which carry raw frames only
     */
    public SendStatus send(Object message, int channel) {
        if (channel == GameChannels.EVENTS) {
            return server.sendEvent(this, message);
        }
        if (channel == GameChannels.SNAPSHOTS || channel == GameChannels.INPUTS) {
            throw new IllegalArgumentException("channel " + channel + " carries raw snapshot/input frames only; send "
                    + "messages on GameChannels.EVENTS or a game channel from GameChannels.FIRST_GAME_CHANNEL");
        }
        return peer.send(message, channel);
    }

    /** Disconnects this player with {@code reason} and a detail sentence the client receives too. */
    public void disconnect(DisconnectReason reason, String detail) {
        peer.disconnect(reason, detail);
    }

    /** Bytes (frame header included) of the last snapshot queued for this player. */
    public int lastSnapshotBytes() {
        return lastSnapshotBytes;
    }

    /** Bytes of every snapshot queued for this player, frame headers included. */
    public long snapshotBytesSent() {
        return snapshotBytesSent;
    }

    /** Snapshots queued for this player. */
    public long snapshotsSent() {
        return snapshotsSent;
    }

    /** Snapshots the channel refused (queue full); the next one supersedes them. */
    public long snapshotsNotQueued() {
        return snapshotsNotQueued;
    }

    /** Snapshot ticks on which not even an empty delta fit the byte budget. */
    public long snapshotsOverBudget() {
        return snapshotsOverBudget;
    }

    /** Entities sent with their current state in the last snapshot. */
    public int lastSnapshotEntities() {
        return replicator.lastSentEntities();
    }

    /** Relevant entities the byte budget or entity limit held back in the last snapshot (they keep priority). */
    public int lastSnapshotDeferred() {
        return replicator.lastDeferredEntities();
    }

    /** Sequence of the client's delta baseline, or -1 when the next snapshot is a full state. */
    public int baselineSequence() {
        return snapshots.baseline() == null ? -1 : snapshots.baseline().sequence();
    }

    @Override
    public String toString() {
        return "GamePlayer[" + id + " " + peer.remoteAddress() + (away ? " away" : "") + "]";
    }
}
