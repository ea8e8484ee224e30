package io.tickwire.net;

import io.tickwire.net.dtls.DtlsConfig;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.dtls.TickwireTlsClient;
import io.tickwire.net.protocol.DisconnectReason;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * What {@link FloodRig} and {@link TokenFloodRig} share: a started {@link NetServer} updated at 60 Hz on its
 * own thread (each update's duration recorded, and optionally one more per-update figure), real
 * {@link NetClient} players on another thread that each send one reliable-ordered chat per tick, which the
 * server echoes, and the measurement of one window of that (tick percentiles, echoes, heap, threads).
 * The rigs keep their own server configuration, attackers and reports.
 */
final class EchoTickRig implements AutoCloseable {

    static final long TICK_NANOS = 1_000_000_000L / 60;

    /** What one measured window saw; the arrays are sorted. */
    record Window(double seconds, long[] tickNanos, long[] perUpdateNanos, long echoes, long counted, long heapUsedKiB,
            int liveThreads) {
        int ticks() {
            return tickNanos.length;
        }

        double tickMicros(double p) {
            return pct(tickNanos, p);
        }

        double tickMaxMicros() {
            return max(tickNanos);
        }

        double perUpdateMicros(double p) {
            return pct(perUpdateNanos, p);
        }

        double perUpdateMaxMicros() {
            return max(perUpdateNanos);
        }

        private static double pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e3;
        }

        private static double max(long[] sorted) {
            return sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e3;
        }
    }

    /** A server listener that echoes every message on its channel and reports each disconnect. */
    static NetListener echoing(BiConsumer<DisconnectReason, String> disconnected) {
        return new NetListener() {
            @Override
            public void received(NetPeer peer, Object message, int channel) {
                peer.send(message, channel); // echo
            }

            @Override
            public void disconnected(NetPeer peer, DisconnectReason reason, String detail) {
                disconnected.accept(reason, detail);
            }
        };
    }

    /** A client of {@code server} on 127.0.0.1 pinning its certificate, with the rigs' channels and messages. */
    static ClientConfig.Builder clientOf(NetServer server) {
        return ClientConfig.builder().server("127.0.0.1", server.localAddress().getPort(), ServerTrust.pinned(server.fingerprint()))
                .connection(Messages.connection()).registry(Messages.registry());
    }

    /** A raw DTLS client of {@code server} (for attackers that speak below NetClient), pinning its certificate. */
    static TickwireTlsClient tlsClientOf(NetServer server, TlsCrypto crypto) {
        return new TickwireTlsClient(crypto, ServerTrust.pinned(server.fingerprint()), "127.0.0.1",
                server.localAddress().getPort(), DtlsConfig.DEFAULTS);
    }

    private final NetServer server;
    private final Runnable beforeUpdate;
    private final Runnable afterUpdate;
    private final LongSupplier perUpdate;
    private final Thread tickThread;
    private final Thread playerThread;
    private final List<NetClient> players = new ArrayList<>();
    private final AtomicLong[] echoes;
    private volatile boolean running = true;
    private volatile Throwable failure;
    // Durations of the current window, written by the tick thread only.
    private final long[] tickNanos = new long[60 * 600];
    private final long[] perUpdateNanos = new long[60 * 600];
    private volatile int tickCount;
    private volatile boolean resetTicks;

    /**
     * Starts ticking {@code server} (around each update {@code beforeUpdate} and {@code afterUpdate} run on the
     * tick thread, and {@code perUpdate}, if not null, is recorded beside the update's duration), connects one
     * player per config and waits until every player's messages come back (30 s, else {@code notConnected}).
     */
    EchoTickRig(String name, NetServer server, List<ClientConfig> playerConfigs, Runnable beforeUpdate, Runnable afterUpdate,
            LongSupplier perUpdate, String notConnected) throws IOException {
        this.server = server;
        this.beforeUpdate = beforeUpdate;
        this.afterUpdate = afterUpdate;
        this.perUpdate = perUpdate;
        tickThread = new Thread(this::tickLoop, name + "-tick");
        tickThread.setDaemon(true);
        tickThread.start();
        playerThread = new Thread(this::playerLoop, name + "-players");
        playerThread.setDaemon(true);
        echoes = new AtomicLong[playerConfigs.size()];
        for (int i = 0; i < echoes.length; i++) {
            echoes[i] = new AtomicLong();
            AtomicLong mine = echoes[i];
            players.add(NetClient.connect(playerConfigs.get(i), new NetListener() {
                @Override
                public void received(NetPeer peer, Object message, int channel) {
                    mine.incrementAndGet();
                }
            }));
        }
        playerThread.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Arrays.stream(echoes).anyMatch(e -> e.get() == 0)) {
            check();
            if (System.nanoTime() > until) {
                throw new IllegalStateException(notConnected);
            }
            LockSupport.parkNanos(5_000_000L);
        }
    }

    private void tickLoop() {
        try {
            long next = System.nanoTime();
            while (running) {
                long start = System.nanoTime();
                beforeUpdate.run();
                server.update(start);
                long took = System.nanoTime() - start;
                afterUpdate.run();
                if (resetTicks) {
                    tickCount = 0;
                    resetTicks = false;
                }
                int n = tickCount;
                if (n < tickNanos.length) {
                    tickNanos[n] = took;
                    perUpdateNanos[n] = perUpdate == null ? 0 : perUpdate.getAsLong();
                    tickCount = n + 1;
                }
                next += TICK_NANOS;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    next = System.nanoTime();
                }
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            server.close(); // on the thread that updates it, as NetServer requires
        }
    }

    // Every player sends one reliable-ordered chat per tick and polls; the server echoes each one.
    private void playerLoop() {
        try {
            int seq = 0;
            while (running) {
                long now = System.nanoTime();
                for (int i = 0; i < players.size(); i++) {
                    NetClient c = players.get(i);
                    c.poll(now);
                    if (c.isConnected()) {
                        c.send(new Messages.Chat(i, seq, "tick"), Messages.ORDERED);
                        c.flush(now);
                    }
                }
                seq++;
                LockSupport.parkNanos(TICK_NANOS);
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            for (NetClient c : players) {
                c.close(); // on the thread that polls them, as NetClient requires
            }
        }
    }

    /** Throws if the tick or the player thread failed. */
    void check() {
        if (failure != null) {
            throw new IllegalStateException("rig thread failed: " + failure, failure);
        }
    }

    /** The players' count. */
    int players() {
        return players.size();
    }

    /** Echoes each player has had so far. */
    long[] perPlayer() {
        long[] p = new long[echoes.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = echoes[i].get();
        }
        return p;
    }

    /** The fewest echoes one player had between two {@link #perPlayer} readings. */
    static long fewest(long[] before, long[] after) {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < after.length; i++) {
            fewest = Math.min(fewest, after[i] - before[i]);
        }
        return fewest;
    }

    /**
     * Measures the next {@code millis}: the updates' durations, the echoes, how far {@code counter} (if not null)
     * moved, then (after a GC) heap and live threads.
     */
    Window measure(long millis, LongSupplier counter) {
        check();
        long echoesBefore = Arrays.stream(echoes).mapToLong(AtomicLong::get).sum();
        long counterBefore = counter == null ? 0 : counter.getAsLong();
        resetTicks = true;
        long start = System.nanoTime();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
        long elapsed = System.nanoTime() - start;
        check();
        int n = tickCount;
        long[] ticks = Arrays.copyOf(tickNanos, n);
        Arrays.sort(ticks);
        long[] per = Arrays.copyOf(perUpdateNanos, n);
        Arrays.sort(per);
        long echoesDone = Arrays.stream(echoes).mapToLong(AtomicLong::get).sum() - echoesBefore;
        long counted = counter == null ? 0 : counter.getAsLong() - counterBefore;
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        return new Window(elapsed / 1e9, ticks, per, echoesDone, counted, heap, threads);
    }

    @Override
    public void close() {
        running = false;
        try {
            playerThread.join(5_000);
            tickThread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
