package io.tickwire.net.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** The responder's token buckets on hand-stepped time. */
class QueryRateLimiterTest {

    static final long SECOND = 1_000_000_000L;
    static final long T0 = 5 * SECOND;

    static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }

    @Test
    void aSourceGetsItsBurstThenItsRate() throws Exception {
        QueryRateLimiter limiter = new QueryRateLimiter(LanDiscoveryResponder.Config.builder()
                .perSourceLimit(4, 3).totalLimit(1000, 1000).build(), T0);
        InetAddress a = ip(1);
        for (int i = 0; i < 3; i++) {
            assertNull(limiter.admit(a, T0), "burst query " + i);
        }
        assertEquals(DiscoveryDrop.RATE_LIMITED_SOURCE, limiter.admit(a, T0));
        assertEquals(DiscoveryDrop.RATE_LIMITED_SOURCE, limiter.admit(a, T0 + SECOND / 4 - 1));
        assertNull(limiter.admit(a, T0 + SECOND / 4)); // one token per 250 ms at 4/s
        assertEquals(DiscoveryDrop.RATE_LIMITED_SOURCE, limiter.admit(a, T0 + SECOND / 4));
        // Another source is not affected by the first one's flood.
        assertNull(limiter.admit(ip(2), T0 + SECOND / 4));
        // A long silence refills to the burst, not beyond (and does not overflow).
        long later = T0 + 1_000_000 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertNull(limiter.admit(a, later));
        }
        assertEquals(DiscoveryDrop.RATE_LIMITED_SOURCE, limiter.admit(a, later));
        // Time going backwards (two clocks) never refills.
        assertEquals(DiscoveryDrop.RATE_LIMITED_SOURCE, limiter.admit(a, T0));
    }

    @Test
    void theOverallBucketLimitsManySourcesTogether() throws Exception {
        QueryRateLimiter limiter = new QueryRateLimiter(LanDiscoveryResponder.Config.builder()
                .perSourceLimit(10, 10).totalLimit(2, 5).build(), T0);
        int answered = 0;
        int limited = 0;
        for (int i = 1; i <= 20; i++) {
            DiscoveryDrop d = limiter.admit(ip(i), T0);
            if (d == null) {
                answered++;
            } else {
                assertEquals(DiscoveryDrop.RATE_LIMITED_TOTAL, d);
                limited++;
            }
        }
        assertEquals(5, answered);
        assertEquals(15, limited);
        assertNull(limiter.admit(ip(30), T0 + SECOND / 2));
        assertEquals(DiscoveryDrop.RATE_LIMITED_TOTAL, limiter.admit(ip(31), T0 + SECOND / 2));
    }

    @Test
    void theSourceTableIsBoundedAndForgetsOnlyRefilledBuckets() throws Exception {
        QueryRateLimiter limiter = new QueryRateLimiter(LanDiscoveryResponder.Config.builder()
                .perSourceLimit(10, 2).totalLimit(1000, 1000).maxSources(4).build(), T0);
        for (int i = 1; i <= 4; i++) {
            assertNull(limiter.admit(ip(i), T0));
        }
        assertEquals(DiscoveryDrop.SOURCE_TABLE_FULL, limiter.admit(ip(5), T0));
        assertEquals(4, limiter.trackedSources());
        // 200 ms later every bucket (2 tokens at 10/s) has refilled: forgetting them loses nothing.
        long refilled = T0 + SECOND / 5;
        assertNull(limiter.admit(ip(5), refilled));
        assertEquals(1, limiter.trackedSources());
        // Sweeps are spaced: a full table of busy sources refuses newcomers without rescanning.
        for (int i = 6; i <= 8; i++) {
            assertNull(limiter.admit(ip(i), refilled));
            assertNull(limiter.admit(ip(i), refilled));
        }
        assertNull(limiter.admit(ip(5), refilled));
        assertEquals(DiscoveryDrop.SOURCE_TABLE_FULL, limiter.admit(ip(9), refilled + 1));
        assertEquals(DiscoveryDrop.SOURCE_TABLE_FULL, limiter.admit(ip(9), refilled + QueryRateLimiter.SWEEP_INTERVAL_NANOS));
        assertEquals(4, limiter.trackedSources());
    }

    @Test
    void limitsAreValidatedNamingTheBound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LanDiscoveryResponder.Config.builder().perSourceLimit(0, 1).build());
        assertTrue(e.getMessage().contains("perSourceRate must be in [1, 1000000] per second, was 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LanDiscoveryResponder.Config.builder().totalLimit(10, 0).build());
        assertTrue(e.getMessage().contains("totalBurst must be at least 1, was 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LanDiscoveryResponder.Config.builder().port(70000));
        assertTrue(e.getMessage().contains("port must be in [0, 65535], was 70000"), e.getMessage());
    }
}
