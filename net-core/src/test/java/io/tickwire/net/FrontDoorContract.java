package io.tickwire.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.Messages.Blob;
import io.tickwire.net.Messages.Chat;
import io.tickwire.net.Messages.Position;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.protocol.SendStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test body for the front door, run over in-memory links and over real DTLS on loopback. */
abstract class FrontDoorContract {

    static final int CLIENTS = 3;
    static final int CHATS = 20;
    static final int POSITIONS = 5;

    NetHarness h;

    abstract NetHarness newHarness() throws Exception;

    /** Steps allowed for a phase (the DTLS harness needs more, each step being a short real wait). */
    abstract int maxSteps();

    @BeforeEach
    void start() throws Exception {
        h = newHarness();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private void connectAll() {
        for (int i = 0; i < CLIENTS; i++) {
            h.addClient(Messages.registry());
        }
        assertTrue(h.runUntil(() -> h.serverEvents.connected.size() == CLIENTS
                && h.clients.stream().allMatch(NetClient::isConnected), maxSteps()),
                "all clients connect; server errors " + h.serverEvents.errors + ", client events "
                        + h.clientEvents.get(0).disconnected);
    }

    /** Each client says hello on the ordered channel; returns server peer -> client index. */
    private Map<NetPeer, Integer> identify() {
        for (int i = 0; i < CLIENTS; i++) {
            assertEquals(SendStatus.QUEUED, h.clients.get(i).send(new Chat(i, -1, "hello"), Messages.ORDERED));
        }
        assertTrue(h.runUntil(() -> h.serverEvents.messages(Chat.class, Messages.ORDERED).size() >= CLIENTS,
                maxSteps()));
        Map<NetPeer, Integer> byPeer = new HashMap<>();
        for (Recorder.Received r : h.serverEvents.received) {
            if (r.message() instanceof Chat c && c.seq == -1) {
                byPeer.put(r.peer(), c.from);
            }
        }
        assertEquals(CLIENTS, byPeer.size());
        return byPeer;
    }

    @Test
    void serverAndThreeClientsExchangeMessagesOnAllFourChannels() {
        connectAll();
        Map<NetPeer, Integer> byPeer = identify();
        for (int i = 0; i < CLIENTS; i++) {
            NetClient c = h.clients.get(i);
            for (int s = 0; s < CHATS; s++) {
                assertEquals(SendStatus.QUEUED, c.send(new Chat(i, s, "ordered " + s), Messages.ORDERED));
                assertEquals(SendStatus.QUEUED, c.send(new Chat(i, s, "unordered " + s), Messages.UNORDERED));
            }
            for (int t = 0; t < POSITIONS; t++) {
                assertEquals(SendStatus.QUEUED, c.send(new Position(i, t, t, -t), Messages.UNRELIABLE));
                assertEquals(SendStatus.QUEUED, c.send(new Position(i, t, t, -t), Messages.SEQUENCED));
            }
        }
        for (NetPeer peer : h.server.peers()) {
            assertEquals(SendStatus.QUEUED, peer.send(new Chat(0, byPeer.get(peer), "for you"), Messages.ORDERED));
        }
        assertEquals(CLIENTS, h.server.sendToAll(new Chat(0, 99, "to all"), Messages.UNORDERED));
        assertEquals(CLIENTS, h.server.sendToAll(new Position(0, 1, 2f, 3f), Messages.UNRELIABLE));

        assertTrue(h.runUntil(() -> h.serverEvents.messages(Chat.class, Messages.ORDERED).size() == CLIENTS * (CHATS + 1)
                && h.serverEvents.messages(Chat.class, Messages.UNORDERED).size() == CLIENTS * CHATS
                && h.clientEvents.stream().allMatch(r -> r.messages(Chat.class, Messages.ORDERED).size() == 1
                        && r.messages(Chat.class, Messages.UNORDERED).size() == 1), maxSteps()),
                "reliable messages arrive; server errors " + h.serverEvents.errors);
        // Let stragglers (duplicates, if any were possible) show up before counting exactly.
        for (int i = 0; i < 20; i++) {
            h.step();
        }

        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            List<Chat> ordered = h.serverEvents.received.stream()
                    .filter(r -> r.channel() == Messages.ORDERED && byPeer.get(r.peer()) == client)
                    .map(r -> (Chat) r.message()).filter(c -> c.seq >= 0).toList();
            assertEquals(CHATS, ordered.size(), "ordered chats of client " + client);
            for (int s = 0; s < CHATS; s++) {
                assertEquals(new Chat(client, s, "ordered " + s), ordered.get(s), "in order, exactly once");
            }
            Set<Integer> unordered = new HashSet<>();
            h.serverEvents.received.stream()
                    .filter(r -> r.channel() == Messages.UNORDERED && byPeer.get(r.peer()) == client)
                    .forEach(r -> assertTrue(unordered.add(((Chat) r.message()).seq), "no duplicate"));
            assertEquals(CHATS, unordered.size());

            List<Position> unreliable = h.serverEvents.received.stream()
                    .filter(r -> r.channel() == Messages.UNRELIABLE && byPeer.get(r.peer()) == client)
                    .map(r -> (Position) r.message()).toList();
            assertTrue(!unreliable.isEmpty() && unreliable.size() <= POSITIONS, "unreliable: " + unreliable.size());
            List<Position> sequenced = h.serverEvents.received.stream()
                    .filter(r -> r.channel() == Messages.SEQUENCED && byPeer.get(r.peer()) == client)
                    .map(r -> (Position) r.message()).toList();
            assertTrue(!sequenced.isEmpty(), "sequenced messages arrive");
            for (int k = 1; k < sequenced.size(); k++) {
                assertTrue(sequenced.get(k).tick > sequenced.get(k - 1).tick, "sequenced never goes back");
            }

            Recorder events = h.clientEvents.get(i);
            assertEquals(new Chat(0, client, "for you"), events.messages(Chat.class, Messages.ORDERED).get(0));
            assertEquals(new Chat(0, 99, "to all"), events.messages(Chat.class, Messages.UNORDERED).get(0));
            assertTrue(events.messages(Position.class, Messages.UNRELIABLE).size() <= 1);
            assertSame(h.clients.get(i).server(), events.received.get(0).peer());
        }
        // Every callback ran on the thread that called update/poll (this one).
        Thread me = Thread.currentThread();
        assertTrue(h.serverEvents.threads.stream().allMatch(t -> t == me));
        assertTrue(h.clientEvents.stream().allMatch(r -> r.threads.stream().allMatch(t -> t == me)));
        assertTrue(h.serverEvents.errors.isEmpty(), h.serverEvents.errors.toString());
    }

