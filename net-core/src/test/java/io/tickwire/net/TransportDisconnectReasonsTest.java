package io.tickwire.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.dtls.DtlsConfig;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.sim.ManualClock;
import io.tickwire.net.sim.NetworkConditions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The transport's own disconnect reasons (wire codes 64..199), each reached for real. */
class TransportDisconnectReasonsTest {

    private static final ServerIdentity IDENTITY = ServerIdentity.generate("tickwire-transport-reasons");

    @Test
    void transportReasonsUseTheTransportCodeRange() {
        for (DisconnectReason r : new DisconnectReason[] {DisconnectReason.TRANSPORT_FAILED,
                DisconnectReason.DTLS_ALERT, DisconnectReason.HANDSHAKE_TIMEOUT}) {
            assertTrue(r.code() >= 64 && r.code() <= 199, r + " " + r.code());
            assertEquals(r, DisconnectReason.fromCode(r.code()));
        }
    }

    @Test
    void clientPointedAtASilentPortReportsHandshakeTimeout() throws Exception {
        try (DatagramChannel silent = DatagramChannel.open()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) silent.getLocalAddress()).getPort();
            Recorder events = new Recorder();
            NetClient client = NetClient.connect(ClientConfig.builder()
                    .server("127.0.0.1", port, ServerTrust.pinned(IDENTITY.fingerprint()))
                    .dtlsConfig(new DtlsConfig(300, 100))
                    .connection(Messages.connection()).registry(Messages.registry()).build(), events);
            try {
                boolean alive = true;
                for (int i = 0; i < 20_000 && alive; i++) {
                    LockSupport.parkNanos(500_000L);
                    alive = client.poll(System.nanoTime());
                }
                assertEquals(1, events.disconnected.size(), "the client gives up once");
                Recorder.Disconnect d = events.disconnected.get(0);
                assertNull(d.peer());
                assertEquals(DisconnectReason.HANDSHAKE_TIMEOUT, d.reason(), d.detail());
                assertTrue(d.detail().contains("handshakeTimeoutMillis 300"), d.detail());
            } finally {
                client.close();
            }
        }
    }

    @Test
    void aSessionClosedWithoutDisconnectIsReportedAsTheCloseNotifyAlertOnBothSides() throws Exception {
        NetHarness h = DtlsLoopbackHarness.start(IDENTITY);
        try {
            h.addClient(Messages.registry());
            h.addClient(Messages.registry());
            assertTrue(h.runUntil(() -> h.clients.stream().allMatch(NetClient::isConnected)
                    && h.serverEvents.connected.size() == 2, 20_000));
            // Server side drops client 0's session abruptly (close_notify, no DISCONNECT); client 1 closes its own.
            NetPeer serverSideOfClient0 = peerOf(h, 0);
            NetPeer serverSideOfClient1 = peerOf(h, 1);
            serverSideOfClient0.link().close();
            h.clients.get(1).server().link().close();

            assertTrue(h.runUntil(() -> !h.clientEvents.get(0).disconnected.isEmpty()
                    && h.serverEvents.disconnectOf(serverSideOfClient1) != null, 20_000));
            Recorder.Disconnect client0 = h.clientEvents.get(0).disconnected.get(0);
            assertEquals(DisconnectReason.DTLS_ALERT, client0.reason(), client0.detail());
            assertTrue(client0.detail().contains("close_notify"), client0.detail());
            Recorder.Disconnect server1 = h.serverEvents.disconnectOf(serverSideOfClient1);
            assertEquals(DisconnectReason.DTLS_ALERT, server1.reason(), server1.detail());
            assertTrue(server1.detail().contains("close_notify"), server1.detail());
        } finally {
            h.close();
        }
    }

    @Test
    void aLinkClosedUnderTheConnectionIsReportedAsTransportFailed() throws Exception {
        ManualClock clock = new ManualClock(1_000_000_000L);
        InMemoryNetwork network = new InMemoryNetwork(clock, NetworkConditions.PERFECT, 5);
        Recorder serverEvents = new Recorder();
        Recorder clientEvents = new Recorder();
        NetServer server = null;
        NetClient client = null;
        try {
            server = NetServer.start(ServerConfig.builder().inMemory(network).connection(Messages.connection())
                    .registry(Messages.registry()).clock(clock).build(), serverEvents);
            client = NetClient.connect(ClientConfig.builder().inMemory(network).connection(Messages.connection())
                    .registry(Messages.registry()).clock(clock).build(), clientEvents);
            for (int i = 0; i < 400 && !client.isConnected(); i++) {
                clock.advanceMillis(5);
                server.update(clock.nanoTime());
                client.poll(clock.nanoTime());
            }
            assertTrue(client.isConnected());
            client.server().link().close();
            clock.advanceMillis(5);
            client.poll(clock.nanoTime());
            assertEquals(1, clientEvents.disconnected.size());
            Recorder.Disconnect d = clientEvents.disconnected.get(0);
            assertEquals(DisconnectReason.TRANSPORT_FAILED, d.reason(), d.detail());
            assertTrue(d.detail().contains("closed"), d.detail());
        } finally {
            if (client != null) {
                client.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }

    /** The server's peer for client {@code index}, found by the client's local port. */
    private static NetPeer peerOf(NetHarness h, int index) throws Exception {
        int port = ((io.tickwire.net.transport.DtlsClientLink) h.clients.get(index).server().link()).localAddress()
                .getPort();
        for (NetPeer p : h.server.peers()) {
            if (p.remoteAddress().getPort() == port) {
                return p;
            }
        }
        throw new AssertionError("no server peer for client " + index);
    }
}
