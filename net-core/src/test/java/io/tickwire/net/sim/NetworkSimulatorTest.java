package io.tickwire.net.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import org.junit.jupiter.api.Test;

class NetworkSimulatorTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private static final NetworkConditions ROUGH = NetworkConditions.PERFECT
            .withLatencyMillis(100).withJitterMillis(30).withLossPercent(10).withDuplicatePercent(10)
            .withReorderPercent(10).withReorderDelayMillis(40);

    /** Writes a 4-byte id followed by filler into buf and returns the length used. */
    private static int datagram(byte[] buf, int id, int len) {
        buf[0] = (byte) (id >>> 24);
        buf[1] = (byte) (id >>> 16);
        buf[2] = (byte) (id >>> 8);
        buf[3] = (byte) id;
        for (int i = 4; i < len; i++) {
            buf[i] = (byte) (id * 31 + i);
        }
        return len;
    }

    private static int idOf(byte[] buf) {
        return (buf[0] & 0xFF) << 24 | (buf[1] & 0xFF) << 16 | (buf[2] & 0xFF) << 8 | (buf[3] & 0xFF);
    }

    /** Sends {@code count} datagrams one per {@code stepNanos} and records (id, time) of each delivery. */
    private static void run(NetworkSimulator sim, int count, long stepNanos, int len, IntArrayList ids,
            LongArrayList times) {
        byte[] out = new byte[len];
        byte[] in = new byte[len];
        long now = 0;
        for (int i = 0; i < count; i++) {
            sim.submit(out, 0, datagram(out, i, len), now);
            drain(sim, in, now, ids, times);
            now += stepNanos;
        }
        while (sim.inFlight() > 0) {
            now = Math.max(now, sim.nextDeliveryNanos());
            drain(sim, in, now, ids, times);
        }
    }

    private static void drain(NetworkSimulator sim, byte[] in, long now, IntArrayList ids, LongArrayList times) {
        int n;
        while ((n = sim.poll(in, 0, in.length, now)) >= 0) {
            assertTrue(n >= 4);
            ids.add(idOf(in));
            times.add(now);
        }
    }

    @Test
    void sameSeedGivesSameDeliveries() {
        IntArrayList ids1 = new IntArrayList();
        LongArrayList times1 = new LongArrayList();
        IntArrayList ids2 = new IntArrayList();
        LongArrayList times2 = new LongArrayList();
        run(new NetworkSimulator(ROUGH, 42, 4096, 64), 5000, MS, 32, ids1, times1);
        run(new NetworkSimulator(ROUGH, 42, 4096, 64), 5000, MS, 32, ids2, times2);
        assertEquals(ids1, ids2);
        assertEquals(times1, times2);

        IntArrayList ids3 = new IntArrayList();
        run(new NetworkSimulator(ROUGH, 43, 4096, 64), 5000, MS, 32, ids3, new LongArrayList());
        assertTrue(!ids1.equals(ids3), "a different seed gives a different run");
    }

    @Test
    void lossAndDuplicateRatiosStayWithinStatisticalBounds() {
        NetworkConditions c = NetworkConditions.PERFECT.withLossPercent(25).withDuplicatePercent(25);
        NetworkSimulator sim = new NetworkSimulator(c, 7, 1024, 16);
        int n = 100_000;
        IntArrayList ids = new IntArrayList();
        run(sim, n, MS, 8, ids, new LongArrayList());
        assertEquals(n, sim.submitted());
        // Binomial standard deviation for p=0.25, n=100k is about 137; allow over 5 sigma.
        assertEquals(25_000, sim.droppedByLoss(), 700);
        // Duplicates are drawn among the ~75k survivors: expected 18,750, sigma about 119.
        assertEquals(18_750, sim.duplicated(), 700);
        assertEquals(n - sim.droppedByLoss() + sim.duplicated(), sim.delivered());
        assertEquals(sim.delivered(), ids.size());
        int[] copies = new int[n];
        for (int i = 0; i < ids.size(); i++) {
            copies[ids.getInt(i)]++;
        }
        int lost = 0;
        int twice = 0;
        for (int k : copies) {
            assertTrue(k <= 2, "never more than one duplicate");
            lost += k == 0 ? 1 : 0;
            twice += k == 2 ? 1 : 0;
        }
        assertEquals(sim.droppedByLoss(), lost);
        assertEquals(sim.duplicated(), twice);
    }

    @Test
    void latencyAndJitterBoundsAreRespected() {
        NetworkConditions c = NetworkConditions.PERFECT.withLatencyMillis(200).withJitterMillis(50);
        NetworkSimulator sim = new NetworkSimulator(c, 11, 4096, 16);
        byte[] out = new byte[8];
        byte[] in = new byte[8];
        long[] sentAt = new long[20_000];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long now = 0;
        int received = 0;
        // Step time finely (0.1 ms) so the measured delay is within one step of the scheduled one.
        long step = MS / 10;
        int sent = 0;
        while (received < sentAt.length) {
            if (sent < sentAt.length && now % MS == 0) {
                sentAt[sent] = now;
                sim.submit(out, 0, datagram(out, sent, 8), now);
                sent++;
            }
            while (sim.poll(in, 0, in.length, now) >= 0) {
                long delay = now - sentAt[idOf(in)];
                min = Math.min(min, delay);
                max = Math.max(max, delay);
                received++;
            }
            now += step;
        }
        assertTrue(min >= 150 * MS, "min delay " + min);
        assertTrue(max <= 250 * MS + step, "max delay " + max);
        // Jitter is really applied: the spread covers most of the allowed window.
        assertTrue(max - min >= 80 * MS, "spread " + (max - min));
    }

    @Test
    void zeroJitterDeliversAfterExactlyTheLatency() {
        NetworkSimulator sim = new NetworkSimulator(NetworkConditions.PERFECT.withLatencyMillis(30), 1, 16, 16);
        byte[] b = new byte[8];
        assertEquals(SubmitStatus.QUEUED, sim.submit(b, 0, 8, 1_000 * MS));
        assertEquals(-1, sim.poll(b, 0, 8, 1_030 * MS - 1));
        assertEquals(1_030 * MS, sim.nextDeliveryNanos());
        assertEquals(8, sim.poll(b, 0, 8, 1_030 * MS));
        assertEquals(-1, sim.poll(b, 0, 8, 2_000 * MS));
        assertEquals(Long.MAX_VALUE, sim.nextDeliveryNanos());
    }

    @Test
    void withoutReorderingJitteredDatagramsKeepTheirOrder() {
        NetworkConditions c = NetworkConditions.PERFECT.withLatencyMillis(100).withJitterMillis(100)
                .withLossPercent(20).withDuplicatePercent(20);
        IntArrayList ids = new IntArrayList();
        run(new NetworkSimulator(c, 5, 4096, 16), 20_000, MS, 8, ids, new LongArrayList());
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.getInt(i) >= ids.getInt(i - 1), "out of order at " + i);
        }
    }

    @Test
    void reorderingHappensWhenConfigured() {
        NetworkConditions c = NetworkConditions.PERFECT.withLatencyMillis(50).withReorderPercent(10)
                .withReorderDelayMillis(30);
        NetworkSimulator sim = new NetworkSimulator(c, 5, 4096, 16);
        IntArrayList ids = new IntArrayList();
        run(sim, 20_000, MS, 8, ids, new LongArrayList());
        assertEquals(20_000, ids.size());
        int inversions = 0;
        for (int i = 1; i < ids.size(); i++) {
            if (ids.getInt(i) < ids.getInt(i - 1)) {
                inversions++;
            }
        }
        assertEquals(2_000, sim.reordered(), 250);
        assertTrue(inversions > 1_000, "inversions " + inversions);
    }

    @Test
    void bandwidthCapHoldsDeliveredRateAtTheCap() {
        long cap = 100_000; // bytes per second
        NetworkConditions c = NetworkConditions.PERFECT.withLatencyMillis(20).withBandwidthBytesPerSecond(cap)
                .withBandwidthQueueMillis(50);
        NetworkSimulator sim = new NetworkSimulator(c, 3, 4096, 1200);
        byte[] out = new byte[1000];
        byte[] in = new byte[1200];
        // Offer 1000-byte datagrams every 2 ms (500 KB/s, five times the cap) for 10 simulated seconds.
        long now = 0;
        long firstDelivery = -1;
        long lastDelivery = -1;
        long bytes = 0;
        long end = 10 * SECOND;
        long maxInOneSecondWindow = 0;
        LongArrayList deliveryTimes = new LongArrayList();
        while (now < end || sim.inFlight() > 0) {
            if (now < end && now % (2 * MS) == 0) {
                sim.submit(out, 0, 1000, now);
            }
            int n;
            while ((n = sim.poll(in, 0, in.length, now)) >= 0) {
                if (firstDelivery < 0) {
                    firstDelivery = now;
                }
                lastDelivery = now;
                bytes += n;
                deliveryTimes.add(now);
            }
            now += MS / 10;
        }
        // Over any one-second window, no more than the cap (plus one datagram for the window edge).
        int lo = 0;
        for (int hi = 0; hi < deliveryTimes.size(); hi++) {
            while (deliveryTimes.getLong(hi) - deliveryTimes.getLong(lo) >= SECOND) {
                lo++;
            }
            maxInOneSecondWindow = Math.max(maxInOneSecondWindow, (long) (hi - lo + 1) * 1000);
        }
        assertTrue(maxInOneSecondWindow <= cap + 1000, "window bytes " + maxInOneSecondWindow);
        double rate = bytes * (double) SECOND / (lastDelivery - firstDelivery);
        assertEquals(cap, rate, cap * 0.03, "delivered rate while saturated");
        assertTrue(sim.droppedByBandwidth() > 3_000, "excess is tail-dropped: " + sim.droppedByBandwidth());
        assertEquals(sim.submitted(), sim.delivered() + sim.droppedByBandwidth());
    }

    @Test
    void conditionsChangedAtRunTimeTakeEffect() throws Exception {
        NetworkSimulator sim = new NetworkSimulator(NetworkConditions.PERFECT, 9, 1024, 16);
        byte[] b = new byte[8];
        for (int i = 0; i < 1000; i++) {
            sim.submit(b, 0, 8, i * MS);
        }
        assertEquals(0, sim.droppedByLoss());
        // Another thread (a debug UI) flips the conditions.
        Thread ui = new Thread(() -> sim.setConditions(NetworkConditions.PERFECT.withLossPercent(100)));
        ui.start();
        ui.join();
        for (int i = 0; i < 1000; i++) {
            assertEquals(SubmitStatus.DROPPED_LOSS, sim.submit(b, 0, 8, (1000 + i) * MS));
        }
        assertEquals(1000, sim.droppedByLoss());
        sim.setConditions(NetworkConditions.PERFECT.withLatencyMillis(500));
        sim.submit(b, 0, 8, 3000 * MS);
        while (sim.poll(b, 0, 8, 3000 * MS) >= 0) {
            // drain the earlier, undelayed datagrams
        }
        assertEquals(1, sim.inFlight());
        assertEquals(3500 * MS, sim.nextDeliveryNanos());
    }

    @Test
    void capacityOverflowIsCountedAndNeverThrows() {
        NetworkSimulator sim = new NetworkSimulator(NetworkConditions.PERFECT.withLatencyMillis(10), 2, 8, 16);
        byte[] b = new byte[16];
        for (int i = 0; i < 100; i++) {
            assertEquals(i < 8 ? SubmitStatus.QUEUED : SubmitStatus.DROPPED_CAPACITY, sim.submit(b, 0, 16, 0));
        }
        assertEquals(8, sim.inFlight());
        assertEquals(92, sim.droppedByCapacity());
        assertEquals(SubmitStatus.DROPPED_OVERSIZE, sim.submit(new byte[17], 0, 17, 0));
        assertEquals(1, sim.droppedOversize());
        int out = 0;
        while (sim.poll(b, 0, 16, 10 * MS) >= 0) {
            out++;
        }
        assertEquals(8, out);
        // Space is reusable after delivery.
        assertEquals(SubmitStatus.QUEUED, sim.submit(b, 0, 16, 10 * MS));
    }

    @Test
    void duplicateThatFindsNoSlotIsCountedAsCapacityDrop() {
        NetworkSimulator sim = new NetworkSimulator(NetworkConditions.PERFECT.withLatencyMillis(10)
                .withDuplicatePercent(100), 2, 5, 16);
        byte[] b = new byte[16];
        assertEquals(SubmitStatus.QUEUED, sim.submit(b, 0, 16, 0));
        assertEquals(SubmitStatus.QUEUED, sim.submit(b, 0, 16, 0));
        // The fifth slot takes the original; its duplicate finds the simulator full.
        assertEquals(SubmitStatus.QUEUED, sim.submit(b, 0, 16, 0));
        assertEquals(SubmitStatus.DROPPED_CAPACITY, sim.submit(b, 0, 16, 0));
        assertEquals(5, sim.inFlight());
        assertEquals(2, sim.duplicated());
        assertEquals(2, sim.droppedByCapacity());
    }

    @Test
    void dueDatagramTooLargeForTheReceiverIsDroppedAndCounted() {
        NetworkSimulator sim = new NetworkSimulator(NetworkConditions.PERFECT, 2, 8, 100);
        byte[] big = new byte[100];
        byte[] small = new byte[10];
        for (int i = 0; i < small.length; i++) {
            small[i] = (byte) i;
        }
        sim.submit(big, 0, 100, 0);
        sim.submit(small, 0, 10, 0);
        byte[] in = new byte[20];
        assertEquals(10, sim.poll(in, 0, 20, 0));
        assertArrayEquals(small, java.util.Arrays.copyOf(in, 10));
        assertEquals(1, sim.droppedTooLargeForReceiver());
        assertEquals(1, sim.delivered());
    }

    @Test
    void clearDiscardsEverythingInFlight() {
        NetworkSimulator sim = new NetworkSimulator(NetworkConditions.PERFECT.withLatencyMillis(5), 2, 8, 16);
        byte[] b = new byte[4];
        for (int i = 0; i < 5; i++) {
            sim.submit(b, 0, 4, 0);
        }
        assertEquals(5, sim.clear());
        assertEquals(-1, sim.poll(b, 0, 4, SECOND));
        for (int i = 0; i < 8; i++) {
            assertEquals(SubmitStatus.QUEUED, sim.submit(b, 0, 4, SECOND));
        }
    }
}
