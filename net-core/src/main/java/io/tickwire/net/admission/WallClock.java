package io.tickwire.net.admission;

/**
 * A source of wall-clock time in Unix milliseconds, for connect-token issue and expiry times.
 * Admission code never reads the system clock itself; tests pass a fixed or stepped one.
 */
@FunctionalInterface
public interface WallClock {

    /** The system's wall clock ({@link System#currentTimeMillis()}). */
    WallClock SYSTEM = System::currentTimeMillis;

    /** Milliseconds since 1970-01-01T00:00:00Z. */
    long currentTimeMillis();
}
