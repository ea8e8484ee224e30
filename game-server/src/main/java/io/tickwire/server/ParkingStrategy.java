package io.tickwire.server;

import java.util.concurrent.locks.LockSupport;

/**
 * How the blocking tick loop waits for its next tick; called on the loop thread. Oversleeping
 * never drifts the loop because ticks are due on an absolute schedule, it only delays one step.
 */
@FunctionalInterface
public interface ParkingStrategy {

    /** Parks with {@link LockSupport#parkNanos(long)} until shortly before the next tick, then yields. */
    ParkingStrategy PARK = new ParkingStrategy() {
        // Parking wakes late by tens of microseconds on most kernels: stop parking this early and
        // yield the rest, so ticks start close to their due time without burning a core.
        private static final long SPIN_MARGIN_NANOS = 200_000L;

        @Override
        public void idle(long nanosUntilNextTick) {
            if (nanosUntilNextTick > SPIN_MARGIN_NANOS) {
                LockSupport.parkNanos(nanosUntilNextTick - SPIN_MARGIN_NANOS);
            } else if (nanosUntilNextTick > 0) {
                Thread.yield();
            }
        }
    };

    /** Waits up to {@code nanosUntilNextTick} (may return early or late; the loop re-reads the clock). */
    void idle(long nanosUntilNextTick);
}
