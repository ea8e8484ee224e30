package io.tickwire.bench;

import io.tickwire.server.GameServer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures each {@link GameServer#step} on the stepping thread: its thread CPU time, wall time and
 * allocated bytes (ThreadMXBean via {@link Bench}), so that nothing else the thread does (the clients,
 * the harness) is counted. Per-step samples are kept in preallocated arrays from {@link #reset}.
 * The allocation counter's own cost is measured once and subtracted.
 */
final class StepMeter {
    private final double[] cpuMicros;
    private final double[] wallMicros;
    private final long readingAllocation;
    private int steps;
    private long ticks;
    private long cpuNanos;
    private long wallNanos;
    private long allocatedBytes;

    StepMeter(int maxSteps) {
        cpuMicros = new double[maxSteps];
        wallMicros = new double[maxSteps];
        long least = Long.MAX_VALUE;
        long sink = 0;
        for (int i = 0; i < 1000; i++) { // the same readings as one measured step, around nothing
            long a = Bench.currentAllocated();
            sink += Bench.currentCpu() + System.nanoTime() + System.nanoTime() + Bench.currentCpu();
            least = Math.min(least, Bench.currentAllocated() - a);
        }
        readingAllocation = least + (sink == 42 ? 1 : 0); // sink keeps the readings from being dropped
    }

    /** Steps {@code server} at {@code nowNanos}, measured; returns the ticks it ran. */
    int step(GameServer server, long nowNanos) {
        long a0 = Bench.currentAllocated();
        long c0 = Bench.currentCpu();
        long w0 = System.nanoTime();
        int ran = server.step(nowNanos);
        long w1 = System.nanoTime();
        long c1 = Bench.currentCpu();
        long a1 = Bench.currentAllocated();
        allocatedBytes += a1 - a0 - readingAllocation;
        cpuNanos += c1 - c0;
        wallNanos += w1 - w0;
        ticks += ran;
        if (steps < cpuMicros.length) {
            cpuMicros[steps] = (c1 - c0) / 1e3;
            wallMicros[steps] = (w1 - w0) / 1e3;
        }
        steps++;
        return ran;
    }

    /** Forgets everything measured so far (the start of a measured window). */
    void reset() {
        steps = 0;
        ticks = 0;
        cpuNanos = 0;
        wallNanos = 0;
        allocatedBytes = 0;
    }

    long ticks() {
        return ticks;
    }

    double cpuMicrosPerTick() {
        return cpuNanos / 1e3 / Math.max(1, ticks);
    }

    double wallMicrosPerTick() {
        return wallNanos / 1e3 / Math.max(1, ticks);
    }

    double allocatedBytesPerTick() {
        return (double) allocatedBytes / Math.max(1, ticks);
    }

    long allocatedBytes() {
        return allocatedBytes;
    }

    /** Percentile {@code p} of the per-step CPU time, microseconds. */
    double cpuPercentile(double p) {
        return Bench.percentile(Arrays.copyOf(cpuMicros, Math.min(steps, cpuMicros.length)), p);
    }

    /** Percentile {@code p} of the per-step wall time, microseconds. */
    double wallPercentile(double p) {
        return Bench.percentile(Arrays.copyOf(wallMicros, Math.min(steps, wallMicros.length)), p);
    }

    /** One line: ticks, CPU and wall per tick with per-step p50/p99, allocation per tick. */
    String summary() {
        return String.format(Locale.ROOT, "server step (receive + ticks + send, measured around GameServer.step on its "
                + "thread): %d steps, %d ticks; CPU %.1f us/tick (per step p50 %.1f, p99 %.1f); wall %.1f us/tick "
                + "(per step p50 %.1f, p99 %.1f); allocated %.1f B/tick (%d B in the window; counter cost %d B/reading "
                + "subtracted)", steps, ticks, cpuMicrosPerTick(), cpuPercentile(50), cpuPercentile(99),
                wallMicrosPerTick(), wallPercentile(50), wallPercentile(99), allocatedBytesPerTick(), allocatedBytes,
                readingAllocation);
    }
}
