package io.tickwire.net.demo;

import io.tickwire.net.ClientConfig;
import io.tickwire.net.NetClient;
import io.tickwire.net.NetListener;
import io.tickwire.net.NetPeer;
import io.tickwire.net.NetServer;
import io.tickwire.net.ServerConfig;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.protocol.ChannelType;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.serial.MessageRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The README's five-minute example, kept compiling and tested: a DTLS server and one client in one
 * process exchange a greeting on a reliable-ordered channel. Run it with {@code ./demo quickstart}.
 */
public final class QuickStart {

    /** A message both sides register under the same id. */
    public static final class Hello {
        /** The greeting. */
        public String text;

        /** For Kryo. */
        public Hello() {
        }

        Hello(String text) {
            this.text = text;
        }
    }

    /** Channel 0: reliable and ordered. */
    static final int RELIABLE = 0;

    private QuickStart() {
    }

    /** What server and client share: the same registry and the same channels. */
    static MessageRegistry registry() {
        return MessageRegistry.builder().register(Hello.class, 16).build();
    }

    static ConnectionConfig channels() {
        return ConnectionConfig.builder().addChannel(ChannelType.RELIABLE_ORDERED).build();
    }

    /** Runs the exchange and returns the reply the client received (null if none in 10 s). */
    public static String run(Path identityDir) throws Exception {
        // The server's ECDSA P-256 identity: generated on first start, kept in identityDir.
        ServerIdentity identity = ServerIdentity.loadOrCreate(identityDir);
        String[] reply = new String[1];

        NetServer server = NetServer.start(ServerConfig.builder()
                .dtls(new InetSocketAddress("127.0.0.1", 0), identity)
                .connection(channels()).registry(registry()).build(),
                new NetListener() {
                    // Server callbacks run on the thread that calls server.update().
                    @Override
                    public void received(NetPeer peer, Object message, int channel) {
                        peer.send(new Hello("welcome, " + ((Hello) message).text), RELIABLE);
                    }
                });

        NetClient client = NetClient.connect(ClientConfig.builder()
                .server("127.0.0.1", server.localAddress().getPort(),
                        ServerTrust.pinned(server.fingerprint()))   // verify the server by fingerprint
                .connection(channels()).registry(registry()).build(),
                new NetListener() {
                    // Client callbacks run on the thread that calls client.poll() (a game's render()).
                    @Override
                    public void connected(NetPeer peer) {
                        peer.send(new Hello("player one"), RELIABLE);
                    }

                    @Override
                    public void received(NetPeer peer, Object message, int channel) {
                        reply[0] = ((Hello) message).text;
                    }

                    @Override
                    public void disconnected(NetPeer peer, DisconnectReason reason, String detail) {
                        System.out.println("client: disconnected: " + reason + " " + detail);
                    }
                });

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (reply[0] == null && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            server.update(now);     // the server's tick
            client.poll(now);       // the client's frame
            LockSupport.parkNanos(1_000_000L);
        }
        client.close();
        server.close();
        return reply[0];
    }

    /** Prints the reply; exits with 1 when none came. */
    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("tickwire-quickstart");
        String reply = run(dir);
        System.out.println(reply != null ? "client received: " + reply : "no reply within 10 s");
        System.exit(reply != null ? 0 : 1);
    }
}
