package io.tickwire.server;

/**
 * One client's inputs, keyed by the client tick they belong to: {@link #offer} buffers up to
 * {@code bufferTicks} ticks ahead, and {@link #next()} (once per server tick) applies each input
 * exactly once in tick order, repeating the last input when the next one is missing. Late and
 * duplicate inputs are dropped and counted; {@link #lastProcessedTick()} tells the client how far
 * the server got. Owned by the tick thread; allocates nothing after construction.
 */
public final class InputBuffer {

    /** Default most bytes in one input record. */
    public static final int DEFAULT_MAX_INPUT_BYTES = 32;
    /** Default number of client ticks buffered ahead of the next one to apply. */
    public static final int DEFAULT_BUFFER_TICKS = 8;
    /** {@link #lastProcessedTick()} before any input was applied. */
    public static final long NONE = -1L;

    private static final byte EMPTY = 0;
    private static final byte PENDING = 1;
    private static final byte APPLIED = 2;
    private static final byte REPEATED = 3;

    private final int maxInputBytes;
    private final int bufferTicks;
    // Ring indexed by tick % bufferTicks: one slot per tick in the window (lastProcessed, lastProcessed + bufferTicks].
    private final long[] slotTick;
    private final byte[] slotState;
    private final int[] slotLength;
    private final byte[] slotBytes;
    private final InputRecord current;

    private long lastProcessed = NONE;
    private long lowestPending = Long.MAX_VALUE;
    private long highestPending = Long.MIN_VALUE;
    private long applied;
    private long repeats;
    private long late;
    private long duplicates;
    private long tooFarAhead;
    private long tooLarge;

    /** Creates a buffer; both limits are at least 1 and named in the error otherwise. */
    public InputBuffer(int maxInputBytes, int bufferTicks) {
        if (maxInputBytes < 1 || maxInputBytes > 1024) {
            throw new IllegalArgumentException("maxInputBytes must be 1..1024, got " + maxInputBytes);
        }
        if (bufferTicks < 1 || bufferTicks > 1024) {
            throw new IllegalArgumentException("bufferTicks must be 1..1024, got " + bufferTicks);
        }
        this.maxInputBytes = maxInputBytes;
        this.bufferTicks = bufferTicks;
        this.slotTick = new long[bufferTicks];
        this.slotState = new byte[bufferTicks];
        this.slotLength = new int[bufferTicks];
        this.slotBytes = new byte[bufferTicks * maxInputBytes];
        this.current = new InputRecord(maxInputBytes);
        java.util.Arrays.fill(slotTick, Long.MIN_VALUE);
    }

    /** Creates a buffer with {@link #DEFAULT_MAX_INPUT_BYTES} and {@link #DEFAULT_BUFFER_TICKS}. */
    public InputBuffer() {
        this(DEFAULT_MAX_INPUT_BYTES, DEFAULT_BUFFER_TICKS);
    }

    /** Buffers the input for {@code clientTick} (copied from {@code src}); never throws for bad input. */
    public InputStatus offer(long clientTick, byte[] src, int offset, int length) {
        if (length < 0 || length > maxInputBytes) {
            tooLarge++;
            return InputStatus.TOO_LARGE;
        }
        int slot = slotOf(clientTick);
        if (lastProcessed != NONE) {
            if (clientTick <= lastProcessed) {
                if (clientTick > lastProcessed - bufferTicks && slotTick[slot] == clientTick
                        && slotState[slot] == APPLIED) {
                    duplicates++;
                    return InputStatus.DUPLICATE;
                }
                late++;
                return InputStatus.LATE;
            }
            if (clientTick > lastProcessed + bufferTicks) {
                tooFarAhead++;
                return InputStatus.TOO_FAR_AHEAD;
            }
        } else if (lowestPending != Long.MAX_VALUE) {
            // Not started: every pending tick must fit one window so no two share a slot.
            if (clientTick >= lowestPending + bufferTicks) {
                tooFarAhead++;
                return InputStatus.TOO_FAR_AHEAD;
            }
            if (clientTick <= highestPending - bufferTicks) {
                late++;
                return InputStatus.LATE;
            }
        }
        if (slotTick[slot] == clientTick && slotState[slot] == PENDING) {
            duplicates++;
            return InputStatus.DUPLICATE;
        }
        slotTick[slot] = clientTick;
        slotState[slot] = PENDING;
        slotLength[slot] = length;
        System.arraycopy(src, offset, slotBytes, slot * maxInputBytes, length);
        if (clientTick < lowestPending) {
            lowestPending = clientTick;
        }
        if (clientTick > highestPending) {
            highestPending = clientTick;
        }
        return InputStatus.ACCEPTED;
    }

