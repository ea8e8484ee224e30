package io.tickwire.net;

import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.serial.MessageRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * A {@link NetHarness} over real DTLS 1.2 on loopback: one server on an ephemeral port with
 * {@link Messages}' connection config and registry, clients that pin the server's fingerprint,
 * the real clock, and a 0.5 ms park per step. The set-up every DTLS front-door test shared;
 * each test adds only what differs (threading, simulator, linger) through the two hooks.
 */
final class DtlsLoopbackHarness extends NetHarness {

    private final UnaryOperator<ClientConfig.Builder> clientSetup;

    private DtlsLoopbackHarness(UnaryOperator<ClientConfig.Builder> clientSetup) {
        this.clientSetup = clientSetup;
    }

    /** Starts a plain DTLS server with {@code identity}; clients get the plain client config. */
    static DtlsLoopbackHarness start(ServerIdentity identity) throws IOException {
        return start(identity, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * Starts a DTLS server with {@code identity}; {@code serverSetup} adds to the server's builder
     * before it is built, {@code clientSetup} to every client's builder (it may keep state, such as
     * a seed counter: it runs once per {@link #addClient}, on the test thread).
     */
    static DtlsLoopbackHarness start(ServerIdentity identity, UnaryOperator<ServerConfig.Builder> serverSetup,
                                     UnaryOperator<ClientConfig.Builder> clientSetup) throws IOException {
        DtlsLoopbackHarness h = new DtlsLoopbackHarness(clientSetup);
        h.server = NetServer.start(serverSetup.apply(ServerConfig.builder()
                .dtls(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), identity)
                .connection(Messages.connection()).registry(Messages.registry())).build(), h.serverEvents);
        return h;
    }

    @Override
    NetClient newClient(MessageRegistry registry, Recorder events) {
        return NetClient.connect(clientSetup.apply(ClientConfig.builder()
                .server("127.0.0.1", server.localAddress().getPort(), ServerTrust.pinned(server.fingerprint()))
                .connection(Messages.connection()).registry(registry)).build(), events);
    }

    @Override
    long now() {
        return System.nanoTime();
    }

    @Override
    void advance() {
        LockSupport.parkNanos(500_000L);
    }
}
