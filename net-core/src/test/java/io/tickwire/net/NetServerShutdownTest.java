package io.tickwire.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.sim.ManualClock;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.net.transport.DropReason;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Graceful server shutdown: every peer learns SERVER_SHUTDOWN (not a timeout) even when the
 * server's packets are lost and delayed, and the shutdown ends by itself within the linger.
 */
class NetServerShutdownTest {

    private static final ServerIdentity IDENTITY = ServerIdentity.generate("tickwire-shutdown-test");
    /** 30% of what the server sends is lost, the rest is delayed 20 ms (so DISCONNECTs wait in the simulator). */
    private static final NetworkConditions LOSSY = NetworkConditions.PERFECT.withLossPercent(30).withLatencyMillis(20);

    @Test
    void closeOverDtlsWithThirtyPercentLossTellsEveryClientServerShutdown() throws Exception {
        try (NetHarness h = DtlsLoopbackHarness.start(IDENTITY, b -> b.simulate(LOSSY, 2026), UnaryOperator.identity())) {
            for (int i = 0; i < 3; i++) {
                h.addClient(Messages.registry());
            }
            assertTrue(h.runUntil(() -> h.clients.stream().allMatch(NetClient::isConnected)
                    && h.serverEvents.connected.size() == 3, 40_000), "3 clients connect through 30% loss");

            h.server.close();

            assertTrue(h.server.isClosed(), "close() returns with the server closed");
            assertEquals(3, h.serverEvents.disconnected.size(), "each peer's disconnect is reported on the server");
            h.serverEvents.disconnected.forEach(d -> assertEquals(DisconnectReason.SERVER_SHUTDOWN, d.reason()));
            // Bounded: well under the 10 s connection timeout, so a TIMEOUT here would be a failure to notice.
            assertTrue(h.runUntil(() -> h.clientEvents.stream().allMatch(r -> !r.disconnected.isEmpty()), 10_000),
                    "every client notices the shutdown");
            for (Recorder r : h.clientEvents) {
                assertEquals(1, r.disconnected.size());
                assertEquals(DisconnectReason.SERVER_SHUTDOWN, r.disconnected.get(0).reason(),
                        r.disconnected.get(0).detail());
                assertTrue(r.disconnected.get(0).detail().contains("server closed"), r.disconnected.get(0).detail());
            }
        }
    }

    @Test
    void steppedShutdownRefusesNewHandshakesAndEndsWhenEveryDisconnectIsOut() throws Exception {
        try (NetHarness h = DtlsLoopbackHarness.start(IDENTITY, b -> b.simulate(LOSSY, 7).shutdownLingerMillis(2_000),
                UnaryOperator.identity())) {
            h.addClient(Messages.registry());
            assertTrue(h.runUntil(() -> h.clients.get(0).isConnected(), 40_000));

            h.server.beginShutdown("maintenance");
            assertTrue(h.server.isShuttingDown());
            long before = h.server.endpointStats().drops(DropReason.NOT_ACCEPTING);
            NetClient late = h.addClient(Messages.registry());
            // update() until the server closes itself; everything on this thread.
            assertTrue(h.runUntil(() -> h.server.isClosed(), 40_000), "the stepped shutdown finishes");
            assertTrue(h.runUntil(() -> !h.clientEvents.get(0).disconnected.isEmpty(), 10_000));
            Recorder.Disconnect d = h.clientEvents.get(0).disconnected.get(0);
            assertEquals(DisconnectReason.SERVER_SHUTDOWN, d.reason(), d.detail());
            assertTrue(d.detail().contains("maintenance"), d.detail());
            assertTrue(h.server.endpointStats().drops(DropReason.NOT_ACCEPTING) > before,
                    "the late client's ClientHello was refused, not answered");
            assertFalse(late.isConnected());
        }
    }

    @Test
    void inMemoryStepsWithAManualClockEndByTheLingerAtTheLatest() throws Exception {
        ManualClock clock = new ManualClock(1_000_000_000L);
        InMemoryNetwork network = new InMemoryNetwork(clock, NetworkConditions.PERFECT, 3);
        Recorder serverEvents = new Recorder();
        Recorder clientEvents = new Recorder();
        NetServer server = null;
        NetClient client = null;
        try {
            server = NetServer.start(ServerConfig.builder().inMemory(network).connection(Messages.connection())
                    .registry(Messages.registry()).clock(clock).simulate(LOSSY, 11).shutdownLingerMillis(250).build(),
                    serverEvents);
            client = NetClient.connect(ClientConfig.builder().inMemory(network).connection(Messages.connection())
                    .registry(Messages.registry()).clock(clock).build(), clientEvents);
            for (int i = 0; i < 400 && !client.isConnected(); i++) {
                clock.advanceMillis(5);
                server.update(clock.nanoTime());
                client.poll(clock.nanoTime());
            }
            assertTrue(client.isConnected());
            server.beginShutdown("stepped");
            long started = clock.nanoTime();
            int steps = 0;
            while (!server.isClosed() && steps++ < 1_000) {
                clock.advanceMillis(1);
                server.update(clock.nanoTime());
                client.poll(clock.nanoTime());
            }
            assertTrue(server.isClosed());
            assertTrue(clock.nanoTime() - started <= 250_000_000L, "closed within the linger");
            for (int i = 0; i < 100 && clientEvents.disconnected.isEmpty(); i++) {
                clock.advanceMillis(5);
                client.poll(clock.nanoTime());
            }
            assertEquals(DisconnectReason.SERVER_SHUTDOWN, clientEvents.disconnected.get(0).reason());
        } finally {
            if (client != null) {
                client.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }
}
