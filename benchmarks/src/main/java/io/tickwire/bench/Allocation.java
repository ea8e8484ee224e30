package io.tickwire.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.tickwire.net.protocol.ChannelType;
import io.tickwire.net.protocol.Connection;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.protocol.ConnectionRole;
import io.tickwire.net.protocol.MessageHandler;
import io.tickwire.net.transport.DatagramLink;
import io.tickwire.net.transport.DtlsClientConnector;
import io.tickwire.net.transport.DtlsClientLink;
import io.tickwire.net.transport.DtlsPeerLink;
import io.tickwire.net.transport.DtlsServerEndpoint;
import io.tickwire.net.transport.EndpointConfig;
import io.tickwire.net.transport.ThreadingMode;

import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;

/**
 * Benchmark 3: bytes allocated per message sent and per message received in steady state, layer by
 * layer, all on one thread (so {@code getCurrentThreadAllocatedBytes} sees exactly the code under test):
 *
 * <ol>
 * <li>{@code core}: our protocol core alone, two {@link Connection}s handing packets to each other
 *     directly (send + writePacket on one, receivePacket on the other, acks back), per channel type;
 * <li>{@code bc-record}: Bouncy Castle's DTLS record layer alone ({@link DTLSTransport} send and
 *     receive) over {@link MemoryTransport}, which allocates nothing itself;
 * <li>{@code link}: our UDP endpoint and links (DtlsClientLink, DtlsServerEndpoint in INVOKER mode,
 *     DtlsPeerLink) with Bouncy Castle inside and real loopback sockets, raw datagrams, no Connection;
 * <li>{@code whole}: Connection over those links (the whole stack minus threads).
 * </ol>
 * Our transport code's share is {@code link - bc-record}; the whole stack's is {@code whole}.
 */
public final class Allocation {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final long STEP_NANOS = 20_000;

    private Allocation() {
    }

    public static void main(String[] argv) throws Exception {
        Bench a = new Bench(argv);
        int n = a.intArg("messages", 100_000);
        int warm = a.intArg("warmup", 100_000);
        int[] sizes = a.intsArg("sizes", "64,256,1200");
        String cryptoName = a.arg("crypto", "hybrid");
        Bench.printEnvironment("Allocation messages=" + n + " warmup=" + warm + " crypto=" + cryptoName);
        BenchTls tls = new BenchTls(cryptoName);
        System.out.println("| layer | payload | B/msg sent | B/msg received | wall us/msg (one thread, both sides) |");
        System.out.println("|---|---|---|---|---|");
        for (int size : sizes) {
            print("core UNRELIABLE", size, core(ChannelType.UNRELIABLE, size, n, warm));
            print("core RELIABLE_ORDERED", size, core(ChannelType.RELIABLE_ORDERED, size, n, warm));
        }
        try (BcPair bc = new BcPair(tls)) {
            for (int size : sizes) {
                print("bc-record (" + cryptoName + ")", size, bc.measure(size, n, warm));
            }
        }
        try (LinkPair links = new LinkPair(tls)) {
            for (int size : sizes) {
                print("link (ours + BC + UDP)", size, links.measureRaw(size, n, warm));
            }
            for (int size : sizes) {
                print("whole (Connection + link)", size, links.measureWhole(size, n, warm));
            }
        }
    }

    private static void print(String layer, int size, double[] perMsg) {
        System.out.printf(Locale.ROOT, "| %s | %d B | %,.1f | %,.1f | %.2f |%n", layer, size, perMsg[0], perMsg[1],
                perMsg[2]);
    }

    static ConnectionConfig config(ChannelType type) {
        return ConnectionConfig.builder().addChannel(type).maxPacketSize(Throughput.PACKET_SIZE).receiveRateLimitPacketsPerSecond(0).build();
    }

    /** Counts deliveries without allocating. */
    static final class Counter implements MessageHandler {
        long messages;

        @Override
        public void onMessage(int channel, byte[] buf, int off, int len) {
            messages++;
        }
    }

