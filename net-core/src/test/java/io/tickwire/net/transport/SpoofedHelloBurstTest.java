package io.tickwire.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.dtls.DtlsRecords;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many ClientHellos from many source ports, none of which ever echoes a cookie. */
@Timeout(120)
class SpoofedHelloBurstTest {

    static final int SOCKETS = 200;
    static final int ROUNDS = 10;

    @Test
    void aBurstOfHellosWithoutCookiesCreatesNoPerPeerStateAndNoReplyLargerThanItsRequest() throws Exception {
        try (EndpointHarness h = new EndpointHarness()) {
            byte[] hello = h.recordClientHello();
            assertEquals(DtlsRecords.HANDSHAKE, hello[0]);
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            System.gc();
            long heapBefore = mem.getHeapMemoryUsage().getUsed();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            long cookiesBefore = h.server.stats().cookiesSent();

            List<DatagramChannel> spoofers = new ArrayList<>();
            try {
                for (int i = 0; i < SOCKETS; i++) {
                    DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0));
                    ch.configureBlocking(false);
                    spoofers.add(ch);
                }
                InetSocketAddress target = h.server.localAddress();
                ByteBuffer reply = ByteBuffer.allocate(4096);
                int sent = 0;
                int replies = 0;
                int largestReply = 0;
                long inBefore = h.server.stats().datagramsIn();
                for (int round = 0; round < ROUNDS; round++) {
                    for (DatagramChannel ch : spoofers) {
                        ch.send(ByteBuffer.wrap(hello), target);
                        sent++;
                    }
                    int expectIn = sent;
                    // Pace the burst so loopback buffers do not hide anything: every hello reaches the server.
                    EndpointHarness.pumpUntil(() -> h.server.stats().datagramsIn() - inBefore >= expectIn, () -> { });
                    assertEquals(0, h.server.peerCount(), "no per-peer state during the burst");
                    assertEquals(0, h.server.addressMapSize());
                }
                int expectReplies = sent;
                int[] got = {0};
                int[] largest = {0};
                EndpointHarness.pumpUntil(() -> got[0] >= expectReplies, () -> {
                    for (DatagramChannel ch : spoofers) {
                        try {
                            reply.clear();
                            while (ch.receive(reply) != null) {
                                largest[0] = Math.max(largest[0], reply.position());
                                assertTrue(reply.position() <= hello.length, "reply larger than its request");
                                got[0]++;
                                reply.clear();
                            }
                        } catch (java.io.IOException e) {
                            throw new AssertionError(e);
                        }
                    }
                });
                replies = got[0];
                largestReply = largest[0];

                System.gc();
                long heapAfter = mem.getHeapMemoryUsage().getUsed();
                int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
                System.out.printf("spoofed burst: %d hellos (%d B each) from %d ports -> %d HelloVerifyRequests "
                        + "(largest %d B); peers=%d addressMap=%d handshakesInFlight=%d; threads %d -> %d; "
                        + "heap used %d KiB -> %d KiB%n", sent, hello.length, SOCKETS, replies, largestReply,
                        h.server.peerCount(), h.server.addressMapSize(), h.server.handshakesInFlight(),
                        threadsBefore, threadsAfter, heapBefore / 1024, heapAfter / 1024);

                assertEquals(sent, h.server.stats().cookiesSent() - cookiesBefore, "every hello got a stateless cookie");
                assertEquals(sent, replies);
                assertTrue(largestReply <= hello.length);
                assertEquals(0, h.server.peerCount());
                assertEquals(0, h.server.addressMapSize());
                assertEquals(0, h.server.handshakesInFlight());
                assertEquals(0, h.server.stats().handshakesStarted());
                // Threads of earlier tests may still be winding down, so the JVM count may only fall.
                assertTrue(threadsAfter <= threadsBefore, "no thread per peer");
                assertEquals(h.server.config().handshakeWorkers(), h.server.workerThreads(), "fixed worker pool");
                assertEquals(0, h.server.stats().readerFaults());
            } finally {
                for (DatagramChannel ch : spoofers) {
                    ch.close();
                }
            }
        }
    }
}
