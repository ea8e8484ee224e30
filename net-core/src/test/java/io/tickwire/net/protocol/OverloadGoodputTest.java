package io.tickwire.net.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import io.tickwire.net.sim.InMemoryLinkPair;
import io.tickwire.net.sim.ManualClock;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.net.sim.NetworkSimulator;
import io.tickwire.net.transport.DatagramLink;
import org.junit.jupiter.api.Test;

/**
 * A sender that offers more reliable data than the path carries must not collapse: over the
 * simulator's bandwidth cap (tail-drop queue), 50 ms RTT and 5% loss each way, an application
 * offering 1.2x the cap on a reliable-ordered channel still gets most of the cap delivered in order,
 * and a light unreliable stream on the same connection keeps arriving. Simulated time, seeded.
 */
class OverloadGoodputTest {

    static final long MS = 1_000_000L;
    static final int RO = 0;
    static final int UNREL = 1;
    static final int CAP = 250_000;
    static final int MESSAGE = 1000;

    long delivered;
    long expectNext;
    long unreliableDelivered;
    boolean outOfOrder;

    record Result(double goodput, long queueFull, double unreliableShare, long resends, long bandwidthDrops,
            long srttNanos, long bytesSent, long reductions) {
    }

    static ConnectionConfig.Builder config() {
        return ConnectionConfig.builder()
                .addChannel(ChannelType.RELIABLE_ORDERED, 1024, 1024)
                .addChannel(ChannelType.UNRELIABLE, 64, 64);
    }

    @Test
    void offeringOnePointTwoTimesTheCapKeepsGoodputAboveSeventyPercentOfTheCapWithoutFloodingTheQueue() throws IOException {
        Result r = run(config().build());
        assertTrue(r.goodput >= 0.7 * CAP, "goodput " + r.goodput + " B/s is below 0.7 of the " + CAP + " B/s cap");
        assertTrue(r.queueFull > 0, "the application saw QUEUE_FULL back-pressure while offering more than the path carries");
        assertTrue(r.unreliableShare >= 0.85, "unreliable delivered share " + r.unreliableShare + " (5% random loss)");
        assertTrue(r.reductions > 0, "the window shrank on queueing delay");
        // The window keeps the bottleneck queue short: RTT stays near the 50 ms path (a full
        // 100 ms tail-drop queue shows as ~150 ms), and resends stay near the 5% loss rate
        // instead of being discarded at the bottleneck (26,107 resends without the window).
        assertTrue(r.srttNanos < 100 * MS, "srtt " + r.srttNanos / MS + " ms: the bottleneck queue stays full");
        long messages = (long) (r.goodput * 20 / MESSAGE);
        assertTrue(r.resends < messages / 5, r.resends + " resends for " + messages + " messages");
    }

    @Test
    void aFixedSendRateCapHoldsTheSenderBelowItAndTheBottleneckNeverDrops() throws IOException {
        long limit = 200_000;
        Result r = run(config().sendRateLimitBytesPerSecond(limit).build());
        double sentPerSecond = r.bytesSent / 22.0;
        assertTrue(sentPerSecond <= limit * 1.02, "sent " + sentPerSecond + " B/s over a " + limit + " B/s cap");
        assertEquals(0, r.bandwidthDrops, "nothing dropped at the 250 kB/s bottleneck");
        assertTrue(r.goodput >= 0.8 * limit, "goodput " + r.goodput + " B/s under a " + limit + " B/s send cap");
        assertTrue(r.queueFull > 0, "back-pressure reaches the application");
    }

