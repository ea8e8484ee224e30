package io.tickwire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InputBufferTest {

    /** A 6-byte input whose content is derived from its tick, so the test can check what was applied. */
    private static byte[] inputFor(long tick) {
        byte[] b = new byte[6];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (tick >>> (8 * i));
        }
        b[4] = (byte) (tick * 31);
        b[5] = (byte) 0x5A;
        return b;
    }

    private static void assertContentOf(long tick, InputRecord r) {
        byte[] want = inputFor(tick);
        assertEquals(want.length, r.length());
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], r.byteAt(i), "byte " + i + " of tick " + tick);
        }
    }

    @Test
    void appliesInOrderOnceAndRepeatsTheLastInputOnAGap() {
        InputBuffer buf = new InputBuffer(16, 8);
        assertNull(buf.next(), "nothing to apply before the first input");
        assertEquals(InputBuffer.NONE, buf.lastProcessedTick());
        assertEquals(InputStatus.ACCEPTED, buf.offer(11, inputFor(11), 0, 6));
        assertEquals(InputStatus.ACCEPTED, buf.offer(10, inputFor(10), 0, 6));
        assertEquals(InputStatus.ACCEPTED, buf.offer(13, inputFor(13), 0, 6));
        assertEquals(InputStatus.DUPLICATE, buf.offer(11, inputFor(11), 0, 6));

        InputRecord r = buf.next();
        assertEquals(10, r.tick());
        assertFalse(r.isRepeated());
        assertContentOf(10, r);
        assertEquals(10, buf.lastProcessedTick());
        r = buf.next();
        assertEquals(11, r.tick());
        assertContentOf(11, r);
        r = buf.next();
        assertEquals(12, r.tick());
        assertTrue(r.isRepeated(), "tick 12 never arrived");
        assertContentOf(11, r);
        assertEquals(12, buf.lastProcessedTick());
        assertEquals(InputStatus.LATE, buf.offer(12, inputFor(12), 0, 6), "its turn passed");
        assertEquals(InputStatus.DUPLICATE, buf.offer(11, inputFor(11), 0, 6), "already applied");
        r = buf.next();
        assertEquals(13, r.tick());
        assertFalse(r.isRepeated());
        assertContentOf(13, r);

        assertEquals(3, buf.appliedCount());
        assertEquals(1, buf.repeatedCount());
        assertEquals(1, buf.lateCount());
        assertEquals(2, buf.duplicateCount());
    }

    @Test
    void refusesInputsTooLargeOrTooFarAheadCountingThem() {
        InputBuffer buf = new InputBuffer(8, 4);
        assertEquals(InputStatus.TOO_LARGE, buf.offer(1, new byte[9], 0, 9));
        assertEquals(InputStatus.ACCEPTED, buf.offer(1, inputFor(1), 0, 6));
        assertEquals(InputStatus.TOO_FAR_AHEAD, buf.offer(5, inputFor(5), 0, 6), "window is ticks 1..4");
        assertEquals(InputStatus.ACCEPTED, buf.offer(4, inputFor(4), 0, 6));
        buf.next();
        assertEquals(InputStatus.ACCEPTED, buf.offer(5, inputFor(5), 0, 6), "window moved to 2..5");
        assertEquals(InputStatus.TOO_FAR_AHEAD, buf.offer(6, inputFor(6), 0, 6));
        assertEquals(1, buf.tooLargeCount());
        assertEquals(2, buf.tooFarAheadCount());
        assertEquals(2, buf.pendingCount());
    }

    @Test
    void limitsAreValidatedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InputBuffer(0, 8));
        assertTrue(e.getMessage().contains("maxInputBytes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new InputBuffer(16, 0));
        assertTrue(e.getMessage().contains("bufferTicks"), e.getMessage());
    }

    private record Arrival(long tick, long step) {
    }

    @Test
    void shuffledDuplicatedAndLateArrivalsAreAppliedOnceInOrder() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            int ticks = 2000;
            int base = 2;
            int jitter = 3;
            int lead = 1 + base + jitter - 1; // client tick t gets its turn at server step t + lead
            List<List<Arrival>> byStep = new ArrayList<>();
            for (int i = 0; i < ticks + 64; i++) {
                byStep.add(new ArrayList<>());
            }
            int copies = 0;
            boolean[] anyInTime = new boolean[ticks + 1];
            for (int t = 1; t <= ticks; t++) {
                int n = rnd.nextInt(10) == 0 ? 2 : 1; // 10% duplicated
                for (int c = 0; c < n; c++) {
                    int step = t + base + rnd.nextInt(jitter + 1);
                    if (rnd.nextInt(25) == 0) {
                        step += 6 + rnd.nextInt(20); // 4% very late
                    }
                    byStep.get(step).add(new Arrival(t, step));
                    copies++;
                    if (step <= t + lead && t > 1) {
                        anyInTime[t] = true;
                    }
                }
            }
            anyInTime[1] = true; // the first input is always delivered on time below
            byStep.get(1 + lead).add(0, new Arrival(1, 1 + lead));
            copies++;

            InputBuffer buf = new InputBuffer(16, 8);
            IntArrayList statuses = new IntArrayList(new int[InputStatus.values().length]);
            long expectedNext = 1;
            long lastReal = 0;
            for (int s = 0; s < byStep.size(); s++) {
                List<Arrival> arrivals = byStep.get(s);
                // Shuffle the step's arrivals (seeded) so order within a step is random too.
                for (int i = arrivals.size() - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    Arrival tmp = arrivals.get(i);
                    arrivals.set(i, arrivals.get(j));
                    arrivals.set(j, tmp);
                }
                for (Arrival a : arrivals) {
                    InputStatus st = buf.offer(a.tick(), inputFor(a.tick()), 0, 6);
                    statuses.set(st.ordinal(), statuses.getInt(st.ordinal()) + 1);
                    if (a.step() > a.tick() + lead) {
                        assertTrue(st == InputStatus.LATE || st == InputStatus.DUPLICATE,
                                "seed " + seed + " tick " + a.tick() + " arriving after its turn: " + st);
                    }
                }
                if (s >= 1 + lead && expectedNext <= ticks) {
                    InputRecord r = buf.next();
                    assertNotNull(r);
                    assertEquals(expectedNext, r.tick(), "seed " + seed);
                    assertEquals(expectedNext, buf.lastProcessedTick());
                    if (anyInTime[(int) expectedNext]) {
                        assertFalse(r.isRepeated(), "seed " + seed + " tick " + expectedNext + " arrived in time");
                        assertContentOf(expectedNext, r);
                        lastReal = expectedNext;
                    } else {
                        assertTrue(r.isRepeated(), "seed " + seed + " tick " + expectedNext + " was missing");
                        assertContentOf(lastReal, r);
                    }
                    expectedNext++;
                }
            }
            int inTime = 0;
            for (int t = 1; t <= ticks; t++) {
                inTime += anyInTime[t] ? 1 : 0;
            }
            assertEquals(ticks + 1, expectedNext);
            assertEquals(inTime, buf.appliedCount(), "seed " + seed + ": each input applied exactly once");
            assertEquals(ticks - inTime, buf.repeatedCount());
            assertEquals(inTime, statuses.getInt(InputStatus.ACCEPTED.ordinal()));
            assertEquals(copies - inTime, buf.lateCount() + buf.duplicateCount(), "every other copy dropped, counted");
            assertEquals(0, buf.tooFarAheadCount());
            assertTrue(buf.repeatedCount() > 0 && buf.duplicateCount() > 0 && buf.lateCount() > 0,
                    "seed " + seed + " exercised gaps, duplicates and late copies");
        }
    }

    @Test
    void redundancyOfThreeInputsPerPacketLosesNoInputToIsolatedLossAtFivePercent() {
        SplittableRandom rnd = new SplittableRandom(7);
        int ticks = 10_000;
        int redundancy = 3;
        int delay = 3;
        // The client runs ahead so that an input is due (redundancy - 1) ticks after its own packet
        // arrives: a lost packet is covered by either of the next two.
        int lead = delay + redundancy - 1;
        boolean[] lost = new boolean[ticks + 1];
        int lostPackets = 0;
        for (int t = 1; t <= ticks; t++) {
            lost[t] = rnd.nextInt(100) < 5;
            lostPackets += lost[t] ? 1 : 0;
        }
        lost[1] = false;
        InputBuffer buf = new InputBuffer(16, 8);
        long processed = 0;
        int burstLosses = 0;
        for (int s = 1; s <= ticks + lead; s++) {
            int sentAt = s - delay; // the packet the client sent at tick sentAt arrives now
            if (sentAt >= 1 && sentAt <= ticks && !lost[sentAt]) {
                for (int k = 0; k < redundancy; k++) {
                    long t = sentAt - k;
                    if (t >= 1) {
                        buf.offer(t, inputFor(t), 0, 6);
                    }
                }
            }
            if (s >= 1 + lead) {
                InputRecord r = buf.next();
                processed++;
                assertEquals(processed, r.tick());
                // An input is gone only when every packet that carried it (ticks t..t+2) was lost.
                boolean allCopiesLost = true;
                for (int k = 0; k < redundancy; k++) {
                    int p = (int) processed + k;
                    allCopiesLost &= p <= ticks && lost[p];
                }
                if (allCopiesLost) {
                    burstLosses++;
                    assertTrue(r.isRepeated());
                } else {
                    assertFalse(r.isRepeated(), "tick " + r.tick() + " lost although one of its packets arrived");
                    assertContentOf(processed, r);
                }
            }
        }
        assertEquals(ticks, processed);
        assertEquals(ticks - burstLosses, buf.appliedCount());
        assertEquals(burstLosses, buf.repeatedCount());
        // Three lost packets in a row are rare (p = 0.05^3 per tick); every other input survives.
        assertTrue(burstLosses <= 2, "bursts of 3 lost packets: " + burstLosses);
        assertTrue(lostPackets > 400, "about 5% of 10000 packets were lost: " + lostPackets);
        assertTrue(buf.duplicateCount() > 0, "redundant copies were dropped as duplicates");
    }

    @Test
    void steadyStateAllocatesNothing() {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        InputBuffer buf = new InputBuffer(16, 8);
        byte[] payload = new byte[12];
        long tid = Thread.currentThread().getId();
        long sink = 0;
        // Five rounds after one warm-up; the quietest must be exactly zero. A single round can catch
        // one-off bytes from the JIT or class loading, which are not a per-input cost.
        long fewest = Long.MAX_VALUE;
        long most = 0;
        for (int round = 0; round < 6; round++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (long t = round * 100_000L + 1; t <= (round + 1) * 100_000L; t++) {
                payload[0] = (byte) t;
                buf.offer(t, payload, 0, payload.length);
                buf.offer(t, payload, 0, payload.length); // duplicate
                if (t % 50 != 0) {
                    buf.offer(t, payload, 0, payload.length);
                }
                sink += buf.next().length();
            }
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            if (round > 0) {
                fewest = Math.min(fewest, allocated);
                most = Math.max(most, allocated);
            }
        }
        assertEquals(0, fewest, "bytes allocated by the quietest 100000 ticks of offer/next");
        // Any per-input allocation would cost at least 100000 x 16 bytes in every round.
        assertTrue(most < 16 * 1024, "every round stays below one-off noise, was " + most);
        assertTrue(sink > 0);
    }

    @Test
    void serverTickModeAppliesEachInputOnTheTickItWasMadeForWhateverTheClientsLead() {
        InputBuffer buf = new InputBuffer(16, 32);
        byte[] in = inputFor(105);
        // The client runs 5 ticks ahead: its first input (tick 105) arrives at server tick 100.
        assertEquals(InputStatus.ACCEPTED, buf.offer(105, in, 0, in.length));
        for (long t = 100; t < 105; t++) {
            assertNull(buf.next(t), "nothing to apply or repeat before the first input's tick " + t);
        }
        long serverTick = 105;
        long clientTick = 105;
        InputRecord r = buf.next(serverTick++);
        assertEquals(105, r.tick());
        assertFalse(r.isRepeated());
        // The client's lead grows by 6 ticks (its RTT estimate rose): inputs simply wait longer.
        clientTick += 6;
        for (long t = 106; t <= clientTick; t++) {
            byte[] b = inputFor(t);
            assertEquals(InputStatus.ACCEPTED, buf.offer(t, b, 0, b.length));
        }
        for (; serverTick <= clientTick; serverTick++) {
            r = buf.next(serverTick);
            assertEquals(serverTick, r.tick());
            assertFalse(r.isRepeated(), "tick " + serverTick);
            assertContentOf(serverTick, r);
        }
        // Now the lead shrinks below zero: the input for tick 120 arrives after the server passed it.
        for (; serverTick <= 120; serverTick++) {
            r = buf.next(serverTick);
            assertTrue(r.isRepeated(), "missing input is stood in for at " + serverTick);
            assertContentOf(clientTick, r);
        }
        byte[] lateOne = inputFor(120);
        assertEquals(InputStatus.LATE, buf.offer(120, lateOne, 0, lateOne.length));
        // An input that arrived for a tick and was skipped over (the server jumped) counts as late.
        byte[] a = inputFor(122);
        buf.offer(122, a, 0, a.length);
        byte[] b2 = inputFor(124);
        buf.offer(124, b2, 0, b2.length);
        long lateBefore = buf.lateCount();
        r = buf.next(124);
        assertContentOf(124, r);
        assertEquals(lateBefore + 1, buf.lateCount(), "tick 122's input was passed over");
        assertThrows(IllegalArgumentException.class, () -> buf.next(124), "server ticks must increase");
        assertEquals(0, buf.tooFarAheadCount());
    }
}
