package io.tickwire.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.tickwire.net.NanoClock;
import io.tickwire.net.protocol.ChannelType;
import io.tickwire.net.protocol.Connection;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.protocol.ConnectionRole;
import io.tickwire.net.protocol.DropReason;
import io.tickwire.net.protocol.SendStatus;
import io.tickwire.net.sim.InMemoryLinkPair;
import io.tickwire.net.sim.ManualClock;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.net.sim.NetworkSimulator;
import io.tickwire.net.sim.SimulatedLink;
import io.tickwire.net.transport.DatagramLink;
import io.tickwire.net.transport.DtlsClientConnector;
import io.tickwire.net.transport.DtlsClientLink;
import io.tickwire.net.transport.DtlsPeerLink;
import io.tickwire.net.transport.DtlsServerEndpoint;
import io.tickwire.net.transport.EndpointConfig;
import io.tickwire.net.transport.ThreadingMode;

/**
 * Benchmark 4: reliable-ordered goodput (application payload bytes delivered in order per second)
 * at 50 ms RTT (25 ms each way) with 5% loss each way, against the simulated link's bandwidth cap.
 *
 * <p>Two paths: {@code sim} is the in-memory simulator pair with simulated time (a
 * {@link ManualClock} stepped 1 ms at a time: deterministic for a seed, and fast); {@code dtls} is
 * real DTLS over UDP loopback with a {@link SimulatedLink} decorator on both ends, in real time.
 *
 * <p>Two sender policies: {@code greedy} keeps the reliable channel's send queue full (the protocol
 * is bounded by its delay-based congestion window, {@code --delay-threshold-ms 0} turns it off); {@code paced}
 * offers messages at each of {@code --pace} times the cap (a token bucket), as a game that knows its budget does.
 */
public final class Goodput {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final long MS = 1_000_000L;

    private Goodput() {
    }

