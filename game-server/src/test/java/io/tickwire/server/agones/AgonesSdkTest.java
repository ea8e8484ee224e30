package io.tickwire.server.agones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SDK client's requests as the (recording) sidecar receives them, its reading of GET /gameserver, and its errors. */
@Timeout(30)
class AgonesSdkTest {

    @Test
    void lifecycleCallsArePostsOfAnEmptyJsonObject() throws Exception {
        try (RecordingSidecar sidecar = RecordingSidecar.start()) {
            AgonesSdk sdk = AgonesSdk.at(sidecar.base(), Duration.ofSeconds(2));
            sdk.ready();
            sdk.health();
            sdk.allocate();
            sdk.setLabel("match", "7");
            sdk.shutdown();
            List<RecordingSidecar.Request> seen = sidecar.requests();
            assertEquals("[POST /ready, POST /health, POST /allocate, PUT /metadata/label, POST /shutdown]", seen.toString());
            for (RecordingSidecar.Request r : seen) {
                assertEquals("application/json", r.contentType(), r.toString());
            }
            assertEquals("{}", seen.get(0).body());
            assertEquals("{\"key\":\"match\",\"value\":\"7\"}", seen.get(3).body());
            assertEquals("Shutdown", sidecar.state());
        }
    }

    @Test
    void gameServerReadsStateAddressAndPorts() throws Exception {
        try (RecordingSidecar sidecar = RecordingSidecar.start()) {
            sidecar.state("Allocated");
            AgonesGameServer gs = AgonesSdk.at(sidecar.base(), Duration.ofSeconds(2)).gameServer();
            assertEquals("arena-fleet-x7k2q-9fz4d", gs.name());
            assertTrue(gs.isAllocated());
            assertEquals("203.0.113.7", gs.address());
            assertEquals(7443, gs.port("game"));
            assertEquals(7512, gs.port("metrics"));
            assertEquals(-1, gs.port("nope"));
            assertEquals("arena-fleet", gs.labels().get("agones.dev/fleet"));
        }
    }

    @Test
    void errorsNameTheRequestTheSidecarAndTheCause() throws Exception {
        int port;
        try (RecordingSidecar sidecar = RecordingSidecar.start()) {
            port = sidecar.port();
            sidecar.failWith(500);
            IOException e = assertThrows(IOException.class, () -> AgonesSdk.at(sidecar.base(), Duration.ofSeconds(2)).ready());
            assertTrue(e.getMessage().contains("answered POST /ready with HTTP 500: {\"error\":\"the sidecar is unwell\"}"),
                    e.getMessage());
        }
        // Nothing listens there any more.
        IOException refused = assertThrows(IOException.class, () -> AgonesSdk.local(port).health());
        assertTrue(refused.getMessage().startsWith("cannot reach the Agones sidecar at http://localhost:" + port
                + " for POST /health"), refused.getMessage());
    }

    @Test
    void theEnvironmentVariableDecidesWhetherAgonesIsThere() {
        assertFalse(AgonesSdk.portFromEnvironment(Map.of()).isPresent());
        assertFalse(AgonesSdk.portFromEnvironment(Map.of("AGONES_SDK_HTTP_PORT", " ")).isPresent());
        assertEquals(OptionalInt.of(9358), AgonesSdk.portFromEnvironment(Map.of("AGONES_SDK_HTTP_PORT", "9358")));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> AgonesSdk.portFromEnvironment(Map.of("AGONES_SDK_HTTP_PORT", "nine")));
        assertEquals("AGONES_SDK_HTTP_PORT must be a port number, got 'nine'", bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AgonesSdk.portFromEnvironment(Map.of("AGONES_SDK_HTTP_PORT", "70000")));
    }

    @Test
    void theJsonReaderRefusesMalformedAndTooDeepInput() {
        assertEquals(Map.of("a", List.of(1.0, "x\"y", true)), SidecarJson.parse("{\"a\": [1, \"x\\\"y\", true]}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SidecarJson.parse("{\"a\" 1}"));
        assertEquals("malformed JSON at offset 5: expected ':'", e.getMessage());
        String deep = "[".repeat(SidecarJson.MAX_DEPTH + 2) + "]".repeat(SidecarJson.MAX_DEPTH + 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SidecarJson.parse(deep)).getMessage()
                .contains("nested deeper than " + SidecarJson.MAX_DEPTH));
        assertThrows(IllegalArgumentException.class, () -> SidecarJson.parse("{} x"));
    }
}
