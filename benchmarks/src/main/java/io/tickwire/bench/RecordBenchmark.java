package io.tickwire.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: Bouncy Castle's DTLS 1.2 record layer alone (one record encrypted by the client's
 * DTLSTransport and decrypted by the server's) over the allocation-free {@link MemoryTransport},
 * with the product's TickwireTlsServer/Client. With {@code -prof gc}, {@code gc.alloc.rate.norm} is
 * Bouncy Castle's allocation per record sent plus received.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class RecordBenchmark {

    @Param({"64", "256", "1200"})
    public int size;

    @Param({"hybrid", "jca", "bc"})
    public String crypto;

    private Allocation.BcPair pair;
    private byte[] payload;
    private final byte[] buf = new byte[2048];

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        pair = new Allocation.BcPair(new BenchTls(crypto));
        payload = new byte[size];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        pair.close();
    }

    @Benchmark
    public int recordSendAndReceive() throws IOException {
        pair.client.send(payload, 0, size);
        return pair.server.receive(buf, 0, buf.length, 1000);
    }

}
