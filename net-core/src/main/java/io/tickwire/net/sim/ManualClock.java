package io.tickwire.net.sim;

import io.tickwire.net.NanoClock;

/**
 * A {@link NanoClock} that moves only when told to, for tests and simulated-time demos.
 *
 * <p>Reads are safe from any thread (volatile); advancing is synchronized so concurrent advances add up.
 */
public final class ManualClock implements NanoClock {

    private volatile long nanos;

    /** A clock that starts at {@code startNanos}. */
    public ManualClock(long startNanos) {
        this.nanos = startNanos;
    }

    /** A clock that starts at zero. */
    public ManualClock() {
        this(0L);
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    /** Moves the clock forward by {@code deltaNanos} (>= 0) and returns the new time. */
    public synchronized long advanceNanos(long deltaNanos) {
        if (deltaNanos < 0) {
            throw new IllegalArgumentException("deltaNanos must be >= 0 (time is monotonic), was " + deltaNanos);
        }
        long next = nanos + deltaNanos;
        nanos = next;
        return next;
    }

    /** Moves the clock forward by {@code deltaMillis} (>= 0) and returns the new time in nanoseconds. */
    public long advanceMillis(long deltaMillis) {
        if (deltaMillis < 0) {
            throw new IllegalArgumentException("deltaMillis must be >= 0 (time is monotonic), was " + deltaMillis);
        }
        return advanceNanos(Math.multiplyExact(deltaMillis, 1_000_000L));
    }

    /** Moves the clock to {@code newNanos}, which must not be earlier than now. */
    public synchronized void setNanos(long newNanos) {
        if (newNanos < nanos) {
            throw new IllegalArgumentException("newNanos must be >= the current " + nanos
                    + " (time is monotonic), was " + newNanos);
        }
        nanos = newNanos;
    }
}
