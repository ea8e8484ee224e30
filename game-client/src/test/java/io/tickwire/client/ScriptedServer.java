package io.tickwire.client;

import io.tickwire.net.InMemoryNetwork;
import io.tickwire.net.NanoClock;
import io.tickwire.net.NetListener;
import io.tickwire.net.NetPeer;
import io.tickwire.net.NetServer;
import io.tickwire.net.ServerConfig;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.replication.InputFrame;
import io.tickwire.net.replication.Snapshot;
import io.tickwire.net.replication.SnapshotCodec;
import io.tickwire.net.replication.SnapshotFrame;
import io.tickwire.net.replication.SnapshotStatus;
import io.tickwire.net.serial.TickStamp;

/**
 * A small stand-in for the game server, for one client: reads InputFrames, applies each input once in tick
 * order with the shared step, and sends a SnapshotFrame every tick, delta-encoded against the snapshot the
 * client acknowledged (ring of 32, slot = sequence % 32, like the real server). Scripting hooks push the
 * player (a correction the client cannot predict), name a baseline the client never had, and send
 * tick-stamped events. Allocation-free in steady state, so the allocation test can run it on its thread.
 */
public final class ScriptedServer implements AutoCloseable {
    static final int RING = 32;
    private static final int INPUT_RING = 256;
    /** An input this many ticks overdue is given up for lost (the server moves on without it). */
    private static final int GIVE_UP_TICKS = 8;

    final NetServer server;
    private final SnapshotCodec codec = new SnapshotCodec(TestWorld.SCHEMA, 64, 8192);
    private final InputFrame reader = new InputFrame(2);
    private final Snapshot[] sent = new Snapshot[RING];
    private final Snapshot current = new Snapshot(TestWorld.SCHEMA, 64);
    private final Snapshot ghost = new Snapshot(TestWorld.SCHEMA, 64);
    private final byte[] out = new byte[8192];
    private final long[] inputTicks = new long[INPUT_RING];
    private final byte[] inputs = new byte[INPUT_RING * 2];
    private final float[] player = new float[2];

    NetPeer peer;
    /** The current server tick. */
    public long tick;
    int nextSequence;
    int clientAck = InputFrame.NO_ACK;
    long processed = SnapshotFrame.NO_INPUT;
    long deltasSent;
    long fullSent;

    // Scripting.
    long pushAtProcessedTick = -1;
    float pushBy;
    boolean nameMissingBaselineOnce;

    // What arrived, for the tests (fixed arrays, no boxing).
    final long[] frameNewestTick = new long[1 << 16];
    final int[] frameCount = new int[1 << 16];
    final int[] frameAck = new int[1 << 16];
    int frames;
    final float[] stateAfterTickX = new float[1 << 16];
    final float[] stateAfterTickY = new float[1 << 16];
    final boolean[] stateRecorded = new boolean[1 << 16];
    long inputsLost;

    /** Starts the server on {@code network}. */
    public ScriptedServer(InMemoryNetwork network, NanoClock clock) throws java.io.IOException {
        for (int i = 0; i < RING; i++) {
            sent[i] = new Snapshot(TestWorld.SCHEMA, 64);
        }
        java.util.Arrays.fill(inputTicks, -1);
        server = NetServer.start(ServerConfig.builder().inMemory(network).connection(TestWorld.CONNECTION)
                .registry(TestWorld.REGISTRY).schemaHash(TestWorld.SCHEMA.hash()).clock(clock).build(),
                new NetListener() {
                    @Override
                    public void connected(NetPeer p) {
                        peer = p;
                        p.send(new TestWorld.Welcome(TestWorld.PLAYER_ID), GameChannels.EVENTS);
                    }
                });
        server.setRawHandler(GameChannels.INPUTS, this::onInputFrame);
    }

    private void onInputFrame(NetPeer from, int channel, byte[] buf, int off, int len) {
        if (reader.read(buf, off, len) != InputFrame.Status.OK) {
            throw new IllegalStateException("malformed input frame");
        }
        if (frames < frameNewestTick.length) {
            frameNewestTick[frames] = reader.newestTick();
            frameCount[frames] = reader.count();
            frameAck[frames] = reader.ackedSnapshot();
            frames++;
        }
        int ack = reader.ackedSnapshot();
        if (ack != InputFrame.NO_ACK && (clientAck == InputFrame.NO_ACK || newer(ack, clientAck))) {
            clientAck = ack;
        }
        if (processed == SnapshotFrame.NO_INPUT) {
            processed = reader.tick(0) - 1;
        }
        for (int i = 0; i < reader.count(); i++) {
            long t = reader.tick(i);
            if (t > processed) {
                int slot = (int) (t % INPUT_RING);
                inputTicks[slot] = t;
                System.arraycopy(buf, reader.offset(i), inputs, slot * 2, Math.min(2, reader.length(i)));
            }
        }
    }

