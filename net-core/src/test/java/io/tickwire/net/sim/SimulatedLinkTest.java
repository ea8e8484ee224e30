package io.tickwire.net.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.transport.DatagramLink;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SimulatedLinkTest {

    @Test
    void outgoingDatagramsAreDelayedThenForwardedToTheWrappedLink() throws IOException {
        ManualClock clock = new ManualClock();
        // The wrapped link is itself a perfect in-memory pair; the decorator adds 50 ms on the way out.
        InMemoryLinkPair wire = new InMemoryLinkPair(clock, NetworkConditions.PERFECT, 1);
        SimulatedLink link = SimulatedLink.outgoingOnly(wire.first(), clock,
                NetworkConditions.PERFECT.withLatencyMillis(50), 99);
        byte[] buf = {42};
        link.send(buf, 0, 1);
        byte[] in = new byte[1500];
        clock.advanceMillis(49);
        link.receive(in, 0, in.length); // drives the decorator: nothing due yet
        assertEquals(DatagramLink.NOTHING_RECEIVED, wire.second().receive(in, 0, in.length));
        clock.advanceMillis(1);
        link.receive(in, 0, in.length);
        assertEquals(1, wire.second().receive(in, 0, in.length));
        assertEquals(42, in[0]);
    }

    @Test
    void incomingDatagramsGoThroughTheIncomingSimulator() throws IOException {
        ManualClock clock = new ManualClock();
        InMemoryLinkPair wire = new InMemoryLinkPair(clock, NetworkConditions.PERFECT, 1);
        NetworkSimulator out = new NetworkSimulator(NetworkConditions.PERFECT, 1, 64, 1500);
        NetworkSimulator inSim = new NetworkSimulator(NetworkConditions.PERFECT.withLatencyMillis(20)
                .withDuplicatePercent(100), 2, 64, 1500);
        SimulatedLink link = new SimulatedLink(wire.first(), clock, out, inSim);
        wire.second().send(new byte[] {7}, 0, 1);
        byte[] in = new byte[1500];
        assertEquals(DatagramLink.NOTHING_RECEIVED, link.receive(in, 0, in.length));
        clock.advanceMillis(20);
        assertEquals(1, link.receive(in, 0, in.length));
        assertEquals(1, link.receive(in, 0, in.length));
        assertEquals(DatagramLink.NOTHING_RECEIVED, link.receive(in, 0, in.length));
        assertEquals(1, inSim.duplicated());
    }

    @Test
    void lossOnTheDecoratorIsSilentAndCounted() throws IOException {
        ManualClock clock = new ManualClock();
        InMemoryLinkPair wire = new InMemoryLinkPair(clock, NetworkConditions.PERFECT, 1);
        SimulatedLink link = SimulatedLink.outgoingOnly(wire.first(), clock,
                NetworkConditions.PERFECT.withLossPercent(50), 5);
        byte[] buf = new byte[100];
        for (int i = 0; i < 1000; i++) {
            link.send(buf, 0, 100);
        }
        int arrived = 0;
        while (wire.second().receive(buf, 0, 100) >= 0) {
            arrived++;
        }
        assertEquals(1000 - link.outgoing().droppedByLoss(), arrived);
        assertTrue(arrived > 400 && arrived < 600, "arrived " + arrived);
    }

    @Test
    void closedLinkFailsAndClosesTheWrappedLink() {
        ManualClock clock = new ManualClock();
        InMemoryLinkPair wire = new InMemoryLinkPair(clock, NetworkConditions.PERFECT, 1);
        SimulatedLink link = SimulatedLink.outgoingOnly(wire.first(), clock, NetworkConditions.PERFECT, 5);
        link.close();
        link.close();
        assertThrows(IOException.class, () -> link.send(new byte[1], 0, 1));
        assertThrows(IOException.class, () -> wire.first().send(new byte[1], 0, 1));
    }
}
