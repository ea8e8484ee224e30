package io.tickwire.server.game;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.replication.InputFrame;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.server.GamePlayer;
import io.tickwire.server.replication.InterestPolicy;
import io.tickwire.server.replication.RadiusInterest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GameServer end to end over an in-memory network with seeded loss, latency and jitter, time stepped by hand. */
class GameServerTest {

    private static final NetworkConditions LOSSY = NetworkConditions.PERFECT.withLatencyMillis(30).withJitterMillis(10)
            .withLossPercent(10);

    @Test
    void inputsAreAppliedOnceEachInTickOrderDespiteLossThanksToRedundancy() throws Exception {
        TestGame game = new TestGame(10, true);
        try (GameHarness h = new GameHarness(LOSSY, 7, InterestPolicy.EVERYTHING, game)) {
            for (int i = 0; i < 3; i++) {
                h.connect();
            }
            h.steps(1500);
            assertEquals(3, h.server.playerCount());
            long duplicates = 0;
            for (GamePlayer p : h.server.players()) {
                List<TestGame.Applied> applied = game.applied.get(p.id());
                int index = p.id() - 1;
                assertTrue(applied.size() > 1400, "inputs applied for player " + p.id() + ": " + applied.size());
                byte[] expected = new byte[TestClient.INPUT_BYTES];
                byte[] last = null;
                for (int k = 0; k < applied.size(); k++) {
                    TestGame.Applied a = applied.get(k);
                    assertEquals(applied.get(0).tick() + k, a.tick(), "each client tick exactly once, in order");
                    if (a.repeated()) {
                        assertArrayEquals(last, a.bytes(), "a repeat carries the last real input");
                    } else {
                        TestClient.inputFor(index, a.tick(), expected);
                        assertArrayEquals(expected, a.bytes(), "input of tick " + a.tick());
                        last = a.bytes();
                    }
                }
                TestClient client = h.clients.get(index);
                assertTrue(applied.get(0).tick() <= client.firstTick, "the player starts with its first frame's inputs");
                assertEquals(applied.size(), p.inputsApplied() + p.inputsRepeated());
                assertTrue(p.inputsRepeated() <= applied.size() / 100, "repeats at 10% loss with 3-fold redundancy: "
                        + p.inputsRepeated());
                duplicates += p.inputsDuplicate();
            }
            assertTrue(duplicates > 3000, "redundant copies arrive and are dropped as DUPLICATE: " + duplicates);
            assertEquals(0, h.server.protocolDrops());
            for (TestClient c : h.clients) {
                assertTrue(c.lastProcessedInputTick > 1400, "snapshots report the processed input tick");
            }
        }
    }

    @Test
    void aMissingInputRepeatsTheLastOneAndLaterInputsResume() throws Exception {
        TestGame game = new TestGame(4, true);
        try (GameHarness h = new GameHarness(NetworkConditions.PERFECT, 3, InterestPolicy.EVERYTHING, game)) {
            TestClient c = h.connect();
            h.steps(60);
            c.sending = false;
            h.steps(10);
            c.sending = true;
            c.redundancy = InputFrame.MAX_INPUTS; // the resumed frames also carry the inputs the server had to repeat
            h.steps(60);
            GamePlayer p = h.server.players().get(0);
            List<TestGame.Applied> applied = game.applied.get(p.id());
            int repeats = 0;
            byte[] last = null;
            boolean realAfterRepeats = false;
            for (int k = 0; k < applied.size(); k++) {
                TestGame.Applied a = applied.get(k);
                assertEquals(applied.get(0).tick() + k, a.tick());
                if (a.repeated()) {
                    repeats++;
                    assertArrayEquals(last, a.bytes(), "the repeat is the last input the client sent");
                } else {
                    last = a.bytes();
                    realAfterRepeats |= repeats > 0;
                }
            }
            assertTrue(repeats >= 5, "ticks without input repeat the last: " + repeats);
            assertEquals(repeats, p.inputsRepeated());
            assertTrue(realAfterRepeats, "real inputs are applied again once they arrive");
            assertTrue(p.inputsLate() > 0, "inputs for ticks a repeat stood in for are LATE");
        }
    }

    @Test
    void snapshotsDecodeToTheInterestFilteredWorldAsDeltasAgainstAckedBaselines() throws Exception {
        TestGame game = new TestGame(60, false);
        RadiusInterest interest = new RadiusInterest(55);
        try (GameHarness h = new GameHarness(LOSSY, 11, interest, game)) {
            for (int i = 0; i < 3; i++) {
                h.connect();
            }
            h.steps(1000);
            for (TestClient c : h.clients) {
                assertTrue(c.decoded > 380, "client " + c.index + " decoded " + c.decoded + " of ~500 snapshots");
                assertEquals(0, c.mismatches, "every decoded snapshot equals the filtered world at its tick");
                assertEquals(0, c.missingBaseline, "the server only deltas against snapshots the client acked");
                assertEquals(0, c.decodeErrors);
                assertTrue(c.withBaseline > c.decoded * 8 / 10, "most snapshots are deltas: " + c.withBaseline + " of "
                        + c.decoded);
            }
            for (GamePlayer p : h.server.players()) {
                assertTrue(p.baselineSequence() >= 0);
                assertEquals(0, p.lastSnapshotDeferred());
                assertTrue(p.lastSnapshotEntities() > 0 && p.lastSnapshotEntities() < 60,
                        "interest filters: " + p.lastSnapshotEntities());
                assertTrue(p.lastSnapshotBytes() > 9 && p.snapshotsSent() >= 495);
            }
            assertTrue(h.server.snapshotBytesSent() > 0);
        }
    }

