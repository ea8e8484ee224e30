package io.tickwire.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.tickwire.net.protocol.ChannelType;
import io.tickwire.net.protocol.Connection;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.protocol.ConnectionRole;
import io.tickwire.net.transport.DtlsClientConnector;
import io.tickwire.net.transport.DtlsClientLink;
import io.tickwire.net.transport.DtlsPeerLink;
import io.tickwire.net.transport.DtlsServerEndpoint;
import io.tickwire.net.transport.EndpointConfig;
import io.tickwire.net.transport.ThreadingMode;

/**
 * Benchmark 1 (and the whole-path half of benchmark 3): application messages per second through
 * the whole stack (unreliable channel + Connection + DTLS + UDP on loopback) against plain UDP
 * {@link DatagramChannel} datagrams per second, measured interleaved in the same run.
 *
 * <p>Threads, the same for both paths: one sender thread (for the stack it owns the client
 * {@link Connection} and {@link DtlsClientLink}, so it also reads the server's acks) and one
 * receiver thread (for the stack the server owner: it calls {@link DtlsServerEndpoint#poll} in
 * {@link ThreadingMode#INVOKER} mode, so it also reads the socket, and sends acks back). Both spin
 * without blocking; the sender is not paced, so the figure is what the receiver gets through.
 *
 * <p>Modes: {@code udp} one datagram per send; {@code stack} one message per datagram (the sender
 * writes the packet after every message: the like-for-like comparison); {@code packed} the sender
 * queues {@code --batch} messages before writing packets, so small messages share datagrams.
 */
public final class Throughput {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Room for a 1200-byte message plus our packet header and entry framing, under the DTLS send limit. */
    static final int PACKET_SIZE = 1400;

    private Throughput() {
    }

    public static void main(String[] argv) throws Exception {
        Bench a = new Bench(argv);
        int runs = a.intArg("runs", 5);
        int[] sizes = a.intsArg("sizes", "64,256,1200");
        long warmMillis = a.intArg("warmup-ms", 300);
        long measureMillis = a.intArg("measure-ms", 1000);
        int batch = a.intArg("batch", 16);
        String cryptoName = a.arg("crypto", "hybrid");
        Bench.printEnvironment("Throughput crypto=" + cryptoName + " runs=" + runs + " window=" + measureMillis + "ms");

        BenchTls tls = new BenchTls(cryptoName);
        try (StackPair stack = new StackPair(tls, 1); StackPair packed = new StackPair(tls, 64)) {
            System.out.println("# negotiated suite 0x" + Integer.toHexString(stack.suite) + ", client link maxPayload "
                    + stack.clientLink.maxPayloadSize() + ", packet budget " + PACKET_SIZE);
            String[] modes = {"udp", "stack", "packed"};
            double[][][] rate = new double[sizes.length][modes.length][runs];
            double[][][] allocTx = new double[sizes.length][modes.length][runs];
            double[][][] allocRx = new double[sizes.length][modes.length][runs];
            double[][][] cpuPerMsg = new double[sizes.length][modes.length][runs];
            // Run -1 is a full pass that is not recorded: it lets the JIT compile every size's path
            // (AES-GCM, GHASH) first, which on a starved shared VM takes seconds.
            for (int r = -1; r < runs; r++) {
                for (int s = 0; s < sizes.length; s++) {
                    for (int m = 0; m < modes.length; m++) {
                        Window w = modes[m].equals("udp")
                                ? udp(sizes[s], warmMillis, measureMillis)
                                : modes[m].equals("packed") ? packed.measure(sizes[s], batch, warmMillis, measureMillis)
                                : stack.measure(sizes[s], 1, warmMillis, measureMillis);
                        if (r < 0) {
                            System.out.printf(Locale.ROOT, "warm-up %5d B %-6s %,10.0f msg/s%n", sizes[s], modes[m],
                                    w.received / w.seconds);
                            continue;
                        }
                        rate[s][m][r] = w.received / w.seconds;
                        allocTx[s][m][r] = w.sent == 0 ? 0 : (double) w.txAlloc / w.sent;
                        allocRx[s][m][r] = w.received == 0 ? 0 : (double) w.rxAlloc / w.received;
                        cpuPerMsg[s][m][r] = w.received == 0 ? 0 : (w.txCpu + w.rxCpu) / 1e3 / w.received;
                        System.out.printf(Locale.ROOT, "run %d %5d B %-6s %,10.0f msg/s received (sent %,d, lost %,d), "
                                + "%,.0f datagrams/s, alloc %,.0f B/msg sent, %,.0f B/msg received, CPU sender %.0f%% receiver %.0f%%%n", r + 1,
                                sizes[s], modes[m], rate[s][m][r], w.sent, Math.max(0, w.sent - w.received),
                                modes[m].equals("udp") ? rate[s][m][r] : w.packets / w.seconds, allocTx[s][m][r],
                                allocRx[s][m][r], w.txCpu / w.seconds / 1e7, w.rxCpu / w.seconds / 1e7);
                    }
                }
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "| payload | plain UDP datagrams/s | stack msg/s (1 per datagram) | ratio | stack msg/s (packed, batch %d) | ratio | CPU us/msg UDP | CPU us/msg stack | CPU us/msg packed | stack B/msg sent | stack B/msg received |%n", batch);
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            for (int s = 0; s < sizes.length; s++) {
                double udp = Bench.median(rate[s][0]);
                double st = Bench.median(rate[s][1]);
                double pk = Bench.median(rate[s][2]);
                System.out.printf(Locale.ROOT, "| %d B | %,.0f | %,.0f | %.2f | %,.0f | %.2f | %.1f | %.1f | %.1f | %,.0f | %,.0f |%n",
                        sizes[s], udp, st, st / udp, pk, pk / udp, Bench.median(cpuPerMsg[s][0]),
                        Bench.median(cpuPerMsg[s][1]), Bench.median(cpuPerMsg[s][2]),
                        Bench.median(allocTx[s][1]), Bench.median(allocRx[s][1]));
            }
            System.out.println("(CPU us/msg = sender + receiver thread CPU time per message received: the cost"
                    + " figure that survives a shared, starved VM)");
            System.out.println("(medians of " + runs + " runs; stack = unreliable channel + Connection + DTLS 1.2 "
                    + cryptoName + " + UDP loopback)");
        }
    }

