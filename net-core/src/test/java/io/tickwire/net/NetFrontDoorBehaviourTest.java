package io.tickwire.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tickwire.net.Messages.Blob;
import io.tickwire.net.Messages.Chat;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.protocol.SendStatus;
import io.tickwire.net.serial.MessageRegistry;
import io.tickwire.net.sim.ManualClock;
import io.tickwire.net.sim.NetworkConditions;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Front-door rules that need no DTLS: threads, errors, limits, and a lossy in-memory network. */
class NetFrontDoorBehaviourTest {

    private final ManualClock clock = new ManualClock(1_000_000_000L);

    private NetServer server(InMemoryNetwork network, NetListener listener, MessageRegistry registry) throws Exception {
        return NetServer.start(ServerConfig.builder().inMemory(network).connection(Messages.connection())
                .registry(registry).clock(clock).build(), listener);
    }

    private NetClient client(InMemoryNetwork network, NetListener listener, MessageRegistry registry) {
        return NetClient.connect(ClientConfig.builder().inMemory(network).connection(Messages.connection())
                .registry(registry).clock(clock).build(), listener);
    }

    private static boolean pump(ManualClock clock, NetServer server, NetClient[] clients,
            java.util.function.BooleanSupplier done, int maxSteps) {
        for (int i = 0; i < maxSteps && !done.getAsBoolean(); i++) {
            long now = clock.advanceMillis(5);
            server.update(now);
            for (NetClient c : clients) {
                c.poll(now);
            }
        }
        return done.getAsBoolean();
    }

