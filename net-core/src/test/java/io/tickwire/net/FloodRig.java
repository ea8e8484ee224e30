package io.tickwire.net;

import io.tickwire.net.dtls.DtlsConfig;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.dtls.TickwireCrypto;
import io.tickwire.net.dtls.TickwireTlsClient;
import io.tickwire.net.protocol.Connection;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.protocol.ConnectionRole;
import io.tickwire.net.transport.DropReason;
import io.tickwire.net.transport.DtlsClientConnector;
import io.tickwire.net.transport.CraftedHellos;
import io.tickwire.net.transport.DtlsClientLink;
import io.tickwire.net.transport.EndpointConfig;
import io.tickwire.net.transport.EndpointStats;
import io.tickwire.net.transport.HandshakeFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * A real DTLS {@link NetServer} on 127.0.0.1 ticking at 60 Hz on its own thread, admitted players
 * (real {@link NetClient}s) whose every message the server echoes, and one attacker thread that
 * floods the server from other loopback addresses (127.0.0.2 and up). {@link #run} measures before,
 * during and after one flood: server tick time, heap, live threads, the players' echoes, attacker
 * packets per second, and what the server dropped or disconnected and why. Used by
 * {@code FloodSystemTest} (short, bounded) and {@code benchmarks/.../Floods} (long mode).
 */
public final class FloodRig implements AutoCloseable {

    /** The floods of issue 5. */
    public enum Attack {
        /** Cookieless ClientHellos from many source ports and addresses, as fast as one thread sends. */
        SPOOFED_HELLOS,
        /** ClientHellos that echo a valid cookie, then silence: the server's handshake waits for its deadline. */
        STALLED_HANDSHAKES,
        /** Real DTLS clients that connect, then send garbage, oversized, wrong-type, huge-fragment and flood packets. */
        HOSTILE_CLIENTS
    }

    /** Figures of one phase. */
    public record Phase(String name, double seconds, double tickP50Micros, double tickP99Micros, double tickMaxMicros,
            long ticks, long heapUsedKiB, int liveThreads, long playerEchoes, double attackerPacketsPerSecond,
            int handshakesInFlight, int peers) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%-6s %5.1f s  tick p50 %7.1f us  p99 %7.1f us  max %8.1f us  ticks %5d"
                    + "  heap %7d KiB  threads %3d  player echoes %6d  attacker %9.0f pkt/s  handshakes in flight %3d  peers %3d",
                    name, seconds, tickP50Micros, tickP99Micros, tickMaxMicros, ticks, heapUsedKiB, liveThreads, playerEchoes,
                    attackerPacketsPerSecond, handshakesInFlight, peers);
        }
    }

    /** Everything one flood did. */
    public record Report(Attack attack, Phase before, Phase during, Phase after, long attackerPackets,
            Map<String, Long> endpointDrops, Map<String, Long> disconnects, Map<String, Long> handshakeFailures,
            long cookiesSent, int players, long minEchoesPerPlayerDuring, double settleSeconds) {
        @Override
        public String toString() {
            return "flood " + attack + " (" + players + " players)\n  " + before + "\n  " + during + "\n  " + after
                    + "\n  attacker packets " + attackerPackets + ", cookies sent " + cookiesSent
                    + "\n  endpoint drops " + endpointDrops + "\n  server disconnects (reason: detail) " + disconnects
                    + "\n  handshake failures " + handshakeFailures
                    + "\n  fewest echoes of one player during the flood " + minEchoesPerPlayerDuring
                    + String.format(java.util.Locale.ROOT, "; server back to the players only %.1f s after the flood", settleSeconds);
        }
    }

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ServerIdentity identity = ServerIdentity.generate("flood rig");
    private final NetServer server;
    private final EchoTickRig rig;
    private final Map<String, Long> disconnects = new ConcurrentHashMap<>();
    private final int handshakeTimeoutMillis;
    private final int maxHandshakesInFlight;

    /**
     * Starts the server and {@code playerCount} players, and waits until every player is connected.
     *
     * @param handshakeTimeoutMillis the server's handshake deadline (stalled handshakes are reclaimed by it)
     */
    public FloodRig(int playerCount, int handshakeTimeoutMillis) throws IOException {
        this(playerCount, handshakeTimeoutMillis, 64, EndpointConfig.builder().build().handshakeEvictAfterSilenceMillis());
    }

    /**
     * As above, with the server's {@code maxHandshakesInFlight} and {@code handshakeEvictAfterSilenceMillis}
     * (0 = no eviction, the behaviour before stalled handshakes could be evicted).
     */
    public FloodRig(int playerCount, int handshakeTimeoutMillis, int maxHandshakesInFlight, int evictAfterSilenceMillis)
            throws IOException {
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.maxHandshakesInFlight = maxHandshakesInFlight;
        EndpointConfig endpoint = EndpointConfig.builder().handshakeTimeoutMillis(handshakeTimeoutMillis)
                .maxHandshakesInFlight(maxHandshakesInFlight).handshakeEvictAfterSilenceMillis(evictAfterSilenceMillis).build();
        server = NetServer.start(ServerConfig.builder()
                .dtls(new InetSocketAddress(LOOPBACK, 0), identity)
                .endpoint(endpoint)
                .dtlsConfig(new DtlsConfig(handshakeTimeoutMillis, 250))
                .connection(Messages.connection()).registry(Messages.registry()).build(),
                EchoTickRig.echoing((reason, detail) -> {
                    // By reason and the detail's words (numbers blanked), so the report says which rule each broke.
                    String rule = detail == null ? "" : detail.replaceAll("[0-9]+", "#");
                    disconnects.merge(reason.name() + (rule.isEmpty() ? "" : ": " + rule), 1L, Long::sum);
                }));
        ClientConfig player = EchoTickRig.clientOf(server).build();
        rig = new EchoTickRig("flood-rig", server, java.util.Collections.nCopies(playerCount, player), () -> { }, () -> { },
                null, "players did not connect within 30 s");
    }

    /** Measures {@code phaseMillis} before, during and after one flood. */
    public Report run(Attack attack, long phaseMillis) throws Exception {
        EndpointStats stats = server.endpointStats();
        long[] dropsBefore = counts(DropReason.values(), stats::drops);
        long[] failsBefore = counts(HandshakeFailure.values(), stats::handshakesFailed);
        long cookiesBefore = stats.cookiesSent();
        Map<String, Long> disconnectsBefore = new TreeMap<>(disconnects);
        Phase before = measure("before", phaseMillis, null);
        long[] perPlayerBefore = rig.perPlayer();
        Attacker attacker = new Attacker(attack);
        Thread t = new Thread(attacker, "flood-rig-attacker");
        t.setDaemon(true);
        t.start();
        Phase during = measure("during", phaseMillis, attacker);
        attacker.stop = true;
        t.join(TimeUnit.SECONDS.toMillis(30));
        long fewest = EchoTickRig.fewest(perPlayerBefore, rig.perPlayer());
        if (attacker.error != null) {
            throw new IllegalStateException("attacker failed: " + attacker.error, attacker.error);
        }
        // Stalled handshakes are reclaimed by the deadline, and attackers caught between their handshake
        // and their first rule-breaking packet by the connect or connection timeout: the after phase
        // starts once the server holds only the players again (bounded).
        long settleStart = System.nanoTime();
        long settleLimit = settleStart + TimeUnit.MILLISECONDS.toNanos(handshakeTimeoutMillis + 15_000L);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        while ((server.peers().size() > rig.players() || server.handshakesInFlight() > 0) && System.nanoTime() < settleLimit) {
            rig.check();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        double settleSeconds = (System.nanoTime() - settleStart) / 1e9;
        Phase after = measure("after", phaseMillis, null);
        Map<String, Long> dropMap = grown(DropReason.values(), stats::drops, dropsBefore);
        Map<String, Long> failMap = grown(HandshakeFailure.values(), stats::handshakesFailed, failsBefore);
        Map<String, Long> disc = new TreeMap<>();
        disconnects.forEach((k, v) -> {
            long d = v - disconnectsBefore.getOrDefault(k, 0L);
            if (d > 0) {
                disc.put(k, d);
            }
        });
        return new Report(attack, before, during, after, attacker.packets, dropMap, disc, failMap,
                stats.cookiesSent() - cookiesBefore, rig.players(), fewest, settleSeconds);
    }

    /** What a new player saw while stalled handshakes held the slots. */
    public record Join(long joinMillis, int attempts, long evicted, long handshakeCapDrops, long timeouts,
            double attackerHellosPerSecond, int stalledWhenJoinStarted) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "new player %s after %d attempt(s); stalled handshakes in flight when it "
                    + "started %d; attacker %.0f verified hellos/s; evicted %d, HANDSHAKE_CAP %d, TIMEOUT %d",
                    joinMillis < 0 ? "did NOT join within the limit" : "joined in " + joinMillis + " ms", attempts,
                    stalledWhenJoinStarted, attackerHellosPerSecond, evicted, handshakeCapDrops, timeouts);
        }
    }

    /**
     * Starts the stalled-handshake attacker ({@code burst} cookie-echoed hellos at once, then
     * {@code hellosPerSecond}, 0 = as fast as one thread goes), waits until it holds every handshake slot and
     * {@code settleMillis} more, then connects one new player (a real {@link NetClient}; a failed attempt is
     * retried at once, as a player would) and reports how long it took to join, bounded by {@code limitMillis}.
     * The attacker is stopped before returning; its stalled handshakes are left to eviction or the deadline.
     */
    public Join joinDuringStalls(int burst, double hellosPerSecond, long settleMillis, long limitMillis) throws Exception {
        EndpointStats stats = server.endpointStats();
        long evictedBefore = stats.handshakesFailed(HandshakeFailure.EVICTED);
        long capBefore = stats.drops(DropReason.HANDSHAKE_CAP);
        long timeoutsBefore = stats.handshakesFailed(HandshakeFailure.TIMEOUT);
        Attacker attacker = new Attacker(Attack.STALLED_HANDSHAKES);
        attacker.burst = burst;
        attacker.hellosPerSecond = hellosPerSecond;
        Thread t = new Thread(attacker, "flood-rig-attacker");
        t.setDaemon(true);
        t.start();
        long joinMillis = -1;
        int attempts = 0;
        int stalled;
        long attackStart = System.nanoTime();
        long packetsAtJoin;
        long joinStart;
        try {
            long fillLimit = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.handshakesInFlight() < maxHandshakesInFlight) {
                rig.check();
                if (attacker.error != null || System.nanoTime() > fillLimit) {
                    throw new IllegalStateException("the attacker did not fill the handshake slots: " + attacker.error,
                            attacker.error);
                }
                LockSupport.parkNanos(2_000_000L);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(settleMillis));
            stalled = server.handshakesInFlight();
            packetsAtJoin = attacker.packets;
            joinStart = System.nanoTime();
            long limit = joinStart + TimeUnit.MILLISECONDS.toNanos(limitMillis);
            ClientConfig cc = EchoTickRig.clientOf(server).build();
            while (joinMillis < 0 && System.nanoTime() < limit) {
                attempts++;
                NetClient c = NetClient.connect(cc, new NetListener() { });
                try {
                    while (System.nanoTime() < limit) {
                        if (!c.poll(System.nanoTime())) {
                            break; // refused or timed out: try again
                        }
                        if (c.isConnected()) {
                            joinMillis = (System.nanoTime() - joinStart) / 1_000_000L;
                            break;
                        }
                        LockSupport.parkNanos(1_000_000L);
                    }
                } finally {
                    c.close();
                }
            }
        } finally {
            attacker.stop = true;
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        if (attacker.error != null) {
            throw new IllegalStateException("attacker failed: " + attacker.error, attacker.error);
        }
        double seconds = (System.nanoTime() - attackStart) / 1e9;
        return new Join(joinMillis, attempts, stats.handshakesFailed(HandshakeFailure.EVICTED) - evictedBefore,
                stats.drops(DropReason.HANDSHAKE_CAP) - capBefore, stats.handshakesFailed(HandshakeFailure.TIMEOUT) - timeoutsBefore,
                attacker.packets / 2.0 / seconds, stalled);
    }

    /** Each constant's count now, by ordinal. */
    private static <E extends Enum<E>> long[] counts(E[] values, ToLongFunction<E> count) {
        long[] c = new long[values.length];
        for (E e : values) {
            c[e.ordinal()] = count.applyAsLong(e);
        }
        return c;
    }

    /** The constants whose count grew since {@code before}, by name, with how much. */
    private static <E extends Enum<E>> Map<String, Long> grown(E[] values, ToLongFunction<E> count, long[] before) {
        Map<String, Long> grown = new TreeMap<>();
        for (E e : values) {
            long d = count.applyAsLong(e) - before[e.ordinal()];
            if (d > 0) {
                grown.put(e.name(), d);
            }
        }
        return grown;
    }

    private Phase measure(String name, long millis, Attacker attacker) {
        EchoTickRig.Window w = rig.measure(millis, attacker == null ? null : () -> attacker.packets);
        return new Phase(name, w.seconds(), w.tickMicros(0.50), w.tickMicros(0.99), w.tickMaxMicros(), w.ticks(), w.heapUsedKiB(),
                w.liveThreads(), w.echoes(), w.counted() / w.seconds(), server.handshakesInFlight(), server.peers().size());
    }

    /** Peers the server holds now (players included). */
    public int peers() {
        return server.peers().size();
    }

    /** The server's endpoint counters. */
    public EndpointStats endpointStats() {
        return server.endpointStats();
    }

    @Override
    public void close() {
        rig.close();
    }

    // ------------------------------------------------------------------ the attacker

    private final class Attacker implements Runnable {
        final Attack attack;
        volatile boolean stop;
        volatile long packets;
        volatile Throwable error;
        final SplittableRandom random = new SplittableRandom(5);
        // Stalled handshakes: the first `burst` at once, then at most hellosPerSecond (0 = unpaced).
        int burst;
        double hellosPerSecond;

        Attacker(Attack attack) {
            this.attack = attack;
        }

        @Override
        public void run() {
            try {
                switch (attack) {
                    case SPOOFED_HELLOS -> spoofedHellos();
                    case STALLED_HANDSHAKES -> stalledHandshakes();
                    case HOSTILE_CLIENTS -> hostileClients();
                    default -> throw new IllegalStateException(attack.name());
                }
            } catch (Throwable t) {
                error = t;
            }
        }

        private InetAddress source(int i) throws IOException {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + i / 250), (byte) (2 + i % 250)});
        }

        // 256 sockets on 32 addresses, each sending the same real cookieless ClientHello in turn.
        private void spoofedHellos() throws Exception {
            byte[] hello = recordClientHello();
            List<DatagramChannel> socks = new ArrayList<>();
            try {
                for (int i = 0; i < 256; i++) {
                    DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress(source(i % 32), 0));
                    ch.configureBlocking(false);
                    socks.add(ch);
                }
                InetSocketAddress target = server.localAddress();
                ByteBuffer b = ByteBuffer.wrap(hello);
                ByteBuffer sink = ByteBuffer.allocate(2048);
                while (!stop) {
                    for (DatagramChannel ch : socks) {
                        b.rewind();
                        if (ch.send(b, target) > 0) {
                            packets++;
                        }
                        sink.clear();
                        while (ch.receive(sink) != null) {
                            sink.clear(); // the HelloVerifyRequests, thrown away as a spoofer never sees them
                        }
                    }
                }
            } finally {
                for (DatagramChannel ch : socks) {
                    ch.close();
                }
            }
        }

        // Each attacker address completes the cookie exchange, then never answers the server's flight.
        private void stalledHandshakes() throws Exception {
            byte[] hello = recordClientHello();
            InetSocketAddress target = server.localAddress();
            int i = 0;
            List<DatagramChannel> open = new ArrayList<>();
            long paceNanos = hellosPerSecond > 0 ? (long) (1e9 / hellosPerSecond) : 0;
            long next = System.nanoTime();
            try {
                while (!stop) {
                    if (paceNanos > 0 && i >= burst) {
                        next += paceNanos;
                        while (!stop && System.nanoTime() < next) {
                            LockSupport.parkNanos(Math.min(next - System.nanoTime(), 20_000_000L));
                        }
                        if (stop) {
                            break;
                        }
                    }
                    DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress(source(i++ % 500), 0));
                    open.add(ch);
                    byte[] withCookie = helloWithCookie(ch, hello, target);
                    if (withCookie != null) {
                        ch.send(ByteBuffer.wrap(withCookie), target);
                        packets += 2;
                    }
                    if (open.size() >= 512) { // bounded: the oldest stalled sockets are let go
                        open.remove(0).close();
                    }
                    LockSupport.parkNanos(200_000L);
                }
            } finally {
                for (DatagramChannel ch : open) {
                    ch.close();
                }
            }
        }

        // Real DTLS clients, admitted by CONNECT, each then breaking one rule; a new one every few ms.
        private void hostileClients() throws Exception {
            TlsCrypto crypto = TickwireCrypto.create();
            InetSocketAddress target = server.localAddress();
            ClientConfig cc = EchoTickRig.clientOf(server).build();
            ConnectionConfig config = cc.connection();
            try (DtlsClientConnector connector = new DtlsClientConnector(1472, 5_000);
                    DatagramChannel raw = DatagramChannel.open().bind(new InetSocketAddress(source(499), 0))) {
                int n = 0;
                byte[] buf = new byte[1500];
                while (!stop) {
                    DtlsClientLink link = connector.connect(target, new InetSocketAddress(source(n % 200), 0),
                            EchoTickRig.tlsClientOf(server, crypto)).get(10, TimeUnit.SECONDS);
                    packets += 4;
                    try {
                        Connection c = new Connection(config, ConnectionRole.CLIENT, cc.applicationHash(), (ch, b, o, l) -> { }, System.nanoTime());
                        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                        while (!c.isConnected() && System.nanoTime() < until && !stop) {
                            long now = System.nanoTime();
                            int len;
                            while ((len = link.receive(buf, 0, buf.length)) >= 0) {
                                c.receivePacket(buf, 0, len, now);
                            }
                            while ((len = c.writePacket(buf, 0, now)) > 0) {
                                link.send(buf, 0, len);
                                packets++;
                            }
                            LockSupport.parkNanos(500_000L);
                        }
                        misbehave(n++, link, raw, target, buf);
                    } finally {
                        link.close();
                    }
                }
            }
        }

        private void misbehave(int kind, DtlsClientLink link, DatagramChannel raw, InetSocketAddress target, byte[] buf)
                throws IOException {
            int seq = 40_000;
            switch (kind % 6) {
                case 0 -> { // noise
                    int len = 20 + random.nextInt(1100);
                    for (int i = 0; i < len; i++) {
                        buf[i] = (byte) random.nextInt(256);
                    }
                    buf[0] = 0x7F; // reserved header bits and an unknown type
                    send(link, buf, len);
                }
                case 1 -> send(link, buf, Math.min(1400, link.maxPayloadSize())); // above maxPacketSize 1200
                case 2 -> { // ACCEPT sent to a server
                    header(buf, 4, seq);
                    send(link, buf, 9 + 22);
                }
                case 3 -> { // a fragment claiming 65535 fragments on a reliable channel
                    int p = header(buf, 1, seq);
                    buf[p] = (byte) (2 | 0x40);
                    put16(buf, p + 1, 0);
                    put16(buf, p + 3, 0);
                    put16(buf, p + 5, 0xFFFF);
                    put16(buf, p + 7, 100);
                    send(link, buf, p + 9 + 100);
                }
                case 4 -> { // well-formed acks at ~6000/s until the server says goodbye: the receive rate limit
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                    byte[] in = new byte[1500];
                    for (int i = 0; !stop && System.nanoTime() < until; i++) {
                        int len = header(buf, 2, (seq + i) & 0xFFFF);
                        send(link, buf, len);
                        if (i % 48 == 47) {
                            LockSupport.parkNanos(8_000_000L);
                            int got;
                            boolean bye = false;
                            while ((got = link.receive(in, 0, in.length)) >= 0) {
                                bye |= got > 0 && (in[0] & 0x0F) == 5; // DISCONNECT
                            }
                            if (bye) {
                                break;
                            }
                        }
                    }
                }
                default -> { // datagrams above the endpoint's maxDatagramSize, outside DTLS
                    ByteBuffer big = ByteBuffer.allocate(2000);
                    for (int i = 0; i < 20; i++) {
                        big.rewind();
                        raw.send(big, target);
                        packets++;
                    }
                }
            }
            LockSupport.parkNanos(2_000_000L);
        }

        private void send(DtlsClientLink link, byte[] buf, int len) throws IOException {
            link.send(buf, 0, len);
            packets++;
        }

        private int header(byte[] b, int type, int seq) {
            b[0] = (byte) type;
            put16(b, 1, seq);
            put16(b, 3, 0);
            b[5] = 0;
            b[6] = 0;
            b[7] = 0;
            b[8] = 0;
            return 9;
        }

        private void put16(byte[] b, int off, int v) {
            b[off] = (byte) (v >>> 8);
            b[off + 1] = (byte) v;
        }

        private byte[] helloWithCookie(DatagramChannel ch, byte[] hello, InetSocketAddress target) throws IOException {
            ch.configureBlocking(false);
            ch.send(ByteBuffer.wrap(hello), target);
            ByteBuffer b = ByteBuffer.allocate(4096);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (ch.receive(b) == null) {
                if (System.nanoTime() > until || stop) {
                    return null;
                }
                LockSupport.parkNanos(100_000L);
            }
            b.flip();
            byte[] hvr = new byte[b.remaining()];
            b.get(hvr);
            return CraftedHellos.echoCookie(hello, hvr);
        }
    }

    // A real first ClientHello from the product client, caught by a plain socket posing as the server.
    private byte[] recordClientHello() throws Exception {
        return CraftedHellos.recordFirst(fakeAddr -> new TickwireTlsClient(TickwireCrypto.create(),
                ServerTrust.pinned(server.fingerprint()), "127.0.0.1", fakeAddr.getPort(), DtlsConfig.DEFAULTS));
    }
}
