package io.tickwire.net.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NetworkConditionsTest {

    @Test
    void perfectIsPerfectAndWithMethodsChangeOneField() {
        assertTrue(NetworkConditions.PERFECT.isPerfect());
        NetworkConditions c = NetworkConditions.PERFECT.withLatencyMillis(1000).withJitterMillis(100)
                .withLossPercent(25).withDuplicatePercent(25).withReorderPercent(5).withReorderDelayMillis(80)
                .withBandwidthBytesPerSecond(64_000).withBandwidthQueueMillis(200);
        assertFalse(c.isPerfect());
        assertEquals(1_000_000_000L, c.latencyNanos());
        assertEquals(100_000_000L, c.jitterNanos());
        assertEquals(25.0, c.lossPercent());
        assertEquals(25.0, c.duplicatePercent());
        assertEquals(5.0, c.reorderPercent());
        assertEquals(80_000_000L, c.reorderDelayNanos());
        assertEquals(64_000L, c.bandwidthBytesPerSecond());
        assertEquals(200_000_000L, c.bandwidthQueueNanos());
        assertEquals(c, c.withLossPercent(25));
        assertTrue(NetworkConditions.PERFECT.isPerfect(), "the original is unchanged");
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        assertMessage("lossPercent", () -> NetworkConditions.PERFECT.withLossPercent(100.5));
        assertMessage("lossPercent", () -> NetworkConditions.PERFECT.withLossPercent(Double.NaN));
        assertMessage("duplicatePercent", () -> NetworkConditions.PERFECT.withDuplicatePercent(-1));
        assertMessage("reorderPercent", () -> NetworkConditions.PERFECT.withReorderPercent(101));
        assertMessage("latency", () -> NetworkConditions.PERFECT.withLatencyMillis(-5));
        assertMessage("jitterNanos", () -> NetworkConditions.PERFECT.withJitterNanos(NetworkConditions.MAX_DELAY_NANOS + 1));
        assertMessage("bandwidthBytesPerSecond", () -> NetworkConditions.PERFECT.withBandwidthBytesPerSecond(-1));
        assertMessage("reorderDelayNanos",
                () -> NetworkConditions.PERFECT.withReorderDelayMillis(0).withReorderPercent(10));
    }

    private static void assertMessage(String name, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(name), ex.getMessage());
    }

    @Test
    void simulatorLimitsAreRefusedWithTheirName() {
        assertMessage("capacity", () -> new NetworkSimulator(NetworkConditions.PERFECT, 1, 0, 100));
        assertMessage("maxDatagramSize", () -> new NetworkSimulator(NetworkConditions.PERFECT, 1, 10, 70_000));
        assertMessage("MAX_PREALLOCATED_BYTES",
                () -> new NetworkSimulator(NetworkConditions.PERFECT, 1, NetworkSimulator.MAX_CAPACITY, 65_000));
    }
}
