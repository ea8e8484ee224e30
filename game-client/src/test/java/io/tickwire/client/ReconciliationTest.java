package io.tickwire.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Prediction and reconciliation driven by InputHistory and ErrorSmoother over a lossy, jittery link. */
class ReconciliationTest {
    private static final long FRAME = 1_000_000_000L / 60;

    /** A client packet: inputs for ticks first..first+count-1 (one byte each), delivered at a tick. */
    private record InputPacket(long first, byte[] inputs, long deliverAt) { }

    /** A server state: x after processing every input up to ackTick, delivered at a tick. */
    private record State(long ackTick, float x, long deliverAt) { }

    private static float step(float x, byte input) {
        return x + input * 0.125f;   // the shared simulation step, same on both sides
    }

    @Test
    void predictionAgreesWithServerAfterReplaySmallPushesAreSmoothedAndLargeOnesSnap() {
        SplittableRandom rnd = new SplittableRandom(5);
        InputHistory history = new InputHistory(128, 1);
        ErrorSmoother smoother = new ErrorSmoother(1, 1.0, 10.0, 0.001);
        ArrayDeque<InputPacket> up = new ArrayDeque<>();
        ArrayDeque<State> down = new ArrayDeque<>();
        byte[] one = new byte[1];
        float[] correction = new float[1];
        float predicted = 0f;
        float serverX = 0f;
        long serverProcessed = -1;
        int smoothed = 0;
        int snapped = 0;
        int exactReplays = 0;
        for (long t = 0; t < 4000; t++) {
            // Client tick: predict with this tick's input and send every unacknowledged input (redundancy).
            one[0] = (byte) (rnd.nextInt(3) - 1);
            history.record(t, one, 0, 1);
            predicted = step(predicted, one[0]);
            long first = history.redundancyFirstTick(16);
            int count = (int) (history.newestTick() - first + 1);
            byte[] payload = new byte[count];
            for (int k = 0; k < count; k++) {
                history.copy(first + k, payload, k);
            }
            if (rnd.nextDouble() >= 0.05) {
                up.add(new InputPacket(first, payload, t + 4 + rnd.nextInt(3)));   // 75 ms + up to 30 ms jitter
            }
            // Server: apply each input once, in order; occasionally a push the client cannot predict.
            while (!up.isEmpty() && up.peek().deliverAt() <= t) {
                InputPacket p = up.poll();
                for (int k = 0; k < p.inputs().length; k++) {
                    long u = p.first() + k;
                    if (u == serverProcessed + 1) {
                        serverX = step(serverX, p.inputs()[k]);
                        serverProcessed = u;
                        if (u == 1000) {
                            serverX += 0.5f;   // small: should be smoothed
                        } else if (u == 2000) {
                            serverX += 3.0f;   // large: should snap
                        }
                    }
                }
                if (rnd.nextDouble() >= 0.05) {
                    down.add(new State(serverProcessed, serverX, t + 4 + rnd.nextInt(3)));
                }
            }
            // Client: reconcile on each authoritative state.
            while (!down.isEmpty() && down.peek().deliverAt() <= t) {
                State s = down.poll();
                if (s.ackTick() <= history.ackedTick()) {
                    continue;
                }
                history.acknowledge(s.ackTick());
                float replayed = s.x();
                for (long u = history.nextTick(history.ackedTick()); u >= 0; u = history.nextTick(u)) {
                    history.copy(u, one, 0);
                    replayed = step(replayed, one[0]);
                }
                correction[0] = predicted - replayed;
                if (correction[0] == 0f) {
                    exactReplays++;
                } else if (smoother.absorb(correction) == CorrectionKind.SNAPPED) {
                    snapped++;
                } else {
                    smoothed++;
                }
                predicted = replayed;
            }
            smoother.update(t * FRAME);
        }
        assertEquals(1, smoothed, "the 0.5 push is smoothed");
        assertEquals(1, snapped, "the 3.0 push snaps");
        assertTrue(exactReplays > 3000, "replayed predictions match the server exactly: " + exactReplays);
        assertEquals(0.0, smoother.offsetLength(), "offset decayed away");
        // Server and client agree on the acknowledged tick: replaying from the last state reproduces the prediction.
        assertTrue(history.ackedTick() > 3900);
        assertEquals(0, history.evictedUnackedCount());
    }
}
