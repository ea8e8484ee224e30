package io.tickwire.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.ClientConfig;
import io.tickwire.net.InMemoryNetwork;
import io.tickwire.net.protocol.ChannelType;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.replication.InputFrame;
import io.tickwire.net.replication.Snapshot;
import io.tickwire.net.sim.ManualClock;
import io.tickwire.net.sim.NetworkConditions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GameClient against a scripted server over an in-memory network, time stepped by hand, seeded. */
class GameClientTest {
    private static final NetworkConditions LAN = NetworkConditions.PERFECT.withLatencyMillis(40);
    private static final NetworkConditions ROUGH = NetworkConditions.PERFECT.withLatencyMillis(40)
            .withJitterMillis(10).withLossPercent(10);

    @Test
    void snapshotsDecodeIntoTheRingAndAcksAdvanceAsDeltasUnderSeededLossAndJitter() throws Exception {
        try (Rig rig = new Rig(ROUGH, 11)) {
            float[] out = new float[3];
            int[] interpolated = new int[1];
            double[] worstError = new double[1];
            rig.afterFrame = () -> {
                double render = rig.client.renderTick();
                if (rig.clock.nanoTime() > 4_000_000_000L && rig.client.sampleRemote(2, out) == SampleKind.INTERPOLATED) {
                    interpolated[0]++;
                    // A bot moves in a straight line: the interpolated x is its x at the render tick.
                    double expected = -300 + 2 * 10 + render * 0.1;
                    worstError[0] = Math.max(worstError[0], Math.abs(out[0] - expected));
                }
            };
            rig.run(10_000);
            NetGraph g = rig.client.netGraph();
            ScriptedServer s = rig.server;
            long sent = s.deltasSent + s.fullSent;
            System.out.printf("40 ms +-10 ms, 10%% loss, 10 s: sent %d snapshots (%d full), decoded %d (%d deltas), stale %d,"
                    + " %.1f bytes/snapshot, rtt %.1f ms, jitter %.1f ms, delay %.1f ms, lead %.2f ticks, inputs lost %d,"
                    + " corrections %d smoothed %d snapped, interpolated samples %d, worst bot error %.4f%n",
                    sent, s.fullSent, g.snapshotsDecoded(), g.snapshotsDeltaDecoded(), g.snapshotsStale(),
                    g.averageSnapshotBytes(), g.rttMillis(), g.jitterMillis(), g.interpolationDelayMillis(), g.leadTicks(),
                    s.inputsLost, g.correctionsSmoothed(), g.correctionsSnapped(), interpolated[0], worstError[0]);
            assertTrue(sent > 550, "snapshots sent: " + sent);
            assertTrue(g.snapshotsDecoded() > sent * 0.8, "decoded " + g.snapshotsDecoded() + " of " + sent);
            assertTrue(g.snapshotsDeltaDecoded() > g.snapshotsDecoded() * 0.95,
                    "nearly every snapshot is a delta: " + g.snapshotsDeltaDecoded() + " of " + g.snapshotsDecoded());
            assertEquals(0, g.snapshotsMissingBaseline(), "acked baselines are always in the client's ring");
            assertEquals(0, g.snapshotsMalformed());
            // The ack the server holds trails its newest sequence by about one RTT of snapshots, not more.
            int lag = ScriptedServer.distance((s.nextSequence - 1) & 0xFFFF, s.clientAck);
            assertTrue(lag < 15, "ack lags the newest snapshot by " + lag);
            // Every acked sequence in the input frames is non-decreasing (modulo 16 bits) and was sent.
            int previous = InputFrame.NO_ACK;
            int acks = 0;
            for (int i = 0; i < s.frames; i++) {
                int a = s.frameAck[i];
                if (a == InputFrame.NO_ACK) {
                    continue;
                }
                acks++;
                assertTrue(previous == InputFrame.NO_ACK || a == previous || ScriptedServer.newer(a, previous),
                        "ack went back from " + previous + " to " + a);
                previous = a;
            }
            assertTrue(acks > 400, "acks seen: " + acks);
            Snapshot latest = rig.client.latestSnapshot();
            assertNotNull(latest);
            assertEquals(TestWorld.BOTS + TestWorld.ROCKS + 1, latest.count());
            assertTrue(interpolated[0] > 1000, "interpolated samples: " + interpolated[0]);
            assertTrue(worstError[0] < 0.2, "interpolated bot x off by " + worstError[0]);
            assertTrue(g.rttMillis() > 60 && g.rttMillis() < 140, "rtt " + g.rttMillis());
            assertTrue(g.interpolationDelayMillis() > 0);
            assertTrue(g.averageSnapshotBytes() > 9 && g.kbpsIn() > 0 && g.kbpsOut() > 0);
            assertEquals(0, rig.game.errors);
        }
    }

