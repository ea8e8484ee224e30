package io.tickwire.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.dtls.DtlsConfig;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.dtls.SessionCache;
import io.tickwire.net.dtls.TickwireTlsClient;
import io.tickwire.net.dtls.TickwireTlsServer;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.tls.TlsSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DTLS session resumption over real sockets: a client that offers the session of its previous
 * handshake gets an abbreviated one from a server that still holds it (counted in
 * {@link EndpointStats#handshakesResumed()}), still after the stateless cookie exchange, and with a
 * working connection ID; an expired, evicted or unknown session falls back to a full handshake.
 */
@Timeout(60)
class SessionResumptionTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private EndpointHarness harness(SessionCache cache) throws Exception {
        TestTls tls = new TestTls();
        TlsServerFactory servers = (cid, peer) -> new TickwireTlsServer(tls.crypto, tls.identity, DtlsConfig.DEFAULTS,
                cid, peer.toString(), cache);
        return new EndpointHarness(EndpointConfig.builder().clock(now::get).build(), tls, servers);
    }

    /** One handshake with {@code offer} offered for resumption; returns the finished client peer. */
    private static TickwireTlsClient handshake(EndpointHarness h, TlsSession offer) throws Exception {
        InetSocketAddress to = h.server.localAddress();
        TickwireTlsClient client = new TickwireTlsClient(h.tls.crypto, ServerTrust.pinned(h.tls.identity.fingerprint()),
                to.getAddress().getHostAddress(), to.getPort(), DtlsConfig.DEFAULTS);
        client.resumeSession(offer);
        int want = h.serverLinks.size() + 1;
        var future = h.connector.connect(to, new InetSocketAddress(EndpointHarness.LOOPBACK, 0), client);
        EndpointHarness.pumpUntil(() -> h.serverLinks.size() >= want || future.isCompletedExceptionally(),
                () -> h.server.poll(System.nanoTime(), 64, h.serverLinks::add));
        h.clients.add(future.get(EndpointHarness.STEP_LIMIT_MILLIS, TimeUnit.MILLISECONDS));
        return client;
    }

    @Test
    void aClientOfferingItsPreviousSessionGetsAnAbbreviatedHandshakeAfterTheCookie() throws Exception {
        SessionCache cache = new SessionCache(16, 60_000, now::get);
        try (EndpointHarness h = harness(cache)) {
            TickwireTlsClient first = handshake(h, null);
            assertFalse(first.resumed());
            TlsSession session = first.resumableSession();
            assertNotNull(session, "the server issued a resumable session ID");
            assertEquals(32, session.getSessionID().length);
            assertEquals(1, cache.size());

            TickwireTlsClient second = handshake(h, session);
            assertTrue(second.resumed(), "the second handshake resumed the first session");
            assertEquals(1, h.server.stats().handshakesResumed());
            assertEquals(2, h.server.stats().handshakesCompleted());
            assertEquals(2, h.server.stats().cookiesSent(), "every ClientHello, resuming or not, went through the cookie exchange");
            assertEquals(1, cache.hits());
            assertNotNull(second.serverFingerprint(), "the fingerprint is known on a resumed handshake too");
            assertEquals(h.tls.identity.fingerprint(), second.serverFingerprint());
            assertTrue(second.connectionIdNegotiated(), "the resumed session got a fresh connection ID");
            // Both connections carry data; the resumed one routes by its own, new connection ID.
            h.exchangeOnAll("after resumption");
        }
    }

    @Test
    void anExpiredOrUnknownSessionFallsBackToAFullHandshake() throws Exception {
        SessionCache cache = new SessionCache(16, 1_000, now::get);
        try (EndpointHarness h = harness(cache)) {
            TlsSession session = handshake(h, null).resumableSession();
            now.addAndGet(1_000_000_001L);
            TickwireTlsClient late = handshake(h, session);
            assertFalse(late.resumed(), "an expired session is not resumed");
            assertEquals(1, cache.expired());

            // A server without the entry (a restarted one) runs a full handshake too.
            try (EndpointHarness other = harness(new SessionCache(16, 60_000, now::get))) {
                TickwireTlsClient elsewhere = handshake(other, late.resumableSession());
                assertFalse(elsewhere.resumed());
                assertEquals(0, other.server.stats().handshakesResumed());
            }
            assertEquals(0, h.server.stats().handshakesResumed());
            h.exchangeOnAll("after fallback");
        }
    }

    @Test
    void theCacheIsBoundedOldestFirst() throws Exception {
        SessionCache cache = new SessionCache(2, 60_000, now::get);
        try (EndpointHarness h = harness(cache)) {
            TlsSession oldest = handshake(h, null).resumableSession();
            handshake(h, null);
            handshake(h, null);
            assertEquals(2, cache.size());
            assertEquals(1, cache.evicted());
            assertFalse(handshake(h, oldest).resumed(), "the evicted session is unknown");
        }
    }

    @Test
    void withoutACacheNoSessionIdIsIssued() throws Exception {
        try (EndpointHarness h = harness(null)) {
            TickwireTlsClient first = handshake(h, null);
            assertEquals(null, first.resumableSession(), "no session ID, nothing to resume");
        }
    }
}
