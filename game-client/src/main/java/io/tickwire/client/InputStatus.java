package io.tickwire.client;

/** Result of {@link InputHistory#record}; only the OK statuses store the input. */
public enum InputStatus {
    /** Stored. */
    OK,
    /** Stored, but the ring was full of unacknowledged inputs and the oldest one was overwritten (acks are not arriving). */
    OK_EVICTED_UNACKED,
    /** The tick is not newer than the newest recorded tick; nothing stored. */
    NOT_NEWER,
    /** The tick is negative; nothing stored. */
    BAD_TICK,
    /** The record is longer than {@code maxInputBytes} (the named limit); nothing stored. */
    TOO_LARGE,
    /** The source array or range is invalid; nothing stored. */
    BAD_RANGE
}
