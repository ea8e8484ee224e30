package io.tickwire.bench;

import io.tickwire.net.ClientConfig;
import io.tickwire.net.InMemoryNetwork;
import io.tickwire.net.NanoClock;
import io.tickwire.net.ServerConfig;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.transport.EndpointConfig;
import io.tickwire.net.transport.ThreadingMode;
import io.tickwire.server.GameServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the game harnesses' server and clients meet: real DTLS on 127.0.0.1 (a fresh
 * {@link ServerIdentity} in a temp directory, clients pinning its fingerprint, the server socket
 * read by the thread that steps the server) or an {@link InMemoryNetwork} without loss or delay.
 * Either way every side uses {@code clock}.
 */
final class GameTransport implements AutoCloseable {
    private final NanoClock clock;
    private final InMemoryNetwork network;
    private final Path identityDir;
    private final ServerIdentity identity;
    private final int maxClients;

    private GameTransport(NanoClock clock, boolean dtls, int maxClients) throws IOException {
        this.clock = clock;
        this.maxClients = maxClients;
        if (dtls) {
            this.network = null;
            this.identityDir = Files.createTempDirectory("tickwire-bench-identity");
            this.identity = ServerIdentity.loadOrCreate(identityDir);
        } else {
            this.network = new InMemoryNetwork(clock);
            this.identityDir = null;
            this.identity = null;
        }
    }

    /** {@code name} is {@code dtls} or {@code memory}; {@code maxClients} from one IP must be admitted. */
    static GameTransport create(String name, NanoClock clock, int maxClients) throws IOException {
        if (!name.equals("dtls") && !name.equals("memory")) {
            throw new IllegalArgumentException("--transport must be dtls or memory: " + name);
        }
        return new GameTransport(clock, name.equals("dtls"), maxClients);
    }

    boolean isDtls() {
        return identity != null;
    }

    String describe() {
        return isDtls() ? "DTLS 1.2 on 127.0.0.1 (server socket read by the stepping thread)" : "in-memory network (no loss, no delay)";
    }

    /** A server config builder with this transport and clock set. */
    ServerConfig.Builder server() {
        ServerConfig.Builder b = ServerConfig.builder().clock(clock);
        if (!isDtls()) {
            return b.inMemory(network);
        }
        // The default endpoint admits 16 connections and 4 handshakes per IP; every client here is on 127.0.0.1.
        int limit = Math.max(maxClients, 64); // at least the default handshakes in flight
        EndpointConfig endpoint = EndpointConfig.builder().maxConnections(limit)
                .maxConnectionsPerIp(limit).maxHandshakesPerIp(limit).clock(clock)
                .threadingMode(ThreadingMode.INVOKER).build();
        return b.dtls(new InetSocketAddress("127.0.0.1", 0), identity).endpoint(endpoint)
                .threading(ThreadingMode.INVOKER).maxConnections(limit);
    }

    /** A client config builder connecting to {@code server} with this transport and clock set. */
    ClientConfig.Builder client(GameServer server) {
        ClientConfig.Builder b = ClientConfig.builder().clock(clock);
        if (!isDtls()) {
            return b.inMemory(network);
        }
        return b.server("127.0.0.1", server.net().localAddress().getPort(), ServerTrust.pinned(identity.fingerprint()));
    }

    @Override
    public void close() {
        if (identityDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(identityDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + identityDir, e);
        }
    }
}