    /**
     * Applies the next client tick's input (call once per server tick): the buffered one, or the
     * last input repeated when it is missing. Returns null only before the first input arrived.
     */
    public InputRecord next() {
        long expected;
        if (lastProcessed == NONE) {
            if (lowestPending == Long.MAX_VALUE) {
                return null;
            }
            expected = lowestPending;
        } else {
            expected = lastProcessed + 1;
        }
        return apply(expected);
    }

    /** Applies tick {@code tick}: its buffered input, or the previous input repeated when it is missing. */
    private InputRecord apply(long tick) {
        int slot = slotOf(tick);
        if (slotTick[slot] == tick && slotState[slot] == PENDING) {
            slotState[slot] = APPLIED;
            current.set(tick, slotBytes, slot * maxInputBytes, slotLength[slot], false);
            applied++;
        } else {
            // Missing: the previous input stands in; a real one arriving later for this tick is LATE.
            slotTick[slot] = tick;
            slotState[slot] = REPEATED;
            current.restamp(tick, true);
            repeats++;
        }
        lastProcessed = tick;
        return current;
    }

    /**
     * Applies the input of client tick {@code serverTick} (call once per server tick, with increasing
     * ticks): the game layer's mode, where the client numbers its ticks in server ticks and runs
     * ahead by its one-way delay, so its input for tick t is due at server tick t. A buffered input
     * for that tick is applied; a missing one is stood in for by the last input, repeated; inputs for
     * ticks the server passed without applying them count as late. Unlike {@link #next()}, the
     * buffer never drifts from the server's clock: when the client's clock moves (its lead grows or
     * shrinks with the RTT), its inputs keep landing on the ticks they were made for. Returns null
     * until the first input that lands on its own tick (before it there is nothing to repeat).
     *
     * @throws IllegalArgumentException when {@code serverTick} does not increase
     */
    public InputRecord next(long serverTick) {
        if (lastProcessed != NONE && serverTick <= lastProcessed) {
            throw new IllegalArgumentException("server ticks must increase: " + serverTick + " after " + lastProcessed);
        }
        // Pending inputs for ticks passed over (the first call, or a jump) will never be applied.
        for (int i = 0; i < bufferTicks; i++) {
            if (slotState[i] == PENDING && slotTick[i] < serverTick) {
                slotState[i] = EMPTY;
                late++;
            }
        }
        if (lastProcessed == NONE) {
            int first = slotOf(serverTick);
            if (slotTick[first] != serverTick || slotState[first] != PENDING) {
                // Nothing to repeat yet: the player starts with its first input that lands on its tick.
                lowestPending = Long.MAX_VALUE;
                highestPending = Long.MIN_VALUE;
                for (int i = 0; i < bufferTicks; i++) {
                    if (slotState[i] == PENDING) {
                        lowestPending = Math.min(lowestPending, slotTick[i]);
                        highestPending = Math.max(highestPending, slotTick[i]);
                    }
                }
                return null;
            }
        }
        return apply(serverTick);
    }

    private int slotOf(long tick) {
        return (int) Math.floorMod(tick, (long) bufferTicks);
    }

    /** The newest client tick applied (real or repeated), for the client's reconciliation; {@link #NONE} before any. */
    public long lastProcessedTick() {
        return lastProcessed;
    }

    /** Number of buffered inputs ahead of the next tick to apply. */
    public int pendingCount() {
        int n = 0;
        for (int i = 0; i < bufferTicks; i++) {
            if (slotState[i] == PENDING) {
                n++;
            }
        }
        return n;
    }

    /** Inputs applied as sent. */
    public long appliedCount() {
        return applied;
    }

    /** Ticks whose input was missing and the last one was repeated. */
    public long repeatedCount() {
        return repeats;
    }

    /** Inputs dropped because their tick's turn had passed. */
    public long lateCount() {
        return late;
    }

    /** Inputs dropped as duplicates of a buffered or applied one. */
    public long duplicateCount() {
        return duplicates;
    }

    /** Inputs dropped for being more than bufferTicks ahead. */
    public long tooFarAheadCount() {
        return tooFarAhead;
    }

    /** Inputs dropped for exceeding maxInputBytes. */
    public long tooLargeCount() {
        return tooLarge;
    }

    /** The configured most bytes per input. */
    public int maxInputBytes() {
        return maxInputBytes;
    }

    /** The configured number of ticks buffered ahead. */
    public int bufferTicks() {
        return bufferTicks;
    }
}
