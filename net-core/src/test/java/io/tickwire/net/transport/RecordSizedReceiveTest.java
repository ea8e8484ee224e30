package io.tickwire.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.dtls.DtlsRecords;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
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
                CoalescingRelay relay = new CoalescingRelay(h.server.localAddress())) {
            DtlsClientLink c = h.connect(1, relay.address()).get(0);
            DtlsPeerLink s = h.serverLinks.get(0);
            EndpointHarness.send(c, "clean");
            assertEquals("clean", EndpointHarness.receiveOne(s));

            relay.coalesceNext = true;
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

    /**
     * A one-client UDP relay on loopback; once {@code coalesceNext} is set it holds the next application
     * record going to the server, flips a bit in its AEAD tag, and sends it in one datagram together with
     * the record after it.
     */
    private static final class CoalescingRelay implements AutoCloseable {
        private final DatagramChannel front;
        private final DatagramChannel back;
        private final InetSocketAddress server;
        private volatile InetSocketAddress client;
        volatile boolean coalesceNext;
        volatile int coalesced;
        private final Thread up;
        private final Thread down;

        CoalescingRelay(InetSocketAddress server) throws IOException {
            this.server = server;
            this.front = DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0));
            this.back = DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0));
            this.up = new Thread(this::upLoop, "coalescing-relay-up");
            this.down = new Thread(this::downLoop, "coalescing-relay-down");
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        }

        InetSocketAddress address() throws IOException {
            return (InetSocketAddress) front.getLocalAddress();
        }

        private void upLoop() {
            ByteBuffer b = ByteBuffer.allocate(65_536);
            ByteBuffer held = ByteBuffer.allocate(65_536);
            boolean holding = false;
            try {
                while (true) {
                    b.clear();
                    client = (InetSocketAddress) front.receive(b);
                    b.flip();
                    int ct = b.get(0) & 0xFF;
                    boolean application = ct == DtlsRecords.TLS12_CID || ct == DtlsRecords.APPLICATION_DATA;
                    if (application && coalesceNext && !holding) {
                        held.clear();
                        held.put(b).flip();
                        int last = held.limit() - 1;
                        held.put(last, (byte) (held.get(last) ^ 0x40)); // inside the AEAD tag
                        holding = true;
                        continue;
                    }
                    if (application && holding) {
                        ByteBuffer both = ByteBuffer.allocate(held.remaining() + b.remaining());
                        both.put(held).put(b).flip();
                        holding = false;
                        coalesceNext = false;
                        coalesced++;
                        back.send(both, server);
                        continue;
                    }
                    back.send(b, server);
                }
            } catch (IOException closed) {
                // relay closed
            }
        }

        private void downLoop() {
            ByteBuffer b = ByteBuffer.allocate(65_536);
            try {
                while (true) {
                    b.clear();
                    back.receive(b);
                    b.flip();
                    InetSocketAddress c = client;
                    if (c != null) {
                        front.send(b, c);
                    }
                }
            } catch (IOException closed) {
                // relay closed
            }
        }

        @Override
        public void close() throws IOException {
            front.close();
            back.close();
        }
    }
}