    /** Sends a tick-stamped event for the current tick (Kryo allocates: not for the allocation test). */
    void sendEvent() {
        peer.send(new TickStamp(tick), GameChannels.EVENTS);
        peer.send(new TestWorld.Boom(tick), GameChannels.EVENTS);
    }

    /** One server tick at {@code now}: receive, apply due inputs, build and send a snapshot. */
    public void tick(long now) {
        server.update(now);
        tick++;
        applyInputs();
        if (peer != null && peer.isConnected()) {
            sendSnapshot();
        }
        server.flush(now);
    }

    private void applyInputs() {
        if (processed == SnapshotFrame.NO_INPUT) {
            return;
        }
        while (true) {
            long next = processed + 1;
            int slot = (int) (next % INPUT_RING);
            if (inputTicks[slot] == next) {
                if (next > tick) {
                    return;   // the input of a tick the server has not reached yet
                }
                TestWorld.step(player, inputs, slot * 2, 2);
                processed = next;
            } else if (next < tick - GIVE_UP_TICKS && next < newestBuffered()) {
                processed = next;   // lost for good: move on without it
                inputsLost++;
            } else {
                return;
            }
            if (processed == pushAtProcessedTick) {
                player[0] += pushBy;
            }
            int r = (int) (processed & 0xFFFF);
            stateAfterTickX[r] = player[0];
            stateAfterTickY[r] = player[1];
            stateRecorded[r] = true;
        }
    }

    private long newestBuffered() {
        long n = -1;
        for (int i = 0; i < INPUT_RING; i++) {
            n = Math.max(n, inputTicks[i]);
        }
        return n;
    }

    private void sendSnapshot() {
        int seq = nextSequence;
        nextSequence = (nextSequence + 1) & 0xFFFF;
        current.clear(seq);
        for (int b = 1; b <= TestWorld.BOTS; b++) {
            int i = current.add(b, TestWorld.BOT);
            current.setFloat(i, TestWorld.FIELD_X, TestWorld.botX(b, tick));
            current.setFloat(i, TestWorld.FIELD_Y, TestWorld.botY(b));
            current.setFloat(i, TestWorld.FIELD_HEADING, (float) (tick * 0.05 % (2 * Math.PI)));
        }
        for (int r = 0; r < TestWorld.ROCKS; r++) {
            int i = current.add(10 + r, TestWorld.ROCK);
            current.setFloat(i, TestWorld.FIELD_X, r * 7f);
            current.setFloat(i, TestWorld.FIELD_Y, -r * 3f);
        }
        int p = current.add(TestWorld.PLAYER_ID, TestWorld.PLAYER);
        current.setFloat(p, TestWorld.FIELD_X, player[0]);
        current.setFloat(p, TestWorld.FIELD_Y, player[1]);
        Snapshot baseline = null;
        if (nameMissingBaselineOnce) {
            nameMissingBaselineOnce = false;
            ghost.clear((seq + 30_000) & 0xFFFF);   // a sequence this client never saw
            baseline = ghost;
        } else if (clientAck != InputFrame.NO_ACK) {
            Snapshot s = sent[clientAck % RING];
            if (s.sequence() == clientAck && newer(seq, clientAck) && distance(seq, clientAck) < RING) {
                baseline = s;
            }
        }
        SnapshotFrame.writeHeader(out, 0, tick, processed, 0);
        if (codec.encode(current, baseline, out, SnapshotFrame.HEADER_BYTES) != SnapshotStatus.OK) {
            throw new IllegalStateException("encode failed");
        }
        if (baseline == null) {
            fullSent++;
        } else {
            deltasSent++;
        }
        sent[seq % RING].copyFrom(current);
        peer.sendBytes(out, 0, SnapshotFrame.HEADER_BYTES + codec.encodedBytes(), GameChannels.SNAPSHOTS);
    }

    float playerX() {
        return player[0];
    }

    float playerY() {
        return player[1];
    }

    static boolean newer(int a, int b) {
        int d = (a - b) & 0xFFFF;
        return d != 0 && d < 0x8000;
    }

    static int distance(int newer, int older) {
        return (newer - older) & 0xFFFF;
    }

    @Override
    public void close() {
        server.close();
    }
}
