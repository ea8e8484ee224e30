package io.tickwire.net.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example works as printed: real DTLS on loopback, identity kept on disk. */
class QuickStartTest {

    @Test
    void clientReceivesTheServersReplyAndTheIdentityIsKeptOnDisk(@TempDir Path dir) throws Exception {
        assertEquals("welcome, player one", QuickStart.run(dir));
        assertTrue(Files.exists(dir.resolve("server-cert.pem")), "certificate kept for the next start");
        assertTrue(Files.exists(dir.resolve("server-key.pem")), "key kept for the next start");
        // A second start reuses the same identity (clients that pinned it keep working).
        assertEquals("welcome, player one", QuickStart.run(dir));
    }
}
