package io.tickwire.server;

/** Result of {@link TickLoop#post(TickCommand)}. */
public enum PostStatus {
    /** The command is queued and will run at the start of the next step. */
    QUEUED,
    /** The queue holds {@code commandQueueCapacity} commands already: back-pressure, try again later. */
    QUEUE_FULL,
    /** The loop has been stopped; the command will never run. */
    STOPPED
}
