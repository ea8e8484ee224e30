package io.tickwire.net;

/**
 * A source of monotonic time in nanoseconds. Protocol code never reads the system clock itself:
 * it takes {@code nowNanos} as a parameter, and the threads that drive it read one of these once
 * per step. Tests pass a manual clock.
 */
@FunctionalInterface
public interface NanoClock {

    /** The system's monotonic clock ({@link System#nanoTime()}). */
    NanoClock SYSTEM = System::nanoTime;

    /** Current time in nanoseconds; only differences between two readings are meaningful. */
    long nanoTime();
}
