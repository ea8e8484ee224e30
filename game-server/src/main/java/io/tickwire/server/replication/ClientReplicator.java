package io.tickwire.server.replication;

import io.tickwire.net.replication.ReplicationSchema;
import io.tickwire.net.replication.Snapshot;
import io.tickwire.net.replication.SnapshotCodec;
import io.tickwire.net.replication.SnapshotStatus;
import java.util.Arrays;

/**
 * Builds and encodes one client's snapshots from the server's world: filters by the client's
 * {@link InterestPolicy}, and when the encoded snapshot would exceed {@code snapshotByteBudget}
 * sends the entities with the highest priority accumulators first (the others keep their
 * acknowledged baseline state, or stay uncreated, and keep accumulating, so nothing starves).
 * Deltas are against {@link ClientSnapshotState#baseline()}. Owned by the tick thread; after
 * construction nothing allocates.
 */
public final class ClientReplicator {
    private final ReplicationSchema schema;
    private final SnapshotCodec codec;
    private final ClientSnapshotState state;
    private final InterestPolicy interest;
    private final int snapshotByteBudget;
    private final float[] accumulator;
    private final int[] selectedStamp;
    private final long[] order;
    private final int[] relevantIndex;
    /** The relevant entities' world indices in ascending order (world order is ascending id order). */
    private final int[] relevantAscending;
    private int stamp;
    private int lastSequence = -1;
    private float viewX;
    private float viewY;
    private int lastSentEntities;
    private int lastDeferredEntities;
    private long deferredTotal;

    /**
     * @param codec the codec (its maxSnapshotBytes bounds the scratch encode)
     * @param state this client's snapshot history
     * @param interest which entities this client may see
     * @param snapshotByteBudget most bytes one encoded snapshot may take for this client (fits one packet)
     */
    public ClientReplicator(SnapshotCodec codec, ClientSnapshotState state, InterestPolicy interest, int snapshotByteBudget) {
        if (snapshotByteBudget < 8 || snapshotByteBudget > codec.maxSnapshotBytes()) {
            throw new IllegalArgumentException("snapshotByteBudget must be in [8, codec maxSnapshotBytes "
                    + codec.maxSnapshotBytes() + "]: " + snapshotByteBudget);
        }
        this.codec = codec;
        this.state = state;
        this.interest = interest;
        this.snapshotByteBudget = snapshotByteBudget;
        this.schema = state.schema();
        int ids = schema.maxEntityId() + 1;
        this.accumulator = new float[ids];
        this.selectedStamp = new int[ids];
        this.order = new long[ids]; // ids are unique, so at most one slot per possible id
        this.relevantIndex = new int[order.length];
        this.relevantAscending = new int[order.length];
    }

    /** Moves the client's viewpoint (world units). */
    public void setViewpoint(float x, float y) {
        this.viewX = x;
        this.viewY = y;
    }

    /** The client's snapshot history. */
    public ClientSnapshotState state() {
        return state;
    }

    /** Entities sent with their current state by the last {@link #buildAndEncode}. */
    public int lastSentEntities() {
        return lastSentEntities;
    }

    /** Relevant entities the budget held back in the last {@link #buildAndEncode}. */
    public int lastDeferredEntities() {
        return lastDeferredEntities;
    }

    /** Relevant entities held back by the budget, summed over all snapshots (a counter). */
    public long deferredTotal() {
        return deferredTotal;
    }

    /** The priority accumulator of entity {@code entityId} for this client. */
    public float accumulator(int entityId) {
        return accumulator[entityId];
    }

