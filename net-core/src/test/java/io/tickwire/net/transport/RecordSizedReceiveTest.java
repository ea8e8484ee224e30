package io.tickwire.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The links ask Bouncy Castle to receive each record into a buffer of that record's size (its record
 * layer allocates one per receive call), not of the datagram limit, and decrypt straight into the
 * caller's buffer when it holds the record: per-record garbage follows the record's size, and a larger
 * record behind a dropped smaller one in the same datagram still arrives.
 */
@Timeout(60)
class RecordSizedReceiveTest {

    private static final int RECORDS = 2_000;

    @Test
    void perRecordReceiveAllocationFollowsTheRecordsSizeNotTheDatagramLimit() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        try (EndpointHarness h = new EndpointHarness()) {
            DtlsClientLink c = h.connect(1, null).get(0);
            DtlsPeerLink s = h.serverLinkFor(c.localAddress());
            byte[] buf = new byte[2048];
            double small = 0;
            double large = 0;
            for (int round = 0; round < 2; round++) { // the first round warms up
                small = receiveAllocation(mx, self, c, s, buf, 64);
                large = receiveAllocation(mx, self, c, s, buf, 1000);
            }
            System.out.printf("server owner-thread allocation per received record: 64 B payload %.0f B, 1000 B payload "
                    + "%.0f B (Bouncy Castle and the JDK's AES-GCM; the record buffer is sized to the record)%n", small, large);
            // With a buffer of the datagram limit (1472 B) per receive call both would cost the same.
            assertTrue(large - small > 600, "receive allocation should grow with the record (64 B: " + small
                    + " B, 1000 B: " + large + " B), not be one datagram-limit buffer per record");
        }
    }

    // Sends RECORDS records of `size` bytes from the client in bursts and returns the server owner
    // thread's allocation per record received, counting only the receive calls.
    private static double receiveAllocation(com.sun.management.ThreadMXBean mx, long self, DtlsClientLink c,
            DtlsPeerLink s, byte[] buf, int size) throws IOException {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 7);
        long allocated = 0;
        int received = 0;
        for (int sent = 0; sent < RECORDS; sent += 16) {
            for (int i = 0; i < 16; i++) {
                c.send(payload, 0, payload.length);
            }
            int want = sent + 16;
            long deadline = System.nanoTime() + EndpointHarness.STEP_LIMIT_MILLIS * 1_000_000L;
            while (received < want) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + received + " of " + want + " records arrived");
                }
                long before = mx.getThreadAllocatedBytes(self);
                int n = s.receive(buf, 0, buf.length);
                allocated += mx.getThreadAllocatedBytes(self) - before;
                if (n >= 0) {
                    assertEquals(size, n);
                    received++;
                } else {
                    Thread.onSpinWait();
                }
            }
        }
        return (double) allocated / received;
    }

    @Test
    void aLargerRecordBehindADroppedSmallerOneInTheSameDatagramArrives() throws Exception {
        try (EndpointHarness h = new EndpointHarness();
                MutatingRelay relay = new MutatingRelay(h.server.localAddress())) {
            DtlsClientLink c = h.connect(1, relay.address()).get(0);
            DtlsPeerLink s = h.serverLinks.get(0);
            EndpointHarness.send(c, "clean");
            assertEquals("clean", EndpointHarness.receiveOne(s));

            relay.coalesceToServer.set(1);
            EndpointHarness.send(c, "small, tampered");
            String large = "x".repeat(900);
            EndpointHarness.send(c, large);
            assertEquals(large, EndpointHarness.receiveOne(s), "the larger record after the dropped one is delivered");
            assertEquals(1, h.server.stats().drops(DropReason.TAMPERED));
            assertEquals(1, relay.coalesced);

            EndpointHarness.send(c, "after");
            assertEquals("after", EndpointHarness.receiveOne(s));
            EndpointHarness.assertNothingMore(s);
        }
    }
}
