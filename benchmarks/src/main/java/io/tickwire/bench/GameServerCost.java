package io.tickwire.bench;

import io.tickwire.net.NanoClock;
import io.tickwire.net.sim.ManualClock;
import java.util.Locale;

/**
 * Server cost per connected client: for each player count, the TopDown arena with bots, and the thread CPU
 * time, wall time and allocated bytes of {@code GameServer.step} alone (the bots' clients run on the same
 * thread, outside the measured calls). {@code --transport memory} (default) runs in simulated time on a
 * {@link ManualClock} over the in-memory network, so the step holds only the server's own work;
 * {@code dtls} runs in real time over DTLS on loopback, the step then including the socket reads and
 * writes and the record decryption and encryption.
 *
 * <pre>
 * --players 8,16,32,64 --radius 0 (metres of RadiusInterest; 0 = everyone sees everything) --transport memory|dtls --snapshot-hz 30 --drones 8 --fire-period 30 --warmup 60 (memory) or 12 (dtls) --seconds 10
 * </pre>
 */
public final class GameServerCost {
    private GameServerCost() {
    }

    public static void main(String[] argv) throws Exception {
        Bench b = new Bench(argv);
        int[] counts = b.intsArg("players", "8,16,32,64");
        String transportName = b.arg("transport", "memory");
        int snapshotHz = b.intArg("snapshot-hz", 30);
        int drones = b.intArg("drones", 8);
        int firePeriod = b.intArg("fire-period", 30);
        float radius = (float) b.doubleArg("radius", 0);
        boolean simulated = transportName.equals("memory");
        double warmup = b.doubleArg("warmup", simulated ? 60 : 12); // simulated time is cheap: let the JIT settle
        double seconds = b.doubleArg("seconds", 10);
        Bench.printEnvironment("GameServerCost");
        System.out.printf(Locale.ROOT, "# TopDown arena, %d drones, 60 Hz ticks, %d Hz snapshots, %s, %s; warm-up %.0f s, "
                + "measured %.0f s; only GameServer.step is measured; interest: %s%n", drones, snapshotHz, transportName,
                simulated ? "simulated time (ManualClock set to each due tick / client frame)" : "real time", warmup, seconds,
                radius > 0 ? "RadiusInterest " + radius + " m" : "everything");
        for (int players : counts) {
            NanoClock clock = simulated ? new ManualClock(1_000_000_000L) : NanoClock.SYSTEM;
            GameTransport transport = GameTransport.create(transportName, clock, players);
            int maxSteps = (int) ((seconds + 1) * GameRig.TICK_RATE * 2);
            ArenaSetup arena = ArenaSetup.start(transport, clock, players, drones, snapshotHz, firePeriod, maxSteps, 60, radius);
            try (GameRig rig = arena.rig) {
                arena.measure(warmup, seconds);
                StepMeter m = rig.meter;
                System.out.printf(Locale.ROOT, "RESULT players=%d transport=%s: server step CPU %.1f us/tick, %.2f us/tick "
                        + "per client; step CPU p50 %.1f us, p99 %.1f us; wall %.1f us/tick; allocated %.1f B/tick%n",
                        players, transportName, m.cpuMicrosPerTick(), m.cpuMicrosPerTick() / players, m.cpuPercentile(50),
                        m.cpuPercentile(99), m.wallMicrosPerTick(), m.allocatedBytesPerTick());
                System.out.println(arena.serverSummary());
                System.out.println(arena.shots());
            }
        }
    }
}
