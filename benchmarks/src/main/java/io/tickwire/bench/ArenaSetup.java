package io.tickwire.bench;

import io.tickwire.e2e.ArenaClientGame;
import io.tickwire.e2e.ArenaServerGame;
import io.tickwire.e2e.TopDown;
import io.tickwire.net.NanoClock;
import io.tickwire.server.TickTimeTracker;
import io.tickwire.server.replication.RadiusInterest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The TopDown arena of the end-to-end tests as a load: {@link ArenaServerGame} with scripted drones and
 * {@code players} {@link ArenaClientGame} bots (seeded walks; each shoots at a drone every
 * {@code firePeriodTicks} from ten seconds in), with {@code record=false} on both sides so the game
 * code allocates nothing per tick. Connects every bot and waits for all of them.
 */
final class ArenaSetup {
    /** Lag compensation may rewind this far (the end-to-end tests' value). */
    private static final long REWIND_NANOS = 1_000_000_000L;

    final GameRig rig;
    final ArenaServerGame rules;
    final List<ArenaClientGame> bots = new ArrayList<>();
    private String windowNotes = "no window measured";

    private ArenaSetup(GameRig rig, ArenaServerGame rules) {
        this.rig = rig;
        this.rules = rules;
    }

    /**
     * Starts the server, connects {@code players} bots and runs until every one has joined (at most
     * {@code connectSeconds}); throws if they do not.
     */
    static ArenaSetup start(GameTransport transport, NanoClock clock, int players, int drones, int snapshotHz,
            int firePeriodTicks, int maxSteps, double connectSeconds) throws Exception {
        return start(transport, clock, players, drones, snapshotHz, firePeriodTicks, maxSteps, connectSeconds, 0);
    }

    /** As above, with {@link RadiusInterest} of {@code interestRadius} metres (0: every player sees everything). */
    static ArenaSetup start(GameTransport transport, NanoClock clock, int players, int drones, int snapshotHz,
            int firePeriodTicks, int maxSteps, double connectSeconds, float interestRadius) throws Exception {
        ArenaServerGame rules = new ArenaServerGame(drones, REWIND_NANOS, false);
        GameRig rig = GameRig.start(transport, clock, TopDown.SCHEMA, TopDown.REGISTRY, snapshotHz,
                c -> interestRadius > 0 ? c.interest(new RadiusInterest(interestRadius)) : c, rules, maxSteps);
        rules.attach(rig.server);
        ArenaSetup a = new ArenaSetup(rig, rules);
        for (int i = 0; i < players; i++) {
            ArenaClientGame bot = new ArenaClientGame(1000 + i, true, i % Math.max(1, drones), firePeriodTicks, false);
            bot.attach(rig.join(bot, n -> n, c -> c.interpolation(2).prediction(2, 2)));
            a.bots.add(bot);
        }
        long start = clock.nanoTime();
        rig.run((long) (connectSeconds * 1e9), null, null, () -> rig.allConnected(players));
        if (!rig.allConnected(players)) {
            rig.close();
            throw new IllegalStateException(rig.server.playerCount() + " of " + players + " players joined in "
                    + connectSeconds + " s");
        }
        System.out.printf(Locale.ROOT, "%d players connected in %.0f ms (%s)%n", players,
                (clock.nanoTime() - start) / 1e6, rig.simulated() ? "simulated time" : "real time");
        return a;
    }

    /**
     * Runs {@code warmupSeconds}, then a measured window of {@code seconds} (clock time) over which the
     * step meter, the server's tick times and the returned traffic are taken.
     */
    Traffic measure(double warmupSeconds, double seconds) {
        rig.run((long) (warmupSeconds * 1e9), null, null, null);
        rig.meter.reset();
        rig.server.tickTimes().reset();
        long dropped = rig.server.tickLoop().droppedTicks();
        long snapshots = rig.server.snapshotsSent();
        long bytes = rig.server.snapshotBytesSent();
        long skipped = rig.framesSkipped();
        long cpu = Bench.cpu(Thread.currentThread());
        long wall = System.nanoTime();
        Traffic traffic = new Traffic(rig);
        traffic.start(rig.now());
        rig.run((long) (seconds * 1e9), null, null, null);
        traffic.stop(rig.now());
        windowNotes = String.format(Locale.ROOT, "snapshots %.1f B each (frame header included; %d sent); dropped ticks "
                + "%d; client frames skipped %d; driving thread CPU %.0f%% of wall time (server + all clients)",
                (double) (rig.server.snapshotBytesSent() - bytes) / Math.max(1, rig.server.snapshotsSent() - snapshots),
                rig.server.snapshotsSent() - snapshots, rig.server.tickLoop().droppedTicks() - dropped,
                rig.framesSkipped() - skipped, 100.0 * (Bench.cpu(Thread.currentThread()) - cpu) / (System.nanoTime() - wall));
        return traffic;
    }

    /** The server side of the last measured window: tick times, the step meter, snapshot sizes, drops. */
    String serverSummary() {
        TickTimeTracker t = rig.server.tickTimes();
        return String.format(Locale.ROOT, "GameServer.tickTimes (ticks only, without receive and send; %s): p50 %.1f us, "
                + "p99 %.1f us, max %.1f us over %d ticks%n%s%n%s", rig.simulated()
                        ? "read from the ManualClock, which does not move during a step, so 0" : "system clock",
                t.p50Nanos() / 1e3, t.p99Nanos() / 1e3, t.maxNanos() / 1e3, t.count(), rig.meter.summary(), windowNotes);
    }

    /** Shots the bots aimed at an interpolated drone, kills the server counted. */
    String shots() {
        long shots = 0;
        for (ArenaClientGame b : bots) {
            shots += b.shotsAtInterpolated;
        }
        return shots + " shots at drones, " + rules.kills + " kills";
    }
}
