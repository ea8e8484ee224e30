package io.tickwire.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.protocol.DisconnectReason;
import org.junit.jupiter.api.Test;

/**
 * System test: the front-door contract over real DTLS 1.2 on loopback (one server UDP socket,
 * cookie exchange, handshake workers, pinned server fingerprint). Time is the real clock; every
 * phase is bounded by a step count, and nothing asserts on timing.
 */
class DtlsFrontDoorSystemTest extends FrontDoorContract {

    private static final ServerIdentity IDENTITY = ServerIdentity.generate("tickwire-front-door-test");

    @Override
    NetHarness newHarness() throws Exception {
        return DtlsLoopbackHarness.start(IDENTITY);
    }

    @Test
    void wrongPinnedFingerprintFailsTheConnectionNamingBothFingerprints() {
        ServerIdentity impostorPin = ServerIdentity.generate("someone-else");
        Recorder events = new Recorder();
        NetClient client = NetClient.connect(ClientConfig.builder()
                .server("127.0.0.1", h.server.localAddress().getPort(), ServerTrust.pinned(impostorPin.fingerprint()))
                .connection(Messages.connection()).registry(Messages.registry()).build(), events);
        try {
            boolean alive = true;
            for (int i = 0; i < maxSteps() && alive; i++) {
                h.step();
                alive = client.poll(System.nanoTime());
            }
            assertFalse(alive, "the client gives up");
            assertEquals(1, events.disconnected.size());
            Recorder.Disconnect d = events.disconnected.get(0);
            assertNull(d.peer(), "no connection ever existed");
            assertEquals(DisconnectReason.AUTHENTICATION_FAILED, d.reason(), d.detail());
            assertTrue(d.detail().contains(impostorPin.fingerprint().toString()), d.detail());
            assertTrue(d.detail().contains(h.server.fingerprint().toString()), d.detail());
            assertTrue(events.connected.isEmpty());
            assertTrue(h.serverEvents.connected.isEmpty(), "the server never saw a connection");
        } finally {
            client.close();
        }
    }

    @Override
    int maxSteps() {
        return 20_000;
    }
}
