package io.tickwire.net.sim;

/** What {@link NetworkSimulator#submit} did with a datagram; each drop is also counted. */
public enum SubmitStatus {
    /** Accepted: it (and a duplicate, when one was drawn) will be delivered when its time comes. */
    QUEUED,
    /** Dropped by the simulated loss ({@link NetworkConditions#lossPercent()}). */
    DROPPED_LOSS,
    /** Dropped because the capped path's backlog was full ({@link NetworkConditions#bandwidthQueueNanos()}). */
    DROPPED_BANDWIDTH,
    /** Dropped because the simulator already holds {@link NetworkSimulator#capacity()} datagrams in flight. */
    DROPPED_CAPACITY,
    /** Dropped because it is longer than {@link NetworkSimulator#maxDatagramSize()}. */
    DROPPED_OVERSIZE
}