    /** What one measurement window saw. */
    record Window(long sent, long received, double seconds, long txAlloc, long rxAlloc, long txCpu, long rxCpu, long packets) {
    }

    /** Plain UDP: sender thread writes datagrams, receiver thread reads them; both non-blocking, both spin. */
    static Window udp(int size, long warmMillis, long measureMillis) throws Exception {
        try (DatagramChannel rx = DatagramChannel.open(); DatagramChannel tx = DatagramChannel.open()) {
            rx.bind(new InetSocketAddress(LOOPBACK, 0));
            tx.bind(new InetSocketAddress(LOOPBACK, 0));
            rx.connect(tx.getLocalAddress());
            tx.connect(rx.getLocalAddress());
            rx.configureBlocking(false);
            tx.configureBlocking(false);
            Counters c = new Counters();
            Thread sender = new Thread(() -> {
                ByteBuffer out = ByteBuffer.allocateDirect(size);
                long n = 0;
                try {
                    while (!c.stop) {
                        out.clear();
                        if (tx.write(out) > 0) {
                            c.sent = ++n;
                        } else {
                            Thread.yield();
                        }
                    }
                } catch (IOException e) {
                    c.failure = e;
                }
            }, "bench-udp-sender");
            Thread receiver = new Thread(() -> {
                ByteBuffer in = ByteBuffer.allocateDirect(2048);
                long n = 0;
                try {
                    while (!c.stop) {
                        in.clear();
                        if (rx.read(in) > 0) {
                            c.received = ++n;
                        } else {
                            Thread.yield();
                        }
                    }
                } catch (IOException e) {
                    c.failure = e;
                }
            }, "bench-udp-receiver");
            receiver.start();
            sender.start();
            try {
                return c.window(sender, receiver, warmMillis, measureMillis);
            } finally {
                c.stop = true;
                sender.join();
                receiver.join();
            }
        }
    }

    /** Counters published by the two worker threads, read by the main thread. */
    static final class Counters {
        volatile long sent;
        volatile long received;
        /** Sender loop turns that could neither queue nor write (written by the sender only). */
        volatile long stalls;
        /** Datagrams the receiving Connection processed (stack only). */
        volatile long packets;
        volatile boolean stop;
        volatile Throwable failure;

        Window window(Thread sender, Thread receiver, long warmMillis, long measureMillis) {
            Bench.sleepMillis(warmMillis);
            long s0 = sent;
            long r0 = received;
            long p0 = packets;
            long a0 = Bench.allocated(sender);
            long b0 = Bench.allocated(receiver);
            long c0 = Bench.cpu(sender);
            long d0 = Bench.cpu(receiver);
            long t0 = System.nanoTime();
            Bench.sleepMillis(measureMillis);
            long s1 = sent;
            long r1 = received;
            long p1 = packets;
            long a1 = Bench.allocated(sender);
            long b1 = Bench.allocated(receiver);
            long c1 = Bench.cpu(sender);
            long d1 = Bench.cpu(receiver);
            long t1 = System.nanoTime();
            if (failure != null) {
                throw new IllegalStateException("worker failed", failure);
            }
            return new Window(s1 - s0, r1 - r0, (t1 - t0) / 1e9, a1 - a0, b1 - b0, c1 - c0, d1 - d0, p1 - p0);
        }
    }

    /**
     * One DTLS session (server endpoint + client link) with a Connection on each end, driven by a
     * sender and a receiver thread for the life of the benchmark; windows switch the payload size.
     */
    static final class StackPair implements AutoCloseable {
        final DtlsServerEndpoint endpoint;
        final DtlsClientConnector connector = new DtlsClientConnector(1472, 10_000);
        final DtlsClientLink clientLink;
        final int suite;
        final ConnectionConfig config;
        final Counters c = new Counters();
        final Thread sender;
        final Thread receiver;
        volatile int size = 64;
        volatile int batch = 1;
        volatile boolean active;
        volatile DtlsPeerLink serverLink;

