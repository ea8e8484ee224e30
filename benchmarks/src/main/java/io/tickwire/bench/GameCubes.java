package io.tickwire.bench;

import io.tickwire.client.ClientGame;
import io.tickwire.client.GameClient;
import io.tickwire.net.NanoClock;
import io.tickwire.net.replication.Snapshot;
import io.tickwire.net.serial.MessageRegistry;
import io.tickwire.net.sim.NetworkConditions;
import java.util.Arrays;
import java.util.Locale;

/**
 * Glenn Fiedler's "Snapshot Compression" cubes through the real path: a {@link CubesGame} on a
 * GameServer (INVOKER, 60 Hz ticks and snapshots, 1100-byte snapshot budget) and GameClients over
 * DTLS on loopback, in real time on one thread. Reports the time until each client holds the whole
 * world, then over a measured window kbps per client (connection level and with the measured DTLS
 * overhead), deltas against full states, baseline age and bits per changed cube.
 *
 * <pre>
 * --moving 90 --layout contiguous|scattered --clients 1 --seconds 10 --settle 2 --warmup-max 30 --transport dtls|memory
 * --ack-delay-ms 0 (delays what the clients send, so acks and the baselines they name age)
 * </pre>
 */
public final class GameCubes {
    private GameCubes() {
    }

    public static void main(String[] argv) throws Exception {
        Bench b = new Bench(argv);
        int moving = b.intArg("moving", 90);
        String layout = b.arg("layout", "contiguous");
        if (!layout.equals("contiguous") && !layout.equals("scattered")) {
            throw new IllegalArgumentException("--layout must be contiguous or scattered: " + layout);
        }
        int clients = b.intArg("clients", 1);
        double seconds = b.doubleArg("seconds", 10);
        double settle = b.doubleArg("settle", 2);
        double warmupMax = b.doubleArg("warmup-max", 30);
        String transportName = b.arg("transport", "dtls");
        int ackDelayMs = b.intArg("ack-delay-ms", 0);
        Bench.printEnvironment("GameCubes");
        System.out.printf(Locale.ROOT, "# %d cubes, %d moving (%s ids), %d client(s), 60 Hz ticks and snapshots, "
                + "snapshot budget 1100 B, %s, real time on one thread; measure %.0f s after the world is complete "
                + "and %.0f s of settling; client sends delayed %d ms by the simulator (older baselines)%n", CubesGame.CUBES,
                moving, layout, clients, transportName, seconds, settle, ackDelayMs);
        CubesGame game = new CubesGame(moving, layout.equals("scattered"));
        GameTransport transport = GameTransport.create(transportName, NanoClock.SYSTEM, clients);
        int maxSteps = (int) ((seconds + 1) * GameRig.TICK_RATE * 2);
        try (GameRig rig = GameRig.start(transport, NanoClock.SYSTEM, CubesGame.SCHEMA, MessageRegistry.builder().build(),
                GameRig.TICK_RATE, c -> c.maxEntitiesPerSnapshot(1024), game, maxSteps)) {
            long start = System.nanoTime();
            for (int i = 0; i < clients; i++) {
                rig.join(new Viewer(), n -> ackDelayMs == 0 ? n : n.simulate(NetworkConditions.PERFECT
                        .withLatencyMillis(ackDelayMs), 7), c -> c.maxEntities(1024).interpolation(3));
            }
            long[] connectedAt = new long[clients];
            long[] completeAt = new long[clients];
            long[] snapshotsToComplete = new long[clients];
            rig.run((long) (warmupMax * 1e9), null, now -> {
                for (int i = 0; i < clients; i++) {
                    GameClient c = rig.clients.get(i);
                    if (connectedAt[i] == 0 && c.isConnected()) {
                        connectedAt[i] = now;
                    }
                    Snapshot s = c.latestSnapshot();
                    if (completeAt[i] == 0 && s != null && s.count() == CubesGame.CUBES) {
                        completeAt[i] = now;
                        snapshotsToComplete[i] = c.netGraph().snapshotsDecoded();
                    }
                }
            }, () -> Arrays.stream(completeAt).allMatch(t -> t != 0));
            for (int i = 0; i < clients; i++) {
                if (completeAt[i] == 0) {
                    System.out.printf("client %d never held the whole world within %.0f s (connected: %b)%n", i,
                            warmupMax, connectedAt[i] != 0);
                    return;
                }
                System.out.printf(Locale.ROOT, "client %d: connected %.0f ms after start; whole world (%d cubes) after "
                        + "%d snapshots, %.0f ms after connecting%n", i, (connectedAt[i] - start) / 1e6, CubesGame.CUBES,
                        snapshotsToComplete[i], (completeAt[i] - connectedAt[i]) / 1e6);
            }
            BaselineLog log = new BaselineLog(rig.server, game, clients, maxSteps);
            rig.run((long) (settle * 1e9), log::afterStep, null, null);
            log.reset();
            rig.meter.reset();
            Traffic traffic = new Traffic(rig);
            traffic.start(System.nanoTime());
            rig.run((long) (seconds * 1e9), log::afterStep, null, null);
            traffic.stop(System.nanoTime());
            System.out.print(traffic.summary());
            System.out.println();
            System.out.println(log.summary());
            double bytesPerSnapshot = traffic.medianDownKbps() * 1000 / 8 / GameRig.TICK_RATE;
            System.out.printf(Locale.ROOT, "RESULT moving=%d layout=%s clients=%d: server->client %.2f kbps connection, "
                    + "%s on the wire, %.1f packets/s, %.1f connection bytes per tick%n", moving, layout,
                    clients, traffic.medianDownKbps(), traffic.medianDownWire(), traffic.medianDownPps(),
                    bytesPerSnapshot);
            System.out.println(rig.meter.summary());
        }
    }

    /** Holds still and interpolates each cube's position; its inputs are one zero byte per tick. */
    private static final class Viewer implements ClientGame {
        @Override
        public int sampleInput(long clientTick, byte[] dst) {
            dst[0] = 0;
            return 1;
        }

        @Override
        public void readInterpolated(Snapshot s, int index, float[] channels) {
            channels[0] = s.getFloat(index, 0);
            channels[1] = s.getFloat(index, 1);
            channels[2] = s.getFloat(index, 2);
        }
    }
}
