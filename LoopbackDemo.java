package io.tickwire.net.demo;

import io.tickwire.net.ClientConfig;
import io.tickwire.net.NetClient;
import io.tickwire.net.NetListener;
import io.tickwire.net.NetPeer;
import io.tickwire.net.NetServer;
import io.tickwire.net.ServerConfig;
import io.tickwire.net.demo.DemoMessages.ChatLine;
import io.tickwire.net.demo.DemoMessages.PositionUpdate;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.protocol.ConnectionStats;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.sim.NetworkConditions;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * A runnable demo: one DTLS server and N clients on loopback, with the network simulator on both
 * sides, exchanging chat lines (reliable-ordered) and positions (unreliable-sequenced at 20 Hz),
 * printing one line of live statistics per second.
 *
 * <p>Run: {@code mvn -q -o -pl net-core compile exec:java -Dexec.mainClass=io.tickwire.net.demo.LoopbackDemo
 * -Dexec.args="--clients 3 --seconds 10 --latency-ms 50 --loss-pct 5"}
 *
 * <p>Threads: everything (server update and every client poll) runs on the main thread, one step
 * per millisecond, as a headless host that steps by hand would; the DTLS handshakes run on their
 * own threads inside the endpoint and connector.
 */
public final class LoopbackDemo {

    private static final long TICK_NANOS = 50_000_000L; // positions at 20 Hz
    private static final long CHAT_NANOS = 500_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final int clientCount;
    private final int seconds;
    private final NetworkConditions conditions;
    private final PrintStream out;
    private long chatsAtServer;
    private long positionsAtServer;
    private long chatsAtClients;
    private long positionsAtClients;

    private LoopbackDemo(int clients, int seconds, NetworkConditions conditions, PrintStream out) {
        this.clientCount = clients;
        this.seconds = seconds;
        this.conditions = conditions;
        this.out = out;
    }