    @Test
    void sendingAnUnregisteredClassNamesTheClassAndTheRegisterCall() throws Exception {
        InMemoryNetwork network = new InMemoryNetwork(clock);
        Recorder events = new Recorder();
        try (NetServer server = server(network, new Recorder(), Messages.registry());
             NetClient client = client(network, events, Messages.registry())) {
            assertTrue(pump(clock, server, new NetClient[] {client}, client::isConnected, 100));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> client.send(new Messages.Extra(), Messages.ORDERED));
            assertTrue(e.getMessage().contains(Messages.Extra.class.getName()), e.getMessage());
            assertTrue(e.getMessage().contains(".register(io.tickwire.net.Messages.Extra.class, <id>)"), e.getMessage());
            assertTrue(client.isConnected(), "a refused send does not hurt the connection");
        }
    }

    @Test
    void sendingFromAnotherThreadIsRefusedNamingBothThreads() throws Exception {
        InMemoryNetwork network = new InMemoryNetwork(clock);
        try (NetServer server = server(network, new Recorder(), Messages.registry());
             NetClient client = client(network, new Recorder(), Messages.registry())) {
            assertTrue(pump(clock, server, new NetClient[] {client}, client::isConnected, 100));
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    client.send(new Chat(1, 1, "x"), Messages.ORDERED);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }, "not-the-render-thread");
            other.start();
            other.join();
            assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
            assertTrue(thrown.get().getMessage().contains("not-the-render-thread"), thrown.get().getMessage());
            assertTrue(thrown.get().getMessage().contains(Thread.currentThread().getName()), thrown.get().getMessage());
        }
    }

    /** Writes one extra byte when {@code evil}; same class on both sides, so the registries hash the same. */
    static final class TwoFacedSerializer extends Serializer<Blob> {
        private final boolean evil;

        TwoFacedSerializer(boolean evil) {
            this.evil = evil;
        }

        @Override
        public void write(Kryo kryo, Output output, Blob blob) {
            output.writeVarInt(blob.id, true);
            if (evil) {
                output.writeByte(0x7F);
            }
        }

        @Override
        public Blob read(Kryo kryo, Input input, Class<? extends Blob> type) {
            return new Blob(input.readVarInt(true), null);
        }
    }

    private static MessageRegistry registryWith(boolean evil) {
        return MessageRegistry.builder().register(Chat.class, 16).register(Messages.Position.class, 17)
                .register(Blob.class, 18, () -> new TwoFacedSerializer(evil)).register(byte[].class, 19).build();
    }

    @Test
    void undecodableMessageDropsOnlyThatPeerWithProtocolError() throws Exception {
        InMemoryNetwork network = new InMemoryNetwork(clock);
        Recorder serverEvents = new Recorder();
        Recorder badEvents = new Recorder();
        Recorder goodEvents = new Recorder();
        MessageRegistry honest = registryWith(false);
        assertEquals(honest.hash(), registryWith(true).hash());
        try (NetServer server = server(network, serverEvents, honest);
             NetClient bad = client(network, badEvents, registryWith(true));
             NetClient good = client(network, goodEvents, honest)) {
            NetClient[] both = {bad, good};
            assertTrue(pump(clock, server, both, () -> bad.isConnected() && good.isConnected(), 100));
            assertEquals(SendStatus.QUEUED, bad.send(new Blob(5, null), Messages.ORDERED));
            assertTrue(pump(clock, server, both, () -> !badEvents.disconnected.isEmpty(), 500));
            assertEquals(DisconnectReason.PROTOCOL_ERROR, badEvents.disconnected.get(0).reason());
            Recorder.Disconnect serverSide = serverEvents.disconnected.get(0);
            assertEquals(DisconnectReason.PROTOCOL_ERROR, serverSide.reason());
            assertTrue(serverSide.detail().contains("trailing bytes"), serverSide.detail());
            assertEquals(1, server.decodeFailures());
            assertTrue(serverEvents.errors.get(0).contains("undecodable message on channel 2"), serverEvents.errors.get(0));
            // The other client noticed nothing.
            assertEquals(SendStatus.QUEUED, good.send(new Chat(2, 0, "still here"), Messages.ORDERED));
            assertTrue(pump(clock, server, both, () -> !serverEvents.messages(Chat.class, Messages.ORDERED).isEmpty(), 100));
            assertTrue(good.isConnected());
            assertTrue(goodEvents.disconnected.isEmpty());
        }
    }

    @Test
    void aThrowingListenerIsReportedAndTheServerGoesOn() throws Exception {
        InMemoryNetwork network = new InMemoryNetwork(clock);
        Recorder serverEvents = new Recorder() {
            @Override
            public void received(NetPeer peer, Object message, int channel) {
                super.received(peer, message, channel);
                throw new IllegalStateException("game bug");
            }
        };
        try (NetServer server = server(network, serverEvents, Messages.registry());
             NetClient client = client(network, new Recorder(), Messages.registry())) {
            NetClient[] one = {client};
            assertTrue(pump(clock, server, one, client::isConnected, 100));
            client.send(new Chat(1, 0, "a"), Messages.ORDERED);
            client.send(new Chat(1, 1, "b"), Messages.ORDERED);
            assertTrue(pump(clock, server, one, () -> serverEvents.received.size() == 2, 100));
            assertEquals(2, serverEvents.errors.size());
            assertTrue(serverEvents.errors.get(0).contains("game bug"), serverEvents.errors.get(0));
            assertTrue(client.isConnected());
        }
    }

    @Test
    void reliableMessagesArriveExactlyOnceOverALossyDuplicatingNetwork() throws Exception {
        NetworkConditions bad = NetworkConditions.PERFECT.withLatencyMillis(40).withJitterMillis(10)
                .withLossPercent(20).withDuplicatePercent(10).withReorderPercent(10);
        InMemoryNetwork network = new InMemoryNetwork(clock, bad, 99);
        Recorder serverEvents = new Recorder();
        try (NetServer server = server(network, serverEvents, Messages.registry());
             NetClient client = client(network, new Recorder(), Messages.registry())) {
            NetClient[] one = {client};
            assertTrue(pump(clock, server, one, client::isConnected, 2_000));
            for (int i = 0; i < 200; i++) {
                assertEquals(SendStatus.QUEUED, client.send(new Chat(1, i, "m" + i), i % 2 == 0 ? Messages.ORDERED
                        : Messages.UNORDERED));
            }
            assertTrue(pump(clock, server, one, () -> serverEvents.received.size() >= 200, 20_000));
            pump(clock, server, one, () -> false, 200);
            assertEquals(200, serverEvents.received.size(), "exactly once");
            int expected = 0;
            Set<Integer> seen = new HashSet<>();
            for (Recorder.Received r : serverEvents.received) {
                Chat c = (Chat) r.message();
                assertTrue(seen.add(c.seq));
                if (r.channel() == Messages.ORDERED) {
                    assertEquals(expected, c.seq, "ordered channel keeps order");
                    expected += 2;
                }
            }
            assertTrue(client.stats().resends() > 0, "loss forced resends");
        }
    }

    @Test
    void simulatedConditionsChangeAtRunTimeOnBothSides() throws Exception {
        InMemoryNetwork network = new InMemoryNetwork(clock);
        Recorder serverEvents = new Recorder();
        try (NetServer server = NetServer.start(ServerConfig.builder().inMemory(network)
                .connection(Messages.connection()).registry(Messages.registry()).clock(clock)
                .simulate(NetworkConditions.PERFECT, 5).build(), serverEvents);
             NetClient client = NetClient.connect(ClientConfig.builder().inMemory(network)
                     .connection(Messages.connection()).registry(Messages.registry()).clock(clock)
                     .simulate(NetworkConditions.PERFECT, 6).build(), new Recorder())) {
            NetClient[] one = {client};
            assertTrue(pump(clock, server, one, client::isConnected, 200));
            for (int i = 0; i < 20; i++) {
                client.send(new Chat(1, i, "fast"), Messages.ORDERED);
                pump(clock, server, one, () -> false, 4);
            }
            long fastRtt = client.stats().smoothedRttNanos();
            assertTrue(fastRtt < 30_000_000L, "no simulated latency yet: " + fastRtt);

            NetworkConditions slow = NetworkConditions.PERFECT.withLatencyMillis(100);
            server.setSimulatedConditions(slow);
            client.setSimulatedConditions(slow);
            for (int i = 0; i < 200; i++) {
                client.send(new Chat(1, 100 + i, "slow"), Messages.ORDERED);
                pump(clock, server, one, () -> false, 4);
            }
            long slowRtt = client.stats().smoothedRttNanos();
            assertTrue(slowRtt >= 190_000_000L, "both directions now add 100 ms: rtt " + slowRtt);
            assertTrue(client.isConnected());
        }
    }

    @Test
    void simulatorControlsRefuseWhenTheSimulatorIsOff() throws Exception {
        InMemoryNetwork network = new InMemoryNetwork(clock);
        try (NetServer server = server(network, new Recorder(), Messages.registry())) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> server.setSimulatedConditions(NetworkConditions.PERFECT));
            assertTrue(e.getMessage().contains("ServerConfig.Builder.simulate"), e.getMessage());
        }
    }

    @Test
    void configurationErrorsNameTheMissingOrBadValue() {
        IllegalArgumentException noTransport = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().connection(Messages.connection()).registry(Messages.registry()).build());
        assertTrue(noTransport.getMessage().contains("dtls(bindAddress, identity) or inMemory(network)"));
        IllegalArgumentException noRegistry = assertThrows(IllegalArgumentException.class,
                () -> ClientConfig.builder().inMemory(new InMemoryNetwork(clock)).connection(Messages.connection()).build());
        assertTrue(noRegistry.getMessage().contains("registry"), noRegistry.getMessage());
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().inMemory(new InMemoryNetwork(clock)).connection(Messages.connection())
                        .registry(MessageRegistry.builder().maxMessageSize(1 << 20).build()).build());
        assertTrue(tooBig.getMessage().contains("registry maxMessageSize 1048576 exceeds the connection's maxMessageSize"),
                tooBig.getMessage());
        IllegalArgumentException badMax = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().inMemory(new InMemoryNetwork(clock)).connection(Messages.connection())
                        .registry(Messages.registry()).maxConnections(0).build());
        assertTrue(badMax.getMessage().contains("maxConnections must be at least 1, was 0"));
    }

    @Test
    void serverFullRefusesTheExtraClientWithServerFull() throws Exception {
        InMemoryNetwork network = new InMemoryNetwork(clock);
        Recorder extraEvents = new Recorder();
        try (NetServer server = NetServer.start(ServerConfig.builder().inMemory(network).connection(Messages.connection())
                .registry(Messages.registry()).clock(clock).maxConnections(1).build(), new Recorder());
             NetClient first = client(network, new Recorder(), Messages.registry());
             NetClient extra = client(network, extraEvents, Messages.registry())) {
            NetClient[] both = {first, extra};
            assertTrue(pump(clock, server, both, () -> first.isConnected() && !extraEvents.disconnected.isEmpty(), 500));
            assertEquals(DisconnectReason.SERVER_FULL, extraEvents.disconnected.get(0).reason());
            assertTrue(first.isConnected());
        }
    }
}
