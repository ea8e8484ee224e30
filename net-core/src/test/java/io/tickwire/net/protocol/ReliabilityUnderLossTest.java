package io.tickwire.net.protocol;

import static io.tickwire.net.protocol.ConnectionPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import org.junit.jupiter.api.Test;

/** Two connections pumped in memory at 50% loss each way, 50 ms one-way latency, 1 ms steps. */
class ReliabilityUnderLossTest {

    static final int U = 0;
    static final int US = 1;
    static final int RO = 2;
    static final int RU = 3;

    static ConnectionConfig fourChannels() {
        return ConnectionConfig.builder()
                .addChannel(ChannelType.UNRELIABLE)
                .addChannel(ChannelType.UNRELIABLE_SEQUENCED)
                .addChannel(ChannelType.RELIABLE_ORDERED, 256, 256)
                .addChannel(ChannelType.RELIABLE_UNORDERED, 256, 256)
                .build();
    }

    /** Sends messages 0..total-1 on one channel as fast as back-pressure allows. */
    static final class Feeder {
        final int channel;
        final int total;
        final int spread;
        final int largeEvery;
        int next;
        final byte[] buf = new byte[8192];

        Feeder(int channel, int total, int spread) {
            this(channel, total, spread, 0);
        }

        /** Every {@code largeEvery}-th message (0: none) is 5000 bytes, i.e. fragmented. */
        Feeder(int channel, int total, int spread, int largeEvery) {
            this.channel = channel;
            this.total = total;
            this.spread = spread;
            this.largeEvery = largeEvery;
        }

        void feed(Connection c, long now, int maxPerStep) {
            for (int i = 0; i < maxPerStep && next < total; i++) {
                int size = largeEvery > 0 && next % largeEvery == largeEvery - 1 ? 5000 : TestMessages.length(next, spread);
                int len = TestMessages.write(buf, channel, next, size);
                SendStatus s = c.send(channel, buf, 0, len, now);
                if (s == SendStatus.QUEUE_FULL) {
                    return;
                }
                assertEquals(SendStatus.QUEUED, s, () -> c.explain(s, channel, len));
                next++;
            }
        }
    }

    @Test
    void everyReliableMessageArrivesExactlyOnceAndInOrderWhereOrderedAtHalfLoss() {
        TestMessages.Recorder atClient = new TestMessages.Recorder(4);
        TestMessages.Recorder atServer = new TestMessages.Recorder(4);
        ConnectionPair pair = ConnectionPair.create(fourChannels(), atClient, atServer, 7, 0.5, 50 * MS);
        assertTrue(pair.connect(5_000), "handshake completes at 50% loss");

        int total = 3000;
        Feeder[] fromClient = {new Feeder(U, total, 100), new Feeder(US, total, 100),
            new Feeder(RO, total, 200, 100), new Feeder(RU, total, 200, 100)};
        Feeder[] fromServer = {new Feeder(U, total, 100), new Feeder(US, total, 100),
            new Feeder(RO, total, 200, 100), new Feeder(RU, total, 200, 100)};
        int steps = 0;
        while (steps++ < 120_000 && !(done(atServer, total) && done(atClient, total))) {
            for (Feeder f : fromClient) {
                f.feed(pair.client, pair.now, 5);
            }
            for (Feeder f : fromServer) {
                f.feed(pair.server, pair.now, 5);
            }
            pair.step(MS);
            assertTrue(pair.client.isConnected() && pair.server.isConnected(),
                    () -> "still connected: " + pair.client.disconnectDetail() + pair.server.disconnectDetail());
        }
        for (TestMessages.Recorder r : new TestMessages.Recorder[] {atClient, atServer}) {
            assertEquals(0, r.corrupt);
            assertOrderedExactlyOnce(r.numbers[RO], total);
            assertUnorderedExactlyOnce(r.numbers[RU], total);
            assertStrictlyIncreasing(r.numbers[US]);
            assertStrictlyIncreasing(r.numbers[U]); // constant latency keeps unreliable in order here
            // About half the unreliable messages are lost at 50% loss; some must get through.
            assertTrue(r.numbers[U].size() > total / 4 && r.numbers[U].size() < total, "unreliable " + r.numbers[U].size());
            assertTrue(r.numbers[US].size() > total / 4 && r.numbers[US].size() < total, "sequenced " + r.numbers[US].size());
        }
        assertTrue(pair.client.stats().resends() > 0, "loss forced resends");
    }

    private static boolean done(TestMessages.Recorder r, int total) {
        return r.numbers[RO].size() >= total && r.numbers[RU].size() >= total;
    }

    static void assertOrderedExactlyOnce(IntArrayList got, int total) {
        assertEquals(total, got.size(), "ordered count");
        for (int i = 0; i < total; i++) {
            assertEquals(i, got.getInt(i), "ordered message at position " + i);
        }
    }

    static void assertUnorderedExactlyOnce(IntArrayList got, int total) {
        assertEquals(total, got.size(), "unordered count");
        IntOpenHashSet seen = new IntOpenHashSet();
        for (int i = 0; i < got.size(); i++) {
            int n = got.getInt(i);
            assertTrue(n >= 0 && n < total && seen.add(n), "unordered message " + n + " once");
        }
    }

    static void assertStrictlyIncreasing(IntArrayList got) {
        for (int i = 1; i < got.size(); i++) {
            assertTrue(got.getInt(i) > got.getInt(i - 1), "sequenced delivery " + got.getInt(i - 1) + " then " + got.getInt(i));
        }
    }
}
