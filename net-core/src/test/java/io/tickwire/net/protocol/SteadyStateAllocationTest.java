package io.tickwire.net.protocol;

import static io.tickwire.net.protocol.ConnectionPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A warmed-up session with traffic on every channel, loss, resends and fragments allocates nothing. */
class SteadyStateAllocationTest {

    @Test
    void warmedUpSendReceiveLoopAllocatesZeroBytes() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs per-thread allocation counters");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        TestMessages.Recorder atClient = new TestMessages.Recorder(4);
        TestMessages.Recorder atServer = new TestMessages.Recorder(4);
        atClient.numbers[0].ensureCapacity(200_000);
        for (int i = 0; i < 4; i++) {
            atClient.numbers[i].ensureCapacity(200_000);
            atServer.numbers[i].ensureCapacity(200_000);
        }
        ConnectionPair pair = ConnectionPair.create(ReliabilityUnderLossTest.fourChannels(), atClient, atServer,
                21, 0.2, 20 * MS);
        assertTrue(pair.connect(2_000));
        byte[] m = new byte[8192];
        int[] next = new int[1];
        Runnable warm = () -> {
            for (int step = 0; step < 4_000; step++) {
                traffic(pair, m, next[0]++);
                pair.step(MS);
            }
        };
        warm.run();
        warm.run();
        warm.run();
        long tid = Thread.currentThread().getId();
        long probe = threads.getThreadAllocatedBytes(tid);
        long probeCost = threads.getThreadAllocatedBytes(tid) - probe;
        // Five rounds of 4000 steps: about 160,000 messages and 25,000 packets. A per-message or
        // per-packet allocation would show up as megabytes. What may remain are rare high-water
        // marks (a pool size class or the test pipe meeting a new peak of buffers in flight).
        long total = 0;
        int zeroRounds = 0;
        for (int round = 0; round < 5; round++) {
            long before = threads.getThreadAllocatedBytes(tid);
            for (int step = 0; step < 4_000; step++) {
                traffic(pair, m, next[0]++);
                pair.step(MS);
            }
            long allocated = threads.getThreadAllocatedBytes(tid) - before - probeCost;
            total += allocated;
            if (allocated == 0) {
                zeroRounds++;
            }
        }
        assertTrue(pair.client.isConnected() && pair.server.isConnected());
        assertEquals(0, atServer.corrupt + atClient.corrupt);
        assertTrue(pair.client.stats().resends() > 0 && atServer.numbers[2].size() > 1000, "real traffic ran");
        assertTrue(zeroRounds >= 3, "rounds of 4000 steps that allocated nothing: " + zeroRounds + " of 5");
        assertTrue(total <= 4096, "bytes allocated by 20,000 steps of steady-state traffic: " + total);
    }

    /** Per step: a few small messages each way on every channel, fragmented ones (reliable and sequenced) now and then. */
    private static void traffic(ConnectionPair pair, byte[] m, int n) {
        for (int ch = 0; ch < 4; ch++) {
            int len = TestMessages.write(m, ch, n, TestMessages.length(n, 60));
            pair.client.send(ch, m, 0, len, pair.now);
            pair.server.send(ch, m, 0, len, pair.now);
        }
        if (n % 100 == 0) {
            int len = TestMessages.write(m, 2, n, 5000);
            pair.client.send(2, m, 0, len, pair.now);
        }
        if (n % 100 == 50) {
            int len = TestMessages.write(m, 1, n, 3000);
            pair.server.send(1, m, 0, len, pair.now);
        }
    }
}