    @Test
    void aTightByteBudgetStillDecodesExactlyToTheWorldTheServerSent() throws Exception {
        // 120 bytes cannot carry all 60 entities: entities are deferred by priority, and what arrives is a
        // consistent mix of current and acknowledged state (checked by decoding against the client's own ring).
        TestGame game = new TestGame(60, false);
        try (GameHarness h = new GameHarness(LOSSY, 5, InterestPolicy.EVERYTHING, game, 120)) {
            TestClient c = h.connect();
            c.verify = false;
            h.steps(600);
            GamePlayer p = h.server.players().get(0);
            assertTrue(p.lastSnapshotDeferred() > 0, "the budget defers entities");
            assertTrue(p.lastSnapshotBytes() <= 9 + 120);
            assertEquals(0, p.snapshotsOverBudget());
            assertEquals(0, c.missingBaseline);
            assertEquals(0, c.decodeErrors);
            assertTrue(c.decoded > 200);
        }
    }

    @Test
    void eventsArriveAfterATickStampNamingTheirTickAndABurstCostsOneStamp() throws Exception {
        TestGame game = new TestGame(4, false);
        game.eventEvery = 7;
        try (GameHarness h = new GameHarness(LOSSY, 13, InterestPolicy.EVERYTHING, game)) {
            h.connect();
            h.connect();
            h.steps(400);
            h.steps(50); // let resends finish
            for (TestClient c : h.clients) {
                assertTrue(c.eventErrors.isEmpty(), c.eventErrors.toString());
                assertTrue(c.events.size() >= 2 * (400 / 7) - 2, "events received: " + c.events.size());
                long bursts = c.events.stream().filter(b -> b.n >= 0).map(b -> b.tick).distinct().count();
                long joinEvents = c.events.stream().filter(b -> b.n < 0).count();
                assertEquals(1, joinEvents);
                assertEquals(bursts + 1, c.stamps.size(), "one stamp per tick with events (plus the join's)");
                for (int i = 1; i < c.events.size(); i++) {
                    assertTrue(c.events.get(i).tick >= c.events.get(i - 1).tick, "reliable-ordered");
                }
            }
        }
    }

    @Test
    void aMalformedInputFrameDropsOnlyThatClientWithANamedProtocolError() throws Exception {
        TestGame game = new TestGame(8, false);
        try (GameHarness h = new GameHarness(NetworkConditions.PERFECT, 17, InterestPolicy.EVERYTHING, game)) {
            TestClient tooLarge = h.connect();
            TestClient truncated = h.connect();
            TestClient good = h.connect();
            h.steps(30);
            assertEquals(3, h.server.playerCount());
            byte[] frame = new byte[64];
            int p = InputFrame.writeHeader(frame, 0, InputFrame.NO_ACK, 100, 1);
            p = InputFrame.writeInput(frame, p, new byte[40], 0, 40);
            tooLarge.net.sendBytes(frame, 0, p, GameChannels.INPUTS);
            truncated.net.sendBytes(frame, 0, 5, GameChannels.INPUTS);
            long decodedBefore = good.decoded;
            h.steps(30);
            assertEquals(DisconnectReason.PROTOCOL_ERROR, tooLarge.disconnectReason);
            assertEquals("input frame INPUT_TOO_LARGE: an input exceeds maxInputBytes 32", tooLarge.disconnectDetail);
            assertEquals(DisconnectReason.PROTOCOL_ERROR, truncated.disconnectReason);
            assertTrue(truncated.disconnectDetail.startsWith("input frame TRUNCATED"), truncated.disconnectDetail);
            assertEquals(1, h.server.protocolDrops(InputFrame.Status.INPUT_TOO_LARGE));
            assertEquals(1, h.server.protocolDrops(InputFrame.Status.TRUNCATED));
            assertEquals(2, h.server.protocolDrops());
            assertEquals(2, game.left.size());
            for (TestGame.Left l : game.left) {
                assertEquals(DisconnectReason.PROTOCOL_ERROR, l.reason());
            }
            assertNull(good.disconnectReason);
            assertTrue(good.net.isConnected());
            assertEquals(1, h.server.playerCount());
            assertTrue(good.decoded >= decodedBefore + 14, "the good client keeps getting snapshots");
            assertFalse(tooLarge.net.isConnected());
        }
    }
}
