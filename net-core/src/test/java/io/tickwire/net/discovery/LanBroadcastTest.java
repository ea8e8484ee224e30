package io.tickwire.net.discovery;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real broadcast on this machine: a responder on the wildcard address (the only way to hear
 * broadcasts) is found by a browser that only broadcasts (255.255.255.255 and every interface's
 * broadcast address). Off by default, because it binds the wildcard address (tests otherwise bind
 * loopback only) and depends on the machine's interfaces and firewall; run it with
 * {@code -Dtickwire.discovery.broadcast=true}.
 */
@Timeout(30)
class LanBroadcastTest {

    @Test
    void aBroadcastingBrowserFindsAWildcardResponder() throws Exception {
        assumeTrue(Boolean.getBoolean("tickwire.discovery.broadcast"),
                "real broadcast test: enable with -Dtickwire.discovery.broadcast=true");
        try (LanDiscoveryResponder responder = LanDiscoveryResponder.start(
                        LanDiscoveryResponder.Config.builder().port(0).build(), LanDiscoveryLoopbackTest.info().build());
                LanBrowser browser = LanBrowser.open(LanBrowser.Config.builder()
                        .port(responder.localAddress().getPort())
                        .expect(1, LanDiscoveryLoopbackTest.CONFIG_HASH, LanDiscoveryLoopbackTest.APP_HASH).build())) {
            List<InetSocketAddress> targets = browser.targets();
            System.out.println("broadcast targets: " + targets);
            long deadline = System.nanoTime() + 5_000_000_000L;
            long nextRefresh = 0;
            while (browser.servers().isEmpty() && System.nanoTime() < deadline) {
                long now = System.nanoTime();
                if (now >= nextRefresh) {
                    int sent = browser.refresh(now);
                    System.out.println("refresh sent " + sent + " of " + targets.size() + " queries"
                            + (browser.lastError() == null ? "" : "; last error: " + browser.lastError()));
                    nextRefresh = now + 500_000_000L;
                }
                browser.poll(now);
                Thread.sleep(2);
            }
            System.out.println("found: " + browser.servers() + "; responder answered " + responder.answersSent()
                    + " of " + responder.queriesReceived() + " queries");
            assertTrue(!browser.servers().isEmpty(), "no answer to a broadcast within 5 s; send errors: "
                    + browser.lastError());
        }
    }
}
