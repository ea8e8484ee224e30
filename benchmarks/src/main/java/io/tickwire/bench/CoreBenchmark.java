package io.tickwire.bench;

import java.util.concurrent.TimeUnit;

import io.tickwire.net.protocol.ChannelType;
import io.tickwire.net.protocol.Connection;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.protocol.ConnectionRole;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH: the protocol core alone. One operation = one message queued on the client, written into a
 * packet, processed by the server (delivered), and the server's ack written and processed by the
 * client. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is our core's allocation per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class CoreBenchmark {

    @Param({"64", "256", "1200"})
    public int size;

    @Param({"UNRELIABLE", "RELIABLE_ORDERED"})
    public ChannelType channel;

    private Connection client;
    private Connection server;
    private byte[] payload;
    private byte[] pkt;
    private long now;
    private long delivered;

    @Setup(Level.Trial)
    public void setUp() {
        ConnectionConfig cfg = ConnectionConfig.builder().addChannel(channel).maxPacketSize(Throughput.PACKET_SIZE)
                .receiveRateLimitPacketsPerSecond(0).build();
        now = 1_000_000_000L;
        client = new Connection(cfg, ConnectionRole.CLIENT, 9L, (c, b, o, l) -> { }, now);
        server = new Connection(cfg, ConnectionRole.SERVER, 9L, (c, b, o, l) -> delivered++, now);
        payload = new byte[size];
        pkt = new byte[cfg.maxPacketSize()];
        for (int i = 0; i < 100 && !(client.isConnected() && server.isConnected()); i++) {
            now += 1_000_000L;
            shuttle(client, server);
            shuttle(server, client);
        }
        if (!client.isConnected() || !server.isConnected()) {
            throw new IllegalStateException("core pair did not connect");
        }
    }

    private void shuttle(Connection from, Connection to) {
        for (int i = 0; i < 16; i++) {
            int len = from.writePacket(pkt, 0, now);
            if (len == 0) {
                return;
            }
            to.receivePacket(pkt, 0, len, now);
        }
    }

    @Benchmark
    public void messageThroughCore(Blackhole bh) {
        now += 20_000L;
        bh.consume(client.send(0, payload, 0, size, now));
        shuttle(client, server);
        shuttle(server, client);
        bh.consume(delivered);
    }
}
