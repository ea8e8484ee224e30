package io.tickwire.server.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.protocol.ChannelType;
import io.tickwire.net.protocol.Connection;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.protocol.ConnectionRole;
import io.tickwire.net.protocol.MessageHandler;
import io.tickwire.net.protocol.SendStatus;
import io.tickwire.net.replication.Snapshot;
import io.tickwire.net.replication.SnapshotCodec;
import io.tickwire.net.replication.SnapshotStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * End to end over real net-core {@link Connection}s: snapshots on an unreliable channel, baselines learned
 * from the connection's packet acks ({@link ClientSnapshotState} as its PacketAckListener), 25% seeded loss
 * with bursts both ways; every snapshot the client decodes equals the server's filtered state when sent.
 */
class ConnectionSnapshotAckTest {
    private static final long MS = 1_000_000L;

    @Test
    void snapshotsOverLossyConnectionsDecodeToTheServerStateWithBaselinesFromPacketAcks() {
        ConnectionConfig config = ConnectionConfig.builder().addChannel(ChannelType.UNRELIABLE).build();
        ReplicationHarness h = new ReplicationHarness(41, new RadiusInterest(60), 600);
        h.replicator.setViewpoint(100, 100);
        Snapshot[] expected = new Snapshot[ReplicationHarness.RING];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = new Snapshot(ReplicationHarness.SCHEMA, ReplicationHarness.MAX_ENTITIES);
        }
        SnapshotCodec clientCodec = new SnapshotCodec(ReplicationHarness.SCHEMA, ReplicationHarness.MAX_ENTITIES, 4096);
        int[] decoded = {0};
        int[] withBaseline = {0};
        MessageHandler clientHandler = (channel, buf, off, len) -> {
            int base = clientCodec.peekBaselineSequence(buf, off, len);
            Snapshot baseline = null;
            if (base >= 0) {
                assertEquals(base, h.clientSeq[base % ReplicationHarness.RING], "client holds the baseline");
                baseline = h.clientRing[base % ReplicationHarness.RING];
                withBaseline[0]++;
            }
            int seq = ((buf[off] & 0xFF) | (buf[off + 1] & 0xFF) << 8) & 0xFFFF; // sequence:16, least significant bits first
            int slot = seq % ReplicationHarness.RING;
            assertEquals(SnapshotStatus.OK, clientCodec.decode(buf, off, len, baseline, h.clientRing[slot]));
            h.clientSeq[slot] = seq;
            assertTrue(h.clientRing[slot].sameState(expected[slot]), "snapshot " + seq);
            decoded[0]++;
        };
        MessageHandler serverHandler = (channel, buf, off, len) -> { };
        long now = 1_000_000_000L;
        Connection client = new Connection(config, ConnectionRole.CLIENT, 7, clientHandler, now);
        Connection server = new Connection(config, ConnectionRole.SERVER, 7, serverHandler, now);
        server.setPacketAckListener(h.state);
        Random rnd = new Random(41);
        List<byte[]> toServer = new ArrayList<>();
        List<byte[]> toClient = new ArrayList<>();
        byte[] pkt = new byte[config.maxPacketSize()];
        byte[] input = new byte[8];
        int[] burst = {0};
        int sent = 0;
        int lost = 0;
        for (int t = 0; t < 3_000; t++) {
            now += 16 * MS;
            for (byte[] p : toServer) {
                server.receivePacket(p, 0, p.length, now);
            }
            toServer.clear();
            for (byte[] p : toClient) {
                client.receivePacket(p, 0, p.length, now);
            }
            toClient.clear();
            if (server.isConnected() && client.isConnected()) {
                h.mutate(40, 0.3f);
                int len = h.replicator.buildAndEncode(h.world, h.xs, h.ys, h.packet, 0);
                assertTrue(len > 0);
                int seq = h.replicator.lastSequence();
                expected[seq % ReplicationHarness.RING].copyFrom(h.filtered(100, 100));
                assertEquals(SendStatus.QUEUED, server.send(0, h.packet, 0, len, now));
                client.send(0, input, 0, input.length, now);
                int n = server.writePacket(pkt, 0, now);
                assertTrue(n > 0);
                h.state.recordSent(seq, server.lastWrittenPacketSequence());
                sent++;
                if (drop(rnd, burst)) {
                    lost++;
                } else {
                    toClient.add(java.util.Arrays.copyOf(pkt, n));
                }
            }
            int n;
            while ((n = server.writePacket(pkt, 0, now)) > 0) {
                if (!drop(rnd, burst)) {
                    toClient.add(java.util.Arrays.copyOf(pkt, n));
                }
            }
            while ((n = client.writePacket(pkt, 0, now)) > 0) {
                if (!drop(rnd, burst)) {
                    toServer.add(java.util.Arrays.copyOf(pkt, n));
                }
            }
        }
        assertTrue(sent > 2_500, "snapshots sent: " + sent);
        assertTrue(lost > sent / 5, "at least 20% of snapshot packets lost: " + lost + "/" + sent);
        assertTrue(decoded[0] > sent / 2, "decoded: " + decoded[0]);
        assertTrue(withBaseline[0] > decoded[0] / 2, "most were deltas against acked baselines: " + withBaseline[0]);
    }

    // 20% independent loss plus bursts of 6 starting 1% of the time.
    private static boolean drop(Random rnd, int[] burst) {
        if (burst[0] > 0) {
            burst[0]--;
            return true;
        }
        if (rnd.nextDouble() < 0.01) {
            burst[0] = 5;
            return true;
        }
        return rnd.nextDouble() < 0.2;
    }
}
