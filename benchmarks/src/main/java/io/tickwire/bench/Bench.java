package io.tickwire.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Shared helpers of the end-to-end harnesses: argument parsing, medians and percentiles, and per-thread
 * CPU time and allocated bytes from the JDK's {@code com.sun.management.ThreadMXBean}.
 */
final class Bench {

    static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        THREADS.setThreadCpuTimeEnabled(true);
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    private final Map<String, String> args = new HashMap<>();

    /** Parses {@code --name value} pairs. */
    Bench(String[] argv) {
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + argv[i] + "'");
            }
            args.put(argv[i].substring(2), argv[++i]);
        }
    }

    int intArg(String name, int dflt) {
        String v = args.get(name);
        return v == null ? dflt : Integer.parseInt(v);
    }

    double doubleArg(String name, double dflt) {
        String v = args.get(name);
        return v == null ? dflt : Double.parseDouble(v);
    }

    String arg(String name, String dflt) {
        return args.getOrDefault(name, dflt);
    }

    int[] intsArg(String name, String dflt) {
        return Arrays.stream(arg(name, dflt).split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** Prints the JVM and heap flags so every figure carries its conditions. */
    static void printEnvironment(String what) {
        System.out.printf(Locale.ROOT, "# %s on Java %s (%s), %d CPUs, JVM args %s%n", what,
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    static double median(double[] values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile of a copy of {@code values}. */
    static double percentile(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    /** Allocated bytes of a live thread (any thread; -1 if it is gone). */
    static long allocated(Thread t) {
        return THREADS.getThreadAllocatedBytes(t.getId());
    }

    /** CPU nanoseconds of a live thread (any thread; -1 if it is gone). */
    static long cpu(Thread t) {
        return THREADS.getThreadCpuTime(t.getId());
    }

    /**
     * CPU nanoseconds of the calling thread. Unlike {@link #cpu(Thread)}, allocation-free: the JDK's
     * by-id lookup wraps the id in a fresh {@code long[]}, which would show up inside a measured window.
     */
    static long currentCpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Allocated bytes of the calling thread (allocation-free). */
    static long currentAllocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Sum of the CPU time of live threads whose name starts with {@code prefix}. */
    static long cpuOfThreadsNamed(String prefix) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                long c = THREADS.getThreadCpuTime(t.getId());
                if (c > 0) {
                    sum += c;
                }
            }
        }
        return sum;
    }

    static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Bench(Map<String, String> m) {
        args.putAll(m);
    }

    static Bench empty() {
        return new Bench(Map.of());
    }
}