    /** Protocol core alone: returns {bytes per message on the sending side, on the receiving side}. */
    static double[] core(ChannelType type, int size, int n, int warm) {
        ConnectionConfig cfg = config(type);
        long[] now = {1_000_000_000L};
        Counter got = new Counter();
        Connection client = new Connection(cfg, ConnectionRole.CLIENT, 7L, (c, b, o, l) -> { }, now[0]);
        Connection server = new Connection(cfg, ConnectionRole.SERVER, 7L, got, now[0]);
        byte[] pkt = new byte[cfg.maxPacketSize()];
        byte[] payload = new byte[size];
        for (int i = 0; i < 100 && !(client.isConnected() && server.isConnected()); i++) {
            now[0] += 1_000_000L;
            shuttle(client, server, pkt, now[0]);
            shuttle(server, client, pkt, now[0]);
        }
        if (!client.isConnected() || !server.isConnected()) {
            throw new IllegalStateException("core pair did not connect");
        }
        long sendBytes = 0;
        long recvBytes = 0;
        long t0 = 0;
        for (int i = -warm; i < n; i++) {
            now[0] += STEP_NANOS;
            long a0 = Bench.THREADS.getCurrentThreadAllocatedBytes();
            if (!client.send(0, payload, 0, size, now[0]).isQueued()) {
                throw new IllegalStateException("send refused: " + client.explain(client.send(0, payload, 0, size, now[0]), 0, size));
            }
            int len = client.writePacket(pkt, 0, now[0]);
            long a1 = Bench.THREADS.getCurrentThreadAllocatedBytes();
            server.receivePacket(pkt, 0, len, now[0]);
            // The receiver's ack (and the sender processing it) belongs to the receive side's cost.
            shuttle(server, client, pkt, now[0]);
            long a2 = Bench.THREADS.getCurrentThreadAllocatedBytes();
            if (i == 0) {
                t0 = System.nanoTime();
            }
            if (i >= 0) {
                sendBytes += a1 - a0;
                recvBytes += a2 - a1;
            }
        }
        if (got.messages < n) {
            throw new IllegalStateException("only " + got.messages + " of " + (n + warm) + " delivered");
        }
        return new double[] {(double) sendBytes / n, (double) recvBytes / n, (System.nanoTime() - t0) / 1e3 / n};
    }

    private static void shuttle(Connection from, Connection to, byte[] pkt, long now) {
        for (int i = 0; i < 16; i++) {
            int len = from.writePacket(pkt, 0, now);
            if (len == 0) {
                return;
            }
            to.receivePacket(pkt, 0, len, now);
        }
    }

    /** Bouncy Castle DTLS client and server transports joined in memory. */
    static final class BcPair implements AutoCloseable {
        final DTLSTransport client;
        final DTLSTransport server;

        BcPair(BenchTls tls) throws Exception {
            MemoryTransport[] ends = MemoryTransport.pair(256, 1472);
            CompletableFuture<DTLSTransport> s = CompletableFuture.supplyAsync(() -> {
                try {
                    return new DTLSServerProtocol().accept(tls.server(1, "memory"), ends[1]);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            client = new DTLSClientProtocol().connect(tls.client(new InetSocketAddress(LOOPBACK, 1)), ends[0]);
            server = s.get(20, TimeUnit.SECONDS);
        }

        double[] measure(int size, int n, int warm) throws IOException {
            byte[] payload = new byte[size];
            byte[] buf = new byte[2048];
            long sendBytes = 0;
            long recvBytes = 0;
        long t0 = 0;
            for (int i = -warm; i < n; i++) {
                long a0 = Bench.THREADS.getCurrentThreadAllocatedBytes();
                client.send(payload, 0, size);
                long a1 = Bench.THREADS.getCurrentThreadAllocatedBytes();
                int got = server.receive(buf, 0, buf.length, 1000);
                long a2 = Bench.THREADS.getCurrentThreadAllocatedBytes();
                if (got != size) {
                    throw new IllegalStateException("record of " + got + " bytes, expected " + size);
                }
                if (i == 0) {
                    t0 = System.nanoTime();
                }
                if (i >= 0) {
                    sendBytes += a1 - a0;
                    recvBytes += a2 - a1;
                }
            }
            return new double[] {(double) sendBytes / n, (double) recvBytes / n, (System.nanoTime() - t0) / 1e3 / n};
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.close();
        }
    }

    /** The product endpoint (INVOKER) and client link over loopback, driven from this thread. */
    static final class LinkPair implements AutoCloseable {
        final DtlsServerEndpoint endpoint;
        final DtlsClientConnector connector = new DtlsClientConnector(1472, 10_000);
        final DtlsClientLink client;
        DtlsPeerLink server;

        LinkPair(BenchTls tls) throws Exception {
            endpoint = DtlsServerEndpoint.open(EndpointConfig.builder().threadingMode(ThreadingMode.INVOKER).build(),
                    tls.servers(), tls.crypto, new InetSocketAddress(LOOPBACK, 0));
            CompletableFuture<DtlsClientLink> f = connector.connect(endpoint.localAddress(),
                    new InetSocketAddress(LOOPBACK, 0), tls.client(endpoint.localAddress()));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server == null || !f.isDone()) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("handshake did not finish");
                }
                endpoint.poll(System.nanoTime(), 64, l -> server = l);
                Thread.sleep(0, 100_000);
            }
            client = f.get();
        }