    /** Parses the flags, runs the demo, and exits with 0 when every client connected, else 1. */
    public static void main(String[] args) throws Exception {
        int clients = 3;
        int seconds = 10;
        long latency = 50;
        long jitter = 0;
        double loss = 5;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                System.out.println("LoopbackDemo [--clients N] [--seconds S] [--latency-ms L] [--jitter-ms J]"
                        + " [--loss-pct P]");
                return;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("flag " + flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--clients" -> clients = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--latency-ms" -> latency = Long.parseLong(value);
                case "--jitter-ms" -> jitter = Long.parseLong(value);
                case "--loss-pct" -> loss = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("unknown flag " + flag + " (try --help)");
            }
        }
        if (clients < 1 || clients > 64) {
            throw new IllegalArgumentException("--clients must be in 1..64, was " + clients);
        }
        if (seconds < 1 || seconds > 3600) {
            throw new IllegalArgumentException("--seconds must be in 1..3600, was " + seconds);
        }
        NetworkConditions c = NetworkConditions.PERFECT.withLatencyMillis(latency).withJitterMillis(jitter)
                .withLossPercent(loss);
        boolean ok = new LoopbackDemo(clients, seconds, c, System.out).run();
        System.exit(ok ? 0 : 1);
    }

    private boolean run() throws Exception {
        ServerIdentity identity = ServerIdentity.generate("tickwire-loopback-demo");
        NetListener serverListener = new NetListener() {
            @Override
            public void connected(NetPeer peer) {
                out.println("server: client " + peer.id() + " connected from " + peer.remoteAddress());
            }

            @Override
            public void disconnected(NetPeer peer, DisconnectReason reason, String detail) {
                out.println("server: client " + peer.id() + " disconnected: " + reason + " " + detail);
            }

            @Override
            public void received(NetPeer peer, Object message, int channel) {
                if (message instanceof ChatLine) {
                    chatsAtServer++;
                    server().sendToAll(message, DemoMessages.CHAT); // relay chat to everyone
                } else {
                    positionsAtServer++;
                }
            }

            @Override
            public void error(NetPeer peer, String detail, Throwable cause) {
                out.println("server: error " + detail);
            }
        };
        try (NetServer server = NetServer.start(ServerConfig.builder()
                .dtls(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), identity)
                .connection(DemoMessages.connection()).registry(DemoMessages.registry())
                .simulate(conditions, 1).build(), serverListener)) {
            this.serverRef = server;
            out.println("server ready on udp " + server.localAddress() + " fingerprint " + server.fingerprint());
            out.println("simulating each way: latency " + conditions.latencyNanos() / 1_000_000 + " ms, jitter "
                    + conditions.jitterNanos() / 1_000_000 + " ms, loss " + conditions.lossPercent() + "%");
            NetListener clientListener = new NetListener() {
                @Override
                public void received(NetPeer peer, Object message, int channel) {
                    if (message instanceof ChatLine) {
                        chatsAtClients++;
                    } else {
                        positionsAtClients++;
                    }
                }

                @Override
                public void disconnected(NetPeer peer, DisconnectReason reason, String detail) {
                    out.println("client: disconnected: " + reason + " " + detail);
                }

                @Override
                public void error(NetPeer peer, String detail, Throwable cause) {
                    out.println("client: error " + detail);
                }
            };
            List<NetClient> clients = new ArrayList<>();
            int port = server.localAddress().getPort();
            for (int i = 0; i < clientCount; i++) {
                clients.add(NetClient.connect(ClientConfig.builder()
                        .server(InetAddress.getLoopbackAddress().getHostAddress(), port,
                                ServerTrust.pinned(server.fingerprint()))
                        .connection(DemoMessages.connection()).registry(DemoMessages.registry())
                        .simulate(conditions, 100 + i).build(), clientListener));
            }
            long start = System.nanoTime();
            long end = start + seconds * SECOND;
            long nextTick = start;
            long nextChat = start;
            long nextReport = start + SECOND;
            int tick = 0;
            int maxConnected = 0;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                server.update(now);
                for (int i = 0; i < clients.size(); i++) {
                    clients.get(i).poll(now);
                }
                if (now >= nextTick) {
                    nextTick += TICK_NANOS;
                    tick++;
                    for (int i = 0; i < clients.size(); i++) {
                        NetClient c = clients.get(i);
                        if (c.isConnected()) {
                            c.send(new PositionUpdate(i, tick, (float) Math.cos(tick * 0.1) * i,
                                    (float) Math.sin(tick * 0.1) * i), DemoMessages.POSITIONS);
                        }
                    }
                    server.sendToAll(new PositionUpdate(-1, tick, tick, 0), DemoMessages.POSITIONS);
                }
                if (now >= nextChat) {
                    nextChat += CHAT_NANOS;
                    for (int i = 0; i < clients.size(); i++) {
                        if (clients.get(i).isConnected()) {
                            clients.get(i).send(new ChatLine(i, "hello from " + i + " at tick " + tick), DemoMessages.CHAT);
                        }
                    }
                }
                if (now >= nextReport) {
                    nextReport += SECOND;
                    maxConnected = Math.max(maxConnected, report((now - start) / SECOND, clients));
                }
                LockSupport.parkNanos(1_000_000L);
            }
            for (NetClient c : clients) {
                c.close();
            }
            out.println("done: " + maxConnected + "/" + clientCount + " clients connected; chat lines at server "
                    + chatsAtServer + ", relayed to clients " + chatsAtClients + "; positions at server "
                    + positionsAtServer + ", at clients " + positionsAtClients);
            return maxConnected == clientCount;
        }
    }

    private NetServer serverRef;

    private NetServer server() {
        return serverRef;
    }

    /** One line: averages over connected clients, from the clients' side ("up" = client to server). */
    private int report(long second, List<NetClient> clients) {
        int n = 0;
        double rtt = 0;
        double jitter = 0;
        double loss = 0;
        double upPackets = 0;
        double downPackets = 0;
        double upBytes = 0;
        double downBytes = 0;
        long resends = 0;
        for (NetClient c : clients) {
            ConnectionStats s = c.stats();
            if (s == null || !c.isConnected()) {
                continue;
            }
            n++;
            rtt += s.smoothedRttNanos() / 1e6;
            jitter += s.rttVarianceNanos() / 1e6;
            loss += s.packetLoss() * 100;
            upPackets += s.packetsSentPerSecond();
            downPackets += s.packetsReceivedPerSecond();
            upBytes += s.bytesSentPerSecond();
            downBytes += s.bytesReceivedPerSecond();
            resends += s.resends();
        }
        long serverResends = 0;
        for (NetPeer p : serverRef.peers()) {
            serverResends += p.stats().resends();
        }
        if (n == 0) {
            out.printf(Locale.ROOT, "t=%2ds clients 0/%d connected%n", second, clients.size());
            return 0;
        }
        out.printf(Locale.ROOT, "t=%2ds clients %d/%d  rtt %6.1f ms  jitter %5.1f ms  loss %4.1f%%  up %5.0f pkt/s %7.0f B/s"
                        + "  down %5.0f pkt/s %7.0f B/s  resends client %d server %d%n",
                second, n, clients.size(), rtt / n, jitter / n, loss / n, upPackets / n, upBytes / n,
                downPackets / n, downBytes / n, resends, serverResends);
        return n;
    }
}