    @Test
    void aBadSendRateCapIsRefusedByName() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> config().sendRateLimitBytesPerSecond(-1).build());
        assertTrue(e.getMessage().contains("sendRateLimitBytesPerSecond"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> config().congestionWindowMinPackets(0).build());
        assertTrue(e.getMessage().contains("congestionWindowMinPackets"), e.getMessage());
    }

    @Test
    void randomLossAtTwentyFivePercentWithoutABottleneckNeverShrinksTheWindow() throws IOException {
        // No bandwidth cap: loss is random, RTT stays at the path's, so the delay signal stays low.
        NetworkConditions lossy = NetworkConditions.PERFECT.withLatencyMillis(25).withLossPercent(25);
        Result r = run(config().build(), lossy, 300_000);
        assertEquals(0, r.reductions, "random loss is not read as congestion");
        assertTrue(r.goodput >= 0.9 * 300_000, "goodput " + r.goodput + " B/s of 300,000 offered at 25% loss");
        assertEquals(0, r.queueFull, "the window did not hold the sender back");
    }

    Result run(ConnectionConfig config) throws IOException {
        return run(config, NetworkConditions.PERFECT.withLatencyMillis(25).withLossPercent(5)
                .withBandwidthBytesPerSecond(CAP), 1.2 * CAP);
    }

    Result run(ConnectionConfig config, NetworkConditions cond, double offeredBytesPerSecond) throws IOException {
        ManualClock clock = new ManualClock(1_000_000_000L);
        InMemoryLinkPair links = new InMemoryLinkPair(clock, cond, cond, 42L, NetworkSimulator.DEFAULT_CAPACITY, 1500);
        long now = clock.nanoTime();
        Connection client = new Connection(config, ConnectionRole.CLIENT, 7L, (c, b, o, l) -> { }, now);
        Connection server = new Connection(config, ConnectionRole.SERVER, 7L, (c, b, o, l) -> {
            long idx = (b[o] & 0xFFL) << 24 | (b[o + 1] & 0xFFL) << 16 | (b[o + 2] & 0xFFL) << 8 | (b[o + 3] & 0xFFL);
            if (c == UNREL) {
                unreliableDelivered++;
                return;
            }
            if (idx != expectNext) {
                outOfOrder = true;
            }
            expectNext++;
            delivered += l;
        }, now);
        byte[] payload = new byte[MESSAGE];
        byte[] small = new byte[100];
        byte[] pkt = new byte[config.maxPacketSize()];
        byte[] in = new byte[2048];
        double offeredPerNano = offeredBytesPerSecond / 1e9;
        double credit = 0;
        long sentIndex = 0;
        long unreliableSent = 0;
        long queueFull = 0;
        int warmMs = 2_000;
        int measureMs = 20_000;
        long deliveredAtStart = 0;
        long unreliableSentAtStart = 0;
        long unreliableDeliveredAtStart = 0;
        for (int ms = 0; ms < warmMs + measureMs; ms++) {
            if (ms == warmMs) {
                deliveredAtStart = delivered;
                unreliableSentAtStart = unreliableSent;
                unreliableDeliveredAtStart = unreliableDelivered;
            }
            clock.advanceNanos(MS);
            now = clock.nanoTime();
            drain(links.first(), client, in, now);
            drain(links.second(), server, in, now);
            if (client.isConnected()) {
                credit = Math.min(credit + MS * offeredPerNano, 64.0 * MESSAGE);
                while (credit >= MESSAGE) {
                    put(payload, sentIndex);
                    SendStatus s = client.send(RO, payload, 0, MESSAGE, now);
                    if (s == SendStatus.QUEUE_FULL) {
                        queueFull++;
                        break;
                    }
                    assertEquals(SendStatus.QUEUED, s);
                    sentIndex++;
                    credit -= MESSAGE;
                }
                if (ms % 50 == 0) {
                    // A 20 Hz unreliable stream (e.g. snapshots) on the same connection.
                    assertEquals(SendStatus.QUEUED, client.send(UNREL, small, 0, small.length, now));
                    unreliableSent++;
                }
            }
            flush(client, links.first(), pkt, now);
            flush(server, links.second(), pkt, now);
        }
        assertTrue(client.isConnected() && server.isConnected(), "connection survives the overload");
        assertTrue(!outOfOrder, "reliable-ordered delivery stays in order");
        double goodput = (delivered - deliveredAtStart) / (measureMs / 1000.0);
        double unreliableShare = (unreliableDelivered - unreliableDeliveredAtStart)
                / (double) (unreliableSent - unreliableSentAtStart);
        Result r = new Result(goodput, queueFull, unreliableShare, client.stats().resends(),
                links.firstToSecond().droppedByBandwidth(), client.stats().smoothedRttNanos(), client.stats().bytesSent(),
                client.stats().congestionReductions());
        System.out.println("OverloadGoodputTest offered " + offeredBytesPerSecond + " B/s: " + r);
        return r;
    }

    private static void put(byte[] b, long v) {
        b[0] = (byte) (v >>> 24);
        b[1] = (byte) (v >>> 16);
        b[2] = (byte) (v >>> 8);
        b[3] = (byte) v;
    }

    private static void drain(DatagramLink link, Connection c, byte[] in, long now) throws IOException {
        for (int i = 0; i < 1024; i++) {
            int len = link.receive(in, 0, in.length);
            if (len < 0) {
                return;
            }
            c.receivePacket(in, 0, len, now);
        }
    }

    private static void flush(Connection c, DatagramLink link, byte[] pkt, long now) throws IOException {
        for (int i = 0; i < 1024; i++) {
            int len = c.writePacket(pkt, 0, now);
            if (len == 0) {
                return;
            }
            link.send(pkt, 0, len);
        }
    }
}
