package io.tickwire.bench;

import io.tickwire.client.GameClient;
import io.tickwire.client.GameClientConfig;
import io.tickwire.e2e.ArenaClientGame;
import io.tickwire.e2e.TopDown;
import io.tickwire.net.ClientConfig;
import io.tickwire.net.NanoClock;
import io.tickwire.net.dtls.Fingerprint;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.protocol.ConnectionStats;
import io.tickwire.net.replication.GameChannels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator of the load harness ({@link Load}), in its own process: {@code --clients} real
 * {@link GameClient}s (each with its own UDP socket and DTLS session, pinning the server's fingerprint)
 * playing TopDown bots ({@link ArenaClientGame}: seeded walks, a shot at a drone every {@code --fire-period}
 * ticks from ten seconds in), so each sends an input frame with redundancy every 1/60 s and receives
 * snapshots, as an arena player does. {@code --threads} client loops each own a slice of the clients and
 * update all of them once per 1/60 s frame, so the generator needs a handful of threads, not one per client.
 * Connecting: each loop keeps at most {@code --connect-batch} of its clients handshaking at a time.
 *
 * <p>Prints {@code CONNECTED clients=N ms=T} once every client is connected (or {@code FAILED ...}),
 * then obeys stdin: {@code mark}, {@code report} ({@code REPORT key=value ...}: its own process CPU,
 * frames run and skipped, clients still connected, snapshots received), {@code quit}. Exits by itself
 * after {@code --max-seconds}.
 *
 * <pre>
 * --server 127.0.0.1:PORT --fingerprint sha256:HEX --clients 64 --threads 4 --connect-batch 8 --fire-period 30
 * --connect-seconds 120 --max-seconds 600
 * </pre>
 */
public final class LoadClients {
    private static final long FRAME_NANOS = 1_000_000_000L / 60;
    /** A loop this far behind skips frames (counted) instead of running them back to back. */
    private static final long MAX_LAG_NANOS = 100_000_000L;
    /** Connection attempts per client before the run fails. */
    private static final int MAX_CONNECT_ATTEMPTS = 3;

    private LoadClients() {
    }

    public static void main(String[] argv) throws Exception {
        Bench b = new Bench(argv);
        String[] hostPort = b.arg("server", "127.0.0.1:7777").split(":");
        Fingerprint fingerprint = Fingerprint.parse(b.arg("fingerprint", ""));
        int clients = b.intArg("clients", 64);
        int threads = Math.max(1, Math.min(clients, b.intArg("threads", 4)));
        int batch = b.intArg("connect-batch", 8);
        int firePeriod = b.intArg("fire-period", 30);
        int drones = b.intArg("drones", 8);
        double connectSeconds = b.doubleArg("connect-seconds", 120);
        double maxSeconds = b.doubleArg("max-seconds", 600);
        ClientConfig.Builder net = ClientConfig.builder().clock(NanoClock.SYSTEM)
                .server(hostPort[0], Integer.parseInt(hostPort[1]), ServerTrust.pinned(fingerprint))
                .connection(GameChannels.builder().build()).registry(TopDown.REGISTRY).schemaHash(TopDown.SCHEMA.hash());

        Shared shared = new Shared(clients);
        List<Loop> loops = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int from = clients * t / threads;
            int to = clients * (t + 1) / threads;
            Loop loop = new Loop(t, from, to, batch, firePeriod, drones, net, shared, start + t * FRAME_NANOS / threads);
            loops.add(loop);
            loop.thread.start();
        }
        long connectDeadline = start + (long) (connectSeconds * 1e9);
        while (shared.connected.getCount() > 0 && System.nanoTime() < connectDeadline && shared.failures.get() == 0) {
            Bench.sleepMillis(5);
        }
        if (shared.connected.getCount() > 0) {
            System.out.printf(Locale.ROOT, "FAILED %d of %d clients connected in %.1f s (%d connections failed: %s)%n",
                    clients - shared.connected.getCount(), clients, (System.nanoTime() - start) / 1e9,
                    shared.failures.get(), shared.firstFailure);
            System.out.flush();
            stop(loops);
            return;
        }
        long connectNanos = shared.allConnectedAt.get() - start;
        int retried = 0;
        for (Loop l : loops) {
            retried += l.connectRetries;
        }
        System.out.printf(Locale.ROOT, "CONNECTED clients=%d ms=%.1f first_ms=%.1f handshakes_per_s=%.1f threads=%d "
                + "retries=%d%n", clients, connectNanos / 1e6, (shared.firstConnectedAt.get() - start) / 1e6,
                clients / (connectNanos / 1e9), threads, retried);
        System.out.flush();

        long deadline = start + (long) (maxSeconds * 1e9);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        long cpuStart = LoadServer.processCpu();
        long wallStart = System.nanoTime();
        long[] framesStart = frames(loops);
        long[] trafficStart = traffic(loops);
        try {
            String line;
            while (System.nanoTime() < deadline && (line = in.readLine()) != null) {
                switch (line.trim()) {
                    case "mark" -> {
                        cpuStart = LoadServer.processCpu();
                        wallStart = System.nanoTime();
                        framesStart = frames(loops);
                        trafficStart = traffic(loops);
                        System.out.println("MARKED");
                    }
                    case "report" -> {
                        long[] f = frames(loops);
                        long[] tr = traffic(loops);
                        int live = 0;
                        long snapshots = 0;
                        for (Loop l : loops) {
                            live += l.connectedNow;
                            snapshots += l.snapshotsReceived;
                        }
                        System.out.printf(Locale.ROOT, "REPORT clients=%d seconds=%.3f cpu_ns=%d frames=%d skipped=%d "
                                + "connected=%d snapshots_total=%d rss=%d loop_alloc=%d client_updates=%d packets_in=%d "
                                + "packets_out=%d%n", clients, (System.nanoTime() - wallStart) / 1e9,
                                LoadServer.processCpu() - cpuStart, f[0] - framesStart[0], f[1] - framesStart[1], live,
                                snapshots, LoadServer.rssBytes(), tr[0] - trafficStart[0], tr[1] - trafficStart[1],
                                tr[2] - trafficStart[2], tr[3] - trafficStart[3]);
                    }
                    case "quit" -> {
                        return;
                    }
                    default -> System.out.println("ERROR unknown command '" + line + "': mark, report or quit");
                }
                System.out.flush();
            }
        } finally {
            stop(loops);
        }
    }

    private static long[] frames(List<Loop> loops) {
        long[] f = new long[2];
        for (Loop l : loops) {
            f[0] += l.frames;
            f[1] += l.skipped;
        }
        return f;
    }

    // allocated bytes of the loop threads, client updates run, packets received and sent by all clients
    private static long[] traffic(List<Loop> loops) {
        long[] t = new long[4];
        for (Loop l : loops) {
            t[0] += Bench.allocated(l.thread);
            t[1] += l.updates;
            t[2] += l.packetsIn;
            t[3] += l.packetsOut;
        }
        return t;
    }

    private static void stop(List<Loop> loops) throws InterruptedException {
        for (Loop l : loops) {
            l.running = false;
        }
        for (Loop l : loops) {
            l.thread.join(5000);
        }
    }

    /** What the loops report to main. */
    private static final class Shared {
        final CountDownLatch connected;
        final AtomicInteger failures = new AtomicInteger();
        final AtomicLong firstConnectedAt = new AtomicLong();
        final AtomicLong allConnectedAt = new AtomicLong();
        volatile String firstFailure = "none";

        Shared(int clients) {
            this.connected = new CountDownLatch(clients);
        }

        void connected(long now) {
            firstConnectedAt.compareAndSet(0, now);
            connected.countDown();
            if (connected.getCount() == 0) {
                allConnectedAt.compareAndSet(0, now);
            }
        }
    }

    /** One client loop: owns clients [from, to), creates them (at most {@code batch} handshaking) and updates them every frame. */
    private static final class Loop implements Runnable {
        final Thread thread;
        private final int from;
        private final int to;
        private final int batch;
        private final int firePeriod;
        private final int drones;
        private final ClientConfig.Builder net;
        private final Shared shared;
        private final List<GameClient> clients = new ArrayList<>();
        private final List<ArenaClientGame> bots = new ArrayList<>();
        private final boolean[] counted;
        private final boolean[] lost;
        private final int[] retries;
        private long nextFrame;
        volatile boolean running = true;
        volatile long frames;
        volatile long skipped;
        volatile int connectedNow;
        volatile long snapshotsReceived;
        volatile long updates;
        volatile int connectRetries;
        volatile long packetsIn;
        volatile long packetsOut;

        Loop(int index, int from, int to, int batch, int firePeriod, int drones, ClientConfig.Builder net, Shared shared,
                long firstFrame) {
            this.from = from;
            this.to = to;
            this.batch = batch;
            this.firePeriod = firePeriod;
            this.drones = drones;
            this.net = net;
            this.shared = shared;
            this.counted = new boolean[to - from];
            this.lost = new boolean[to - from];
            this.retries = new int[to - from];
            this.nextFrame = firstFrame;
            this.thread = new Thread(this, "load-clients-" + index);
        }

        @Override
        public void run() {
            try {
                while (running) {
                    long now;
                    while ((now = System.nanoTime()) < nextFrame) {
                        LockSupport.parkNanos(nextFrame - now);
                    }
                    nextFrame += FRAME_NANOS;
                    if (now - nextFrame > MAX_LAG_NANOS) {
                        skipped += (now - nextFrame) / FRAME_NANOS;
                        nextFrame = now + FRAME_NANOS;
                    }
                    frame(now);
                }
            } catch (RuntimeException e) {
                shared.failures.incrementAndGet();
                shared.firstFailure = thread.getName() + " failed: " + e;
                e.printStackTrace();
            } finally {
                for (GameClient c : clients) {
                    c.close();
                }
            }
        }

        /** A new bot and client for player {@code id}, appended ({@code slot} -1) or replacing slot {@code slot}. */
        private void newClient(int id, int slot) {
            ArenaClientGame bot = new ArenaClientGame(1000 + id, true, id % Math.max(1, drones), firePeriod, false);
            GameClient c = GameClient.connect(GameClientConfig.builder(net.build(), TopDown.SCHEMA)
                    .interpolation(2).prediction(2, 2).build(), bot);
            bot.attach(c);
            if (slot < 0) {
                clients.add(c);
                bots.add(bot);
            } else {
                clients.set(slot, c);
                bots.set(slot, bot);
            }
        }

        private void frame(long now) {
            int handshaking = 0;
            int live = 0;
            long snaps = 0;
            long in = 0;
            long out = 0;
            int updated = 0;
            for (int i = 0, n = clients.size(); i < n; i++) {
                GameClient c = clients.get(i);
                if (!c.update(now)) {
                    if (!counted[i] && retries[i] < MAX_CONNECT_ATTEMPTS - 1) {
                        // Never connected (a handshake timed out on an overloaded server): try again, as a
                        // player would; counted, and the connect time includes the retries.
                        retries[i]++;
                        connectRetries++;
                        c.close();
                        newClient(from + i, i);
                        handshaking++;
                    } else if (!counted[i]) {
                        counted[i] = true;
                        shared.firstFailure = "client " + (from + i) + " did not connect in " + MAX_CONNECT_ATTEMPTS
                                + " attempts: " + bots.get(i).disconnectReason;
                        shared.failures.incrementAndGet();
                    } else if (!lost[i]) {
                        lost[i] = true;
                        shared.firstFailure = "client " + (from + i) + " disconnected: " + bots.get(i).disconnectReason;
                        shared.failures.incrementAndGet();
                    }
                    continue;
                }
                if (c.isConnected() && c.localEntity() >= 0) {
                    live++;
                    if (!counted[i]) {
                        counted[i] = true;
                        shared.connected(now);
                    }
                } else {
                    handshaking++;
                }
                snaps += c.netGraph().snapshotsReceived();
                updated++;
                ConnectionStats st = c.net().stats();
                if (st != null) {
                    in += st.packetsReceived();
                    out += st.packetsSent();
                }
            }
            while (handshaking < batch && from + clients.size() < to) {
                newClient(from + clients.size(), -1);
                handshaking++;
            }
            connectedNow = live;
            snapshotsReceived = snaps;
            packetsIn = in;
            packetsOut = out;
            updates += updated;
            frames++;
        }
    }
}
