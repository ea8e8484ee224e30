package io.tickwire.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.client.GameClient;
import io.tickwire.client.NetGraph;
import io.tickwire.client.SampleKind;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.server.GamePlayer;
import io.tickwire.server.lagcomp.ShotStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real GameServer and real GameClients play {@link TopDown} over the network simulator at 150 ms RTT,
 * +-30 ms jitter each way and 5% loss each way, with time stepped by hand and every random choice
 * seeded. Checks the promises of the game layer together: remote entities follow the server's path,
 * the predicted local player agrees with the server, every input is applied once and in order, and
 * lag-compensated shots at what the shooter saw hit.
 */
class EndToEndTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final NetworkConditions HARD = NetworkConditions.PERFECT
            .withLatencyMillis(75).withJitterMillis(30).withLossPercent(5);

    /** Interpolated remote positions stay this close to the server's true (continuous) path. */
    static final double INTERPOLATION_BOUND = 0.05;
    /** Positions shown while extrapolating (a snapshot late or lost) stay this close. */
    static final double EXTRAPOLATION_BOUND = 0.5;

    @Test
    void atHardConditionsRemotesFollowTheServerPredictionAgreesAndEveryInputIsAppliedOnceInOrder() throws Exception {
        try (Match m = new Match(HARD, 31, 4, 1_000 * MS, 30, true)) {
            ArenaClientGame[] games = new ArenaClientGame[3];
            for (int i = 0; i < games.length; i++) {
                games[i] = new ArenaClientGame(100 + i, true, -1, 1, true);
                m.join(games[i]);
            }
            double[] worst = new double[SampleKind.values().length];
            double[] sum = new double[SampleKind.values().length];
            long[] count = new long[SampleKind.values().length];
            float[] out = new float[2];
            long[] frames = {0};
            long[][] correctionsAtFive = new long[games.length][];
            m.run(30 * SECOND, now -> {
                if (++frames[0] < 5 * 60) {
                    return; // the first five seconds: connecting, clock and interpolation delay settling
                }
                if (frames[0] == 5 * 60) {
                    for (int i = 0; i < games.length; i++) {
                        NetGraph g = m.clients.get(i).netGraph();
                        correctionsAtFive[i] = new long[] {g.correctionsSmoothed(), g.correctionsSnapped()};
                    }
                }
                for (GameClient c : m.clients) {
                    double rt = c.renderTick();
                    for (int k = 0; k < 4; k++) {
                        SampleKind kind = c.sampleRemote(ArenaServerGame.FIRST_DRONE_ENTITY + k, out);
                        double ex = trueX(k, rt);
                        double ey = trueY(k, rt);
                        double err = Math.hypot(out[0] - ex, out[1] - ey);
                        int o = kind.ordinal();
                        worst[o] = Math.max(worst[o], err);
                        sum[o] += err;
                        count[o]++;
                    }
                }
            });
            int interp = SampleKind.INTERPOLATED.ordinal();
            int extra = SampleKind.EXTRAPOLATED.ordinal();
            System.out.printf("interpolated samples %d: mean error %.4f m, worst %.4f m; extrapolated %d: worst %.4f m; "
                    + "other %d%n", count[interp], sum[interp] / Math.max(1, count[interp]), worst[interp], count[extra],
                    worst[extra], count[SampleKind.HELD.ordinal()] + count[SampleKind.MISSING.ordinal()]);
            assertTrue(count[interp] > 0.95 * 3 * 4 * 25 * 60, "interpolated nearly always: " + count[interp]);
            assertTrue(worst[interp] < INTERPOLATION_BOUND, "interpolated error " + worst[interp]);
            assertTrue(worst[extra] < EXTRAPOLATION_BOUND, "extrapolated error " + worst[extra]);

            List<GamePlayer> players = m.server.players();
            assertEquals(3, players.size(), "everyone stays connected");
            for (int i = 0; i < games.length; i++) {
                GameClient c = m.clients.get(i);
                ArenaServerGame.Player p = m.rules.player(players.stream()
                        .filter(gp -> m.rules.player(gp).entityId == c.localEntity()).findFirst().orElseThrow());
                // Inputs: once each, consecutive, none repeated for lack of one, none late.
                // Steady state: from five seconds in (connecting, clock lock and interpolation delay settle first).
                long settled = m.server.tick() - 25 * 60;
                List<Long> ticks = p.appliedTicks.stream().filter(t -> t >= settled).toList();
                GamePlayer gp0 = players.stream().filter(gp -> m.rules.player(gp) == p).findFirst().orElseThrow();
                System.out.printf("player %d: applied %d repeated %d late %d duplicate %d tooFarAhead %d frames %d; "
                        + "client tick %d server tick %d lead %.1f clock %s, ticks skipped %d, frames sent %d, refused %d%n",
                        i, gp0.inputsApplied(), gp0.inputsRepeated(), gp0.inputsLate(), gp0.inputsDuplicate(),
                        gp0.inputsTooFarAhead(), gp0.inputFramesReceived(), c.clientTick(), m.server.tick(),
                        c.netGraph().leadTicks(), c.netGraph().clockState(), c.netGraph().ticksSkipped(),
                        c.netGraph().inputFramesSent(), c.netGraph().inputSendFailures());
                assertTrue(ticks.size() >= 25 * 60 - 10, "inputs applied in the last 25 s: " + ticks.size());
                for (int k = 1; k < ticks.size(); k++) {
                    assertEquals(ticks.get(k - 1) + 1, ticks.get(k), "input ticks consecutive at " + k);
                }
                assertEquals(List.of(), p.repeatedTicks.stream().filter(t -> t >= settled).toList(),
                        "no input was missing when its turn came");
                // Prediction: the state the client predicted when it sampled tick t equals the server's after t.
                int compared = 0;
                int equal = 0;
                double maxErr = 0;
                for (long t : ticks) {
                    float[] pred = games[i].predictedAt.get(t);
                    float[] auth = p.stateAfter.get(t);
                    if (pred == null) {
                        continue;
                    }
                    compared++;
                    double e = Math.hypot(pred[0] - auth[0], pred[1] - auth[1]);
                    maxErr = Math.max(maxErr, e);
                    if (e == 0) {
                        equal++;
                    }
                }
                NetGraph g = c.netGraph();
                System.out.printf("client %d: %d inputs applied, %d predictions compared, %d exact, worst %.4f m; "
                        + "corrections smoothed %d snapped %d; rtt %.0f ms, loss %.1f%%, in %.1f kbps, out %.1f kbps, "
                        + "interpolation delay %.0f ms, snapshots %d (%d deltas, %d missing baseline)%n",
                        i, ticks.size(), compared, equal, maxErr, g.correctionsSmoothed(), g.correctionsSnapped(),
                        g.rttMillis(), g.lossPercent(), g.kbpsIn(), g.kbpsOut(), g.interpolationDelayMillis(),
                        g.snapshotsDecoded(), g.snapshotsDeltaDecoded(), g.snapshotsMissingBaseline());
                assertTrue(compared > 20 * 60, "predictions compared: " + compared);
                assertEquals(compared, equal, "every prediction equals the server's state (worst " + maxErr + " m)");
                assertEquals(0, g.correctionsSnapped() - correctionsAtFive[i][1], "no prediction had to snap after five seconds");
                assertEquals(0, g.correctionsSmoothed() - correctionsAtFive[i][0], "nor be smoothed");
                assertTrue(g.snapshotsDeltaDecoded() > g.snapshotsDecoded() * 9 / 10, "snapshots are deltas");
            }
        }
    }

    @Test
    void shotsAtWhatTheShooterSawHitUpToTheRewindWindowAndBeyondItAreRefused() throws Exception {
        long window = 500 * MS;
        for (int rttMs : new int[] {50, 150, 250}) {
            try (Match m = new Match(HARD.withLatencyMillis(rttMs / 2).withJitterMillis(rttMs / 10), 7 + rttMs, 2,
                    window, 30, true)) {
                ArenaClientGame shooter = new ArenaClientGame(1, false, 0, 6, true);
                m.join(shooter);
                m.run(25 * SECOND, null);
                int hits = m.rules.shots.getOrDefault(ShotStatus.HIT, 0);
                int total = m.rules.shots.values().stream().mapToInt(Integer::intValue).sum();
                GamePlayer gp = m.server.players().get(0);
                System.out.printf("RTT %d ms: %d shots at interpolated drones, server judged %s; inputs applied %d, "
                        + "repeated %d (after 10 s: %d), late %d, lead %.1f ticks%n", rttMs,
                        shooter.shotsAtInterpolated, m.rules.shots, gp.inputsApplied(), gp.inputsRepeated(),
                        m.rules.player(gp).repeatedTicks.stream().filter(t -> t > 10 * 60).count(), gp.inputsLate(),
                        m.clients.get(0).netGraph().leadTicks());
                assertTrue(total > 100, "shots judged at RTT " + rttMs + ": " + total);
                // A shot rides one input; with 5% loss now and then every copy of it is lost and the server
                // repeats the previous (shot-free) input instead, so a few may go unjudged, never misjudged.
                assertTrue(total >= shooter.shotsAtInterpolated * 97 / 100, "shots judged " + total + " of "
                        + shooter.shotsAtInterpolated + " fired");
                assertEquals(total, hits, "every shot hits at RTT " + rttMs + " ms: " + m.rules.shots);
            }
        }
        try (Match m = new Match(HARD.withLatencyMillis(300).withJitterMillis(10), 99, 2, window, 30, true)) {
            ArenaClientGame shooter = new ArenaClientGame(1, false, 0, 6, true);
            m.join(shooter);
            m.run(25 * SECOND, null);
            System.out.printf("RTT 600 ms: server judged %s%n", m.rules.shots);
            int total = m.rules.shots.values().stream().mapToInt(Integer::intValue).sum();
            assertTrue(total > 100, "shots judged: " + total);
            assertEquals(total, m.rules.shots.getOrDefault(ShotStatus.BEYOND_REWIND_WINDOW, 0),
                    "beyond the window every shot is refused, never clamped: " + m.rules.shots);
        }
    }

    private static double trueX(int k, double tick) {
        return 20.0 + 12.0 * (k % 8) + 6.0 * Math.cos(tick * (2 * Math.PI / (4 * TopDown.TICK_RATE)) + k);
    }

    private static double trueY(int k, double tick) {
        return 20.0 + 12.0 * (k / 8) + 6.0 * Math.sin(tick * (2 * Math.PI / (4 * TopDown.TICK_RATE)) + k);
    }
}
