package io.tickwire.server.game;

import io.tickwire.net.NetListener;
import io.tickwire.net.NetPeer;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.replication.InputFrame;
import io.tickwire.net.replication.Snapshot;
import io.tickwire.net.replication.SnapshotCodec;
import io.tickwire.net.replication.SnapshotFrame;
import io.tickwire.net.replication.SnapshotStatus;
import io.tickwire.net.serial.TickStamp;
import io.tickwire.server.GameServerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A small hand-written game client: sends an {@link InputFrame} every tick with the last
 * {@link #REDUNDANCY} inputs and the newest decoded snapshot sequence, running {@link #LEAD} ticks
 * ahead; decodes every {@link SnapshotFrame} against its own ring of decoded snapshots and, when
 * asked, compares it with the world the server's game had at that tick.
 */
final class TestClient implements NetListener {
    static final int REDUNDANCY = 3;
    static final int LEAD = 5;
    static final int INPUT_BYTES = 4;
    static final int RING = GameServerConfig.DEFAULT_SNAPSHOT_RING_SIZE;

    final int index;
    final GameHarness h;
    io.tickwire.net.NetClient net;
    final SnapshotCodec codec = new SnapshotCodec(GameHarness.SCHEMA, GameServerConfig.DEFAULT_MAX_ENTITIES_PER_SNAPSHOT,
            GameServerConfig.DEFAULT_SNAPSHOT_BYTE_BUDGET);
    final SnapshotFrame frame = new SnapshotFrame();
    final Snapshot[] ring = new Snapshot[RING];
    final int[] ringSeq = new int[RING];
    final Snapshot scratch = new Snapshot(GameHarness.SCHEMA, GameServerConfig.DEFAULT_MAX_ENTITIES_PER_SNAPSHOT);
    final Snapshot expected = new Snapshot(GameHarness.SCHEMA, GameServerConfig.DEFAULT_MAX_ENTITIES_PER_SNAPSHOT);
    final byte[] out = new byte[256];
    final byte[] input = new byte[INPUT_BYTES];
    boolean verify = true;
    boolean sending = true;
    int redundancy = REDUNDANCY;
    long clientTick;
    long firstTick;
    int newestDecoded = -1;
    long decoded;
    long withBaseline;
    long missingBaseline;
    long mismatches;
    long decodeErrors;
    long lastServerTick;
    long lastProcessedInputTick = SnapshotFrame.NO_INPUT;
    long stamp = -1;
    final List<TickStamp> stamps = new ArrayList<>();
    final List<GameHarness.Boom> events = new ArrayList<>();
    final List<String> eventErrors = new ArrayList<>();
    DisconnectReason disconnectReason;
    String disconnectDetail;

    TestClient(int index, GameHarness h) {
        this.index = index;
        this.h = h;
        for (int i = 0; i < RING; i++) {
            ring[i] = new Snapshot(GameHarness.SCHEMA, GameServerConfig.DEFAULT_MAX_ENTITIES_PER_SNAPSHOT);
            ringSeq[i] = -1;
        }
    }

    /** The input this client makes for {@code tick}. */
    static void inputFor(int index, long tick, byte[] dst) {
        dst[0] = (byte) index;
        dst[1] = (byte) tick;
        dst[2] = (byte) (tick >>> 8);
        dst[3] = (byte) (tick >>> 16);
    }

    /** One client tick: the next input, sent with the ones before it. */
    void tick() {
        if (clientTick == 0) {
            // Client ticks are numbered in server ticks and run LEAD ahead (a real client estimates the
            // server tick from snapshots; this one reads it, being in the same thread).
            firstTick = (h != null ? h.server.tick() : lastServerTick) + LEAD;
            clientTick = firstTick;
        } else {
            clientTick++;
        }
        if (!sending) {
            return;
        }
        int count = (int) Math.min(redundancy, clientTick);
        int p = InputFrame.writeHeader(out, 0, newestDecoded, clientTick, count);
        for (long t = clientTick - count + 1; t <= clientTick; t++) {
            inputFor(index, t, input);
            p = InputFrame.writeInput(out, p, input, 0, INPUT_BYTES);
        }
        net.sendBytes(out, 0, p, GameChannels.INPUTS);
    }

    void onSnapshotFrame(NetPeer peer, int channel, byte[] buf, int off, int len) {
        if (!frame.read(buf, off, len)) {
            decodeErrors++;
            return;
        }
        int base = codec.peekBaselineSequence(buf, frame.payloadOffset(), frame.payloadLength());
        Snapshot baseline = null;
        if (base >= 0) {
            if (ringSeq[base % RING] != base) {
                missingBaseline++;
                return;
            }
            baseline = ring[base % RING];
            withBaseline++;
        }
        if (codec.decode(buf, frame.payloadOffset(), frame.payloadLength(), baseline, scratch) != SnapshotStatus.OK) {
            decodeErrors++;
            return;
        }
        int seq = scratch.sequence();
        ring[seq % RING].copyFrom(scratch);
        ringSeq[seq % RING] = seq;
        decoded++;
        if (newestDecoded < 0 || ((seq - newestDecoded) & 0xFFFF) < 0x8000) {
            newestDecoded = seq;
            lastServerTick = frame.serverTick();
            lastProcessedInputTick = frame.processedInputTick();
        }
        if (verify) {
            h.game.expected(frame.serverTick(), TestGame.viewX(index), 100f, h.interest, expected);
            if (!scratch.sameState(expected)) {
                mismatches++;
            }
        }
    }

    @Override
    public void received(NetPeer peer, Object message, int channel) {
        if (message instanceof TickStamp s) {
            stamp = s.tick;
            stamps.add(s);
        } else if (message instanceof GameHarness.Boom b) {
            if (b.tick != stamp) {
                eventErrors.add("event of tick " + b.tick + " after stamp " + stamp);
            }
            events.add(b);
        }
    }

    @Override
    public void disconnected(NetPeer peer, DisconnectReason reason, String detail) {
        disconnectReason = reason;
        disconnectDetail = detail;
    }
}