        /** {@code messagesPerPacket} 1 forces one message per datagram; 64 (the default) lets them pack. */
        StackPair(BenchTls tls, int messagesPerPacket) throws Exception {
            config = ConnectionConfig.builder()
                    .addChannel(ChannelType.UNRELIABLE)
                    .maxPacketSize(PACKET_SIZE)
                    .maxMessagesPerPacket(messagesPerPacket)
                    .receiveRateLimitPacketsPerSecond(0) // measures the stack's top speed: no per-peer cap
                    .build();
            endpoint = DtlsServerEndpoint.open(EndpointConfig.builder().threadingMode(ThreadingMode.INVOKER).build(),
                    tls.servers(), tls.crypto, new InetSocketAddress(LOOPBACK, 0));
            receiver = new Thread(this::receiveLoop, "bench-stack-receiver");
            receiver.start();
            var tlsClient = tls.client(endpoint.localAddress());
            clientLink = connector.connect(endpoint.localAddress(), new InetSocketAddress(LOOPBACK, 0), tlsClient)
                    .get(20, TimeUnit.SECONDS);
            suite = tlsClient.negotiatedCipherSuite();
            sender = new Thread(this::sendLoop, "bench-stack-sender");
            sender.start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (c.received == 0 && c.sent == 0 && serverLink == null && System.nanoTime() < until) {
                Bench.sleepMillis(10);
            }
        }

        Window measure(int size, int batch, long warmMillis, long measureMillis) {
            this.size = size;
            this.batch = batch;
            active = true;
            try {
                return c.window(sender, receiver, warmMillis, measureMillis);
            } finally {
                active = false;
                Bench.sleepMillis(50);
            }
        }

        private void sendLoop() {
            byte[] payload = new byte[1400];
            byte[] pkt = new byte[PACKET_SIZE];
            byte[] in = new byte[2048];
            long now = System.nanoTime();
            Connection conn = new Connection(config, ConnectionRole.CLIENT, 1L, (ch, b, o, l) -> { }, now);
            long n = 0;
            try {
                while (!c.stop) {
                    now = System.nanoTime();
                    for (int i = 0; i < 64; i++) {
                        int len = clientLink.receive(in, 0, in.length);
                        if (len < 0) {
                            break;
                        }
                        conn.receivePacket(in, 0, len, now);
                    }
                    boolean sending = active && conn.isConnected();
                    int queued = 0;
                    if (sending) {
                        int sz = size;
                        int k = batch;
                        for (int i = 0; i < k; i++) {
                            if (conn.send(0, payload, 0, sz, now).isQueued()) {
                                queued++;
                            }
                        }
                        n += queued;
                        c.sent = n;
                    }
                    int written = 0;
                    for (int i = 0; i < 64; i++) {
                        int len = conn.writePacket(pkt, 0, now);
                        if (len == 0) {
                            break;
                        }
                        clientLink.send(pkt, 0, len);
                        written++;
                    }
                    if (!sending) {
                        Thread.sleep(1);
                    } else if (queued == 0 && written == 0) {
                        // Back-pressure (queue full, ack window exhausted): give the core to the receiver.
                        c.stalls++;
                        Thread.yield();
                    }
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                c.failure = e;
            }
        }

        private void receiveLoop() {
            byte[] pkt = new byte[PACKET_SIZE];
            byte[] in = new byte[2048];
            long[] delivered = new long[1];
            Connection conn = null;
            DtlsPeerLink link = null;
            try {
                while (!c.stop) {
                    long now = System.nanoTime();
                    int work = endpoint.poll(now, 256, l -> serverLink = l);
                    if (link == null && serverLink != null) {
                        link = serverLink;
                        conn = new Connection(config, ConnectionRole.SERVER, 1L, (ch, b, o, l) -> delivered[0]++, now);
                    }
                    if (link != null) {
                        for (int i = 0; i < 256; i++) {
                            int len = link.receive(in, 0, in.length);
                            if (len < 0) {
                                break;
                            }
                            conn.receivePacket(in, 0, len, now);
                            work++;
                        }
                        c.received = delivered[0];
                        c.packets = conn.stats().packetsReceived();
                        for (int i = 0; i < 64; i++) {
                            int len = conn.writePacket(pkt, 0, now);
                            if (len == 0) {
                                break;
                            }
                            link.send(pkt, 0, len);
                        }
                    }
                    if (work == 0) {
                        if (active) {
                            Thread.yield();
                        } else {
                            Thread.sleep(1);
                        }
                    }
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                c.failure = e;
            }
        }

        @Override
        public void close() {
            c.stop = true;
            try {
                if (sender != null) {
                    sender.join();
                }
                receiver.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            clientLink.close();
            if (serverLink != null) {
                serverLink.close();
            }
            connector.close();
            endpoint.close();
        }
    }
}
