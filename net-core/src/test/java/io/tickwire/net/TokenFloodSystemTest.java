package io.tickwire.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.TokenFloodRig.BadCredential;
import io.tickwire.net.TokenFloodRig.Report;
import io.tickwire.net.TokenFloodRig.StallReport;
import io.tickwire.net.admission.AdmissionRefusal;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Token-less and bad-token connections from many real DTLS clients against a connect-token server
 * with admitted players (issue 5, "Floods"): the players keep exchanging messages, threads and heap
 * stay bounded, every attacker is told AUTHENTICATION_FAILED with the rule it broke and counted by
 * reason, and the replay cache holds only verified tokens. And one address cannot hold more
 * unadmitted connections than maxConnectionsPerIp; the admission deadline reclaims them. Tick times
 * are printed, never judged. Long mode: {@code -Dtickwire.tokenflood.seconds=60}.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenFloodSystemTest {

    private static final int PLAYERS = 4;
    private static final int PER_IP = 8;
    private static final int DEADLINE_MILLIS = 4_000; // below the connect timeout (5 s), which would otherwise end a silent connection first
    private TokenFloodRig rig;

    @BeforeAll
    void start() throws Exception {
        rig = new TokenFloodRig(PLAYERS, ServerConfig.DEFAULT_MAX_ADMISSIONS_PER_UPDATE, DEADLINE_MILLIS, PER_IP);
    }

    @AfterAll
    void stop() {
        rig.close();
    }

    @Test
    void badTokenFloodIsRefusedWithReasonsAndPlayersPlayOn() throws Exception {
        long seconds = Long.getLong("tickwire.tokenflood.seconds", 4);
        Report r = rig.run(1_500, seconds * 1_000, 24);
        System.out.println(r);
        assertTrue(r.fewestEchoesPerPlayerDuring() > 0, "every admitted player kept exchanging messages during the flood");
        assertTrue(r.during().ticks() > 0, "the tick kept running");
        assertTrue(r.attackers() >= BadCredential.values().length, "at least one attacker of each kind: " + r.attackers());
        assertTrue(r.otherOutcomes().isEmpty(), "every attacker was refused with AUTHENTICATION_FAILED: " + r.otherOutcomes());
        long refused = r.refusedByKind().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(r.attackers(), refused, "every attacker told why");
        for (BadCredential k : BadCredential.values()) {
            assertTrue(r.refusedByKind().getOrDefault(k, 0L) > 0, k + " refused: " + r.refusedByKind());
        }
        assertTrue(r.detailByKind().get(BadCredential.NONE).startsWith("this server needs a connect token"));
        assertTrue(r.detailByKind().get(BadCredential.EXPIRED).startsWith("connect token expired"));
        assertTrue(r.detailByKind().get(BadCredential.WRONG_KEY).startsWith("connect token signature does not verify"));
        assertTrue(r.detailByKind().get(BadCredential.WRONG_ADDRESS).startsWith("connect token is for 127.0.0.1:"));
        assertTrue(r.detailByKind().get(BadCredential.REPLAYED).startsWith("connect token already used"));
        // Garbage is refused by structure: which rule depends on the random bytes, always a decode fault.
        assertTrue(r.detailByKind().get(BadCredential.GARBAGE).startsWith("connect token"));
        // The server counted each kind under its reason, and exactly as many as it refused.
        assertEquals(r.refusedByKind().get(BadCredential.NONE), r.serverRefusals().get(AdmissionRefusal.NO_CREDENTIAL));
        assertEquals(r.refusedByKind().get(BadCredential.EXPIRED), r.serverRefusals().get(AdmissionRefusal.EXPIRED));
        assertEquals(r.refusedByKind().get(BadCredential.WRONG_KEY), r.serverRefusals().get(AdmissionRefusal.BAD_SIGNATURE));
        assertEquals(r.refusedByKind().get(BadCredential.WRONG_ADDRESS), r.serverRefusals().get(AdmissionRefusal.WRONG_ADDRESS));
        assertEquals(r.refusedByKind().get(BadCredential.REPLAYED), r.serverRefusals().get(AdmissionRefusal.REPLAYED));
        assertEquals(r.refusedByKind().get(BadCredential.GARBAGE), r.serverRefusals().get(AdmissionRefusal.MALFORMED));
        assertEquals(refused, r.serverRefusals().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(PLAYERS, r.replayEntries(), "only the players' verified tokens are in the replay cache");
        assertEquals(PLAYERS, rig.peers(), "only the players are left");
        assertTrue(r.during().liveThreads() <= r.before().liveThreads() + 6, "threads bounded during the flood");
        assertTrue(r.during().heapUsedKiB() <= r.before().heapUsedKiB() + 64 * 1024, "heap bounded");
    }

    @Test
    void oneAddressHoldsAtMostMaxConnectionsPerIpUnadmittedAndTheDeadlineReclaimsThem() throws Exception {
        InetAddress from = InetAddress.getByAddress(new byte[] {127, 0, (byte) 250, 9});
        StallReport s = rig.stallFromOneAddress(from, PER_IP + 2, 700);
        System.out.println(s);
        assertEquals(PER_IP, s.established(), "the address got maxConnectionsPerIp connections");
        assertEquals(2, s.failed(), "and no more");
        assertTrue(s.connectionsPerIpDrops() > 0, "the rest were dropped as CONNECTIONS_PER_IP");
        assertTrue(s.peakPeers() <= PLAYERS + PER_IP, "the server never held more: " + s.peakPeers());
        assertEquals(PER_IP, s.toldWhy(), "each stalled client was told why");
        assertTrue(s.detail().startsWith("no CONNECT with an acceptable credential within admissionDeadlineMillis 4000 ms"),
                s.detail());
        assertEquals(PER_IP, s.deadlineRefusals(), "counted as DEADLINE");
        assertEquals(PLAYERS, s.peersAfter(), "reclaimed");
        assertTrue(s.reconnectsAfter(), "the address can connect again once its connections are reclaimed");
    }
}
