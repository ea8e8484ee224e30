package io.tickwire.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The load harness (issue 5, "Scale"): for each client count N, starts {@link LoadServer} in one JVM and
 * {@link LoadClients} (N real DTLS GameClients playing arena bots) in another, waits until every client is
 * connected, lets the arena run {@code --warmup} seconds, then measures {@code --seconds}: the server's process
 * CPU per client, tick times (the server's {@code TickTimeTracker}, ticks only) and whole-step times (receive +
 * ticks + send), bytes per second per client each way (connection and wire), handshakes per second while
 * connecting, heap after GC and RSS per client (against the same server before any client), dropped ticks, and
 * the generator's own CPU. Runs are interleaved over N ({@code --runs} rounds) and the table gives medians.
 * {@code --pin 0,1} runs the server under {@code taskset -c 0} and the generator under {@code taskset -c 1}.
 *
 * <pre>
 * --clients 16,64,256 --runs 3 --warmup 5 --seconds 10 --threads 4 --connect-batch 8 --snapshot-hz 30 --radius 24
 * --jars before=/tmp/a.jar,after=benchmarks/target/benchmarks.jar (default: this JVM's class path)
 * --pin none|0,1 --server-jvm "-Xms1g -Xmx1g -XX:+AlwaysPreTouch" --client-jvm "..." --logs /tmp/tickwire-load
 * </pre>
 */
public final class Load {
    private static final double HALF_PERIOD_MS = 1000.0 / 60 / 2;

    private Load() {
    }

    public static void main(String[] argv) throws Exception {
        Bench b = new Bench(argv);
        int[] counts = b.intsArg("clients", "16,64,256");
        int runs = b.intArg("runs", 3);
        double warmup = b.doubleArg("warmup", 5);
        double seconds = b.doubleArg("seconds", 10);
        String pin = b.arg("pin", "none");
        String serverJvm = b.arg("server-jvm", "-Xms1g -Xmx1g -XX:+AlwaysPreTouch");
        String clientJvm = b.arg("client-jvm", "-Xms1g -Xmx1g -XX:+AlwaysPreTouch");
        Path logs = Path.of(b.arg("logs", System.getProperty("java.io.tmpdir") + "/tickwire-load"));
        Files.createDirectories(logs);
        List<String> serverArgs = List.of("--snapshot-hz", b.arg("snapshot-hz", "30"), "--drones", b.arg("drones", "8"),
                "--radius", b.arg("radius", "24"), "--max-clients", b.arg("max-clients", "800"),
                "--max-seconds", b.arg("max-seconds", "600"));
        List<String> clientArgs = List.of("--threads", b.arg("threads", "4"), "--connect-batch", b.arg("connect-batch", "8"),
                "--fire-period", b.arg("fire-period", "30"), "--drones", b.arg("drones", "8"),
                "--connect-seconds", b.arg("connect-seconds", "120"), "--max-seconds", b.arg("max-seconds", "600"));
        String[] cpus = pin.equals("none") ? null : pin.split(",");
        Map<String, String> jars = new LinkedHashMap<>();
        for (String v : b.arg("jars", "this=" + System.getProperty("java.class.path")).split(",")) {
            int eq = v.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--jars wants name=path[,name=path...], got '" + v + "'");
            }
            jars.put(v.substring(0, eq), v.substring(eq + 1));
        }
        Bench.printEnvironment("Load (orchestrator)");
        System.out.printf(Locale.ROOT, "# server JVM: %s %s; generator JVM: %s %s; pinning: %s; warm-up %.0f s, measured %.0f s, "
                + "%d rounds over N = %s; logs in %s%n", serverJvm, serverArgs, clientJvm, clientArgs,
                cpus == null ? "none (both processes share the 2 cores)" : "server on CPU " + cpus[0] + ", generator on CPU " + cpus[1],
                warmup, seconds, runs, Arrays.toString(counts), logs);

        System.out.println("# builds compared (interleaved: every round runs each N with each build): " + jars);
        Map<String, List<Map<String, Double>>> results = new LinkedHashMap<>();
        for (int n : counts) {
            for (String jar : jars.keySet()) {
                results.put(key(jar, n), new ArrayList<>());
            }
        }
        for (int r = 0; r < runs; r++) {
            for (int n : counts) {
                for (Map.Entry<String, String> jar : jars.entrySet()) {
                    String load = Files.readString(Path.of("/proc/loadavg")).trim();
                    Map<String, Double> m = runOnce(n, r, jar.getKey(), jar.getValue(), warmup, seconds, serverJvm, clientJvm,
                            serverArgs, clientArgs, cpus, logs);
                    if (m != null) {
                        results.get(key(jar.getKey(), n)).add(m);
                        System.out.println(line(jar.getKey(), n, m) + "; load average before: " + load);
                    }
                    System.out.flush();
                }
            }
        }
        System.out.println();
        System.out.println("Medians over runs (CPU = % of one core; tick = the server's TickTimeTracker, ticks only; "
                + "step = receive + ticks + send, wall; B/s per client, connection level / wire incl. DTLS, no UDP/IP):");
        System.out.println("| build | N | runs | server CPU % | CPU %/client | tick p50/p99 ms | step p50/p99 ms | steps > 8.33 ms | dropped ticks "
                + "| B/s down conn/wire | B/s up conn/wire | connect s | handshakes/s | heap KB/client | RSS MB (KB/client) "
                + "| generator CPU % | frames skipped |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String k : results.keySet()) {
            List<Map<String, Double>> ms = results.get(k);
            if (ms.isEmpty()) {
                System.out.printf(Locale.ROOT, "| %s | 0 | (every run failed: see the logs) |%n", k.replace(" N=", " | "));
                continue;
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.3f | %.2f / %.2f | %.2f / %.2f | %.0f | %.0f | %.0f / %.0f | %.0f / %.0f "
                    + "| %.2f | %.0f | %.1f | %.0f (%.0f) | %.1f | %.0f |%n",
                    k.replace(" N=", " | "), ms.size(), med(ms, "cpu_pct"), med(ms, "cpu_pct_client"), med(ms, "tick_p50_ms"), med(ms, "tick_p99_ms"),
                    med(ms, "step_p50_ms"), med(ms, "step_p99_ms"), med(ms, "steps_over"), med(ms, "dropped"),
                    med(ms, "down_conn"), med(ms, "down_wire"), med(ms, "up_conn"), med(ms, "up_wire"), med(ms, "connect_s"),
                    med(ms, "hs_per_s"), med(ms, "heap_kb_client"), med(ms, "rss_mb"), med(ms, "rss_kb_client"),
                    med(ms, "gen_cpu_pct"), med(ms, "gen_skipped"));
        }
        System.out.println();
        for (String k : results.keySet()) {
            List<Map<String, Double>> ms = results.get(k);
            if (!ms.isEmpty()) {
                System.out.printf(Locale.ROOT, "%s: holds 60 Hz with step p99 under %.2f ms: %s (step p99 in runs: %s); step CPU "
                        + "p50/p99 %.2f/%.2f ms; server CPU during connecting %.2f ms per client; tick thread %.0f B/tick allocated "
                        + "(%.0f B per datagram in or out); GC %.1f/s, %.1f ms/s; snapshot %.0f B, over budget %.0f; generator "
                        + "loops %.0f B allocated per client update (%.0f B per datagram in or out); connect retries %.0f%n",
                        k, HALF_PERIOD_MS,
                        med(ms, "step_p99_ms") < HALF_PERIOD_MS && med(ms, "dropped") == 0 ? "yes" : "NO",
                        values(ms, "step_p99_ms"), med(ms, "step_cpu_p50_ms"), med(ms, "step_cpu_p99_ms"),
                        med(ms, "connect_cpu_ms_client"), med(ms, "alloc_per_tick"), med(ms, "alloc_per_dgram"),
                        med(ms, "gc_per_s"), med(ms, "gc_ms_per_s"), med(ms, "snapshot_bytes"), med(ms, "over_budget"),
                        med(ms, "gen_alloc_update"), med(ms, "gen_alloc_packet"), med(ms, "connect_retries"));
            }
        }
    }

    private static String key(String jar, int n) {
        return jar + " N=" + n;
    }

    private static String values(List<Map<String, Double>> ms, String key) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Double> m : ms) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", m.get(key)));
        }
        return sb.toString();
    }

    private static double med(List<Map<String, Double>> ms, String key) {
        double[] v = new double[ms.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ms.get(i).getOrDefault(key, Double.NaN);
        }
        return Bench.median(v);
    }

    private static String line(String jar, int n, Map<String, Double> m) {
        return String.format(Locale.ROOT, "run %s N=%d: server CPU %.1f%% (%.3f%%/client), tick p50/p99 %.2f/%.2f ms, step p50/p99 "
                + "%.2f/%.2f ms, dropped %.0f, down %.0f/%.0f B/s, up %.0f/%.0f B/s per client, connect %.2f s (%.0f/s), "
                + "heap %.1f KB/client, RSS %.0f MB, generator CPU %.1f%%, skipped frames %.0f, clients connected at the end %.0f",
                jar, n, m.get("cpu_pct"), m.get("cpu_pct_client"), m.get("tick_p50_ms"), m.get("tick_p99_ms"), m.get("step_p50_ms"),
                m.get("step_p99_ms"), m.get("dropped"), m.get("down_conn"), m.get("down_wire"), m.get("up_conn"), m.get("up_wire"),
                m.get("connect_s"), m.get("hs_per_s"), m.get("heap_kb_client"), m.get("rss_mb"), m.get("gen_cpu_pct"),
                m.get("gen_skipped"), m.get("gen_connected"));
    }

    private static Map<String, Double> runOnce(int n, int round, String jarName, String jar, double warmup, double seconds, String serverJvm,
            String clientJvm, List<String> serverArgs, List<String> clientArgs, String[] cpus, Path logs) throws Exception {
        String tag = jarName + "-n" + n + "-r" + round;
        Child server = Child.start("server", command(cpus == null ? null : cpus[0], serverJvm, jar, "io.tickwire.bench.LoadServer",
                serverArgs), logs.resolve(tag + "-server.log"));
        Child gen = null;
        try {
            Map<String, String> ready = server.await("READY", 60);
            server.send("memory");
            Map<String, String> mem0 = server.await("MEMORY", 60);
            server.send("mark");
            server.await("MARKED", 10);
            List<String> ga = new ArrayList<>(clientArgs);
            ga.addAll(List.of("--server", "127.0.0.1:" + ready.get("port"), "--fingerprint", ready.get("fingerprint"),
                    "--clients", Integer.toString(n)));
            gen = Child.start("generator", command(cpus == null ? null : cpus[1], clientJvm, jar, "io.tickwire.bench.LoadClients", ga),
                    logs.resolve(tag + "-generator.log"));
            Map<String, String> connected = gen.await("CONNECTED", 180);
            server.send("report");
            Map<String, String> connecting = server.await("REPORT", 10);
            Bench.sleepMillis((long) (warmup * 1000));
            server.send("mark");
            gen.send("mark");
            server.await("MARKED", 10);
            gen.await("MARKED", 10);
            Bench.sleepMillis((long) (seconds * 1000));
            server.send("report");
            gen.send("report");
            Map<String, String> s = server.await("REPORT", 10);
            Map<String, String> g = gen.await("REPORT", 10);
            server.send("memory");
            Map<String, String> mem = server.await("MEMORY", 60);

            Map<String, Double> m = new HashMap<>();
            double sec = d(s, "seconds");
            double cpu = d(s, "cpu_ns") / 1e9 / sec * 100;
            m.put("cpu_pct", cpu);
            m.put("cpu_pct_client", cpu / n);
            m.put("tick_p50_ms", d(s, "tick_p50_ns") / 1e6);
            m.put("tick_p99_ms", d(s, "tick_p99_ns") / 1e6);
            m.put("step_p50_ms", d(s, "step_p50_ns") / 1e6);
            m.put("step_p99_ms", d(s, "step_p99_ns") / 1e6);
            m.put("steps_over", d(s, "steps_over_half_period"));
            m.put("dropped", d(s, "dropped"));
            m.put("down_conn", d(s, "conn_out") / sec / n);
            m.put("up_conn", d(s, "conn_in") / sec / n);
            m.put("down_wire", d(s, "wire_out") / sec / n);
            m.put("up_wire", d(s, "wire_in") / sec / n);
            m.put("connect_s", d(connected, "ms") / 1e3);
            m.put("hs_per_s", d(connected, "handshakes_per_s"));
            m.put("connect_retries", d(connected, "retries"));
            m.put("connect_cpu_ms_client", d(connecting, "cpu_ns") / 1e6 / n);
            m.put("heap_kb_client", (d(mem, "heap") - d(mem0, "heap")) / 1024 / n);
            m.put("rss_mb", d(mem, "rss") / 1024 / 1024);
            m.put("rss_kb_client", (d(mem, "rss") - d(mem0, "rss")) / 1024 / n);
            m.put("gen_cpu_pct", d(g, "cpu_ns") / 1e9 / d(g, "seconds") * 100);
            m.put("gen_skipped", d(g, "skipped"));
            m.put("gen_connected", d(g, "connected"));
            m.put("step_cpu_p50_ms", d(s, "step_cpu_p50_ns") / 1e6);
            m.put("step_cpu_p99_ms", d(s, "step_cpu_p99_ns") / 1e6);
            m.put("alloc_per_dgram", d(s, "tick_thread_alloc") / Math.max(1, d(s, "dgram_in") + d(s, "dgram_out")));
            m.put("gen_alloc_update", d(g, "loop_alloc") / Math.max(1, d(g, "client_updates")));
            m.put("gen_alloc_packet", d(g, "loop_alloc") / Math.max(1, d(g, "packets_in") + d(g, "packets_out")));
            m.put("alloc_per_tick", d(s, "tick_thread_alloc") / Math.max(1, d(s, "ticks")));
            m.put("gc_per_s", d(s, "gc_count") / sec);
            m.put("gc_ms_per_s", d(s, "gc_ms") / sec);
            m.put("snapshot_bytes", d(s, "snapshot_bytes") / Math.max(1, d(s, "snapshots")));
            m.put("over_budget", d(s, "over_budget"));
            server.send("quit");
            gen.send("quit");
            return m;
        } catch (IllegalStateException e) {
            System.out.println("run N=" + n + " round " + round + " failed: " + e.getMessage() + " (logs: " + logs + "/" + tag + "-*.log)");
            return null;
        } finally {
            server.close();
            if (gen != null) {
                gen.close();
            }
        }
    }

    private static double d(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalStateException("the child's line has no " + key + ": " + m);
        }
        return Double.parseDouble(v);
    }

    private static List<String> command(String cpu, String jvm, String jar, String main, List<String> args) {
        List<String> c = new ArrayList<>();
        if (cpu != null) {
            c.addAll(List.of("taskset", "-c", cpu));
        }
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String f : jvm.trim().split("\\s+")) {
            if (!f.isEmpty()) {
                c.add(f);
            }
        }
        c.addAll(List.of("-cp", jar, main));
        c.addAll(args);
        return c;
    }

    /** A child JVM: commands to its stdin, its stdout lines in a queue (and in the log with its stderr). */
    private static final class Child {
        private final String name;
        private final Process process;
        private final PrintWriter in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Child(String name, Process process, Path log) {
            this.name = name;
            this.process = process;
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log.resolveSibling(log.getFileName() + ".out"),
                                StandardCharsets.UTF_8), true)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        out.println(line);
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("EOF " + e);
                }
                lines.add("EOF");
            }, "load-" + name + "-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(String name, List<String> command, Path log) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(log.toFile()));
            pb.directory(new File("."));
            return new Child(name, pb.start(), log);
        }

        void send(String command) {
            in.println(command);
        }

        /** Waits for a stdout line starting with {@code prefix}; its {@code key=value} words. Throws on FAILED, EOF or timeout. */
        Map<String, String> await(String prefix, double timeoutSeconds) throws InterruptedException {
            long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new IllegalStateException("the " + name + " printed no " + prefix + " line in " + timeoutSeconds + " s");
                }
                if (line.startsWith("FAILED") || line.startsWith("EOF") || line.startsWith("ERROR") || line.startsWith("TIMEOUT")) {
                    throw new IllegalStateException("the " + name + " said: " + line);
                }
                if (line.startsWith(prefix)) {
                    Map<String, String> m = new HashMap<>();
                    for (String word : line.split(" ")) {
                        int eq = word.indexOf('=');
                        if (eq > 0) {
                            m.put(word.substring(0, eq), word.substring(eq + 1));
                        }
                    }
                    return m;
                }
            }
        }

        /** Closes its stdin (a quit for the child), waits for it, and ends it if it does not go. */
        void close() throws InterruptedException {
            in.close();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
