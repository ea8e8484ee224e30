package io.tickwire.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.FloodRig.Attack;
import io.tickwire.net.FloodRig.Report;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The floods of issue 5 against a real DTLS server on loopback with admitted players: the players
 * keep exchanging messages, the server keeps ticking, threads and heap stay bounded, and every
 * attacker is counted and dropped with a reason. Short phases here; the long mode with figures is
 * {@code benchmarks/.../Floods}. Nothing here asserts a timing: tick times are printed, not judged.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FloodSystemTest {

    private static final int PLAYERS = 4;
    private static final long PHASE_MILLIS = 1_500;
    private FloodRig rig;

    @BeforeAll
    void start() throws Exception {
        rig = new FloodRig(PLAYERS, 2_000);
    }

    @AfterAll
    void stop() throws Exception {
        rig.close();
    }

    private static void assertPlayersUnaffectedAndBounded(Report r) {
        System.out.println(r);
        assertTrue(r.minEchoesPerPlayerDuring() > 0, "every admitted player kept exchanging messages during the flood");
        assertTrue(r.after().playerEchoes() > 0, "and after it");
        assertTrue(r.during().ticks() > 0 && r.after().ticks() > 0, "the tick kept running");
        assertEquals(PLAYERS, r.after().peers(), "only the players are left");
        assertEquals(0, r.after().handshakesInFlight(), "no handshake left in flight");
        // The attacker's own thread (and its connector's) are the only new ones; the server adds none per attacker.
        assertTrue(r.during().liveThreads() <= r.before().liveThreads() + 6, "threads bounded during the flood");
        assertTrue(r.after().liveThreads() <= r.before().liveThreads() + 2, "threads back after the flood");
        assertTrue(r.after().heapUsedKiB() <= r.before().heapUsedKiB() + 64 * 1024, "heap bounded");
        assertTrue(r.attackerPackets() > 0);
    }

    private static long count(Report r, String prefix) {
        return r.disconnects().entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue()).sum();
    }

    @Test
    void spoofedClientHellosGetStatelessCookiesOnly() throws Exception {
        Report r = rig.run(Attack.SPOOFED_HELLOS, PHASE_MILLIS);
        assertPlayersUnaffectedAndBounded(r);
        assertTrue(r.cookiesSent() > 0, "hellos answered with cookies");
        assertEquals(PLAYERS, r.during().peers(), "no per-peer state for a cookieless hello");
        assertEquals(0, r.during().handshakesInFlight());
        assertTrue(r.disconnects().isEmpty(), "nobody was disconnected: " + r.disconnects());
        assertEquals(0, r.endpointDrops().getOrDefault("UNKNOWN_PEER", 0L) + r.endpointDrops().getOrDefault("MALFORMED", 0L));
    }

    @Test
    void stalledHandshakesAreCappedAndReclaimedByTheDeadline() throws Exception {
        Report r = rig.run(Attack.STALLED_HANDSHAKES, PHASE_MILLIS);
        assertPlayersUnaffectedAndBounded(r);
        long refused = r.endpointDrops().getOrDefault("HANDSHAKES_PER_IP", 0L) + r.endpointDrops().getOrDefault("HANDSHAKE_CAP", 0L);
        long timedOut = r.handshakeFailures().getOrDefault("TIMEOUT", 0L);
        assertTrue(timedOut > 0, "stalled handshakes end by the deadline, counted: " + r.handshakeFailures());
        assertTrue(refused + timedOut > 0);
    }

    @Test
    void hostileAuthenticatedClientsAreDisconnectedWithReasons() throws Exception {
        Report r = rig.run(Attack.HOSTILE_CLIENTS, PHASE_MILLIS);
        assertPlayersUnaffectedAndBounded(r);
        assertTrue(count(r, "PROTOCOL_ERROR: reserved header bits") > 0, "noise: " + r.disconnects());
        assertTrue(count(r, "PROTOCOL_ERROR: ACCEPT sent to a SERVER") > 0, "wrong packet type: " + r.disconnects());
        assertTrue(count(r, "RECEIVE_LIMIT_EXCEEDED: packet of # bytes exceeds maxPacketSize") > 0, "oversized: " + r.disconnects());
        assertTrue(count(r, "MESSAGE_TOO_LARGE") > 0, "a fragment count of 65535: " + r.disconnects());
        assertTrue(count(r, "RECEIVE_LIMIT_EXCEEDED: peer sent more than receiveRateLimitPacketsPerSecond") > 0,
                "a packet flood: " + r.disconnects());
        assertTrue(r.endpointDrops().getOrDefault("OVERSIZED", 0L) > 0, "oversized datagrams dropped unread");
    }
}
