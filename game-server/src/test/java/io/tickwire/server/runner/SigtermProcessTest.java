package io.tickwire.server.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.dtls.Fingerprint;
import io.tickwire.net.protocol.DisconnectReason;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real process: a child JVM runs {@link RunnerTestMain}; we read its ready line, connect a DTLS
 * client pinning the printed fingerprint, send SIGTERM ({@code Process.destroy()} on Linux) and
 * expect the client to hear SERVER_SHUTDOWN with the runner's detail and the process to exit 0
 * (the JVM's own answer to SIGTERM would be 143).
 */
class SigtermProcessTest {

    private static final Pattern READY = Pattern.compile(
            "tickwire server ready udp=127\\.0\\.0\\.1:(\\d+) fingerprint=(sha256:[0-9a-f]{64})");

    @Test
    @Timeout(90)
    void sigtermShutsDownGracefullyAndExitsZero() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        File stderr = File.createTempFile("tickwire-runner", ".log");
        stderr.deleteOnExit();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                RunnerTestMain.class.getName())
                .redirectError(stderr)
                .start();
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(64);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.offer(line);
                }
            } catch (java.io.IOException e) {
                // The process ended; the assertions below say what was missing.
            }
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
        RunnerFixture.Client client = null;
        try {
            String ready = lines.poll(30, TimeUnit.SECONDS);
            assertNotNull(ready, () -> "no ready line within 30 s; stderr:\n" + read(stderr));
            Matcher m = READY.matcher(ready);
            assertTrue(m.matches(), ready);
            client = new RunnerFixture.Client(Integer.parseInt(m.group(1)), Fingerprint.parse(m.group(2)));
            RunnerFixture.Client c = client;
            assertTrue(c.pollUntil(() -> c.connected.get() && c.snapshotFrames > 0, 15_000),
                    () -> "the client connected and got snapshots; stderr:\n" + read(stderr));

            p.destroy(); // SIGTERM
            assertTrue(c.pollUntil(() -> c.reason != null, 10_000), () -> "no disconnect; stderr:\n" + read(stderr));
            assertEquals(DisconnectReason.SERVER_SHUTDOWN, c.reason);
            assertEquals(DedicatedServerRunner.DEFAULT_SHUTDOWN_DETAIL, c.detail);
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the process exited within 10 s");
            assertEquals(0, p.exitValue(), () -> "exit status; stderr:\n" + read(stderr));
            assertEquals(null, lines.poll(1, TimeUnit.SECONDS), "only the ready line on stdout");
            String log = read(stderr);
            assertTrue(log.contains("INFO received SIGTERM"), log);
            assertTrue(log.contains("INFO player 1 left: SERVER_SHUTDOWN (server is shutting down)"), log);
            assertTrue(log.contains("INFO server closed"), log);
        } finally {
            if (client != null) {
                client.net.close();
            }
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static String read(File f) {
        try {
            return Files.readString(f.toPath());
        } catch (java.io.IOException e) {
            return "(cannot read " + f + ": " + e + ")";
        }
    }
}
