package io.tickwire.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A relay between a real client and the real endpoint modifies and replays application records. */
@Timeout(60)
class TamperAndReplayTest {

    @Test
    void tamperedRecordsAreDroppedCountedAndTheConnectionLivesOn() throws Exception {
        try (EndpointHarness h = new EndpointHarness();
                MutatingRelay relay = new MutatingRelay(h.server.localAddress())) {
            DtlsClientLink c = h.connect(1, relay.address()).get(0);
            DtlsPeerLink s = h.serverLinks.get(0);
            EndpointHarness.send(c, "clean 1");
            assertEquals("clean 1", EndpointHarness.receiveOne(s));

            relay.tamperToServer.set(1);
            EndpointHarness.send(c, "tampered up");
            EndpointHarness.send(c, "clean 2");
            assertEquals("clean 2", EndpointHarness.receiveOne(s), "the modified record never arrives");
            assertEquals(1, h.server.stats().drops(DropReason.TAMPERED));

            relay.tamperToClient.set(1);
            EndpointHarness.send(s, "tampered down");
            EndpointHarness.send(s, "clean 3");
            assertEquals("clean 3", EndpointHarness.receiveOne(c));
            assertEquals(1, c.drops(DropReason.TAMPERED));

            EndpointHarness.send(c, "still alive");
            assertEquals("still alive", EndpointHarness.receiveOne(s));
            EndpointHarness.assertNothingMore(s);
            assertEquals(0, h.server.stats().drops(DropReason.REPLAYED));
        }
    }

    @Test
    void replayedRecordsAreDeliveredOnceAndCountedAsReplays() throws Exception {
        try (EndpointHarness h = new EndpointHarness();
                MutatingRelay relay = new MutatingRelay(h.server.localAddress())) {
            DtlsClientLink c = h.connect(1, relay.address()).get(0);
            DtlsPeerLink s = h.serverLinks.get(0);

            relay.duplicateToServer.set(1);
            EndpointHarness.send(c, "once");
            assertEquals("once", EndpointHarness.receiveOne(s));
            EndpointHarness.send(c, "next");
            assertEquals("next", EndpointHarness.receiveOne(s), "the immediate duplicate is not delivered");

            relay.replayStored();
            EndpointHarness.send(c, "after replay");
            assertEquals("after replay", EndpointHarness.receiveOne(s), "the late replay is not delivered");
            EndpointHarness.assertNothingMore(s);
            assertEquals(2, h.server.stats().drops(DropReason.REPLAYED));
            assertEquals(0, h.server.stats().drops(DropReason.TAMPERED));

            EndpointHarness.send(s, "reply");
            assertEquals("reply", EndpointHarness.receiveOne(c));
            InetSocketAddress relayBack = (InetSocketAddress) relay.back.getLocalAddress();
            assertEquals(relayBack, s.remoteAddress());
        }
    }
}
