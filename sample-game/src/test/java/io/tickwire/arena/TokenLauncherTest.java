package io.tickwire.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.arena.bots.BotSwarm;
import io.tickwire.arena.client.ArenaClient;
import io.tickwire.arena.server.ArenaServer;
import io.tickwire.net.admission.ConnectToken;
import io.tickwire.net.dtls.Fingerprint;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.protocol.DisconnectReason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connect tokens as an operator uses them: {@code arena token keygen} and {@code arena token mint} (in this
 * JVM), {@code arena server --token-key --public-address} in its own JVM; a token minted for it lets a bot
 * in, a token for another address is refused with the reason, and {@code arena bots --token-key} mints its own.
 */
class TokenLauncherTest {

    @Test
    void aMintedTokenGetsABotInAndATokenForAnotherAddressDoesNot(@TempDir Path dir) throws Exception {
        assertEquals(0, Launcher.run("token", "keygen", "--out", dir.toString()));
        Path priv = dir.resolve("backend-private.pem");
        Path pub = dir.resolve("backend-public.pem");
        assertTrue(Files.isRegularFile(priv) && Files.isRegularFile(pub));
        assertEquals(1, Launcher.run("token", "keygen", "--out", dir.toString()), "never overwrites a private key");

        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = probe.getLocalPort(); // a free port for the server to claim (it binds loopback only)
        }
        String here = "127.0.0.1:" + port;
        String elsewhere = "127.0.0.1:" + (port == 65535 ? port - 1 : port + 1);
        String good = mint(priv, 7, here, "gold");
        String wrong = mint(priv, 8, elsewhere, "");
        ConnectToken decoded = ConnectToken.parse(good);
        assertEquals(7, decoded.clientId());
        assertEquals(ArenaServer.TOKEN_APPLICATION_ID, decoded.applicationId());

        Process p = ServerProcesses.launcher("server", "--bind", "127.0.0.1", "--port", Integer.toString(port),
                "--metrics-port", "-1", "--no-lan", "--token-key", pub.toString(), "--public-address", here,
                "--identity", dir.resolve("id").toString()).redirectErrorStream(true).start();
        BlockingQueue<String> out = ServerProcesses.lines(p.getInputStream(), "token server");
        try {
            Matcher m = null;
            long until = System.nanoTime() + 60_000_000_000L;
            while (m == null && System.nanoTime() < until) {
                String line = out.poll(1, TimeUnit.SECONDS);
                if (line != null && ServerProcesses.READY.matcher(line).matches()) {
                    m = ServerProcesses.READY.matcher(line);
                    assertTrue(m.matches());
                }
            }
            assertNotNull(m, "a ready line within 60 s");
            assertEquals(port, Integer.parseInt(m.group(1)));
            ServerTrust trust = ServerTrust.pinned(Fingerprint.parse(m.group(2)));
            List<String> tokens = List.of(good, wrong);

            try (BotSwarm swarm = new BotSwarm("127.0.0.1", port, trust, 2, "tok-", 3,
                    bot -> net -> net.connectToken(tokens.get(bot)))) {
                ArenaClient in = swarm.games().get(0);
                ArenaClient refused = swarm.games().get(1);
                long frame = 1_000_000_000L / 60;
                long end = System.nanoTime() + 20_000_000_000L;
                while (System.nanoTime() < end && !(in.isWelcomed() && refused.disconnectReason() != null)) {
                    swarm.update(System.nanoTime());
                    Thread.sleep(frame / 1_000_000);
                }
                assertTrue(in.isWelcomed(), "the bot with a token for this server joined");
                assertNull(in.disconnectReason());
                assertEquals(DisconnectReason.AUTHENTICATION_FAILED, refused.disconnectReason());
                assertEquals("connect token is for " + elsewhere + ", this server is " + here, refused.disconnectDetail());
            }

            // `arena bots --token-key` mints one token per bot for --connect; they are still in after 3 s.
            assertEquals(0, Launcher.run("bots", "--connect", here, "--fingerprint", m.group(2), "--token-key",
                    priv.toString(), "--count", "2", "--seconds", "3"));
        } finally {
            p.destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the server exits on SIGTERM");
            p.destroyForcibly();
        }
        assertEquals(2, Launcher.run("server", "--token-key", pub.toString()), "--token-key needs --public-address");
    }

    private static String mint(Path key, long clientId, String server, String userData) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Launcher.run("token", "mint", "--key", key.toString(), "--client-id", Long.toString(clientId),
                    "--server", server, "--validity-seconds", "120", "--user-data", userData);
        } finally {
            System.setOut(old);
        }
        assertEquals(0, status);
        return buf.toString(StandardCharsets.UTF_8).strip();
    }
}
