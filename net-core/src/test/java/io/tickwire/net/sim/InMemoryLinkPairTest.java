package io.tickwire.net.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickwire.net.transport.DatagramLink;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InMemoryLinkPairTest {

    @Test
    void datagramsCrossInBothDirectionsAfterEachDirectionsLatency() throws IOException {
        ManualClock clock = new ManualClock();
        InMemoryLinkPair pair = new InMemoryLinkPair(clock, NetworkConditions.PERFECT.withLatencyMillis(10),
                NetworkConditions.PERFECT.withLatencyMillis(30), 1, 64, 1200);
        DatagramLink a = pair.first();
        DatagramLink b = pair.second();
        byte[] hello = {1, 2, 3};
        byte[] world = {9, 8, 7, 6};
        a.send(hello, 0, 3);
        b.send(world, 0, 4);
        byte[] in = new byte[1200];
        assertEquals(DatagramLink.NOTHING_RECEIVED, b.receive(in, 0, in.length));
        clock.advanceMillis(10);
        assertEquals(3, b.receive(in, 0, in.length));
        assertArrayEquals(hello, Arrays.copyOf(in, 3));
        assertEquals(DatagramLink.NOTHING_RECEIVED, a.receive(in, 0, in.length));
        clock.advanceMillis(20);
        assertEquals(4, a.receive(in, 0, in.length));
        assertArrayEquals(world, Arrays.copyOf(in, 4));
        assertEquals(1, pair.firstToSecond().delivered());
        assertEquals(1, pair.secondToFirst().delivered());
        assertEquals(1200, a.maxPayloadSize());
    }

    @Test
    void oversizedSendIsRefusedNamingTheLimitAndClosedEndpointFails() throws IOException {
        InMemoryLinkPair pair = new InMemoryLinkPair(new ManualClock(), NetworkConditions.PERFECT,
                NetworkConditions.PERFECT, 1, 8, 100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pair.first().send(new byte[101], 0, 101));
        assertEquals("datagram of 101 bytes exceeds maxPayloadSize 100", e.getMessage());
        pair.first().close();
        assertThrows(IOException.class, () -> pair.first().send(new byte[1], 0, 1));
        // The other side lives on and simply hears nothing.
        assertEquals(DatagramLink.NOTHING_RECEIVED, pair.second().receive(new byte[100], 0, 100));
        pair.second().send(new byte[1], 0, 1);
    }

    @Test
    void eachDirectionCanBeDegradedAlone() throws IOException {
        ManualClock clock = new ManualClock();
        InMemoryLinkPair pair = new InMemoryLinkPair(clock, NetworkConditions.PERFECT, 3);
        pair.firstToSecond().setConditions(NetworkConditions.PERFECT.withLossPercent(100));
        byte[] buf = new byte[16];
        for (int i = 0; i < 50; i++) {
            pair.first().send(buf, 0, 16);
            pair.second().send(buf, 0, 16);
        }
        int atSecond = 0;
        int atFirst = 0;
        while (pair.second().receive(buf, 0, 16) >= 0) {
            atSecond++;
        }
        while (pair.first().receive(buf, 0, 16) >= 0) {
            atFirst++;
        }
        assertEquals(0, atSecond);
        assertEquals(50, atFirst);
        assertEquals(50, pair.firstToSecond().droppedByLoss());
    }
}
