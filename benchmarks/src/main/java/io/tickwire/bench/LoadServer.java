package io.tickwire.bench;

import io.tickwire.e2e.ArenaServerGame;
import io.tickwire.e2e.TopDown;
import io.tickwire.net.NanoClock;
import io.tickwire.net.NetPeer;
import io.tickwire.net.ServerConfig;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.transport.EndpointConfig;
import io.tickwire.net.transport.EndpointStats;
import io.tickwire.net.transport.ThreadingMode;
import io.tickwire.server.GameServer;
import io.tickwire.server.GameServerConfig;
import io.tickwire.server.TickLoopConfig;
import io.tickwire.server.TickLoopMode;
import io.tickwire.server.TickTimeTracker;
import io.tickwire.server.replication.RadiusInterest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The server half of the load harness ({@link Load}): the TopDown arena ({@link ArenaServerGame}) on a real
 * {@link GameServer} over DTLS on 127.0.0.1, 60 Hz ticks, interest within {@code --radius} metres so each
 * snapshot stays under the byte budget at hundreds of players. The main thread is the tick thread: it steps
 * the server when a tick is due and parks otherwise, as {@link TickLoopMode#BLOCKING} does, and the endpoint
 * runs INVOKER (the tick thread reads the socket; handshakes run on the endpoint's workers). Each whole step
 * (receive + ticks + send) is timed, beside the server's own {@link TickTimeTracker} (ticks only).
 *
 * <p>Prints {@code READY port=P fingerprint=F} and then obeys one command per line on stdin, each answered by
 * one line on stdout: {@code mark} (start a measured window), {@code report} (the window's figures as
 * {@code REPORT key=value ...}), {@code memory} (full GC, then {@code MEMORY heap=... rss=...}), {@code quit}.
 * Exits by itself after {@code --max-seconds}, so a lost orchestrator never leaves it running.
 *
 * <pre>
 * --snapshot-hz 30 --drones 8 --radius 24 --max-clients 800 --max-seconds 600
 * </pre>
 */
public final class LoadServer {
    private static final long TICK_PERIOD_NANOS = 1_000_000_000L / 60;

    private LoadServer() {
    }

    public static void main(String[] argv) throws Exception {
        Bench b = new Bench(argv);
        int snapshotHz = b.intArg("snapshot-hz", 30);
        int drones = b.intArg("drones", 8);
        float radius = (float) b.doubleArg("radius", 24);
        int maxClients = b.intArg("max-clients", 800);
        double maxSeconds = b.doubleArg("max-seconds", 600);

        Path identityDir = Files.createTempDirectory("tickwire-load-identity");
        ServerIdentity identity = ServerIdentity.loadOrCreate(identityDir);
        EndpointConfig endpoint = EndpointConfig.builder().maxConnections(maxClients)
                .maxConnectionsPerIp(maxClients).maxHandshakesPerIp(Math.max(64, maxClients))
                .threadingMode(ThreadingMode.INVOKER).build();
        ServerConfig net = ServerConfig.builder().clock(NanoClock.SYSTEM)
                .dtls(new InetSocketAddress("127.0.0.1", 0), identity).endpoint(endpoint)
                .threading(ThreadingMode.INVOKER).maxConnections(maxClients)
                .connection(GameChannels.builder().build()).registry(TopDown.REGISTRY)
                .schemaHash(TopDown.SCHEMA.hash()).build();
        ArenaServerGame rules = new ArenaServerGame(drones, 1_000_000_000L, false);
        RadiusInterest interest = new RadiusInterest(radius);
        GameServer server = GameServer.start(GameServerConfig.builder().server(net)
                .tickLoop(TickLoopConfig.builder().tickRateHz(60).snapshotRateHz(snapshotHz).mode(TickLoopMode.INVOKER).build())
                .schema(TopDown.SCHEMA).interest(interest).build(), rules);
        rules.attach(server);

        AtomicReference<String> command = new AtomicReference<>();
        Thread stdin = new Thread(() -> readCommands(command), "load-server-stdin");
        stdin.setDaemon(true);
        stdin.start();

        Window w = new Window(server);
        System.out.printf(Locale.ROOT, "READY port=%d fingerprint=%s%n", server.net().localAddress().getPort(),
                identity.fingerprint());
        System.out.flush();
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        boolean started = false;
        try {
            while (System.nanoTime() < deadline) {
                // Commands first, also when the server is behind and never idle (a report must still come).
                String c = command.getAndSet(null);
                if (c != null) {
                    if (!obey(c, w)) {
                        return;
                    }
                    continue;
                }
                long now = System.nanoTime();
                long due = server.tickLoop().nextTickDueNanos();
                if (started && now < due) {
                    LockSupport.parkNanos(Math.min(due - now, 1_000_000L)); // wake at least every ms for commands
                    continue;
                }
                long c0 = Bench.currentCpu();
                server.step(now);
                started = true;
                long wall = System.nanoTime() - now;
                w.step(wall, Bench.currentCpu() - c0);
            }
            System.out.println("TIMEOUT the load server ran --max-seconds " + maxSeconds + " and stops");
        } finally {
            server.close();
            try (var files = Files.walk(identityDir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void readCommands(AtomicReference<String> command) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String c = line.trim();
                while (!command.compareAndSet(null, c)) {
                    Thread.onSpinWait();
                }
            }
        } catch (IOException e) {
            System.err.println("load server: reading commands failed: " + e);
        }
        while (!command.compareAndSet(null, "quit")) { // the orchestrator is gone: stop
            Thread.onSpinWait();
        }
    }

    /** Runs one command on the tick thread; false to stop. */
    private static boolean obey(String c, Window w) {
        switch (c) {
            case "mark" -> {
                w.mark();
                System.out.println("MARKED");
            }
            case "report" -> System.out.println(w.report());
            case "memory" -> System.out.println(memory());
            case "quit" -> {
                return false;
            }
            default -> System.out.println("ERROR unknown command '" + c + "': mark, report, memory or quit");
        }
        System.out.flush();
        return true;
    }

    /** Heap in use after a full collection, and the process's resident set (Linux /proc). */
    static String memory() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed();
        return String.format(Locale.ROOT, "MEMORY heap=%d nonheap=%d rss=%d threads=%d", heap, nonHeap, rssBytes(),
                Thread.activeCount());
    }

    /** VmRSS from /proc/self/status, bytes; -1 where there is none. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Process CPU time of this JVM, all threads, nanoseconds. */
    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** GC collections and milliseconds, all collectors. */
    static long[] gc() {
        long[] r = new long[2];
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            r[0] += Math.max(0, g.getCollectionCount());
            r[1] += Math.max(0, g.getCollectionTime());
        }
        return r;
    }

    /** One measured window on the tick thread: whole-step times, and counters read at mark and report. */
    private static final class Window {
        private final GameServer server;
        private final TickTimeTracker stepWall = new TickTimeTracker();
        private final TickTimeTracker stepCpu = new TickTimeTracker();
        private long overPeriodSteps;
        private long wallStart;
        private long cpuStart;
        private long allocStart;
        private long droppedStart;
        private long ticksStart;
        private long snapshotsStart;
        private long snapshotBytesStart;
        private long overBudgetStart;
        private long[] gcStart;
        private long[] socketStart;
        private long[] connStart;

        Window(GameServer server) {
            this.server = server;
            mark();
        }

        void step(long wallNanos, long cpuNanos) {
            stepWall.record(wallNanos);
            stepCpu.record(cpuNanos);
            if (wallNanos > TICK_PERIOD_NANOS / 2) {
                overPeriodSteps++;
            }
        }

        void mark() {
            stepWall.reset();
            stepCpu.reset();
            server.tickTimes().reset();
            overPeriodSteps = 0;
            wallStart = System.nanoTime();
            cpuStart = processCpu();
            allocStart = Bench.currentAllocated();
            droppedStart = server.tickLoop().droppedTicks();
            ticksStart = server.tick();
            snapshotsStart = server.snapshotsSent();
            snapshotBytesStart = server.snapshotBytesSent();
            overBudgetStart = server.snapshotsOverBudget();
            gcStart = gc();
            socketStart = socket();
            connStart = connections();
        }

        // bytes out, datagrams out, bytes in, datagrams in at the server socket
        private long[] socket() {
            EndpointStats s = server.net().endpointStats();
            return new long[] {s.bytesOut(), s.datagramsOut(), s.bytesIn(), s.datagramsIn()};
        }

        // the connections' packet bytes sent, received (Tickwire packets before DTLS), summed over peers
        private long[] connections() {
            long[] c = new long[2];
            List<NetPeer> peers = server.net().peers();
            for (int i = 0; i < peers.size(); i++) {
                NetPeer p = peers.get(i);
                c[0] += p.stats().bytesSent();
                c[1] += p.stats().bytesReceived();
            }
            return c;
        }

        String report() {
            double seconds = (System.nanoTime() - wallStart) / 1e9;
            long cpu = processCpu() - cpuStart;
            long alloc = Bench.currentAllocated() - allocStart;
            long ticks = server.tick() - ticksStart;
            long[] g = gc();
            long[] s = socket();
            long[] c = connections();
            int players = server.playerCount();
            TickTimeTracker t = server.tickTimes();
            return String.format(Locale.ROOT, "REPORT players=%d seconds=%.3f ticks=%d dropped=%d cpu_ns=%d "
                    + "tick_p50_ns=%d tick_p99_ns=%d tick_max_ns=%d step_p50_ns=%d step_p99_ns=%d step_max_ns=%d "
                    + "step_cpu_p50_ns=%d step_cpu_p99_ns=%d steps=%d steps_over_half_period=%d tick_thread_alloc=%d "
                    + "gc_count=%d gc_ms=%d conn_out=%d conn_in=%d wire_out=%d wire_in=%d dgram_out=%d dgram_in=%d "
                    + "snapshots=%d snapshot_bytes=%d over_budget=%d",
                    players, seconds, ticks, server.tickLoop().droppedTicks() - droppedStart, cpu,
                    t.p50Nanos(), t.p99Nanos(), t.maxNanos(), stepWall.p50Nanos(), stepWall.p99Nanos(), stepWall.maxNanos(),
                    stepCpu.p50Nanos(), stepCpu.p99Nanos(), stepWall.count(), overPeriodSteps, alloc,
                    g[0] - gcStart[0], g[1] - gcStart[1], c[0] - connStart[0], c[1] - connStart[1],
                    s[0] - socketStart[0], s[2] - socketStart[2], s[1] - socketStart[1], s[3] - socketStart[3],
                    server.snapshotsSent() - snapshotsStart, server.snapshotBytesSent() - snapshotBytesStart,
                    server.snapshotsOverBudget() - overBudgetStart);
        }
    }
}
