package io.tickwire.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cookie secret rotates every {@code cookieSecretRotationMillis} of the endpoint's clock (a manual
 * clock here): a cookie of the previous secret still passes for one interval, an older one is answered
 * with a fresh HelloVerifyRequest, and real clients connect across rotations.
 */
@Timeout(60)
class CookieRotationTest {

    private static final int INTERVAL_MILLIS = 60_000;
    private static final long INTERVAL_NANOS = INTERVAL_MILLIS * 1_000_000L;

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final EndpointConfig config = EndpointConfig.builder().cookieSecretRotationMillis(INTERVAL_MILLIS)
            .clock(now::get).build();

    @Test
    void aCookieIssuedBeforeOneRotationStillAdmitsTheHandshake() throws Exception {
        try (EndpointHarness h = new EndpointHarness(config);
                DatagramChannel raw = DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0))) {
            byte[] withCookie = HandshakeGuardSystemTest.helloWithCookie(h, raw, h.recordClientHello());
            now.addAndGet(INTERVAL_NANOS + 1);
            raw.send(ByteBuffer.wrap(withCookie), h.server.localAddress());
            EndpointHarness.pumpUntil(() -> h.server.stats().handshakesStarted() == 1, () -> { });
            assertEquals(1, h.server.stats().cookieSecretRotations());
            assertEquals(1, h.server.stats().previousCookiesAccepted());
            assertEquals(1, h.server.stats().cookiesSent(), "no second HelloVerifyRequest for the old cookie");
        }
    }

    @Test
    void aCookieOlderThanTwoIntervalsGetsAFreshHelloVerifyRequestAndTheFreshCookieWorks() throws Exception {
        try (EndpointHarness h = new EndpointHarness(config);
                DatagramChannel raw = DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0))) {
            byte[] hello = h.recordClientHello();
            byte[] stale = HandshakeGuardSystemTest.helloWithCookie(h, raw, hello);
            now.addAndGet(INTERVAL_NANOS + 1);
            // Something from elsewhere triggers the first rotation; the stale cookie is now "previous".
            try (DatagramChannel other = DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0))) {
                HandshakeGuardSystemTest.helloWithCookie(h, other, hello);
            }
            now.addAndGet(INTERVAL_NANOS + 1);
            long cookiesBefore = h.server.stats().cookiesSent();
            raw.send(ByteBuffer.wrap(stale), h.server.localAddress());
            EndpointHarness.pumpUntil(() -> h.server.stats().cookiesSent() == cookiesBefore + 1, () -> { });
            ByteBuffer reply = ByteBuffer.allocate(2048);
            EndpointHarness.pumpUntil(() -> receive(raw, reply), () -> { });
            assertEquals(3, reply.get(13), "the stale cookie was answered with a HelloVerifyRequest");
            assertEquals(0, h.server.stats().handshakesStarted());
            assertEquals(2, h.server.stats().cookieSecretRotations());

            HandshakeGuardSystemTest.cookieExchange(h, raw, hello);
            assertEquals(1, h.server.stats().handshakesStarted());
            assertEquals(0, h.server.stats().previousCookiesAccepted());
        }
    }

    @Test
    void realClientsConnectAcrossManyRotations() throws Exception {
        try (EndpointHarness h = new EndpointHarness(config)) {
            for (int i = 0; i < 3; i++) {
                now.addAndGet(3 * INTERVAL_NANOS);
                h.connect(1, null);
            }
            h.exchangeOnAll("after rotations");
            assertEquals(3, h.server.stats().cookieSecretRotations());
        }
    }

    @Test
    void theRotationIntervalIsValidatedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EndpointConfig.builder().cookieSecretRotationMillis(0).build());
        assertEquals("cookieSecretRotationMillis must be in [1, 86400000], was 0", e.getMessage());
        assertEquals(300_000, EndpointConfig.builder().build().cookieSecretRotationMillis());
    }

    private static boolean receive(DatagramChannel raw, ByteBuffer b) {
        try {
            raw.configureBlocking(false);
            return raw.receive(b) != null;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
