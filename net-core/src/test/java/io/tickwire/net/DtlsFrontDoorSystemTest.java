package io.tickwire.net;

import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.serial.MessageRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.locks.LockSupport;

/**
 * System test: the front-door contract over real DTLS 1.2 on loopback (one server UDP socket,
 * cookie exchange, handshake workers, pinned server fingerprint). Time is the real clock; every
 * phase is bounded by a step count, and nothing asserts on timing.
 */
class DtlsFrontDoorSystemTest extends FrontDoorContract {

    private static final ServerIdentity IDENTITY = ServerIdentity.generate("tickwire-front-door-test");

    @Override
    NetHarness newHarness() throws Exception {
        NetHarness harness = new NetHarness() {
            @Override
            NetClient newClient(MessageRegistry registry, Recorder events) {
                int port = server.localAddress().getPort();
                return NetClient.connect(ClientConfig.builder()
                        .server("127.0.0.1", port, ServerTrust.pinned(server.fingerprint()))
                        .connection(Messages.connection()).registry(registry).build(), events);
            }

            @Override
            long now() {
                return System.nanoTime();
            }

            @Override
            void advance() {
                LockSupport.parkNanos(500_000L);
            }
        };
        harness.server = NetServer.start(ServerConfig.builder()
                .dtls(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), IDENTITY)
                .connection(Messages.connection()).registry(Messages.registry()).build(), harness.serverEvents);
        return harness;
    }

    @Override
    int maxSteps() {
        return 20_000;
    }
}
