package io.tickwire.net.protocol;

/**
 * A token bucket on caller-supplied time: {@code burst} tokens at most, refilled at
 * {@code ratePerSecond}. Credit is kept in nanoseconds (one token costs {@code 1e9 / rate} ns), so
 * refilling is one subtraction and no rounding error accumulates. Not thread-safe: one owner. Used for
 * each connection's receive rate limit and by the LAN discovery responder's query limits.
 */
public final class TokenBucket {

    private final long costNanos;
    private final long capacityNanos;
    private long creditNanos;
    private long lastNanos;

    /** A full bucket at {@code nowNanos}; rate 1..1,000,000 per second and burst 1.. are checked by the config. */
    public TokenBucket(int ratePerSecond, int burst, long nowNanos) {
        this.costNanos = 1_000_000_000L / ratePerSecond;
        this.capacityNanos = costNanos * burst;
        this.creditNanos = capacityNanos;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one at {@code nowNanos}. */
    public boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (creditNanos < costNanos) {
            return false;
        }
        creditNanos -= costNanos;
        return true;
    }

    /** Whether the bucket has refilled completely: forgetting it then loses nothing. */
    public boolean isFull(long nowNanos) {
        refill(nowNanos);
        return creditNanos == capacityNanos;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed <= 0) {
            return; // time given out of order (two threads' clocks): never refill backwards
        }
        lastNanos = nowNanos;
        // Compared before adding so that a long idle time cannot overflow.
        creditNanos = elapsed >= capacityNanos - creditNanos ? capacityNanos : creditNanos + elapsed;
    }
}
