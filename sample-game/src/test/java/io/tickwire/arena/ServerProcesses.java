package io.tickwire.arena;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Pattern;

/** What the tests that run {@code arena ...} in a child JVM share: the command, the ready line, the line drain. */
final class ServerProcesses {
    /** The line a dedicated server prints on stdout once it serves: group 1 the UDP port, group 2 the fingerprint. */
    static final Pattern READY = Pattern.compile(
            "tickwire server ready udp=127\\.0\\.0\\.1:(\\d+) fingerprint=(sha256:[0-9a-f]{64})");

    private ServerProcesses() {
    }

    /** {@code java -Xmx256m -cp <this test's class path> io.tickwire.arena.Launcher <args>}, not yet started. */
    static ProcessBuilder launcher(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** Drains a stream on a daemon thread into a queue of lines, each echoed to the test log as "[label] line". */
    static BlockingQueue<String> lines(InputStream in, String label) {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    System.out.println("[" + label + "] " + line);
                    q.add(line);
                }
            } catch (java.io.IOException e) {
                q.add("read failed: " + e);
            }
        }, "drain-" + label.replace(' ', '-'));
        t.setDaemon(true);
        t.start();
        return q;
    }
}
