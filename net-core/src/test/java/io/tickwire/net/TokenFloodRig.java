package io.tickwire.net;

import io.tickwire.net.admission.AdmissionRefusal;
import io.tickwire.net.admission.ConnectToken;
import io.tickwire.net.admission.ConnectTokenMinter;
import io.tickwire.net.admission.ConnectTokenVerifier;
import io.tickwire.net.dtls.DtlsConfig;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.TickwireCrypto;
import io.tickwire.net.protocol.Connection;
import io.tickwire.net.protocol.ConnectionRole;
import io.tickwire.net.protocol.ConnectionState;
import io.tickwire.net.protocol.CredentialKind;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.transport.DtlsClientConnector;
import io.tickwire.net.transport.DtlsClientLink;
import io.tickwire.net.transport.EndpointConfig;
import io.tickwire.net.transport.EndpointStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * A real DTLS {@link NetServer} on 127.0.0.1 that admits only connect tokens of its backend key,
 * ticking at 60 Hz on its own thread with admitted players (real {@link NetClient}s with valid tokens)
 * whose every message it echoes, flooded by real DTLS clients with bad or no credentials. The attacker
 * finishes a batch of handshakes from distinct 127.0.x.y addresses first and then sends all their
 * CONNECTs at once, so the verifications land in as few server updates as it can make them: the
 * worst case for the tick. {@link #run} measures before and during the flood (tick time, heap, threads,
 * the players' echoes) and collects what each attacker was told and what the server counted.
 * Used by {@code TokenFloodSystemTest} (short, bounded); the long mode is {@code -Dtickwire.tokenflood.seconds}.
 */
public final class TokenFloodRig implements AutoCloseable {

    /** What an attacking client presents. */
    public enum BadCredential {
        /** No credential at all. */
        NONE,
        /** A token signed by the backend that expired a minute ago. */
        EXPIRED,
        /** A well-formed token signed by another key. */
        WRONG_KEY,
        /** A valid token for another server's address. */
        WRONG_ADDRESS,
        /** An admitted player's token, presented again. */
        REPLAYED,
        /** Random bytes of a token's size. */
        GARBAGE
    }

    /** Tick figures of one phase. */
    public record Phase(String name, double seconds, long ticks, double tickP50Micros, double tickP99Micros,
            double tickMaxMicros, double admissionP99Micros, double admissionMaxMicros, long heapUsedKiB, int liveThreads,
            long playerEchoes, int peers) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%-6s %5.1f s  ticks %5d  tick p50 %7.1f us  p99 %7.1f us  max %8.1f us"
                    + "  admission per update p99 %7.1f us  max %7.1f us  heap %7d KiB  threads %3d  player echoes %6d  peers %3d",
                    name, seconds, ticks, tickP50Micros, tickP99Micros, tickMaxMicros, admissionP99Micros, admissionMaxMicros,
                    heapUsedKiB, liveThreads, playerEchoes, peers);
        }
    }

    /** Everything one flood did. */
    public record Report(int maxAdmissionsPerUpdate, Phase before, Phase during, long attackers,
            Map<BadCredential, Long> refusedByKind, Map<BadCredential, String> detailByKind, Map<String, Long> otherOutcomes,
            Map<AdmissionRefusal, Long> serverRefusals, long admissionsDeferred, long fewestEchoesPerPlayerDuring,
            int replayEntries) {
        @Override
        public String toString() {
            return "token flood, maxAdmissionsPerUpdate " + maxAdmissionsPerUpdate + "\n  " + before + "\n  " + during
                    + "\n  attackers " + attackers + ", refused as AUTHENTICATION_FAILED by kind " + refusedByKind
                    + "\n  other outcomes " + otherOutcomes + "\n  server refusals " + serverRefusals
                    + ", CONNECTs deferred to a later update " + admissionsDeferred + ", replay cache entries " + replayEntries
                    + "\n  fewest echoes of one player during the flood " + fewestEchoesPerPlayerDuring
                    + "\n  details " + detailByKind;
        }
    }

    static final long APPLICATION = 0x70CE1L;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ServerIdentity identity = ServerIdentity.generate("token flood rig");
    private final Ed25519PrivateKeyParameters backendKey = new Ed25519PrivateKeyParameters(seed(1));
    private final Ed25519PrivateKeyParameters strangerKey = new Ed25519PrivateKeyParameters(seed(2));
    private final NetServer server;
    private final ConnectTokenVerifier verifier;
    private final ConnectTokenMinter minter;
    private final List<byte[]> playerTokens = new ArrayList<>();
    private final EchoTickRig rig;
    // Per update, the time spent inside the admission (the verifications themselves), tick thread only.
    private long admissionThisUpdate;
    // Server-side counters, copied by the tick thread after each update (NetServer's are owner-thread reads).
    private final long[] refusals = new long[AdmissionRefusal.values().length];
    private volatile long deferred;
    private volatile int replayEntries;
    private volatile int peerCount;
    private final Map<String, Long> disconnects = new ConcurrentHashMap<>();
    private final int maxAdmissionsPerUpdate;

    /**
     * Starts the token server and {@code playerCount} players with valid tokens, and waits until every
     * player's messages come back.
     */
    public TokenFloodRig(int playerCount, int maxAdmissionsPerUpdate, int admissionDeadlineMillis, int maxConnectionsPerIp)
            throws IOException {
        this.maxAdmissionsPerUpdate = maxAdmissionsPerUpdate;
        server = NetServer.start(ServerConfig.builder()
                .dtls(new InetSocketAddress(LOOPBACK, 0), identity)
                .endpoint(EndpointConfig.builder().handshakeTimeoutMillis(3_000).maxConnectionsPerIp(maxConnectionsPerIp)
                        .maxHandshakesPerIp(Math.min(4, maxConnectionsPerIp)).build())
                .dtlsConfig(new DtlsConfig(3_000, 250))
                .maxAdmissionsPerUpdate(maxAdmissionsPerUpdate)
                .admissionDeadlineMillis(admissionDeadlineMillis)
                .connection(Messages.connection()).registry(Messages.registry()).build(),
                EchoTickRig.echoing((reason, detail) -> disconnects.merge(reason.name(), 1L, Long::sum)));
        InetSocketAddress own = new InetSocketAddress(LOOPBACK, server.localAddress().getPort());
        verifier = ConnectTokenVerifier.builder(backendKey.generatePublicKey(), APPLICATION).ownAddress(own).build();
        server.setAdmission(request -> { // before the tick thread's first update
            long t0 = System.nanoTime();
            try {
                return verifier.decide(request);
            } finally {
                admissionThisUpdate += System.nanoTime() - t0;
            }
        });
        minter = new ConnectTokenMinter(backendKey, APPLICATION, System::currentTimeMillis, new SecureRandom());
        List<ClientConfig> playerConfigs = new ArrayList<>();
        for (int i = 0; i < playerCount; i++) {
            byte[] token = minter.mint(1000 + i, Duration.ofMinutes(10), List.of(own), new byte[0]).toBytes();
            playerTokens.add(token);
            playerConfigs.add(EchoTickRig.clientOf(server).connectToken(token).build());
        }
        rig = new EchoTickRig("token-flood", server, playerConfigs, () -> admissionThisUpdate = 0, this::copyServerCounters,
                () -> admissionThisUpdate, "players with valid tokens did not connect within 30 s");
    }

    private static byte[] seed(int b) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) b);
        return s;
    }

    // On the tick thread after each update: NetServer's counters are owner-thread reads.
    private void copyServerCounters() {
        for (AdmissionRefusal r : AdmissionRefusal.values()) {
            refusals[r.ordinal()] = server.admissionsRefused(r);
        }
        deferred = server.admissionsDeferred();
        replayEntries = verifier.replayEntries();
        peerCount = server.peers().size();
    }

    /**
     * Measures {@code phaseMillis} without attackers, then floods for {@code attackMillis} (batches of
     * {@code batch} attackers, the kinds in turn) and measures that, then waits (bounded) until the
     * server holds only the players again.
     */
    public Report run(long phaseMillis, long attackMillis, int batch) throws Exception {
        long[] refusalsBefore = refusals.clone();
        long deferredBefore = deferred;
        Phase before = measure("before", phaseMillis);
        long[] perPlayerBefore = rig.perPlayer();
        Attacker attacker = new Attacker(batch);
        Thread t = new Thread(attacker, "token-flood-attacker");
        t.setDaemon(true);
        t.start();
        Phase during = measure("during", attackMillis);
        attacker.stop = true;
        t.join(TimeUnit.SECONDS.toMillis(30));
        if (attacker.error != null) {
            throw new IllegalStateException("attacker failed: " + attacker.error, attacker.error);
        }
        long fewest = EchoTickRig.fewest(perPlayerBefore, rig.perPlayer());
        long settleLimit = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while ((peerCount > rig.players() || server.handshakesInFlight() > 0) && System.nanoTime() < settleLimit) {
            rig.check();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        Map<AdmissionRefusal, Long> serverRefusals = new EnumMap<>(AdmissionRefusal.class);
        for (AdmissionRefusal r : AdmissionRefusal.values()) {
            long d = refusals[r.ordinal()] - refusalsBefore[r.ordinal()];
            if (d > 0) {
                serverRefusals.put(r, d);
            }
        }
        return new Report(maxAdmissionsPerUpdate, before, during, attacker.attackers, new EnumMap<>(attacker.refused),
                new EnumMap<>(attacker.details), new TreeMap<>(attacker.other), serverRefusals, deferred - deferredBefore,
                fewest, replayEntries);
    }

    private Phase measure(String name, long millis) {
        EchoTickRig.Window w = rig.measure(millis, null);
        return new Phase(name, w.seconds(), w.ticks(), w.tickMicros(0.50), w.tickMicros(0.99), w.tickMaxMicros(),
                w.perUpdateMicros(0.99), w.perUpdateMaxMicros(), w.heapUsedKiB(), w.liveThreads(), w.echoes(), peerCount);
    }

    /** What {@link #stallFromOneAddress} saw. */
    public record StallReport(int attempts, int established, int failed, int peakPeers, long connectionsPerIpDrops,
            long deadlineRefusals, int toldWhy, String detail, double reclaimSeconds, int peersAfter, boolean reconnectsAfter) {
    }

    /**
     * From one address, {@code attempts} DTLS handshakes one after another, none of which ever sends a
     * CONNECT: the server's connections-per-address limit caps how many it holds, the admission deadline
     * reclaims them (each client told why), and then the address can connect again.
     */
    public StallReport stallFromOneAddress(InetAddress from, int attempts, int connectorTimeoutMillis) throws Exception {
        TlsCrypto crypto = TickwireCrypto.create();
        InetSocketAddress target = server.localAddress();
        long perIpBefore = server.endpointStats().drops(io.tickwire.net.transport.DropReason.CONNECTIONS_PER_IP);
        long deadlineBefore = refusals[AdmissionRefusal.DEADLINE.ordinal()];
        ClientConfig cc = EchoTickRig.clientOf(server).build();
        List<DtlsClientLink> links = new ArrayList<>();
        List<Connection> conns = new ArrayList<>();
        int failed = 0;
        int peak = 0;
        byte[] buf = new byte[1500];
        try (DtlsClientConnector connector = new DtlsClientConnector(1472, connectorTimeoutMillis)) {
            for (int i = 0; i < attempts; i++) {
                try {
                    links.add(connector.connect(target, new InetSocketAddress(from, 0), EchoTickRig.tlsClientOf(server, crypto))
                            .get(connectorTimeoutMillis + 5_000L, TimeUnit.MILLISECONDS));
                    conns.add(new Connection(cc.connection(), ConnectionRole.CLIENT, cc.applicationHash(), (ch, b, o, l) -> { },
                            System.nanoTime()));
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++;
                }
                LockSupport.parkNanos(50_000_000L); // a tick or three: peerCount catches up
                peak = Math.max(peak, peerCount);
            }
            long start = System.nanoTime();
            long until = start + TimeUnit.SECONDS.toNanos(30);
            int told = 0;
            String detail = "";
            while (System.nanoTime() < until) {
                told = 0;
                long now = System.nanoTime();
                for (int i = 0; i < links.size(); i++) {
                    if (conns.get(i).disconnectReason() == null) {
                        pump(links.get(i), conns.get(i), buf, now, false); // never writes: no CONNECT
                    }
                    if (conns.get(i).disconnectReason() == DisconnectReason.AUTHENTICATION_FAILED) {
                        told++;
                        detail = conns.get(i).disconnectDetail();
                    }
                }
                peak = Math.max(peak, peerCount);
                if (told == links.size() && peerCount == rig.players()) {
                    break;
                }
                LockSupport.parkNanos(20_000_000L);
            }
            double reclaim = (System.nanoTime() - start) / 1e9;
            int peersAfter = peerCount; // before the reconnect below, whose own link the server holds until it sees the close
            for (DtlsClientLink l : links) {
                l.close();
            }
            // The address's slots are free again: one more handshake from it succeeds.
            boolean again;
            try {
                connector.connect(target, new InetSocketAddress(from, 0), EchoTickRig.tlsClientOf(server, crypto))
                        .get(connectorTimeoutMillis + 5_000L, TimeUnit.MILLISECONDS).close();
                again = true;
            } catch (java.util.concurrent.ExecutionException e) {
                again = false;
            }
            return new StallReport(attempts, links.size(), failed, peak,
                    server.endpointStats().drops(io.tickwire.net.transport.DropReason.CONNECTIONS_PER_IP) - perIpBefore,
                    refusals[AdmissionRefusal.DEADLINE.ordinal()] - deadlineBefore, told, detail, reclaim, peersAfter, again);
        }
    }

    /**
     * Reads what the server sent into {@code c} (and with {@code write} sends what {@code c} has due);
     * the server closing the DTLS session after its DISCONNECTs ends the reading.
     */
    private static void pump(DtlsClientLink link, Connection c, byte[] buf, long now, boolean write) throws IOException {
        int len;
        try {
            while ((len = link.receive(buf, 0, buf.length)) >= 0) {
                c.receivePacket(buf, 0, len, now);
            }
        } catch (io.tickwire.net.transport.LinkFailedException closed) {
            return;
        }
        while (write && (len = c.writePacket(buf, 0, now)) > 0) {
            link.send(buf, 0, len);
        }
    }

    /** Peers the server holds now (players included), as of its last update. */
    public int peers() {
        return peerCount;
    }

    /** The players' count. */
    public int players() {
        return rig.players();
    }

    /** The server's endpoint counters. */
    public EndpointStats endpointStats() {
        return server.endpointStats();
    }

    @Override
    public void close() {
        rig.close();
    }

    /** The credential bytes an attacker of {@code kind} presents. */
    private byte[] credential(BadCredential kind, SplittableRandom random, InetSocketAddress own) {
        long now = System.currentTimeMillis();
        byte[] nonce = new byte[ConnectToken.NONCE_BYTES];
        random.nextBytes(nonce);
        return switch (kind) {
            case NONE -> new byte[0];
            case EXPIRED -> minter.mint(7, now - 300_000, now - 60_000, nonce, List.of(own), new byte[0]).toBytes();
            case WRONG_KEY -> new ConnectTokenMinter(strangerKey, APPLICATION, () -> now, new SecureRandom())
                    .mint(7, now, now + 60_000, nonce, List.of(own), new byte[0]).toBytes();
            case WRONG_ADDRESS -> minter.mint(7, now, now + 60_000, nonce,
                    List.of(new InetSocketAddress(own.getAddress(), own.getPort() == 65_535 ? 1 : own.getPort() + 1)),
                    new byte[0]).toBytes();
            case REPLAYED -> playerTokens.get(random.nextInt(playerTokens.size()));
            case GARBAGE -> {
                byte[] g = new byte[ConnectToken.MIN_BYTES + random.nextInt(64)];
                random.nextBytes(g);
                yield g;
            }
        };
    }

    // ------------------------------------------------------------------ the attacker

    private final class Attacker implements Runnable {
        final int batch;
        volatile boolean stop;
        volatile long attackers;
        volatile Throwable error;
        final Map<BadCredential, Long> refused = new EnumMap<>(BadCredential.class);
        final Map<BadCredential, String> details = new EnumMap<>(BadCredential.class);
        final Map<String, Long> other = new TreeMap<>();
        final SplittableRandom random = new SplittableRandom(11);

        Attacker(int batch) {
            this.batch = batch;
        }

        @Override
        public void run() {
            TlsCrypto crypto = TickwireCrypto.create();
            InetSocketAddress target = server.localAddress();
            InetSocketAddress own = new InetSocketAddress(LOOPBACK, target.getPort());
            ClientConfig cc = EchoTickRig.clientOf(server).build();
            byte[] buf = new byte[1500];
            int n = 0;
            try (DtlsClientConnector connector = new DtlsClientConnector(1472, 5_000)) {
                while (!stop) {
                    // 1. A batch of finished handshakes, each from its own address, no CONNECT yet.
                    List<CompletableFuture<DtlsClientLink>> pending = new ArrayList<>();
                    for (int i = 0; i < batch; i++) {
                        int a = n + i;
                        InetAddress from = InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + (a / 250) % 200), (byte) (2 + a % 250)});
                        pending.add(connector.connect(target, new InetSocketAddress(from, 0), EchoTickRig.tlsClientOf(server, crypto)));
                    }
                    List<DtlsClientLink> links = new ArrayList<>();
                    List<Connection> conns = new ArrayList<>();
                    List<BadCredential> kinds = new ArrayList<>();
                    try {
                        for (CompletableFuture<DtlsClientLink> f : pending) {
                            try {
                                links.add(f.get(10, TimeUnit.SECONDS));
                            } catch (java.util.concurrent.ExecutionException e) {
                                other.merge("handshake failed: " + e.getCause().getClass().getSimpleName(), 1L, Long::sum);
                            }
                        }
                        // 2. Every CONNECT at once.
                        long now = System.nanoTime();
                        for (DtlsClientLink link : links) {
                            BadCredential kind = BadCredential.values()[n++ % BadCredential.values().length];
                            Connection c = new Connection(cc.connection(), ConnectionRole.CLIENT, cc.applicationHash(),
                                    (ch, b, o, l) -> { }, now);
                            byte[] cred = credential(kind, random, own);
                            c.setCredential(kind == BadCredential.NONE ? CredentialKind.NONE : CredentialKind.CONNECT_TOKEN, cred);
                            conns.add(c);
                            kinds.add(kind);
                            int len = c.writePacket(buf, 0, now);
                            link.send(buf, 0, len);
                            attackers++;
                        }
                        // 3. Each is told why it is refused (or the bounded wait ends).
                        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                        boolean open = true;
                        while (open && System.nanoTime() < until) {
                            open = false;
                            now = System.nanoTime();
                            for (int i = 0; i < links.size(); i++) {
                                Connection c = conns.get(i);
                                if (c.state() == ConnectionState.DISCONNECTED || c.disconnectReason() != null) {
                                    continue;
                                }
                                pump(links.get(i), c, buf, now, true);
                                open |= c.disconnectReason() == null;
                            }
                            LockSupport.parkNanos(1_000_000L);
                        }
                        for (int i = 0; i < conns.size(); i++) {
                            Connection c = conns.get(i);
                            if (c.disconnectReason() == DisconnectReason.AUTHENTICATION_FAILED && c.isDisconnectRemote()) {
                                refused.merge(kinds.get(i), 1L, Long::sum);
                                details.putIfAbsent(kinds.get(i), c.disconnectDetail());
                            } else {
                                other.merge(kinds.get(i) + " -> " + (c.isConnected() ? "ADMITTED" : String.valueOf(c.disconnectReason())),
                                        1L, Long::sum);
                            }
                        }
                    } finally {
                        for (DtlsClientLink link : links) {
                            link.close();
                        }
                    }
                }
            } catch (Throwable t) {
                error = t;
            }
        }
    }
}
