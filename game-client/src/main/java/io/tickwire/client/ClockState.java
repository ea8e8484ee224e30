package io.tickwire.client;

/** State of a {@link ServerClock}, for the net graph and for deciding when inputs may be sent. */
public enum ClockState {
    /** No snapshot has arrived yet; the clock has no estimate. */
    UNSYNCED,
    /** The client tick is more than the lock tolerance away from its target and is being scaled towards it. */
    CONVERGING,
    /** The client tick is within the lock tolerance of its target lead. */
    LOCKED,
    /** The client tick was too far ahead of its target and is paused (never run backwards) until the target catches up. */
    HOLDING
}