    @Test
    void aSnapshotWhoseBaselineIsMissingIsDroppedAndCountedWithoutThrowing() throws Exception {
        try (Rig rig = new Rig(LAN, 3)) {
            rig.run(2_000);
            long decodedBefore = rig.client.netGraph().snapshotsDecoded();
            assertTrue(decodedBefore > 50);
            rig.server.nameMissingBaselineOnce = true;
            rig.run(2_000);
            NetGraph g = rig.client.netGraph();
            assertEquals(1, g.snapshotsMissingBaseline());
            assertTrue(g.snapshotsDecoded() > decodedBefore + 100, "decoding goes on: " + g.snapshotsDecoded());
            assertTrue(rig.client.isConnected());
            assertEquals(0, rig.game.errors);
            assertEquals(0, rig.game.disconnectedCalls);
        }
    }

    @Test
    void everyTickSendsOneInputFrameWithTheLastFourInputsAndTheNewestSnapshotAck() throws Exception {
        try (Rig rig = new Rig(LAN, 5)) {
            rig.run(5_000);
            ScriptedServer s = rig.server;
            assertTrue(s.frames > 250, "frames: " + s.frames);
            int steady = 0;
            for (int i = 1; i < s.frames; i++) {
                assertEquals(s.frameNewestTick[i - 1] + 1, s.frameNewestTick[i], "one frame per client tick, in order");
                if (i > 60) {
                    assertEquals(4, s.frameCount[i], "redundancy at frame " + i);
                    assertTrue(s.frameAck[i] != InputFrame.NO_ACK);
                    steady++;
                }
            }
            assertTrue(steady > 200);
            long inFlight = rig.client.netGraph().inputFramesSent() - s.frames;
            assertTrue(inFlight >= 0 && inFlight <= 3, "no frame lost on a loss-free link, 40 ms in flight: " + inFlight);
            assertEquals(rig.client.clientTick() - inFlight, s.frameNewestTick[s.frames - 1]);
            // The ack is the newest sequence the client decoded when it sent the frame: one RTT behind at most.
            int lag = ScriptedServer.distance((s.nextSequence - 1) & 0xFFFF, s.frameAck[s.frames - 1]);
            assertTrue(lag <= 8, "ack lag " + lag);
            assertEquals(0, s.inputsLost);
        }
    }

