package io.tickwire.net.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class NetworkSimulatorAllocationTest {

    private static final long MS = 1_000_000L;

    private static long pump(NetworkSimulator sim, byte[] out, byte[] in, long start, int count) {
        long now = start;
        for (int i = 0; i < count; i++) {
            sim.submit(out, 0, out.length, now);
            while (sim.poll(in, 0, in.length, now) >= 0) {
                // drained
            }
            now += MS;
        }
        return now;
    }

    @Test
    void steadyStateSubmitAndPollAllocateNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        NetworkConditions rough = NetworkConditions.PERFECT.withLatencyMillis(100).withJitterMillis(20)
                .withLossPercent(10).withDuplicatePercent(10).withReorderPercent(10)
                .withBandwidthBytesPerSecond(2_000_000);
        NetworkSimulator sim = new NetworkSimulator(rough, 1, 1024, 1200);
        byte[] out = new byte[1000];
        byte[] in = new byte[1200];
        long now = pump(sim, out, in, 0, 50_000); // warm up (JIT compilation)
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        pump(sim, out, in, now, 200_000);
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        // 200k datagrams; a single allocation per datagram would be megabytes. Allow a little JVM noise.
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes");
    }
}
