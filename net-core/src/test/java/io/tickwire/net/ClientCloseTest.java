package io.tickwire.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.serial.MessageRegistry;
import io.tickwire.net.sim.NetworkConditions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** A client's close lingers until its redundant DISCONNECTs are out, so the server learns why even through loss. */
class ClientCloseTest {

    private static final ServerIdentity IDENTITY = ServerIdentity.generate("tickwire-client-close-test");

    @Test
    void clientCloseThroughThirtyPercentLossReachesTheServerAsClosedByApplication() throws Exception {
        NetworkConditions lossy = NetworkConditions.PERFECT.withLossPercent(30).withLatencyMillis(20);
        NetHarness h = new NetHarness() {
            private int seed = 100;

            @Override
            NetClient newClient(MessageRegistry registry, Recorder events) {
                return NetClient.connect(ClientConfig.builder()
                        .server("127.0.0.1", server.localAddress().getPort(), ServerTrust.pinned(server.fingerprint()))
                        .simulate(lossy, seed++)
                        .connection(Messages.connection()).registry(registry).build(), events);
            }

            @Override
            long now() {
                return System.nanoTime();
            }

            @Override
            void advance() {
                LockSupport.parkNanos(500_000L);
            }
        };
        try {
            h.server = NetServer.start(ServerConfig.builder()
                    .dtls(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), IDENTITY)
                    .connection(Messages.connection()).registry(Messages.registry()).build(), h.serverEvents);
            for (int i = 0; i < 3; i++) {
                h.addClient(Messages.registry());
            }
            assertTrue(h.runUntil(() -> h.clients.stream().allMatch(NetClient::isConnected)
                    && h.serverEvents.connected.size() == 3, 40_000));
            for (int i = 0; i < 3; i++) {
                h.clients.get(i).close();
                assertEquals(DisconnectReason.CLOSED_BY_APPLICATION, h.clientEvents.get(i).disconnected.get(0).reason());
            }
            assertTrue(h.runUntil(() -> h.serverEvents.disconnected.size() == 3, 20_000));
            for (Recorder.Disconnect d : h.serverEvents.disconnected) {
                assertEquals(DisconnectReason.CLOSED_BY_APPLICATION, d.reason(), d.detail());
            }
        } finally {
            h.close();
        }
    }
}