        /** Polls the endpoint and the link until one datagram arrives; bounded. */
        int receive(DatagramLink link, byte[] buf, boolean serverSide) throws IOException {
            for (int spin = 0; spin < 1_000_000; spin++) {
                if (serverSide) {
                    endpoint.poll(0L, 64, l -> { });
                }
                int len = link.receive(buf, 0, buf.length);
                if (len >= 0) {
                    return len;
                }
            }
            throw new IllegalStateException("datagram never arrived on loopback");
        }

        double[] measureRaw(int size, int n, int warm) throws IOException {
            byte[] payload = new byte[size];
            byte[] buf = new byte[2048];
            long sendBytes = 0;
            long recvBytes = 0;
        long t0 = 0;
            for (int i = -warm; i < n; i++) {
                long a0 = Bench.THREADS.getCurrentThreadAllocatedBytes();
                client.send(payload, 0, size);
                long a1 = Bench.THREADS.getCurrentThreadAllocatedBytes();
                int got = receive(server, buf, true);
                long a2 = Bench.THREADS.getCurrentThreadAllocatedBytes();
                if (got != size) {
                    throw new IllegalStateException("datagram of " + got + " bytes, expected " + size);
                }
                if (i == 0) {
                    t0 = System.nanoTime();
                }
                if (i >= 0) {
                    sendBytes += a1 - a0;
                    recvBytes += a2 - a1;
                }
            }
            return new double[] {(double) sendBytes / n, (double) recvBytes / n, (System.nanoTime() - t0) / 1e3 / n};
        }

        double[] measureWhole(int size, int n, int warm) throws IOException {
            ConnectionConfig cfg = config(ChannelType.UNRELIABLE);
            long now = System.nanoTime();
            Counter got = new Counter();
            Connection cc = new Connection(cfg, ConnectionRole.CLIENT, 7L, (c, b, o, l) -> { }, now);
            Connection sc = new Connection(cfg, ConnectionRole.SERVER, 7L, got, now);
            byte[] pkt = new byte[cfg.maxPacketSize()];
            byte[] buf = new byte[2048];
            byte[] payload = new byte[size];
            for (int i = 0; i < 100 && !(cc.isConnected() && sc.isConnected()); i++) {
                now += 1_000_000L;
                int len = cc.writePacket(pkt, 0, now);
                if (len > 0) {
                    client.send(pkt, 0, len);
                    sc.receivePacket(buf, 0, receive(server, buf, true), now);
                }
                len = sc.writePacket(pkt, 0, now);
                if (len > 0) {
                    server.send(pkt, 0, len);
                    cc.receivePacket(buf, 0, receive(client, buf, false), now);
                }
            }
            long sendBytes = 0;
            long recvBytes = 0;
        long t0 = 0;
            for (int i = -warm; i < n; i++) {
                now += STEP_NANOS;
                long a0 = Bench.THREADS.getCurrentThreadAllocatedBytes();
                cc.send(0, payload, 0, size, now);
                int len = cc.writePacket(pkt, 0, now);
                client.send(pkt, 0, len);
                long a1 = Bench.THREADS.getCurrentThreadAllocatedBytes();
                sc.receivePacket(buf, 0, receive(server, buf, true), now);
                // The server's ack goes back and is processed: part of the receive side's cost.
                len = sc.writePacket(pkt, 0, now);
                if (len > 0) {
                    server.send(pkt, 0, len);
                    cc.receivePacket(buf, 0, receive(client, buf, false), now);
                }
                long a2 = Bench.THREADS.getCurrentThreadAllocatedBytes();
                if (i == 0) {
                    t0 = System.nanoTime();
                }
                if (i >= 0) {
                    sendBytes += a1 - a0;
                    recvBytes += a2 - a1;
                }
            }
            if (got.messages < n) {
                throw new IllegalStateException("only " + got.messages + " delivered");
            }
            return new double[] {(double) sendBytes / n, (double) recvBytes / n, (System.nanoTime() - t0) / 1e3 / n};
        }

        @Override
        public void close() {
            client.close();
            server.close();
            connector.close();
            endpoint.close();
        }
    }
}
