package io.tickwire.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.Messages.Chat;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.protocol.SendStatus;
import io.tickwire.net.transport.ThreadingMode;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The "a mode runs everything on the caller's thread": a DTLS server whose update reads the socket itself. */
class InvokerThreadingTest {

    private static final ServerIdentity IDENTITY = ServerIdentity.generate("tickwire-invoker-test");

    @Test
    void invokerModeServerReadsTheSocketInsideUpdateWithNoReaderThread() throws Exception {
        try (NetHarness h = DtlsLoopbackHarness.start(IDENTITY, b -> b.threading(ThreadingMode.INVOKER),
                UnaryOperator.identity())) {
            assertEquals(ThreadingMode.INVOKER, h.server.config().threading());
            String readerName = "tickwire-dtls-reader-" + h.server.localAddress().getPort();
            assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(readerName)),
                    "no socket reader thread in INVOKER mode");

            h.addClient(Messages.registry());
            assertTrue(h.runUntil(() -> h.clients.get(0).isConnected() && h.serverEvents.connected.size() == 1, 20_000));
            assertEquals(SendStatus.QUEUED, h.clients.get(0).send(new Chat(0, 1, "read by update"), Messages.ORDERED));
            assertTrue(h.runUntil(() -> h.serverEvents.messages(Chat.class, Messages.ORDERED).size() == 1, 20_000));
            assertEquals(SendStatus.QUEUED, h.serverEvents.connected.get(0).send(new Chat(9, 2, "back"), Messages.ORDERED));
            assertTrue(h.runUntil(() -> h.clientEvents.get(0).messages(Chat.class, Messages.ORDERED).size() == 1, 20_000));
            Thread me = Thread.currentThread();
            assertTrue(h.serverEvents.threads.stream().allMatch(t -> t == me), "every server callback on the caller");
            assertTrue(h.clientEvents.get(0).threads.stream().allMatch(t -> t == me), "every client callback on the caller");
        }
    }

    @Test
    void threadingIsRefusedForAnInMemoryServer() {
        ServerConfig.Builder b = ServerConfig.builder().inMemory(new InMemoryNetwork(NanoClock.SYSTEM))
                .connection(Messages.connection()).registry(Messages.registry()).threading(ThreadingMode.INVOKER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("threading"), e.getMessage());
    }
}
