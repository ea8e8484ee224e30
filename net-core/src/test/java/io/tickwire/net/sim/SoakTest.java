package io.tickwire.net.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tickwire.net.protocol.ChannelType;
import io.tickwire.net.protocol.Connection;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.protocol.ConnectionRole;
import io.tickwire.net.protocol.ConnectionState;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.protocol.SendStatus;
import io.tickwire.net.transport.DatagramLink;
import java.io.IOException;
import java.util.BitSet;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Soak: two {@link Connection}s over an {@link InMemoryLinkPair} with yojimbo-like conditions
 * (1 s latency, 100 ms jitter, 25% loss, 25% duplicates, reordering), random reconnects, and small
 * and large (fragmented) messages on every channel type, both ways. Every message carries its
 * session, sequence number, length and a CRC-32 of a payload derived from the seed; the receiver
 * regenerates the payload and checks it byte for byte, and checks each channel's promise:
 * reliable-ordered exactly once and in order, reliable-unordered exactly once, unreliable never
 * twice, unreliable-sequenced never twice and never older than what it already delivered.
 *
 * <p>Sessions end at seeded random times in one of three ways: abruptly (both connections and the
 * link are dropped mid-flight, as when a DTLS session dies: its datagrams can never reach the next
 * session), after draining (no new messages until every reliable message is acknowledged; then
 * every reliable message sent in the session must have been delivered exactly once), or after
 * draining and a graceful disconnect (the peer must learn the reason).
 *
 * <p>Length: the system property {@code tickwire.soak.seconds} (the pom sets 20) is a wall-clock
 * budget; the run also stops at {@link #SIMULATED_SECONDS_PER_BUDGET_SECOND} simulated seconds per
 * budget second, which a CI machine reaches well within the budget, so CI runs are deterministic.
 * Long mode: {@code mvn -pl net-core test -Dtest=SoakTest -Dtickwire.soak.seconds=600}.
 */
class SoakTest {

    private static final long SEED = 0x71C4_3A5E_50A4_2026L;
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /** Simulated seconds per second of budget; caps the run so that CI is deterministic. */
    private static final long SIMULATED_SECONDS_PER_BUDGET_SECOND = 60;
    private static final long TICK_NANOS = 20 * MS;
    /** Packets one connection may write per tick (the driver's bound, as a game loop would have). */
    private static final int MAX_PACKETS_PER_TICK = 64;
    /** Longest a drain may take before the test fails (simulated). */
    private static final long MAX_DRAIN_NANOS = 180 * SECOND;
    /** Longest a handshake may take before the test fails (simulated). */
    private static final long MAX_CONNECT_NANOS = 60 * SECOND;

    private static final ChannelType[] CHANNELS = {
        ChannelType.UNRELIABLE, ChannelType.UNRELIABLE_SEQUENCED,
        ChannelType.RELIABLE_ORDERED, ChannelType.RELIABLE_UNORDERED,
    };
    /** Header of every test message: session, sequence, payload length, CRC-32 of the payload. */
    private static final int HEADER = 16;
    /** Round-trip bounds the smoothed RTT must be within at a session's end: 2 x (1 s +/- 100 ms), storms up to 3.35 s. */
    private static final long RTT_LOW_NANOS = 1_600 * MS;
    private static final long RTT_HIGH_NANOS = 3_600 * MS;
    /** How long a session must have been connected before its RTT has to have converged. */
    private static final long RTT_SETTLE_NANOS = 10 * SECOND;
    private static final int LARGE_MAX = 48 * 1024;

    private static final NetworkConditions SOAK_CONDITIONS = NetworkConditions.PERFECT
            .withLatencyMillis(1000).withJitterMillis(100).withLossPercent(25).withDuplicatePercent(25)
            .withReorderPercent(10).withReorderDelayMillis(150);
    /** A few seconds of worse weather in some sessions, switched at run time as a debug toggle would. */
    private static final NetworkConditions STORM = SOAK_CONDITIONS.withLatencyMillis(1500).withLossPercent(50);

    private static ConnectionConfig config() {
        ConnectionConfig.Builder b = ConnectionConfig.builder()
                // A 2 s round trip: resend no faster than the path can answer, and be patient.
                .maxResendDelayNanos(4 * SECOND)
                .connectTimeoutNanos(MAX_CONNECT_NANOS)
                .connectionTimeoutNanos(30 * SECOND);
        for (ChannelType t : CHANNELS) {
            b.addChannel(t);
        }
        return b.build();
    }

    // ------------------------------------------------------------------ per-stream bookkeeping

    /** One channel in one direction during one session: what was sent and what arrived. */
    private static final class Stream {
        final int direction;
        final int channel;
        final ChannelType type;
        int session;
        int nextSeq;
        final BitSet seen = new BitSet();
        int expectedNext;
        int lastSeq = -1;
        long delivered;

        Stream(int direction, int channel) {
            this.direction = direction;
            this.channel = channel;
            this.type = CHANNELS[channel];
        }

        void reset(int newSession) {
            session = newSession;
            nextSeq = 0;
            seen.clear();
            expectedNext = 0;
            lastSeq = -1;
            delivered = 0;
        }
    }

    /** One end of a session: its connection, its link, its outgoing streams. */
    private final class Side {
        final int direction;
        final Stream[] out = new Stream[CHANNELS.length];
        Connection conn;
        DatagramLink link;

        Side(int direction) {
            this.direction = direction;
            for (int c = 0; c < CHANNELS.length; c++) {
                out[c] = new Stream(direction, c);
            }
        }
    }

    private InMemoryLinkPair pair;
    private final byte[] packet = new byte[2048];
    private final byte[] message = new byte[HEADER + LARGE_MAX];
    private final byte[] expected = new byte[HEADER + LARGE_MAX];
    private final CRC32 crc = new CRC32();
    /** Largest message per channel (unreliable channels: one packet's worth), the same on both sides. */
    private final int[] maxByChannel = new int[CHANNELS.length];

    private long messagesSent;
    private long messagesDelivered;
    private long bytesDelivered;
    private long resends;
    private long reconnects;
    private long drainedSessions;
    private long gracefulDisconnects;
    private long unreliableSent;
    private long unreliableDelivered;
    private long fragmentedDelivered;
    private long unreliableFragmentedDelivered;
    private long queueFull;
    private long storms;
    private int maxUnfragmented;

    private static long mix(long... parts) {
        long h = SEED;
        for (long p : parts) {
            h ^= p;
            h *= 0x9E3779B97F4A7C15L;
            h ^= h >>> 31;
        }
        return h;
    }

    /**
     * Size of message {@code seq}: mostly small, some medium (still one packet), and about one in a
     * thousand large enough to be fragmented. Reliable channels send one fragmented message at a time,
     * each costing at least a round trip (2 s here), so large ones are kept rare enough that the
     * channels keep up; unreliable ones are kept to a few fragments, since losing any fragment loses
     * the message.
     */
    private static int payloadSize(Stream s, int seq, int maxMessage) {
        long h = mix(s.session, s.direction, s.channel, seq, 1);
        int r = Math.floorMod(h, 1000);
        int size;
        if (r < 900) {
            size = 4 + Math.floorMod(h >>> 20, 220);
        } else if (r < 999) {
            size = 220 + Math.floorMod(h >>> 20, 900);
        } else if (s.type.isReliable()) {
            size = 2000 + Math.floorMod(h >>> 20, LARGE_MAX - 2000);
        } else {
            size = 2000 + Math.floorMod(h >>> 20, 4000);
        }
        return Math.max(0, Math.min(size, maxMessage - HEADER));
    }

    /** Writes message {@code seq} of the stream into {@code buf} and returns its total length. */
    private int build(byte[] buf, Stream s, int seq, int maxMessage) {
        int size = payloadSize(s, seq, maxMessage);
        long x = mix(s.session, s.direction, s.channel, seq, 2) | 1;
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            buf[HEADER + i] = (byte) x;
        }
        crc.reset();
        crc.update(buf, HEADER, size);
        putInt(buf, 0, s.session);
        putInt(buf, 4, seq);
        putInt(buf, 8, size);
        putInt(buf, 12, (int) crc.getValue());
        return HEADER + size;
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    /** Checks one delivered message against its channel's promise; called from receivePacket. */
    private void onMessage(Stream s, byte[] buf, int off, int len) {
        int maxMessage = maxByChannel[s.channel];
        String where = "direction " + s.direction + " channel " + s.channel + " (" + s.type + ") session " + s.session;
        assertTrue(len >= HEADER, where + ": message of " + len + " bytes is shorter than the header");
        int session = getInt(buf, off);
        int seq = getInt(buf, off + 4);
        int size = getInt(buf, off + 8);
        assertEquals(s.session, session, where + ": message from another session");
        assertTrue(seq >= 0 && seq < s.nextSeq, where + ": sequence " + seq + " was never sent (" + s.nextSeq + " sent)");
        assertEquals(len - HEADER, size, where + " seq " + seq + ": length");
        crc.reset();
        crc.update(buf, off + HEADER, size);
        assertEquals(getInt(buf, off + 12), (int) crc.getValue(), where + " seq " + seq + ": checksum");
        int expectedLen = build(expected, s, seq, maxMessage);
        assertEquals(expectedLen, len, where + " seq " + seq + ": regenerated length");
        for (int i = 0; i < len; i++) {
            if (expected[i] != buf[off + i]) {
                fail(where + " seq " + seq + ": byte " + i + " differs");
            }
        }
        assertTrue(!s.seen.get(seq), where + ": sequence " + seq + " delivered twice");
        s.seen.set(seq);
        switch (s.type) {
            case RELIABLE_ORDERED:
                assertEquals(s.expectedNext, seq, where + ": out of order");
                s.expectedNext++;
                break;
            case UNRELIABLE_SEQUENCED:
                assertTrue(seq > s.lastSeq, where + ": sequence " + seq + " after " + s.lastSeq);
                s.lastSeq = seq;
                break;
            default:
                break;
        }
        s.delivered++;
        messagesDelivered++;
        bytesDelivered += len;
        if (!s.type.isReliable()) {
            unreliableDelivered++;
        }
        if (len > maxUnfragmented) {
            fragmentedDelivered++;
            if (!s.type.isReliable()) {
                unreliableFragmentedDelivered++;
            }
        }
    }

    // ------------------------------------------------------------------ driving

    private void startSession(int session, ManualClock clock, Side client, Side server, ConnectionConfig cfg) {
        InMemoryLinkPair pair = new InMemoryLinkPair(clock, SOAK_CONDITIONS, SOAK_CONDITIONS, mix(session, 3),
                NetworkSimulator.DEFAULT_CAPACITY, NetworkSimulator.DEFAULT_MAX_DATAGRAM_SIZE);
        this.pair = pair;
        client.link = pair.first();
        server.link = pair.second();
        for (int c = 0; c < CHANNELS.length; c++) {
            client.out[c].reset(session);
            server.out[c].reset(session);
        }
        // Messages a side receives belong to the peer's outgoing streams.
        Stream[] toClient = server.out;
        Stream[] toServer = client.out;
        long now = clock.nanoTime();
        long appHash = 0x7E57_0000_0001L;
        client.conn = new Connection(cfg, ConnectionRole.CLIENT, appHash,
                (ch, buf, off, len) -> onMessage(toClient[ch], buf, off, len), now);
        server.conn = new Connection(cfg, ConnectionRole.SERVER, appHash,
                (ch, buf, off, len) -> onMessage(toServer[ch], buf, off, len), now);
        for (int c = 0; c < CHANNELS.length; c++) {
            maxByChannel[c] = client.conn.maxMessageSize(c);
            assertEquals(maxByChannel[c], server.conn.maxMessageSize(c));
        }
    }

    private void receiveAll(Side side, long now) throws IOException {
        int n;
        while ((n = side.link.receive(packet, 0, packet.length)) != DatagramLink.NOTHING_RECEIVED) {
            side.conn.receivePacket(packet, 0, n, now);
        }
    }

    private void writeAll(Side side, long now) throws IOException {
        for (int i = 0; i < MAX_PACKETS_PER_TICK; i++) {
            int n = side.conn.writePacket(packet, 0, now);
            if (n == 0) {
                return;
            }
            side.link.send(packet, 0, n);
        }
    }

    /** Offers this tick's new messages on every channel; a full queue means retry the same message later. */
    private void offerMessages(Side side, long tick, long now) {
        if (!side.conn.isConnected()) {
            return;
        }
        for (int c = 0; c < CHANNELS.length; c++) {
            Stream s = side.out[c];
            long h = mix(s.session, s.direction, c, tick, 4);
            // About 25 reliable and 50 unreliable messages per second per channel.
            int count = s.type.isReliable() ? Math.floorMod(h, 2) : 1;
            int maxMessage = maxByChannel[c];
            for (int k = 0; k < count; k++) {
                int len = build(message, s, s.nextSeq, maxMessage);
                SendStatus status = side.conn.send(c, message, 0, len, now);
                if (status != SendStatus.QUEUED) {
                    // Back-pressure: the same sequence number is offered again next tick.
                    assertEquals(SendStatus.QUEUE_FULL, status, side.conn.explain(status, c, len));
                    queueFull++;
                    break;
                }
                s.nextSeq++;
                messagesSent++;
                if (!s.type.isReliable()) {
                    unreliableSent++;
                }
            }
        }
    }

    private void assertAlive(Side side, String when) {
        ConnectionState st = side.conn.state();
        if (st == ConnectionState.DISCONNECTING || st == ConnectionState.DISCONNECTED) {
            fail((side.direction == 0 ? "client" : "server") + " disconnected " + when + ": "
                    + side.conn.disconnectReason() + " (" + side.conn.disconnectDetail() + "), remote="
                    + side.conn.isDisconnectRemote() + ", stats " + side.conn.stats());
        }
    }

    private boolean reliableQueuesEmpty(Side side) {
        for (int c = 0; c < CHANNELS.length; c++) {
            if (CHANNELS[c].isReliable() && side.conn.queuedMessages(c) != 0) {
                return false;
            }
        }
        return true;
    }

    private void checkAllReliableDelivered(Side sender) {
        for (Stream s : sender.out) {
            if (s.type.isReliable()) {
                assertEquals(s.nextSeq, s.delivered, "direction " + s.direction + " channel " + s.channel
                        + " session " + s.session + ": every reliable message delivered after the drain");
                assertEquals(s.nextSeq, s.seen.cardinality());
            }
        }
    }

    @Test
    void messagesSurviveLatencyLossDuplicatesReorderingAndReconnects() throws IOException {
        long budgetSeconds = Long.getLong("tickwire.soak.seconds", 20L);
        assertTrue(budgetSeconds > 0, "tickwire.soak.seconds must be > 0, was " + budgetSeconds);
        long wallStart = System.nanoTime();
        long wallDeadline = wallStart + budgetSeconds * SECOND;
        long simulatedCap = budgetSeconds * SIMULATED_SECONDS_PER_BUDGET_SECOND * SECOND;
        ConnectionConfig cfg = config();
        maxUnfragmented = cfg.maxUnfragmentedMessageSize();
        ManualClock clock = new ManualClock(0);
        Side client = new Side(0);
        Side server = new Side(1);
        long tick = 0;
        int session = 0;
        String stoppedBy = "simulated-time cap";
        outer:
        while (true) {
            startSession(session, clock, client, server, cfg);
            long sessionStart = clock.nanoTime();
            long h = mix(session, 5);
            long sessionLength = (20 + Math.floorMod(h, 100)) * SECOND;
            int ending = Math.floorMod(h >>> 32, 3); // 0 abrupt, 1 drain, 2 drain + graceful disconnect
            boolean lastSession = false;
            long connectedSince = Long.MAX_VALUE;
            // Half the sessions have one storm of 3-8 s at a random time, handshake included (a storm at
            // connect once sent the client into a resend loop without any RTT sample; checkRttConverged
            // catches that).
            long stormStart = Math.floorMod(h >>> 12, 2) == 0 ? Long.MAX_VALUE
                    : sessionStart + Math.floorMod(h >>> 16, (int) (sessionLength / MS)) * MS;
            long stormEnd = stormStart == Long.MAX_VALUE ? Long.MAX_VALUE
                    : stormStart + (3 + Math.floorMod(h >>> 24, 6)) * SECOND;
            // Connect, then exchange.
            while (clock.nanoTime() - sessionStart < sessionLength) {
                long now = clock.nanoTime();
                if (now >= stormStart && now < stormEnd && pair.firstToSecond().conditions() != STORM) {
                    pair.setConditions(STORM);
                    storms++;
                } else if (now >= stormEnd && pair.firstToSecond().conditions() == STORM) {
                    pair.setConditions(SOAK_CONDITIONS);
                }
                receiveAll(client, now);
                receiveAll(server, now);
                if (connectedSince == Long.MAX_VALUE && client.conn.isConnected() && server.conn.isConnected()) {
                    connectedSince = now;
                }
                offerMessages(client, tick, now);
                offerMessages(server, tick, now);
                writeAll(client, now);
                writeAll(server, now);
                assertAlive(client, "during session " + session);
                assertAlive(server, "during session " + session);
                if (now - sessionStart > MAX_CONNECT_NANOS) {
                    assertTrue(client.conn.isConnected() && server.conn.isConnected(),
                            "session " + session + " connected within " + MAX_CONNECT_NANOS / SECOND + " s");
                }
                clock.advanceNanos(TICK_NANOS);
                tick++;
                if (clock.nanoTime() >= simulatedCap || System.nanoTime() > wallDeadline) {
                    stoppedBy = clock.nanoTime() >= simulatedCap ? "simulated-time cap" : "wall-clock budget";
                    lastSession = true;
                    ending = 1; // always finish with a full check
                    break;
                }
            }
            resends += client.conn.stats().resends() + server.conn.stats().resends();
            checkRttConverged(client, session, connectedSince, clock.nanoTime());
            checkRttConverged(server, session, connectedSince, clock.nanoTime());
            pair.setConditions(SOAK_CONDITIONS); // a storm never outlives its session's exchange phase
            if (ending >= 1) {
                drain(client, server, clock, session);
                drainedSessions++;
            }
            if (ending == 2) {
                gracefulDisconnect(client, server, clock, session);
                gracefulDisconnects++;
            }
            if (lastSession) {
                break outer;
            }
            // Tear down: both connections and the link (with whatever is in flight) are dropped.
            client.link.close();
            server.link.close();
            session++;
            reconnects++;
        }
        long simulatedSeconds = clock.nanoTime() / SECOND;
        System.out.printf("SoakTest: messages=%d delivered=%d bytes=%d simulatedSeconds=%d resends=%d reconnects=%d storms=%d"
                + " drainedSessions=%d gracefulDisconnects=%d fragmentedDelivered=%d (unreliable %d) queueFull=%d unreliableDelivered=%d/%d"
                + " stoppedBy=%s budget=%ds wallSeconds=%.1f%n",
                messagesSent, messagesDelivered, bytesDelivered, simulatedSeconds, resends, reconnects, storms,
                drainedSessions, gracefulDisconnects, fragmentedDelivered, unreliableFragmentedDelivered, queueFull, unreliableDelivered, unreliableSent,
                stoppedBy, budgetSeconds, (System.nanoTime() - wallStart) / 1e9);
        assertTrue(messagesDelivered > 1000, "messages flowed: " + messagesDelivered);
        assertTrue(resends > 0, "loss forced resends");
        assertTrue(fragmentedDelivered > unreliableFragmentedDelivered, "large reliable messages were fragmented and reassembled");
        assertTrue(unreliableFragmentedDelivered > 0, "large unreliable messages were fragmented and reassembled");
        // Unreliable messages ride 25%-lossy packets: well over half arrive, never all.
        assertTrue(unreliableDelivered > unreliableSent / 2 && unreliableDelivered < unreliableSent,
                "unreliable delivered " + unreliableDelivered + " of " + unreliableSent);
    }

    /** Acks flowed and the RTT estimate matches the simulated path (after the session had time to settle). */
    private static void checkRttConverged(Side side, int session, long connectedSince, long nowNanos) {
        if (connectedSince == Long.MAX_VALUE || nowNanos - connectedSince < RTT_SETTLE_NANOS) {
            return;
        }
        long connectedFor = nowNanos - connectedSince;
        long rtt = side.conn.stats().smoothedRttNanos();
        String who = (side.direction == 0 ? "client" : "server") + " of session " + session;
        assertTrue(rtt >= RTT_LOW_NANOS && rtt <= RTT_HIGH_NANOS, who + ": smoothed RTT " + rtt / MS
                + " ms outside [" + RTT_LOW_NANOS / MS + ", " + RTT_HIGH_NANOS / MS + "] ms after " + connectedFor / SECOND
                + " s connected; stats " + side.conn.stats());
    }

    /** Stops new messages and runs until every reliable message is acknowledged, then checks delivery. */
    private void drain(Side client, Side server, ManualClock clock, int session) throws IOException {
        long start = clock.nanoTime();
        // Both sides must be connected for a drain to mean anything.
        while (!(client.conn.isConnected() && server.conn.isConnected()) || !reliableQueuesEmpty(client)
                || !reliableQueuesEmpty(server)) {
            long now = clock.nanoTime();
            assertTrue(now - start < MAX_DRAIN_NANOS, "session " + session + " drained within "
                    + MAX_DRAIN_NANOS / SECOND + " simulated seconds; queued client " + queued(client)
                    + ", server " + queued(server));
            receiveAll(client, now);
            receiveAll(server, now);
            writeAll(client, now);
            writeAll(server, now);
            assertAlive(client, "while draining session " + session);
            assertAlive(server, "while draining session " + session);
            clock.advanceNanos(TICK_NANOS);
        }
        checkAllReliableDelivered(client);
        checkAllReliableDelivered(server);
    }

    private String queued(Side side) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < CHANNELS.length; c++) {
            sb.append(c == 0 ? "[" : ", ").append(side.conn.queuedMessages(c));
        }
        return sb.append(']').toString();
    }

    /** The client disconnects; the server must learn the reason from the (redundant) DISCONNECT packets. */
    private void gracefulDisconnect(Side client, Side server, ManualClock clock, int session) throws IOException {
        long now = clock.nanoTime();
        client.conn.disconnect(DisconnectReason.CLOSED_BY_APPLICATION, "soak session " + session + " ends", now);
        long start = now;
        while (server.conn.state() != ConnectionState.DISCONNECTED
                && server.conn.state() != ConnectionState.DISCONNECTING) {
            now = clock.nanoTime();
            assertTrue(now - start < 10 * SECOND, "server heard the disconnect of session " + session);
            receiveAll(client, now);
            receiveAll(server, now);
            writeAll(client, now);
            writeAll(server, now);
            clock.advanceNanos(TICK_NANOS);
        }
        assertEquals(DisconnectReason.CLOSED_BY_APPLICATION, server.conn.disconnectReason());
        assertTrue(server.conn.isDisconnectRemote(), "the server learned it from the peer");
        assertEquals("soak session " + session + " ends", server.conn.disconnectDetail());
    }
}
