package io.tickwire.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.sim.NetworkConditions;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A client's close lingers until its redundant DISCONNECTs are out, so the server learns why even through loss. */
class ClientCloseTest {

    private static final ServerIdentity IDENTITY = ServerIdentity.generate("tickwire-client-close-test");

    @Test
    void clientCloseThroughThirtyPercentLossReachesTheServerAsClosedByApplication() throws Exception {
        NetworkConditions lossy = NetworkConditions.PERFECT.withLossPercent(30).withLatencyMillis(20);
        int[] seed = {100};
        try (NetHarness h = DtlsLoopbackHarness.start(IDENTITY, UnaryOperator.identity(),
                b -> b.simulate(lossy, seed[0]++))) {
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
        }
    }
}
