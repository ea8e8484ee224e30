package io.tickwire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tickwire.net.InMemoryNetwork;
import io.tickwire.net.NetClient;
import io.tickwire.net.NetListener;
import io.tickwire.net.NetPeer;
import io.tickwire.net.ClientConfig;
import io.tickwire.net.NetServer;
import io.tickwire.net.ServerConfig;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The resume ticket table: single use, rotated on each issue, and every refusal named. */
class ResumeTicketsTest {

    private static final io.tickwire.net.protocol.ConnectionConfig CONNECTION =
            io.tickwire.net.replication.GameChannels.builder().build();
    private static final io.tickwire.net.serial.MessageRegistry REGISTRY =
            io.tickwire.net.serial.MessageRegistry.builder().build();

    private static GamePlayer player(NetPeer peer) {
        return new GamePlayer(null, peer, null, null, null);
    }

    @Test
    void aTicketResumesOnceThenReadsUsedAndALeftPlayersTicketReadsExpired() throws Exception {
        io.tickwire.net.sim.ManualClock clock = new io.tickwire.net.sim.ManualClock(1);
        InMemoryNetwork network = new InMemoryNetwork(clock);
        NetListener quiet = new NetListener() { };
        try (NetServer server = NetServer.start(ServerConfig.builder().inMemory(network).connection(CONNECTION).registry(REGISTRY).clock(clock).build(), quiet);
                NetClient a = NetClient.connect(ClientConfig.builder().inMemory(network).connection(CONNECTION).registry(REGISTRY).clock(clock).build(), quiet);
                NetClient b = NetClient.connect(ClientConfig.builder().inMemory(network).connection(CONNECTION).registry(REGISTRY).clock(clock).build(), quiet)) {
            for (int i = 0; i < 5; i++) {
                server.update(clock.advanceNanos(10_000_000));
                a.poll(clock.nanoTime());
                b.poll(clock.nanoTime());
            }
            GamePlayer pa = player(server.peers().get(0));
            GamePlayer pb = player(server.peers().get(1));
            ResumeTickets t = new ResumeTickets(new Random(5), 2);
            byte[] first = t.issue(pa);
            assertEquals(ResumeTickets.TICKET_BYTES, first.length);
            byte[] other = t.issue(pb);
            assertEquals(ResumeVerdict.OK, t.redeem(first));
            assertSame(pa, t.redeemed());
            assertEquals(ResumeVerdict.USED, t.redeem(first), "single use");
            byte[] second = t.issue(pa);
            assertFalse(java.util.Arrays.equals(first, second), "rotated");
            assertEquals(ResumeVerdict.UNKNOWN, t.redeem(new byte[ResumeTickets.TICKET_BYTES]));
            assertEquals(ResumeVerdict.MALFORMED, t.redeem(new byte[3]));
            t.playerLeft(pb);
            assertEquals(ResumeVerdict.EXPIRED, t.redeem(other));
            assertEquals(1, t.liveCount());
            // Remembered refusals are bounded (2 here): the oldest is forgotten and reads UNKNOWN.
            t.playerLeft(pa);
            assertEquals(ResumeVerdict.UNKNOWN, t.redeem(first));
            assertEquals(ResumeVerdict.EXPIRED, t.redeem(second));
        }
    }
}
