package io.tickwire.bench;

import io.tickwire.net.replication.SnapshotFrame;
import io.tickwire.server.GamePlayer;
import io.tickwire.server.GameServer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Watches the snapshots a {@link GameServer} sends to each player of the cube scenario, after every
 * server step: full states against deltas ({@link GamePlayer#baselineSequence()} is -1 for a full
 * state), the baseline age in snapshots (the snapshot's sequence minus its baseline's), and payload bits
 * per cube that changed between the baseline's world and the snapshot's world ({@link CubesGame}'s
 * history). A step that sent a player more than one snapshot (catch-up) counts in the totals but not in
 * the per-snapshot figures, since only the last one's baseline is visible.
 */
final class BaselineLog {
    private static final int RING = 1024;
    private final GameServer server;
    private final CubesGame game;
    private final long[][] tickOfSequence;
    private final long[] lastSent;
    private final int[] ages;
    private int observed;
    private long full;
    private long deltas;
    private long unobserved;
    private long payloadBits;
    private long changedCubes;
    private long sizedSnapshots;

    BaselineLog(GameServer server, CubesGame game, int players, int maxSnapshots) {
        this.server = server;
        this.game = game;
        this.tickOfSequence = new long[players][RING];
        this.lastSent = new long[players];
        this.ages = new int[maxSnapshots];
    }

    /** Forgets the figures (not the sequence-to-tick map): the start of a measured window. */
    void reset() {
        observed = 0;
        full = 0;
        deltas = 0;
        unobserved = 0;
        payloadBits = 0;
        changedCubes = 0;
        sizedSnapshots = 0;
    }

    /** Call after every server step. */
    void afterStep(long nowNanos) {
        List<GamePlayer> players = server.players();
        for (int k = 0; k < players.size() && k < lastSent.length; k++) {
            GamePlayer p = players.get(k);
            long sent = p.snapshotsSent();
            long fresh = sent - lastSent[k];
            lastSent[k] = sent;
            if (fresh == 0) {
                continue;
            }
            if (fresh > 1) {
                unobserved += fresh;
                continue;
            }
            int seq = (int) ((sent + p.snapshotsNotQueued() + p.snapshotsOverBudget() - 1) & 0xFFFF);
            tickOfSequence[k][seq % RING] = server.tick();
            int base = p.baselineSequence();
            if (base < 0) {
                full++;
                continue;
            }
            deltas++;
            int age = (seq - base) & 0xFFFF;
            if (observed < ages.length) {
                ages[observed++] = age;
            }
            int changed = game.changedBetween(tickOfSequence[k][base % RING], server.tick());
            if (changed >= 0) {
                payloadBits += 8L * (p.lastSnapshotBytes() - SnapshotFrame.HEADER_BYTES);
                changedCubes += changed;
                sizedSnapshots++;
            }
        }
    }

    long deltas() {
        return deltas;
    }

    /** The window's figures in one line. */
    String summary() {
        double[] a = Arrays.stream(ages, 0, observed).asDoubleStream().toArray();
        String age = observed == 0 ? "none" : String.format(Locale.ROOT, "median %.0f, p99 %.0f, max %.0f snapshots",
                Bench.median(a), Bench.percentile(a, 99), Bench.percentile(a, 100));
        String perCube = changedCubes == 0 ? "no cube changed"
                : String.format(Locale.ROOT, "%.1f bits per changed cube", (double) payloadBits / changedCubes);
        return String.format(Locale.ROOT, "snapshots: %d deltas, %d full states, %d sent two or more in one step "
                + "(not itemised); baseline age %s; %.1f changed cubes and %.1f payload bytes per delta (without the "
                + "%d-byte frame header), %s (%d deltas sized)", deltas, full, unobserved, age,
                (double) changedCubes / Math.max(1, sizedSnapshots), payloadBits / 8.0 / Math.max(1, sizedSnapshots),
                SnapshotFrame.HEADER_BYTES, perCube, sizedSnapshots);
    }
}