    @Test
    void withoutLossThePredictionEqualsTheServerStateAfterReconciliation() throws Exception {
        try (Rig rig = new Rig(LAN, 7)) {
            float[] state = new float[2];
            long[] compared = new long[1];
            List<String> mismatches = new ArrayList<>();
            // Client: remember the predicted state after each sampled tick.
            float[] predX = new float[1 << 16];
            float[] predY = new float[1 << 16];
            boolean[] has = new boolean[1 << 16];
            rig.afterFrame = () -> {
                long t = rig.client.clientTick();
                if (t >= 0 && rig.client.predictedState(state)) {
                    int r = (int) (t & 0xFFFF);
                    predX[r] = state[0];
                    predY[r] = state[1];
                    has[r] = true;
                }
            };
            rig.run(8_000);
            ScriptedServer s = rig.server;
            for (long t = Math.max(0, s.processed - 300); t <= s.processed; t++) {
                int r = (int) (t & 0xFFFF);
                if (has[r] && s.stateRecorded[r]) {
                    compared[0]++;
                    if (predX[r] != s.stateAfterTickX[r] || predY[r] != s.stateAfterTickY[r]) {
                        mismatches.add(t + ": client " + predX[r] + "," + predY[r] + " server " + s.stateAfterTickX[r]
                                + "," + s.stateAfterTickY[r]);
                    }
                }
            }
            assertTrue(compared[0] > 250, "ticks compared: " + compared[0]);
            assertEquals(List.of(), mismatches);
            assertTrue(rig.client.isPredicting());
            assertEquals(0, rig.client.netGraph().correctionsSmoothed());
            assertEquals(0, rig.client.netGraph().correctionsSnapped());
            assertTrue(s.playerX() != 0 || s.playerY() != 0, "the player moved");
        }
    }

    @Test
    void aSmallServerCorrectionIsSmoothedAndALargeOneSnaps() throws Exception {
        try (Rig rig = new Rig(LAN, 9)) {
            rig.run(3_000);
            rig.server.pushAtProcessedTick = rig.server.processed + 30;
            rig.server.pushBy = 0.5f;   // under the 1.0 snap distance
            rig.run(1_000);
            NetGraph g = rig.client.netGraph();
            assertEquals(1, g.correctionsSmoothed());
            assertEquals(0, g.correctionsSnapped());
            rig.run(2_000);
            rig.server.pushAtProcessedTick = rig.server.processed + 30;
            rig.server.pushBy = 5f;     // beyond it
            rig.run(1_000);
            assertEquals(1, g.correctionsSmoothed());
            assertEquals(1, g.correctionsSnapped());
            rig.run(2_000);
            // Settled: the drawn state is the prediction again, and the prediction tracks the server exactly.
            float[] drawn = new float[2];
            assertTrue(rig.client.predictedState(drawn));
            long t = rig.client.clientTick();
            rig.run(1_000);
            int r = (int) (t & 0xFFFF);
            assertTrue(rig.server.stateRecorded[r]);
            assertEquals(rig.server.stateAfterTickX[r], drawn[0]);
            assertEquals(rig.server.stateAfterTickY[r], drawn[1]);
        }
    }

    @Test
    void smoothedCorrectionShowsAsAnOffsetThatDecays() throws Exception {
        try (Rig rig = new Rig(LAN, 13)) {
            rig.run(3_000);
            rig.server.pushAtProcessedTick = rig.server.processed + 30;
            rig.server.pushBy = 0.75f;
            float[] drawn = new float[2];
            double[] offsets = new double[400];
            int[] n = new int[1];
            rig.afterFrame = () -> {
                if (n[0] < offsets.length && rig.client.netGraph().correctionsSmoothed() == 1) {
                    rig.client.predictedState(drawn);
                    offsets[n[0]++] = rig.client.smoothingOffset();
                }
            };
            rig.run(2_500);
            assertTrue(n[0] > 100);
            assertEquals(0.75, offsets[0], 1e-6, "the whole correction shows as an offset at first");
            assertTrue(offsets[20] < offsets[0] && offsets[20] > 0, "then it decays: " + offsets[20]);
            assertEquals(0.0, offsets[n[0] - 1], "and settles to nothing");
        }
    }

