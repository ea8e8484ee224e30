package io.tickwire.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Steady-state allocation of the links on the owner thread: polling with nothing waiting allocates
 * nothing; per record, what is left is Bouncy Castle's (printed, measured with the JVM's per-thread
 * allocation counter).
 */
@Timeout(60)
class LinkAllocationTest {

    static final int POLLS = 20_000;
    static final int RECORDS = 2_000;

    @Test
    void pollingAnIdleLinkAllocatesNothingAndRecordCostsAreBouncyCastles() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        try (EndpointHarness h = new EndpointHarness()) {
            DtlsClientLink c = h.connect(1, null).get(0);
            DtlsPeerLink s = h.serverLinkFor(c.localAddress());
            byte[] buf = new byte[2048];
            byte[] payload = new byte[256];
            for (int i = 0; i < 2_000; i++) { // warm-up
                s.receive(buf, 0, buf.length);
                c.receive(buf, 0, buf.length);
            }
            long idle = -1;
            // A late handshake retransmission reaching Bouncy Castle during the window is not idle:
            // measure again (bounded) until a window saw no datagram at all.
            for (int attempt = 0; attempt < 5 && idle != 0; attempt++) {
                long inBefore = h.server.stats().datagramsIn() + c.datagramsIn();
                long before = mx.getThreadAllocatedBytes(self);
                for (int i = 0; i < POLLS; i++) {
                    s.receive(buf, 0, buf.length);
                    c.receive(buf, 0, buf.length);
                }
                long bytes = mx.getThreadAllocatedBytes(self) - before;
                if (h.server.stats().datagramsIn() + c.datagramsIn() == inBefore) {
                    idle = bytes;
                }
            }
            assertEquals(0, idle, "idle polls of both links allocate nothing");

            long sendBefore = mx.getThreadAllocatedBytes(self);
            for (int i = 0; i < RECORDS; i++) {
                c.send(payload, 0, payload.length);
                if (i % 32 == 31) {
                    drain(s, buf, 32);
                }
            }
            long sendBytes = mx.getThreadAllocatedBytes(self) - sendBefore;
            System.out.printf("owner-thread allocation: idle poll 0 B; client send + server receive of a 256 B "
                    + "record %d B in total, Bouncy Castle included%n", sendBytes / RECORDS);
        }
    }

    private static void drain(DtlsPeerLink s, byte[] buf, int n) {
        int[] got = {0};
        EndpointHarness.pumpUntil(() -> got[0] >= n, () -> {
            try {
                while (s.receive(buf, 0, buf.length) >= 0) {
                    got[0]++;
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
    }
}
