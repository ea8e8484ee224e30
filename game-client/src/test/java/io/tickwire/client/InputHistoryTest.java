package io.tickwire.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InputHistoryTest {
    private static final int REDUNDANCY = 3;

    /** Something in flight: an ack tick, delivered at a client tick. */
    private record Ack(long tick, long deliverAt) { }

    @Test
    void lastNRedundancyCoversEverySingleLossAndInputsAreProcessedOnceInOrder() {
        SplittableRandom rnd = new SplittableRandom(11);
        InputHistory history = new InputHistory(64, 8);
        byte[] input = new byte[8];
        byte[] packet = new byte[REDUNDANCY * 8];
        long[] packetTicks = new long[REDUNDANCY];
        int ticks = 5000;
        boolean[] delivered = new boolean[ticks];
        boolean[] processed = new boolean[ticks];
        long lastProcessed = -1;
        ArrayDeque<Ack> acks = new ArrayDeque<>();
        for (long t = 0; t < ticks; t++) {
            while (!acks.isEmpty() && acks.peek().deliverAt() <= t) {
                history.acknowledge(acks.poll().tick());
            }
            for (int i = 0; i < input.length; i++) {
                input[i] = (byte) (t * 31 + i);
            }
            assertEquals(InputStatus.OK, history.record(t, input, 0, input.length));
            // Build the packet: the last REDUNDANCY unacknowledged inputs.
            int count = 0;
            int bytes = 0;
            for (long u = history.redundancyFirstTick(REDUNDANCY); u >= 0; u = history.nextTick(u)) {
                packetTicks[count++] = u;
                bytes += history.copy(u, packet, bytes);
            }
            assertTrue(count >= 1 && count <= REDUNDANCY);
            delivered[(int) t] = rnd.nextDouble() >= 0.05;
            if (!delivered[(int) t]) {
                continue;
            }
            // Server: apply each new input once, in order.
            for (int k = 0; k < count; k++) {
                long u = packetTicks[k];
                if (u <= lastProcessed) {
                    continue;   // a redundant copy of an input already applied
                }
                assertEquals(lastProcessed + 1, u, "gap before tick " + u);
                for (int i = 0; i < 8; i++) {
                    assertEquals((byte) (u * 31 + i), packet[k * 8 + i], "payload of tick " + u);
                }
                processed[(int) u] = true;
                lastProcessed = u;
            }
            if (rnd.nextDouble() >= 0.05) {
                acks.add(new Ack(lastProcessed, t + 9));   // about 150 ms RTT at 60 Hz
            }
        }
        int singleLosses = 0;
        for (int t = 0; t < ticks - REDUNDANCY; t++) {
            boolean anyCarrier = false;
            for (int p = t; p < t + REDUNDANCY; p++) {
                anyCarrier |= delivered[p];
            }
            if (!delivered[t] && (t == 0 || delivered[t - 1]) && delivered[t + 1]) {
                singleLosses++;
                assertTrue(processed[t], "single loss at tick " + t + " cost the input");
            }
            // An input is lost only when every packet that carried it was lost.
            assertEquals(anyCarrier, processed[t], "tick " + t);
        }
        assertTrue(singleLosses > 100, "the seed must produce single losses: " + singleLosses);
        assertEquals(0, history.evictedUnackedCount());
    }

    @Test
    void replayIteratesUnacknowledgedInputsInOrderFromTheAck() {
        InputHistory history = new InputHistory(32, 4);
        byte[] in = new byte[2];
        for (long t = 0; t < 100; t++) {
            in[0] = (byte) t;
            in[1] = (byte) (t * 2);
            history.record(t, in, 0, 2);
        }
        history.acknowledge(90);
        byte[] out = new byte[4];
        long expected = 91;
        for (long t = history.nextTick(history.ackedTick()); t >= 0; t = history.nextTick(t)) {
            assertEquals(expected++, t);
            assertEquals(2, history.copy(t, out, 0));
            assertArrayEquals(new byte[] {(byte) t, (byte) (t * 2)}, java.util.Arrays.copyOf(out, 2));
        }
        assertEquals(100, expected);
        history.acknowledge(80);   // stale ack ignored
        assertEquals(90, history.ackedTick());
        assertEquals(-1, history.copy(60, out, 0), "older than the ring");
        assertEquals(97, history.redundancyFirstTick(3));
        history.acknowledge(99);
        assertEquals(-1, history.redundancyFirstTick(3), "nothing unacknowledged to send");
    }

    @Test
    void refusesBadRecordsAndReportsOverflowOfUnacknowledgedInputs() {
        InputHistory history = new InputHistory(4, 2);
        byte[] in = {1, 2, 3};
        assertEquals(InputStatus.BAD_TICK, history.record(-1, in, 0, 1));
        assertEquals(InputStatus.TOO_LARGE, history.record(0, in, 0, 3));
        assertEquals(InputStatus.BAD_RANGE, history.record(0, in, 2, 2));
        assertEquals(InputStatus.OK, history.record(0, in, 0, 2));
        assertEquals(InputStatus.NOT_NEWER, history.record(0, in, 0, 2));
        for (long t = 1; t < 4; t++) {
            assertEquals(InputStatus.OK, history.record(t, in, 0, 2));
        }
        assertEquals(InputStatus.OK_EVICTED_UNACKED, history.record(4, in, 0, 2));
        history.acknowledge(4);
        assertEquals(InputStatus.OK, history.record(5, in, 0, 2));
        history.acknowledge(5);
        assertEquals(InputStatus.OK, history.record(20, in, 0, 2), "gap after a clock snap; only acked inputs retired");
        assertEquals(20, history.nextTick(history.ackedTick()));
        assertEquals(InputStatus.OK_EVICTED_UNACKED, history.record(30, in, 0, 2), "unacked 20 retired by the gap");
        assertEquals(2, history.evictedUnackedCount());
        assertEquals(4, history.refusedCount());
    }
}