    @Test
    void tickStampedEventsAreHeldUntilTheRenderTickReachesTheirStamp() throws Exception {
        List<long[]> delivered = new ArrayList<>();
        double[] previousRender = {Double.NaN};
        TestWorld.Game game = new TestWorld.Game() {
            @Override
            public void event(Object event, long serverTick) {
                assertTrue(event instanceof TestWorld.Boom);
                assertEquals(((TestWorld.Boom) event).tick, serverTick);
                delivered.add(new long[] {serverTick, (long) Math.floor(client.renderTick()),
                        (long) Math.floor(previousRender[0]), this.client.config().tickNanos()});
                assertTrue(client.renderTick() >= serverTick, "delivered at render tick " + client.renderTick()
                        + " before its stamp " + serverTick);
                assertTrue(previousRender[0] < serverTick, "delivered late: the previous frame already showed "
                        + previousRender[0]);
            }
        };
        try (Rig rig = new Rig(LAN, 17, 5_000_000L, game, b -> b)) {
            long[] sentAt = new long[3];
            rig.afterServerTick = () -> {
                long t = rig.server.tick;
                if (t == 120 || t == 180 || t == 240) {
                    sentAt[(int) (t / 60 - 2)] = rig.clock.nanoTime();
                    rig.server.sendEvent();
                }
            };
            rig.afterFrame = () -> previousRender[0] = rig.client.renderTick();
            long[] deliveredAt = new long[3];
            int[] seen = new int[1];
            Runnable record = rig.afterFrame;
            rig.afterFrame = () -> {
                while (seen[0] < delivered.size()) {
                    deliveredAt[seen[0]++] = rig.clock.nanoTime();
                }
                record.run();
            };
            rig.run(6_000);
            assertEquals(1, game.welcomes, "the welcome before any stamp is delivered at once by received()");
            assertEquals(3, delivered.size());
            for (int i = 0; i < 3; i++) {
                assertEquals(120 + 60 * i, delivered.get(i)[0]);
                long heldMillis = (deliveredAt[i] - sentAt[i]) / 1_000_000L;
                // Events travel in 40 ms; the world on screen is 40 ms plus the interpolation delay behind.
                assertTrue(heldMillis > 60, "event " + i + " shown " + heldMillis + " ms after it was sent");
            }
        }
    }

    @Test
    void configRefusesAWrongSchemaHashOrChannelsAndNamesTheFix() {
        ManualClock clock = new ManualClock();
        InMemoryNetwork network = new InMemoryNetwork(clock);
        ClientConfig noHash = ClientConfig.builder().inMemory(network).connection(TestWorld.CONNECTION)
                .registry(TestWorld.REGISTRY).clock(clock).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GameClientConfig.builder(noHash, TestWorld.SCHEMA).build());
        assertTrue(e.getMessage().contains("ClientConfig.Builder.schemaHash(schema.hash())"), e.getMessage());
        ClientConfig oneChannel = ClientConfig.builder().inMemory(network)
                .connection(ConnectionConfig.builder().addChannel(ChannelType.RELIABLE_ORDERED).build())
                .registry(TestWorld.REGISTRY).schemaHash(TestWorld.SCHEMA.hash()).clock(clock).build();
        e = assertThrows(IllegalArgumentException.class, () -> GameClientConfig.builder(oneChannel, TestWorld.SCHEMA).build());
        assertTrue(e.getMessage().contains("GameChannels.builder()"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TestWorld.gameConfig(network, clock).inputRedundancy(17).build());
        assertTrue(e.getMessage().contains("inputRedundancy") && e.getMessage().contains("17"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TestWorld.gameConfig(network, clock).snapshotRing(48).build());
        assertTrue(e.getMessage().contains("48"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TestWorld.gameConfig(network, clock).snapshotRing(16).build());
        assertTrue(e.getMessage().contains("snapshotRing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TestWorld.gameConfig(network, clock).interpolation(3, 3).build());
        assertTrue(e.getMessage().contains("angle channel"), e.getMessage());
        GameClientConfig ok = TestWorld.gameConfig(network, clock).build();
        assertEquals(32, ok.snapshotRing());
        assertEquals(4, ok.inputRedundancy());
        assertEquals(60, ok.tickRateHz());
        assertFalse(ok.isAngleChannel(0));
        assertTrue(ok.isAngleChannel(2));
    }
}
