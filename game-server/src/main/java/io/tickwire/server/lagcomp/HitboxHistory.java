package io.tickwire.server.lagcomp;

import java.util.Arrays;

/**
 * Bounded ring of per-tick hit volumes (2D circles: id, centre, radius) covering a rewind window
 * of {@code rewindWindowTicks}; owned and written by the tick thread, allocation-free after construction.
 *
 * <p>Per tick: {@link #beginTick(long)} then one {@link #record} per entity. Storage is
 * structure-of-arrays, one flat array per field sized {@code frames * maxEntitiesPerTick}, so no
 * per-entity or per-tick objects exist; the history owns all of it.
 */
public final class HitboxHistory {
    private final int rewindWindowTicks;
    private final int maxEntitiesPerTick;
    // window + 1 frames: a rewind of exactly rewindWindowTicks needs the frame at newest - window.
    private final int frames;
    private final long[] frameTick;
    private final int[] frameCount;
    private final int[] ids;
    private final float[] xs;
    private final float[] ys;
    private final float[] radii;
    private long newestTick = Long.MIN_VALUE;
    private int openFrame = -1;
    private final long[] rejected = new long[RecordStatus.values().length];

    /**
     * Creates a history that can rewind up to {@code rewindWindowTicks} ticks with at most
     * {@code maxEntitiesPerTick} volumes per tick.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public HitboxHistory(int rewindWindowTicks, int maxEntitiesPerTick) {
        if (rewindWindowTicks < 1 || rewindWindowTicks > 1 << 16) {
            throw new IllegalArgumentException("rewindWindowTicks must be in 1..65536: " + rewindWindowTicks);
        }
        if (maxEntitiesPerTick < 1 || (long) maxEntitiesPerTick * (rewindWindowTicks + 1) > 1 << 24) {
            throw new IllegalArgumentException("maxEntitiesPerTick must be >= 1 and maxEntitiesPerTick * (rewindWindowTicks + 1) <= 16777216: "
                    + maxEntitiesPerTick + " (rewindWindowTicks " + rewindWindowTicks + ")");
        }
        this.rewindWindowTicks = rewindWindowTicks;
        this.maxEntitiesPerTick = maxEntitiesPerTick;
        this.frames = rewindWindowTicks + 1;
        this.frameTick = new long[frames];
        Arrays.fill(frameTick, Long.MIN_VALUE);
        this.frameCount = new int[frames];
        int slots = frames * maxEntitiesPerTick;
        this.ids = new int[slots];
        this.xs = new float[slots];
        this.ys = new float[slots];
        this.radii = new float[slots];
    }

    /**
     * Creates a history whose window covers {@code windowNanos} at {@code tickRateHz}, rounded up to whole ticks.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static HitboxHistory forWindow(long windowNanos, int tickRateHz, int maxEntitiesPerTick) {
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("windowNanos must be > 0: " + windowNanos);
        }
        if (tickRateHz < 1) {
            throw new IllegalArgumentException("tickRateHz must be >= 1: " + tickRateHz);
        }
        long ticks = (windowNanos * tickRateHz + 999_999_999L) / 1_000_000_000L;
        if (ticks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("windowNanos too long for tickRateHz: " + windowNanos);
        }
        return new HitboxHistory((int) ticks, maxEntitiesPerTick);
    }

    /** Opens {@code tick} for recording, overwriting the oldest frame; ticks must increase (gaps allowed). */
    public RecordStatus beginTick(long tick) {
        if (newestTick != Long.MIN_VALUE && tick <= newestTick) {
            return reject(RecordStatus.STALE_TICK);
        }
        int f = frameOf(tick);
        frameTick[f] = tick;
        frameCount[f] = 0;
        newestTick = tick;
        openFrame = f;
        return RecordStatus.OK;
    }

    /** Records one entity's hit circle in the open tick; an id should appear at most once per tick. */
    public RecordStatus record(int entityId, float x, float y, float radius) {
        if (openFrame < 0) {
            return reject(RecordStatus.NO_OPEN_TICK);
        }
        if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(radius) || radius <= 0f) {
            return reject(RecordStatus.INVALID_VOLUME);
        }
        int n = frameCount[openFrame];
        if (n >= maxEntitiesPerTick) {
            return reject(RecordStatus.TICK_FULL);
        }
        int s = openFrame * maxEntitiesPerTick + n;
        ids[s] = entityId;
        xs[s] = x;
        ys[s] = y;
        radii[s] = radius;
        frameCount[openFrame] = n + 1;
        return RecordStatus.OK;
    }

    /** The newest recorded tick, or {@link Long#MIN_VALUE} before the first {@link #beginTick}. */
    public long newestTick() {
        return newestTick;
    }

    /** The rewind limit in ticks. */
    public int rewindWindowTicks() {
        return rewindWindowTicks;
    }

    /** The per-tick volume limit. */
    public int maxEntitiesPerTick() {
        return maxEntitiesPerTick;
    }

    /** How many calls returned {@code status} (OK is not counted and returns 0). */
    public long rejectedCount(RecordStatus status) {
        return rejected[status.ordinal()];
    }

    /** The frame index holding {@code tick}, or -1 when that tick is not (or no longer) recorded. */
    int frameIndex(long tick) {
        if (tick == Long.MIN_VALUE) {
            return -1;
        }
        int f = frameOf(tick);
        return frameTick[f] == tick ? f : -1;
    }

    int count(int frame) {
        return frameCount[frame];
    }

    /** The first slot of a frame in the flat arrays. */
    int base(int frame) {
        return frame * maxEntitiesPerTick;
    }

    int id(int slot) {
        return ids[slot];
    }

    float x(int slot) {
        return xs[slot];
    }

    float y(int slot) {
        return ys[slot];
    }

    float radius(int slot) {
        return radii[slot];
    }

    /**
     * The slot of {@code entityId} in {@code frame}, or -1. Tries {@code hintIndex} first because
     * servers usually record entities in the same order every tick, making the match O(1).
     */
    int find(int frame, int entityId, int hintIndex) {
        int b = frame * maxEntitiesPerTick;
        int n = frameCount[frame];
        if (hintIndex >= 0 && hintIndex < n && ids[b + hintIndex] == entityId) {
            return b + hintIndex;
        }
        for (int i = 0; i < n; i++) {
            if (ids[b + i] == entityId) {
                return b + i;
            }
        }
        return -1;
    }

    private int frameOf(long tick) {
        return (int) Math.floorMod(tick, (long) frames);
    }

    private RecordStatus reject(RecordStatus s) {
        rejected[s.ordinal()]++;
        return s;
    }

}
