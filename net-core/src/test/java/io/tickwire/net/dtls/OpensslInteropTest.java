package io.tickwire.net.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with a client nobody here wrote: OpenSSL's {@code s_client} against
 * {@link TickwireTlsServer} behind the {@code DTLSVerifier} cookie exchange on loopback UDP.
 * OpenSSL verifies our certificate against itself ({@code -CAfile}, {@code -verify_return_error}),
 * so nothing is switched off on either side. Fails (not skips) without openssl when CI=true.
 */
class OpensslInteropTest {

    private static final long BOUND_SECONDS = 20;
    private static final DtlsConfig CONFIG = new DtlsConfig(10_000, 500);
    private static final String MESSAGE = "hello from openssl";

    private static ServerIdentity identity;
    private static String openssl;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void findOpenssl() throws IOException {
        openssl = locate("openssl");
        if (openssl == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("openssl is not on the PATH, but CI=true requires the interop test to run");
            }
            Assumptions.abort("openssl is not on the PATH");
        }
        identity = ServerIdentity.loadOrCreate(tmp.resolve("identity"));
    }

    @Test
    void opensslDtls12ClientCompletesHandshakeAfterHelloVerifyRequestAndSendsData() throws Exception {
        try (LoopbackDtlsServer server = new LoopbackDtlsServer(TickwireCrypto.create(), identity, CONFIG, 15_000)) {
            Result r = runClient(server.port(), "-dtls1_2");
            String received = server.await(BOUND_SECONDS);
            assertEquals(MESSAGE, received.strip(), () -> "openssl output:\n" + r.output);
            assertTrue(server.helloVerifyRequests.get() >= 1, "the cookie exchange must happen first");
            assertEquals(0, r.exitCode, () -> "openssl output:\n" + r.output);
            assertTrue(r.output.contains("DTLSv1.2"), r.output);
            assertTrue(r.output.contains("ECDHE-ECDSA-AES128-GCM-SHA256"), r.output);
            assertTrue(r.output.contains("Verification: OK") || r.output.contains("Verify return code: 0 (ok)"), r.output);
        }
    }

    @Test
    void opensslDtls10ClientIsRefusedWithProtocolVersion() throws Exception {
        try (LoopbackDtlsServer server = new LoopbackDtlsServer(TickwireCrypto.create(), identity, CONFIG, 15_000)) {
            // SECLEVEL=0 so that OpenSSL 3 is willing to offer DTLS 1.0 at all: the refusal must come from us.
            Result r = runClient(server.port(), "-dtls1", "-cipher", "DEFAULT:@SECLEVEL=0");
            Exception e = assertThrowsFromServer(server);
            TlsFatalAlert alert = assertInstanceOf(TlsFatalAlert.class, e, () -> "openssl output:\n" + r.output);
            assertEquals(AlertDescription.protocol_version, alert.getAlertDescription());
            assertNotEquals(0, r.exitCode, r.output);
        }
    }

    @Test
    void opensslClientOfferingOnlyNonAeadSuitesIsRefusedWithHandshakeFailure() throws Exception {
        try (LoopbackDtlsServer server = new LoopbackDtlsServer(TickwireCrypto.create(), identity, CONFIG, 15_000)) {
            Result r = runClient(server.port(), "-dtls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA");
            Exception e = assertThrowsFromServer(server);
            TlsFatalAlert alert = assertInstanceOf(TlsFatalAlert.class, e, () -> "openssl output:\n" + r.output);
            assertEquals(AlertDescription.handshake_failure, alert.getAlertDescription());
            assertNotEquals(0, r.exitCode, r.output);
        }
    }

    private static Exception assertThrowsFromServer(LoopbackDtlsServer server) {
        try {
            String got = server.await(BOUND_SECONDS);
            fail("server accepted the client and received: " + got);
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Result runClient(int port, String... extra) throws Exception {
        Path cert = tmp.resolve("identity").resolve(ServerIdentity.CERTIFICATE_FILE);
        List<String> cmd = new ArrayList<>(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + port,
                "-CAfile", cert.toString(), "-verify_return_error", "-brief"));
        cmd.addAll(List.of(extra));
        Path log = Files.createTempFile(tmp, "s_client", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            try (OutputStream in = p.getOutputStream()) {
                // s_client sends this line once connected; EOF on stdin then makes it close the session.
                in.write((MESSAGE + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
                fail("openssl s_client did not finish within " + BOUND_SECONDS + " s: " + Files.readString(log));
            }
            return new Result(p.exitValue(), String.join(" ", cmd) + "\n" + Files.readString(log));
        } finally {
            p.destroyForcibly();
        }
    }

    private static String locate(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.isFile() && f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}