    /**
     * Builds the next snapshot for this client from {@code world} (server quantized state, ascending ids;
     * entity {@code i} stands at ({@code xs[i]}, {@code ys[i]})), encodes it against the acknowledged
     * baseline into {@code out} at {@code off}, and returns the encoded length, or a negative value:
     * -1 when even the smallest snapshot does not fit the budget. Its sequence is {@link #lastSequence()};
     * once the packet that carries it is written, call {@link ClientSnapshotState#recordSent}.
     */
    public int buildAndEncode(Snapshot world, float[] xs, float[] ys, byte[] out, int off) {
        // begin() first: it may evict the oldest slot, which must then not serve as the baseline.
        Snapshot s = state.begin();
        Snapshot baseline = state.baseline();
        lastSequence = s.sequence();
        int n = 0;
        for (int i = 0, c = world.count(); i < c; i++) {
            int id = world.entityId(i);
            float r = interest.relevance(viewX, viewY, id, xs[i], ys[i]);
            if (r > 0f) {
                accumulator[id] += r;
                // Positive floats order like their bit patterns; ties break by index.
                order[n] = ((long) Float.floatToIntBits(accumulator[id]) << 32) | i;
                relevantAscending[n] = i;
                n++;
            } else {
                accumulator[id] = 0f;
            }
        }
        // Everything relevant at its current state first: when that fits (the usual case) the priority
        // order does not matter, so the sort below is only paid when the budget has to choose.
        int lo = 0;
        int hi = n;
        int bytes = tryEncode(world, baseline, s, n, n, out, off);
        if (bytes >= 0) {
            for (int j = 0; j < n; j++) {
                accumulator[world.entityId(relevantAscending[j])] = 0f;
            }
            lastSentEntities = n;
            lastDeferredEntities = 0;
            return bytes;
        }
        Arrays.sort(order, 0, n);
        for (int k = 0; k < n; k++) {
            relevantIndex[k] = (int) order[n - 1 - k]; // highest accumulator first
        }
        // Largest k (entities sent with current state) whose encoding fits the budget: binary search.
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (tryEncode(world, baseline, s, n, mid, out, off) >= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        bytes = tryEncode(world, baseline, s, n, lo, out, off);
        hi = lo;
        if (bytes < 0) {
            lastSentEntities = 0;
            lastDeferredEntities = n;
            deferredTotal += n;
            return -1;
        }
        for (int k = 0; k < hi; k++) {
            accumulator[world.entityId(relevantIndex[k])] = 0f;
        }
        lastSentEntities = hi;
        lastDeferredEntities = n - hi;
        deferredTotal += n - hi;
        return bytes;
    }

    // Fills the state's next ring slot with the k most urgent entities at their current state and the
    // other relevant ones at their baseline state (or absent if not yet created), then encodes it.
    private int tryEncode(Snapshot world, Snapshot baseline, Snapshot s, int n, int k, byte[] out, int off) {
        stamp++;
        if (stamp == 0) {
            Arrays.fill(selectedStamp, 0);
            stamp = 1;
        }
        int[] selected = k == n ? relevantAscending : relevantIndex; // all of them: any order will do
        for (int j = 0; j < k; j++) {
            selectedStamp[world.entityId(selected[j])] = stamp;
        }
        s.clear(s.sequence());
        // Only the relevant entities, in world (ascending id) order: the others are out of interest and
        // absent from the snapshot, so walking the whole world per client would only skip them.
        for (int j = 0; j < n; j++) {
            int i = relevantAscending[j];
            int id = world.entityId(i);
            if (selectedStamp[id] == stamp) {
                if (!copyEntity(world, i, s)) {
                    return -1;
                }
            } else if (baseline != null) {
                int bi = baseline.indexOf(id);
                if (bi >= 0 && baseline.typeId(bi) == world.typeId(i) && !copyEntity(baseline, bi, s)) {
                    return -1;
                }
            }
        }
        SnapshotStatus st = codec.encode(s, baseline, out, off);
        if (st != SnapshotStatus.OK || codec.encodedBytes() > snapshotByteBudget) {
            return -1;
        }
        return codec.encodedBytes();
    }

    /** Sequence of the snapshot the last {@link #buildAndEncode} produced (pass it to {@link ClientSnapshotState#recordSent}). */
    public int lastSequence() {
        return lastSequence;
    }

    // False when dst is full (more relevant entities than the ring's entity capacity): the caller
    // treats that like an over-budget encoding, so fewer entities are tried.
    private static boolean copyEntity(Snapshot src, int i, Snapshot dst) {
        return dst.addCopy(src, i) >= 0;
    }
}