    @Test
    void twoHundredKibMessagesFragmentAndReassembleBothWays() {
        connectAll();
        byte[] up = new byte[200 * 1024];
        byte[] down = new byte[200 * 1024];
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < up.length; i++) {
            up[i] = (byte) rnd.nextInt(256);
            down[i] = (byte) rnd.nextInt(256);
        }
        assertEquals(SendStatus.QUEUED, h.clients.get(1).send(new Blob(1, up), Messages.ORDERED));
        assertTrue(h.runUntil(() -> !h.serverEvents.messages(Blob.class, Messages.ORDERED).isEmpty(), maxSteps()),
                "200 KiB arrives at the server");
        Recorder.Received got = h.serverEvents.received.stream().filter(r -> r.message() instanceof Blob)
                .findFirst().orElseThrow();
        assertArrayEquals(up, ((Blob) got.message()).data);

        assertEquals(SendStatus.QUEUED, got.peer().send(new Blob(2, down), Messages.UNORDERED));
        assertTrue(h.runUntil(() -> !h.clientEvents.get(1).messages(Blob.class, Messages.UNORDERED).isEmpty(),
                maxSteps()), "200 KiB arrives at the client");
        assertArrayEquals(down, h.clientEvents.get(1).messages(Blob.class, Messages.UNORDERED).get(0).data);
        assertEquals(1, h.serverEvents.messages(Blob.class, Messages.ORDERED).size());
    }

    @Test
    void messageOverTheRegistryLimitIsRefusedWithAStatusAndNothingBreaks() {
        connectAll();
        byte[] huge = new byte[300 * 1024];
        assertEquals(SendStatus.MESSAGE_TOO_LARGE, h.clients.get(0).send(new Blob(3, huge), Messages.ORDERED));
        assertEquals(SendStatus.QUEUED, h.clients.get(0).send(new Chat(0, 1, "still fine"), Messages.ORDERED));
        assertTrue(h.runUntil(() -> h.serverEvents.messages(Chat.class, Messages.ORDERED).size() == 1, maxSteps()));
        assertTrue(h.clients.get(0).isConnected());
    }

    @Test
    void registryMismatchIsRefusedAtConnectOnBothSides() {
        h.addClient(Messages.registry());
        NetClient odd = h.addClient(Messages.otherRegistry());
        Recorder oddEvents = h.clientEvents.get(1);
        assertTrue(h.runUntil(() -> !oddEvents.disconnected.isEmpty()
                && h.serverEvents.disconnected.size() == 1 && h.clients.get(0).isConnected(), maxSteps()),
                "mismatch noticed; server " + h.serverEvents.disconnected + " client " + oddEvents.disconnected);
        Recorder.Disconnect clientSide = oddEvents.disconnected.get(0);
        assertEquals(DisconnectReason.REGISTRY_MISMATCH, clientSide.reason(), clientSide.detail());
        Recorder.Disconnect serverSide = h.serverEvents.disconnected.get(0);
        assertEquals(DisconnectReason.REGISTRY_MISMATCH, serverSide.reason(), serverSide.detail());
        assertTrue(oddEvents.connected.isEmpty(), "the mismatched client never connects");
        assertEquals(1, h.serverEvents.connected.size(), "only the matching client connects");
        assertTrue(!odd.isConnected());
        assertTrue(h.runUntil(() -> h.server.peers().size() == 1, maxSteps()),
                "the refused peer is dropped once its DISCONNECT packets are out");
    }

    @Test
    void disconnectReasonsArriveOnBothSides() {
        connectAll();
        Map<NetPeer, Integer> byPeer = identify();
        NetPeer kicked = null;
        for (Map.Entry<NetPeer, Integer> e : byPeer.entrySet()) {
            if (e.getValue() == 0) {
                kicked = e.getKey();
            }
        }
        assertNotNull(kicked);
        kicked.disconnect(DisconnectReason.KICKED, "bye now");
        h.clients.get(1).disconnect();
        assertTrue(h.runUntil(() -> !h.clientEvents.get(0).disconnected.isEmpty()
                && !h.clientEvents.get(1).disconnected.isEmpty() && h.serverEvents.disconnected.size() == 2,
                maxSteps()));
        Recorder.Disconnect c0 = h.clientEvents.get(0).disconnected.get(0);
        assertEquals(DisconnectReason.KICKED, c0.reason());
        assertTrue(c0.detail().contains("bye now"), c0.detail());
        assertEquals(DisconnectReason.KICKED, h.serverEvents.disconnectOf(kicked).reason());
        assertEquals(DisconnectReason.CLOSED_BY_APPLICATION, h.clientEvents.get(1).disconnected.get(0).reason());
        NetPeer peer1 = byPeer.entrySet().stream().filter(e -> e.getValue() == 1).findFirst().orElseThrow().getKey();
        assertEquals(DisconnectReason.CLOSED_BY_APPLICATION, h.serverEvents.disconnectOf(peer1).reason());

        h.server.close();
        assertTrue(h.runUntil(() -> !h.clientEvents.get(2).disconnected.isEmpty(), maxSteps()));
        assertEquals(DisconnectReason.SERVER_SHUTDOWN, h.clientEvents.get(2).disconnected.get(0).reason());
        assertEquals(1, h.clientEvents.get(0).disconnected.size(), "disconnected is reported once");
    }
}
