package io.tickwire.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 5 follow-up on the full stack: while an attacker's stalled handshakes (cookie echoed, then silence)
 * hold every handshake slot of a real DTLS {@link NetServer}, a new player (a real {@link NetClient}) still
 * joins, in place of the longest-silent stalled handshake, long before the 30 s handshake deadline would
 * have freed a slot. Small caps keep it quick; the long mode with figures is {@code benchmarks/.../Floods --join}.
 */
@Timeout(120)
class StalledHandshakeJoinTest {

    private static final int DEADLINE_MILLIS = 30_000;

    @Test
    void aNewPlayerJoinsWhileStalledHandshakesHoldEverySlot() throws Exception {
        try (FloodRig rig = new FloodRig(2, DEADLINE_MILLIS, 4, 500)) {
            // Four stalled handshakes at once, then one more per second (each evicts an old one once it is
            // 500 ms silent); the new player starts 700 ms after the slots are full.
            FloodRig.Join j = rig.joinDuringStalls(4, 1.0, 700, 15_000);
            System.out.println(j);
            assertEquals(4, j.stalledWhenJoinStarted(), "every slot was held by a stalled handshake");
            assertTrue(j.joinMillis() >= 0, "the new player joined within 15 s, half the 30 s deadline: " + j);
            assertTrue(j.evicted() >= 1, "it got in by evicting a stalled handshake: " + j);
            assertEquals(0, j.timeouts(), "no slot was freed by the deadline: " + j);
        }
    }
}