    public static void main(String[] argv) throws Exception {
        Bench a = new Bench(argv);
        int[] caps = a.intsArg("caps", "250000,1000000");
        int simSeconds = a.intArg("sim-seconds", 30);
        int realSeconds = a.intArg("real-seconds", 8);
        int msgSize = a.intArg("message", 1000);
        double loss = a.doubleArg("loss", 5.0);
        String[] paces = a.arg("pace", "0.9,1.1").split(",");
        int queue = a.intArg("queue", 1024);
        String[] paths = a.arg("paths", "sim,dtls").split(",");
        String cryptoName = a.arg("crypto", "jca");
        // Queueing delay (ms) at which the sender's congestion window shrinks; 0 turns the window off.
        delayThresholdMs = a.intArg("delay-threshold-ms", 30);
        Bench.printEnvironment("Goodput RTT 50 ms, loss " + loss + "% each way, message " + msgSize + " B, queue "
                + queue + ", paces " + String.join(",", paces) + ", congestion delay threshold "
                + (delayThresholdMs == 0 ? "off" : delayThresholdMs + " ms"));
        System.out.println("| path | cap B/s | policy | goodput B/s | goodput / cap | resends | sim drops: loss / bandwidth | srtt ms |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        BenchTls tls = null;
        for (String path : paths) {
            for (int cap : caps) {
                for (int pi = -1; pi < paces.length; pi++) {
                    NetworkConditions cond = NetworkConditions.PERFECT.withLatencyMillis(25).withLossPercent(loss)
                            .withBandwidthBytesPerSecond(cap);
                    double p = pi < 0 ? 0 : Double.parseDouble(paces[pi]);
                    String policy = pi < 0 ? "greedy" : "paced";
                    Run r;
                    if (path.equals("sim")) {
                        r = sim(cond, msgSize, queue, p, simSeconds);
                    } else if (path.equals("dtls")) {
                        if (tls == null) {
                            tls = new BenchTls(cryptoName);
                        }
                        r = dtls(tls, cond, msgSize, queue, p, realSeconds);
                    } else {
                        throw new IllegalArgumentException("--paths takes sim and dtls, got " + path);
                    }
                    System.out.printf(Locale.ROOT, "| %s | %,d | %s | %,.0f | %.2f | %,d | %,d / %,d | %.1f |%n", path, cap,
                            policy + (p > 0 ? " " + p + "x" : ""), r.goodput, r.goodput / cap, r.resends, r.lossDrops,
                            r.bandwidthDrops, r.srttMs);
                }
            }
        }
    }

    record Run(double goodput, long resends, long lossDrops, long bandwidthDrops, double srttMs) {
    }

    static int delayThresholdMs = 30;

    static ConnectionConfig config(int queue) {
        return ConnectionConfig.builder().addChannel(ChannelType.RELIABLE_ORDERED, queue, queue)
                .congestionDelayThresholdNanos(delayThresholdMs * MS).receiveRateLimitPacketsPerSecond(0).build();
    }

    /** Drives a client (sender) and server (receiver) Connection over two links. */
    static final class Driver {
        final Connection client;
        final Connection server;
        final DatagramLink clientLink;
        final DatagramLink serverLink;
        final byte[] payload;
        final byte[] pkt;
        final byte[] in = new byte[2048];
        final double paceBytesPerNano;
        double credit;
        long delivered;
        long expectNext;
        long lastNow;

        Driver(ConnectionConfig cfg, DatagramLink clientLink, DatagramLink serverLink, int msgSize, double paceBytesPerSec,
                long now) {
            this.clientLink = clientLink;
            this.serverLink = serverLink;
            this.payload = new byte[msgSize];
            this.pkt = new byte[cfg.maxPacketSize()];
            this.paceBytesPerNano = paceBytesPerSec / 1e9;
            this.client = new Connection(cfg, ConnectionRole.CLIENT, 3L, (c, b, o, l) -> { }, now);
            this.server = new Connection(cfg, ConnectionRole.SERVER, 3L, (c, b, o, l) -> {
                // Every message carries its index: check order and count payload bytes.
                long idx = (b[o] & 0xFFL) << 24 | (b[o + 1] & 0xFFL) << 16 | (b[o + 2] & 0xFFL) << 8 | (b[o + 3] & 0xFFL);
                if (idx != (expectNext & 0xFFFFFFFFL)) {
                    throw new IllegalStateException("out of order: got " + idx + ", expected " + expectNext);
                }
                expectNext++;
                delivered += l;
            }, now);
            this.lastNow = now;
        }

        long sentIndex;

        void step(long now) throws IOException {
            drain(clientLink, client, now);
            drain(serverLink, server, now);
            if (client.isConnected()) {
                if (paceBytesPerNano > 0) {
                    credit = Math.min(credit + (now - lastNow) * paceBytesPerNano, 64.0 * payload.length);
                }
                while (paceBytesPerNano == 0 || credit >= payload.length) {
                    payload[0] = (byte) (sentIndex >>> 24);
                    payload[1] = (byte) (sentIndex >>> 16);
                    payload[2] = (byte) (sentIndex >>> 8);
                    payload[3] = (byte) sentIndex;
                    SendStatus s = client.send(0, payload, 0, payload.length, now);
                    if (s != SendStatus.QUEUED) {
                        break;
                    }
                    sentIndex++;
                    credit -= payload.length;
                }
            }
            lastNow = now;
            flush(client, clientLink, now);
            flush(server, serverLink, now);
        }

        private void drain(DatagramLink link, Connection c, long now) throws IOException {
            for (int i = 0; i < 1024; i++) {
                int len = link.receive(in, 0, in.length);
                if (len < 0) {
                    return;
                }
                c.receivePacket(in, 0, len, now);
            }
        }

        private void flush(Connection c, DatagramLink link, long now) throws IOException {
            for (int i = 0; i < 1024; i++) {
                int len = c.writePacket(pkt, 0, now);
                if (len == 0) {
                    return;
                }
                link.send(pkt, 0, len);
            }
        }

        void checkAlive() {
            if (!client.isConnected() || !server.isConnected()) {
                throw new IllegalStateException("connection lost: client " + client.state() + " "
                        + client.disconnectReason() + " " + client.disconnectDetail() + ", server " + server.state()
                        + " " + server.disconnectReason() + " " + server.disconnectDetail()
                        + ", client drops " + client.stats().drops(DropReason.PROTOCOL_FAULT));
            }
        }
    }

    /** The in-memory simulator pair in simulated time: 2 s warm-up, then {@code seconds} measured. */
    static Run sim(NetworkConditions cond, int msgSize, int queue, double pace, int seconds) throws IOException {
        ManualClock clock = new ManualClock(1_000_000_000L);
        InMemoryLinkPair pair = new InMemoryLinkPair(clock, cond, cond, 42L, NetworkSimulator.DEFAULT_CAPACITY, 1500);
        Driver d = new Driver(config(queue), pair.first(), pair.second(), msgSize,
                pace * cond.bandwidthBytesPerSecond(), clock.nanoTime());
        long warmSteps = 2000;
        long b0 = 0;
        long r0 = 0;
        for (long step = 0; step < warmSteps + seconds * 1000L; step++) {
            if (step == warmSteps) {
                d.checkAlive();
                b0 = d.delivered;
                r0 = d.client.stats().resends();
            }
            clock.advanceNanos(MS);
            d.step(clock.nanoTime());
        }
        d.checkAlive();
        NetworkSimulator up = pair.firstToSecond();
        return new Run((d.delivered - b0) / (double) seconds, d.client.stats().resends() - r0, up.droppedByLoss(),
                up.droppedByBandwidth(), d.client.stats().smoothedRttNanos() / 1e6);
    }

    /** Real DTLS on loopback, the simulator as a decorator on both links, real time, one driving thread. */
    static Run dtls(BenchTls tls, NetworkConditions cond, int msgSize, int queue, double pace, int seconds)
            throws Exception {
        try (DtlsServerEndpoint endpoint = DtlsServerEndpoint.open(
                EndpointConfig.builder().threadingMode(ThreadingMode.INVOKER).build(), tls.servers(), tls.crypto,
                new InetSocketAddress(LOOPBACK, 0));
                DtlsClientConnector connector = new DtlsClientConnector(1472, 10_000)) {
            CompletableFuture<DtlsClientLink> f = connector.connect(endpoint.localAddress(),
                    new InetSocketAddress(LOOPBACK, 0), tls.client(endpoint.localAddress()));
            DtlsPeerLink[] peer = new DtlsPeerLink[1];
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (peer[0] == null || !f.isDone()) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("handshake did not finish");
                }
                endpoint.poll(System.nanoTime(), 64, l -> peer[0] = l);
                Thread.sleep(1);
            }
            try (SimulatedLink c = SimulatedLink.outgoingOnly(f.get(), NanoClock.SYSTEM, cond, 42L);
                    SimulatedLink s = SimulatedLink.outgoingOnly(peer[0], NanoClock.SYSTEM, cond, 43L)) {
                Driver d = new Driver(config(queue), c, s, msgSize, pace * cond.bandwidthBytesPerSecond(),
                        System.nanoTime());
                long start = System.nanoTime();
                long warmEnd = start + 2_000 * MS;
                long end = warmEnd + seconds * 1000L * MS;
                long b0 = -1;
                long r0 = 0;
                long t0 = 0;
                long now;
                while ((now = System.nanoTime()) < end) {
                    if (b0 < 0 && now >= warmEnd) {
                        d.checkAlive();
                        b0 = d.delivered;
                        r0 = d.client.stats().resends();
                        t0 = now;
                    }
                    endpoint.poll(now, 256, l -> { });
                    d.step(now);
                    Thread.sleep(0, 200_000);
                }
                d.checkAlive();
                double secs = (System.nanoTime() - t0) / 1e9;
                return new Run((d.delivered - b0) / secs, d.client.stats().resends() - r0, c.outgoing().droppedByLoss(),
                        c.outgoing().droppedByBandwidth(), d.client.stats().smoothedRttNanos() / 1e6);
            }
        }
    }
}
