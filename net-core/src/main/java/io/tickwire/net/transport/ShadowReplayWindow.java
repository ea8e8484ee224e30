package io.tickwire.net.transport;

/**
 * A copy of the record layer's anti-replay window (RFC 6347 4.1.2.6, 64 records) that we update only
 * when Bouncy Castle reports a record as accepted, so we can recognise and count the replays that
 * Bouncy Castle drops silently. Tracks the newest epoch seen; owned by the thread that drains the link.
 */
final class ShadowReplayWindow {

    private static final int WINDOW = 64;

    private int epoch = -1;
    private long latest = -1;
    private long bitmap;

    /** True when a record of this epoch and sequence number must be a replay (or too old to check). */
    boolean isReplay(int recordEpoch, long seq) {
        if (recordEpoch != epoch || latest < 0) {
            return false;
        }
        if (seq > latest) {
            return false;
        }
        long diff = latest - seq;
        return diff >= WINDOW || (bitmap & (1L << diff)) != 0;
    }

    /** The epoch the window tracks, or -1 before any accepted record of epoch 1 or later. */
    int epoch() {
        return epoch;
    }

    /** Records that Bouncy Castle accepted the record; epoch 0 (handshake) records are not tracked. */
    void accepted(int recordEpoch, long seq) {
        if (recordEpoch < 1 || recordEpoch < epoch) {
            return;
        }
        if (recordEpoch > epoch) {
            epoch = recordEpoch;
            latest = seq;
            bitmap = 1;
            return;
        }
        if (seq > latest) {
            long diff = seq - latest;
            bitmap = diff >= WINDOW ? 1 : (bitmap << diff) | 1;
            latest = seq;
        } else {
            long diff = latest - seq;
            if (diff < WINDOW) {
                bitmap |= 1L << diff;
            }
        }
    }
}
