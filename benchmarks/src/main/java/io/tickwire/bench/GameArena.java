package io.tickwire.bench;

import io.tickwire.net.NanoClock;
import java.util.Locale;

/**
 * The arena scenario end to end in one process, in real time: {@code --players} TopDown bots on
 * GameClients and a GameServer (60 Hz ticks, {@code --snapshot-hz} snapshots), over DTLS on loopback or
 * the in-memory network. One thread drives everything: the server steps when its tick is due and every
 * client renders a frame every 1/60 s right after, back to back. Reports kbps per client each way
 * (median and max; connection level and with the measured DTLS overhead), packets per second,
 * snapshot bytes, and whether the server's tick kept up (tick times, step CPU and wall, dropped ticks).
 *
 * <pre>
 * --players 32 --snapshot-hz 30 --transport dtls|memory --drones 8 --fire-period 30 --warmup 12 --seconds 10
 * </pre>
 */
public final class GameArena {
    private GameArena() {
    }

    public static void main(String[] argv) throws Exception {
        Bench b = new Bench(argv);
        int players = b.intArg("players", 32);
        int snapshotHz = b.intArg("snapshot-hz", 30);
        String transportName = b.arg("transport", "dtls");
        int drones = b.intArg("drones", 8);
        int firePeriod = b.intArg("fire-period", 30);
        double warmup = b.doubleArg("warmup", 12);
        double seconds = b.doubleArg("seconds", 10);
        Bench.printEnvironment("GameArena");
        System.out.printf(Locale.ROOT, "# TopDown arena: %d bot players, %d drones, 60 Hz ticks, %d Hz snapshots, %s; "
                + "real time, one thread steps the server and then updates every client at 60 frames/s; bots shoot every "
                + "%d ticks from 10 s in; warm-up %.0f s, measured %.0f s%n", players, drones, snapshotHz, transportName,
                firePeriod, warmup, seconds);
        GameTransport transport = GameTransport.create(transportName, NanoClock.SYSTEM, players);
        int maxSteps = (int) ((seconds + 1) * GameRig.TICK_RATE * 2);
        ArenaSetup arena = ArenaSetup.start(transport, NanoClock.SYSTEM, players, drones, snapshotHz, firePeriod, maxSteps, 30);
        try {
            Traffic traffic = arena.measure(warmup, seconds);
            System.out.print(traffic.summary());
            System.out.println();
            System.out.println(arena.serverSummary());
            System.out.println(arena.shots());
            System.out.printf(Locale.ROOT, "RESULT players=%d snapshotHz=%d transport=%s: server->client %.2f kbps "
                    + "connection, %s wire, %.1f packets/s (medians over clients)%n", players, snapshotHz,
                    transportName, traffic.medianDownKbps(), traffic.medianDownWire(), traffic.medianDownPps());
        } finally {
            arena.rig.close();
        }
    }
}
