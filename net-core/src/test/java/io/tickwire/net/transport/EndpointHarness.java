package io.tickwire.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A real server endpoint and real clients on loopback, driven from the test thread (the owner). */
final class EndpointHarness implements AutoCloseable {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final long STEP_LIMIT_MILLIS = 15_000;

    final TestTls tls;
    final DtlsServerEndpoint server;
    final DtlsClientConnector connector = new DtlsClientConnector(1472, 10_000);
    final List<DtlsPeerLink> serverLinks = new ArrayList<>();
    final List<DtlsClientLink> clients = new ArrayList<>();

    EndpointHarness(EndpointConfig config) throws IOException {
        this.tls = new TestTls();
        this.server = DtlsServerEndpoint.open(config, tls.servers(), tls.crypto, new InetSocketAddress(LOOPBACK, 0));
    }

    EndpointHarness(EndpointConfig config, TlsServerFactory servers) throws IOException {
        this(config, new TestTls(), servers);
    }

    /** An endpoint whose servers come from {@code servers}, built around {@code tls}'s identity. */
    EndpointHarness(EndpointConfig config, TestTls tls, TlsServerFactory servers) throws IOException {
        this.tls = tls;
        this.server = DtlsServerEndpoint.open(config, servers, tls.crypto, new InetSocketAddress(LOOPBACK, 0));
    }

    EndpointHarness() throws IOException {
        this(EndpointConfig.builder().build());
    }

    /** Connects n clients (optionally through {@code via} instead of the server address) and collects the server links. */
    List<DtlsClientLink> connect(int n, InetSocketAddress via) throws Exception {
        List<CompletableFuture<DtlsClientLink>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(connector.connect(via == null ? server.localAddress() : via, new InetSocketAddress(LOOPBACK, 0),
                    tls.client(via == null ? server.localAddress() : via)));
        }
        int want = serverLinks.size() + n;
        // The owner keeps polling while clients handshake (INVOKER mode reads the socket in poll).
        pumpUntil(() -> serverLinks.size() >= want || futures.stream().anyMatch(CompletableFuture::isCompletedExceptionally),
                () -> server.poll(System.nanoTime(), 64, serverLinks::add));
        List<DtlsClientLink> made = new ArrayList<>();
        for (CompletableFuture<DtlsClientLink> f : futures) {
            made.add(f.get(STEP_LIMIT_MILLIS, TimeUnit.MILLISECONDS));
        }
        clients.addAll(made);
        return made;
    }

    /**
     * A real first ClientHello (no cookie) from the product client, captured by a plain UDP socket
     * posing as the server.
     */
    byte[] recordClientHello() throws Exception {
        return CraftedHellos.recordFirst(tls::client);
    }

    /** The server link whose peer address is {@code addr}. */
    DtlsPeerLink serverLinkFor(InetSocketAddress addr) {
        for (DtlsPeerLink l : serverLinks) {
            if (l.remoteAddress().equals(addr)) {
                return l;
            }
        }
        throw new AssertionError("no server link for " + addr + " among " + serverLinks.size());
    }

    /** Steps until {@code done}, failing (not timing anything) after a generous bound. */
    static void pumpUntil(BooleanSupplier done, Runnable step) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_LIMIT_MILLIS);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                fail("condition not reached within the step bound");
            }
            step.run();
            Thread.onSpinWait();
            try {
                Thread.sleep(0, 200_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** Receives one datagram on {@code link}, stepping until it arrives. */
    static String receiveOne(DatagramLink link) {
        byte[] buf = new byte[2048];
        int[] got = {-1};
        pumpUntil(() -> got[0] >= 0, () -> {
            try {
                got[0] = link.receive(buf, 0, buf.length);
            } catch (IOException e) {
                throw new AssertionError("link failed: " + e, e);
            }
        });
        return new String(buf, 0, got[0], StandardCharsets.UTF_8);
    }

    static void send(DatagramLink link, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        link.send(b, 0, b.length);
    }

    /** Checks nothing more is waiting on {@code link} after giving stray datagrams time to arrive. */
    static void assertNothingMore(DatagramLink link) throws Exception {
        byte[] buf = new byte[2048];
        for (int i = 0; i < 50; i++) {
            int n = link.receive(buf, 0, buf.length);
            assertEquals(DatagramLink.NOTHING_RECEIVED, n,
                    () -> "unexpected extra datagram: " + new String(buf, 0, Math.max(0, 16), StandardCharsets.UTF_8));
            Thread.sleep(2);
        }
    }

    /** A round trip both ways on every client. */
    void exchangeOnAll(String tag) throws Exception {
        for (int i = 0; i < clients.size(); i++) {
            DtlsClientLink c = clients.get(i);
            String msg = tag + " from client " + i;
            send(c, msg);
            DtlsPeerLink s = serverLinkFor(c.localAddress());
            try {
                assertEquals(msg, receiveOne(s));
            } catch (AssertionError e) {
                throw new AssertionError("server side of client " + i + " lost '" + msg + "' (client out="
                        + c.datagramsOut() + ", " + s.describe() + "): " + e.getMessage(), e);
            }
            send(s, "echo " + msg);
            try {
                assertEquals("echo " + msg, receiveOne(c));
            } catch (AssertionError e) {
                throw new AssertionError("client " + i + " lost the echo (in=" + c.datagramsIn() + " tampered="
                        + c.drops(DropReason.TAMPERED) + " malformed=" + c.drops(DropReason.MALFORMED) + " stale="
                        + c.drops(DropReason.STALE_EPOCH) + " replayed=" + c.drops(DropReason.REPLAYED) + "): "
                        + e.getMessage(), e);
            }
        }
        assertTrue(true);
    }

    @Override
    public void close() {
        for (DtlsClientLink c : clients) {
            c.close();
        }
        for (DtlsPeerLink l : serverLinks) {
            l.close();
        }
        connector.close();
        server.close();
    }
}
