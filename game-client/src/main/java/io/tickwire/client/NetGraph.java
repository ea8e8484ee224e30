package io.tickwire.client;

/**
 * Live figures of a {@link GameClient} for a net graph overlay: link quality, rates, timing, prediction
 * corrections and snapshot drops. The client updates this one object in place at the end of every
 * {@link GameClient#update}; read it on the same thread (nothing here allocates).
 */
public final class NetGraph {
    double rttMillis;
    double rttVarianceMillis;
    double jitterMillis;
    double lossPercent;
    double kbpsIn;
    double kbpsOut;
    double interpolationDelayMillis;
    double leadTicks;
    ClockState clockState = ClockState.UNSYNCED;
    long snapshotsReceived;
    long snapshotsDecoded;
    long snapshotsMissingBaseline;
    long snapshotsStale;
    long snapshotsMalformed;
    long snapshotsDeltaDecoded;
    int lastSnapshotBytes;
    double averageSnapshotBytes;
    long inputFramesSent;
    long inputSendFailures;
    long ticksSkipped;
    long correctionsSmoothed;
    long correctionsSnapped;
    long eventsDeliveredEarly;

    NetGraph() {
    }

    /** Smoothed round-trip time in milliseconds. */
    public double rttMillis() {
        return rttMillis;
    }

    /** Round-trip time variance (mean deviation) in milliseconds. */
    public double rttVarianceMillis() {
        return rttVarianceMillis;
    }

    /** Snapshot arrival jitter in milliseconds (what the interpolation delay has to cover). */
    public double jitterMillis() {
        return jitterMillis;
    }

    /** Estimated packet loss from the server, in percent. */
    public double lossPercent() {
        return lossPercent;
    }

    /** Received kilobits per second (DTLS payload). */
    public double kbpsIn() {
        return kbpsIn;
    }

    /** Sent kilobits per second (DTLS payload). */
    public double kbpsOut() {
        return kbpsOut;
    }

    /** How far behind the snapshot arrival timeline remote entities are drawn, in milliseconds. */
    public double interpolationDelayMillis() {
        return interpolationDelayMillis;
    }

    /** Lead of the client tick over the estimated server tick, in ticks. */
    public double leadTicks() {
        return leadTicks;
    }

    /** State of the client clock. */
    public ClockState clockState() {
        return clockState;
    }

    /** Snapshot frames received. */
    public long snapshotsReceived() {
        return snapshotsReceived;
    }

    /** Snapshots decoded into the ring. */
    public long snapshotsDecoded() {
        return snapshotsDecoded;
    }

    /** Of the decoded snapshots, those that were deltas against a baseline. */
    public long snapshotsDeltaDecoded() {
        return snapshotsDeltaDecoded;
    }

    /** Snapshots dropped because their baseline was not in the ring. */
    public long snapshotsMissingBaseline() {
        return snapshotsMissingBaseline;
    }

    /** Snapshots dropped because a newer one was already decoded (reordered or duplicated). */
    public long snapshotsStale() {
        return snapshotsStale;
    }

    /** Snapshot frames dropped because they did not decode (truncated, bad values, over a limit). */
    public long snapshotsMalformed() {
        return snapshotsMalformed;
    }

    /** Encoded size of the newest decoded snapshot, in bytes (frame header included). */
    public int lastSnapshotBytes() {
        return lastSnapshotBytes;
    }

    /** Average encoded snapshot size in bytes (exponential, frame header included). */
    public double averageSnapshotBytes() {
        return averageSnapshotBytes;
    }

    /** Input frames handed to the connection. */
    public long inputFramesSent() {
        return inputFramesSent;
    }

    /** Input frames the connection refused (not connected yet, back-pressure). */
    public long inputSendFailures() {
        return inputSendFailures;
    }

    /** Client ticks skipped because an update would have run more than maxCatchUpTicks. */
    public long ticksSkipped() {
        return ticksSkipped;
    }

    /** Prediction corrections hidden by smoothing. */
    public long correctionsSmoothed() {
        return correctionsSmoothed;
    }

    /** Prediction corrections too large to smooth, shown at once. */
    public long correctionsSnapped() {
        return correctionsSnapped;
    }

    /** Tick-stamped events delivered before their tick because maxHeldEvents were waiting. */
    public long eventsDeliveredEarly() {
        return eventsDeliveredEarly;
    }
}
