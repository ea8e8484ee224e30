package io.tickwire.net.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LanBrowser#poll} runs every frame on the render thread: with nothing arriving it must not
 * allocate, with servers listed or not. Measured with the JVM's per-thread allocation counter.
 */
@Timeout(60)
class LanBrowserAllocationTest {

    static final int POLLS = 20_000;
    static final int ROUNDS = 5;

    private final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long self = Thread.currentThread().getId();

    @Test
    void anIdlePollAllocatesNothingWithAndWithoutListedServers() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (LanDiscoveryResponder responder = LanDiscoveryResponder.start(
                        LanDiscoveryResponder.Config.builder().bind(new InetSocketAddress(loopback, 0)).build(),
                        LanDiscoveryLoopbackTest.info().build());
                LanBrowser browser = LanBrowser.open(LanDiscoveryLoopbackTest.browserConfig(
                        responder.localAddress().getPort()).entryTimeoutMillis(3_600_000).build())) {
            long t = 1_000_000_000L;
            assertEquals(0, idlePollBytes(browser, t), "empty list");
            browser.refresh(t);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (browser.servers().isEmpty() && System.nanoTime() < deadline) {
                browser.poll(t);
                Thread.sleep(1);
            }
            assertEquals(1, browser.servers().size());
            assertEquals(0, idlePollBytes(browser, t + 1), "one listed server, not expiring");
        }
    }

    /**
     * The fewest bytes allocated by {@value #POLLS} idle polls over {@value #ROUNDS} rounds, after a
     * warm-up: the best round shows the code's own cost, without the JIT's or the JVM's occasional
     * bookkeeping landing on this thread.
     */
    private long idlePollBytes(LanBrowser browser, long now) {
        for (int i = 0; i < POLLS; i++) {
            browser.poll(now); // warm-up: JIT, the JDK's lazily made socket state
        }
        long best = Long.MAX_VALUE;
        StringBuilder rounds = new StringBuilder();
        for (int r = 0; r < ROUNDS; r++) {
            long before = mx.getThreadAllocatedBytes(self);
            boolean changed = false;
            for (int i = 0; i < POLLS; i++) {
                changed |= browser.poll(now);
            }
            long bytes = mx.getThreadAllocatedBytes(self) - before;
            assertFalse(changed);
            best = Math.min(best, bytes);
            rounds.append(r == 0 ? "" : ", ").append(bytes);
        }
        System.out.printf("LanBrowser.poll with nothing arriving, bytes per %d polls in %d rounds: %s%n", POLLS,
                ROUNDS, rounds);
        return best;
    }
}
