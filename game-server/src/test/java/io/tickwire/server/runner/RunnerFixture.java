package io.tickwire.server.runner;

import io.tickwire.net.ClientConfig;
import io.tickwire.net.NetClient;
import io.tickwire.net.NetListener;
import io.tickwire.net.NetPeer;
import io.tickwire.net.ServerConfig;
import io.tickwire.net.dtls.Fingerprint;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.replication.FieldSpec;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.replication.ReplicationSchema;
import io.tickwire.net.serial.MessageRegistry;
import io.tickwire.server.GameServer;
import io.tickwire.server.GameServerConfig;
import io.tickwire.server.ServerGame;
import io.tickwire.server.TickLoopConfig;
import io.tickwire.server.TickLoopMode;
import io.tickwire.server.WorldWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/** A tiny real game for the runner tests: one entity on a line, a DTLS GameServer on 127.0.0.1:0 ticking on its own thread. */
final class RunnerFixture {
    static final ReplicationSchema SCHEMA = ReplicationSchema.builder().entityIdBits(8)
            .type(1, "dot", FieldSpec.quantizedFloat("x", 0, 100, 0.01f)).build();
    static final MessageRegistry REGISTRY = MessageRegistry.builder().build();
    static final ConnectionConfig CONNECTION = GameChannels.builder().build();

    private RunnerFixture() {
    }

    /** The game: one entity walking along x. */
    static final class DotGame implements ServerGame {
        @Override
        public void step(long tick) {
        }

        @Override
        public void writeWorld(long tick, WorldWriter world) {
            int i = world.add(1, 1, tick % 100, 0);
            world.setFloat(i, 0, tick % 100);
        }
    }

    /** A BLOCKING DTLS server on 127.0.0.1 and an ephemeral port, metrics published every {@code metricsMillis}. */
    static GameServer startServer(int metricsMillis) throws IOException {
        return GameServer.start(GameServerConfig.builder()
                .server(ServerConfig.builder()
                        .dtls(new InetSocketAddress("127.0.0.1", 0), ServerIdentity.generate("tickwire-runner-test"))
                        .connection(CONNECTION).registry(REGISTRY).schemaHash(SCHEMA.hash())
                        .shutdownLingerMillis(500)
                        .build())
                .schema(SCHEMA)
                .tickLoop(TickLoopConfig.builder().tickRateHz(30).snapshotRateHz(10).mode(TickLoopMode.BLOCKING).build())
                .metricsIntervalMillis(metricsMillis)
                .build(), new DotGame());
    }

    /** A DTLS client pinning {@code fingerprint}, recording how it was disconnected. */
    static final class Client implements NetListener {
        final NetClient net;
        final AtomicBoolean connected = new AtomicBoolean();
        volatile DisconnectReason reason;
        volatile String detail;
        volatile long snapshotFrames;

        Client(int port, Fingerprint fingerprint) {
            net = NetClient.connect(ClientConfig.builder().server("127.0.0.1", port, ServerTrust.pinned(fingerprint))
                    .connection(CONNECTION).registry(REGISTRY).schemaHash(SCHEMA.hash()).build(), this);
            // Snapshots are raw bytes, not registry messages: count them (decoding is game-client's business).
            net.setRawHandler(GameChannels.SNAPSHOTS, (peer, channel, buf, off, len) -> snapshotFrames++);
        }

        @Override
        public void connected(NetPeer peer) {
            connected.set(true);
        }

        @Override
        public void disconnected(NetPeer peer, DisconnectReason reason, String detail) {
            this.detail = detail;
            this.reason = reason;
        }

        /** Polls the client (on this thread) until {@code done} or {@code millis} pass; returns done's last answer. */
        boolean pollUntil(BooleanSupplier done, long millis) throws InterruptedException {
            long deadline = System.nanoTime() + millis * 1_000_000L;
            while (System.nanoTime() < deadline) {
                net.poll(System.nanoTime());
                if (done.getAsBoolean()) {
                    return true;
                }
                Thread.sleep(5);
            }
            return done.getAsBoolean();
        }
    }
}
