package io.tickwire.net.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tickwire.net.serial.TestMessages.Position;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The codec's encode path reuses its Kryo Output over the caller's buffer: after warm-up, encoding
 * allocates nothing (measured with the JVM's per-thread allocation counter, not timed).
 */
class CodecAllocationTest {

    @Test
    void steadyStateEncodeAllocatesNothing() throws Exception {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);

        MessageCodec codec = TestMessages.standard().build().newCodec();
        Position p = new Position(7, 1.25f, -3.5f);
        byte[] buf = new byte[256];
        int sink = 0;
        for (int i = 0; i < 20_000; i++) { // warm-up: let the JIT settle
            sink += codec.encode(p, buf, 0, buf.length);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            sink += codec.encode(p, buf, 0, buf.length);
        }
        long after = mx.getThreadAllocatedBytes(tid);
        assertEquals(10 * 30_000, sink, "every encode wrote 10 bytes");
        assertEquals(0, after - before, "bytes allocated by 10,000 encodes");
    }
}
