package io.tickwire.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.protocol.SendStatus;
import io.tickwire.net.sim.ManualClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Raw byte messages: sent with sendBytes, taken by a RawMessageHandler, beside registry messages on other channels. */
class RawMessagesTest {

    private final ManualClock clock = new ManualClock(1_000_000_000L);

    @Test
    void rawBytesTravelBothWaysBesideDecodedMessages() throws Exception {
        InMemoryNetwork network = new InMemoryNetwork(clock);
        Recorder serverEvents = new Recorder();
        Recorder clientEvents = new Recorder();
        List<byte[]> atServer = new ArrayList<>();
        List<byte[]> atClient = new ArrayList<>();
        try (NetServer server = NetServer.start(ServerConfig.builder().inMemory(network).connection(Messages.connection())
                .registry(Messages.registry()).clock(clock).build(), serverEvents);
             NetClient client = NetClient.connect(ClientConfig.builder().inMemory(network).connection(Messages.connection())
                .registry(Messages.registry()).clock(clock).build(), clientEvents)) {
            server.setRawHandler(Messages.ORDERED, (peer, ch, buf, off, len) -> atServer.add(Arrays.copyOfRange(buf, off, off + len)));
            client.setRawHandler(Messages.ORDERED, (peer, ch, buf, off, len) -> atClient.add(Arrays.copyOfRange(buf, off, off + len)));
            assertEquals(SendStatus.NOT_CONNECTED, client.sendBytes(new byte[] {1}, 0, 1, Messages.ORDERED));
            for (int i = 0; i < 100 && !(client.isConnected() && serverEvents.connected.size() == 1); i++) {
                long now = clock.advanceMillis(5);
                server.update(now);
                client.poll(now);
            }
            assertTrue(client.isConnected());
            byte[] payload = {9, 8, 7, 6, 5};
            assertEquals(SendStatus.QUEUED, client.sendBytes(payload, 1, 3, Messages.ORDERED));
            assertEquals(SendStatus.QUEUED, client.send(new Messages.Chat(1, 2, "decoded"), Messages.UNORDERED));
            assertEquals(SendStatus.QUEUED, serverEvents.connected.get(0).sendBytes(payload, 0, 5, Messages.ORDERED));
            for (int i = 0; i < 20; i++) {
                long now = clock.advanceMillis(5);
                server.update(now);
                client.poll(now);
            }
            assertEquals(1, atServer.size());
            assertArrayEquals(new byte[] {8, 7, 6}, atServer.get(0));
            assertEquals(1, atClient.size());
            assertArrayEquals(payload, atClient.get(0));
            assertEquals(1, serverEvents.received.size(), "the registry channel still decodes");
            assertTrue(serverEvents.received.get(0).message() instanceof Messages.Chat);
            int limit = client.server().maxMessageSize(Messages.ORDERED);
            assertTrue(limit > 0);
            assertEquals(SendStatus.MESSAGE_TOO_LARGE, client.sendBytes(new byte[limit + 1], 0, limit + 1, Messages.ORDERED));
            assertThrows(IllegalArgumentException.class, () -> server.setRawHandler(99, (p, c, b, o, l) -> { }));
        }
    }

    @Test
    void aHandlerThatThrowsDropsOnlyThatPeerWithProtocolError() throws Exception {
        InMemoryNetwork network = new InMemoryNetwork(clock);
        Recorder serverEvents = new Recorder();
        Recorder badEvents = new Recorder();
        Recorder goodEvents = new Recorder();
        try (NetServer server = NetServer.start(ServerConfig.builder().inMemory(network).connection(Messages.connection())
                .registry(Messages.registry()).clock(clock).build(), serverEvents);
             NetClient bad = NetClient.connect(ClientConfig.builder().inMemory(network).connection(Messages.connection())
                .registry(Messages.registry()).clock(clock).build(), badEvents);
             NetClient good = NetClient.connect(ClientConfig.builder().inMemory(network).connection(Messages.connection())
                .registry(Messages.registry()).clock(clock).build(), goodEvents)) {
            server.setRawHandler(Messages.ORDERED, (peer, ch, buf, off, len) -> {
                if (len == 0) {
                    throw new IllegalArgumentException("empty frame");
                }
            });
            for (int i = 0; i < 100 && !(bad.isConnected() && good.isConnected()); i++) {
                long now = clock.advanceMillis(5);
                server.update(now);
                bad.poll(now);
                good.poll(now);
            }
            assertEquals(SendStatus.QUEUED, bad.sendBytes(new byte[0], 0, 0, Messages.ORDERED));
            assertEquals(SendStatus.QUEUED, good.sendBytes(new byte[1], 0, 1, Messages.ORDERED));
            for (int i = 0; i < 40; i++) {
                long now = clock.advanceMillis(5);
                server.update(now);
                bad.poll(now);
                good.poll(now);
            }
            assertEquals(1, badEvents.disconnected.size());
            assertEquals(DisconnectReason.PROTOCOL_ERROR, badEvents.disconnected.get(0).reason());
            assertTrue(badEvents.disconnected.get(0).detail().contains("empty frame"), badEvents.disconnected.get(0).detail());
            assertTrue(good.isConnected(), "the other client is not disturbed");
            assertTrue(serverEvents.errors.stream().anyMatch(e -> e.contains("raw handler of channel")), serverEvents.errors.toString());
        }
    }
}
