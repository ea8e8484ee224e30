package io.tickwire.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The configured socket buffer sizes reach the kernel and the effective sizes are reported. */
@Timeout(30)
class SocketBufferConfigTest {

    @Test
    void requestedBufferSizesAreAppliedToTheServerSocket() throws Exception {
        // Sizes below Linux's default net.core.rmem_max/wmem_max (212992), so no clamp applies; the
        // kernel reports at least the value set.
        int small = 48 * 1024;
        int large = 96 * 1024;
        int smallRcv;
        int smallSnd;
        try (EndpointHarness h = new EndpointHarness(EndpointConfig.builder().receiveBufferBytes(small)
                .sendBufferBytes(small).build())) {
            smallRcv = h.server.effectiveReceiveBufferBytes();
            smallSnd = h.server.effectiveSendBufferBytes();
            h.connect(1, null);
            h.exchangeOnAll("with small buffers");
        }
        try (EndpointHarness h = new EndpointHarness(EndpointConfig.builder().receiveBufferBytes(large)
                .sendBufferBytes(large).build())) {
            int largeRcv = h.server.effectiveReceiveBufferBytes();
            int largeSnd = h.server.effectiveSendBufferBytes();
            System.out.printf("effective SO_RCVBUF/SO_SNDBUF: requested %d -> %d/%d, requested %d -> %d/%d%n", small,
                    smallRcv, smallSnd, large, largeRcv, largeSnd);
            assertTrue(smallRcv >= small && smallSnd >= small, "small request applied: " + smallRcv + "/" + smallSnd);
            assertTrue(largeRcv >= large && largeSnd >= large, "large request applied: " + largeRcv + "/" + largeSnd);
            assertTrue(largeRcv > smallRcv && largeSnd > smallSnd, "the larger request gives larger buffers");
        }
    }

    @Test
    void bufferSizesOutOfRangeAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EndpointConfig.builder().receiveBufferBytes(100).build());
        assertEquals("receiveBufferBytes must be in [4096, 1073741824], was 100", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EndpointConfig.builder().sendBufferBytes(-1).build());
        assertEquals("sendBufferBytes must be in [4096, 1073741824], was -1", e.getMessage());
    }

    @Test
    void defaultsAskForFourMebibytesInAndOneOut() {
        EndpointConfig c = EndpointConfig.builder().build();
        assertEquals(4 << 20, c.receiveBufferBytes());
        assertEquals(1 << 20, c.sendBufferBytes());
        assertEquals(c.receiveBufferBytes(), c.withThreadingMode(ThreadingMode.INVOKER).receiveBufferBytes());
    }
}
