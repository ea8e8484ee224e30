package io.tickwire.net.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.dtls.Fingerprint;
import io.tickwire.net.transport.ThreadingMode;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real responder and a real browser over UDP on loopback: the browser targets 127.0.0.1 and the
 * responder's port (broadcast off), the responder binds 127.0.0.1 on an ephemeral port.
 */
@Timeout(30)
class LanDiscoveryLoopbackTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final long PROTOCOL = 1;
    static final long CONFIG_HASH = 0x0123_4567_89AB_CDEFL;
    static final long APP_HASH = 0x7EDC_BA98_7654_3210L;
    static final byte[] CERT_DER = AnswerBytes.utf8("the game server's certificate");
    static final Fingerprint FP = Fingerprint.ofDer(CERT_DER);

    static ServerInfo.Builder info() {
        return ServerInfo.builder().serverName("Kim's arena").mapName("foundry").gameVersion("0.4.0")
                .players(2, 8).gamePort(40123).passwordRequired(false).fingerprint(FP)
                .compatibility((int) PROTOCOL, CONFIG_HASH, APP_HASH);
    }

    static LanDiscoveryResponder.Config.Builder responderConfig() {
        return LanDiscoveryResponder.Config.builder().bind(new InetSocketAddress(LOOPBACK, 0));
    }

    static LanBrowser.Config.Builder browserConfig(int responderPort) {
        return LanBrowser.Config.builder().broadcast(false).bind(new InetSocketAddress(LOOPBACK, 0))
                .addTarget(new InetSocketAddress(LOOPBACK, responderPort))
                .expect((int) PROTOCOL, CONFIG_HASH, APP_HASH);
    }

    /** Polls on real time until {@code done}, at most 5 s; the browser is polled as a render loop would. */
    static void pollUntil(LanBrowser browser, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for the browser");
            browser.poll(System.nanoTime());
            Thread.sleep(2);
        }
    }

    @Test
    void aBrowserFindsAResponderAndEveryFieldMatches() throws Exception {
        ServerInfo advertised = info().passwordRequired(true).build();
        try (LanDiscoveryResponder responder = LanDiscoveryResponder.start(responderConfig().build(), advertised);
                LanBrowser browser = LanBrowser.open(browserConfig(responder.localAddress().getPort()).build())) {
            long sentAt = System.nanoTime();
            assertEquals(1, browser.refresh(sentAt));
            pollUntil(browser, () -> !browser.servers().isEmpty());
            List<DiscoveredServer> servers = browser.servers();
            assertEquals(1, servers.size());
            DiscoveredServer s = servers.get(0);
            assertEquals(LOOPBACK, s.address());
            assertEquals(new InetSocketAddress(LOOPBACK, 40123), s.gameAddress());
            assertEquals(advertised, s.info());
            assertEquals("Kim's arena", s.info().serverName());
            assertEquals("foundry", s.info().mapName());
            assertEquals(2, s.info().players());
            assertEquals(8, s.info().maxPlayers());
            assertTrue(s.info().passwordRequired());
            assertEquals(FP, s.info().fingerprint());
            // The trust to connect with accepts exactly the advertised certificate.
            assertNull(s.pinnedTrust().check("127.0.0.1", 40123, new byte[][] {CERT_DER}));
            assertNotNull(s.pinnedTrust().check("127.0.0.1", 40123, new byte[][] {AnswerBytes.utf8("another")}));
            assertTrue(s.compatible());
            assertNull(s.incompatibility());
            assertTrue(s.rttNanos() > 0 && s.rttNanos() < 5_000_000_000L, "rtt " + s.rttNanos());
            assertTrue(s.lastSeenNanos() >= sentAt);
            assertEquals(1, responder.queriesReceived());
            assertEquals(1, responder.answersSent());
            assertEquals(0, responder.droppedTotal());
            assertEquals(1, browser.answersAccepted());
            assertEquals(0, browser.droppedTotal());

            // The tick thread replaces the info; the next answer carries it and the entry is updated in place.
            Thread tick = new Thread(() -> responder.setInfo(advertised.withPlayers(7)));
            tick.start();
            tick.join();
            browser.refresh(System.nanoTime());
            pollUntil(browser, () -> browser.servers().get(0).info().players() == 7);
            assertEquals(1, browser.servers().size());
        }
    }

    @Test
    void incompatibleServersAreListedAndFlaggedNotHidden() throws Exception {
        try (LanDiscoveryResponder newer = LanDiscoveryResponder.start(responderConfig().build(),
                        info().serverName("newer build").gameVersion("0.5.0").compatibility(1, CONFIG_HASH, 99).build());
                LanDiscoveryResponder newerProtocol = LanDiscoveryResponder.start(responderConfig().build(),
                        info().serverName("protocol 2").gamePort(40124).compatibility(2, CONFIG_HASH, APP_HASH).build());
                LanDiscoveryResponder channels = LanDiscoveryResponder.start(responderConfig().build(),
                        info().serverName("other channels").gamePort(40125).compatibility(1, 5, APP_HASH).build());
                LanDiscoveryResponder same = LanDiscoveryResponder.start(responderConfig().build(),
                        info().serverName("same").gamePort(40126).build());
                LanBrowser browser = LanBrowser.open(browserConfig(newer.localAddress().getPort())
                        .addTarget(newerProtocol.localAddress()).addTarget(channels.localAddress())
                        .addTarget(same.localAddress()).build())) {
            assertEquals(4, browser.refresh(System.nanoTime()));
            pollUntil(browser, () -> browser.servers().size() == 4);
            for (DiscoveredServer s : browser.servers()) {
                switch (s.info().serverName()) {
                    case "newer build":
                        assertFalse(s.compatible());
                        assertEquals("different game build (0.5.0): messages or replication schema differ",
                                s.incompatibility());
                        break;
                    case "protocol 2":
                        assertFalse(s.compatible());
                        assertEquals("protocol version 2, this client speaks 1", s.incompatibility());
                        break;
                    case "other channels":
                        assertFalse(s.compatible());
                        assertTrue(s.incompatibility().startsWith("different channel configuration (config hash 5,"),
                                s.incompatibility());
                        break;
                    default:
                        assertEquals("same", s.info().serverName());
                        assertTrue(s.compatible());
                }
            }
        }
    }

    @Test
    void aBurstBeyondTheSourceLimitIsDroppedAndCounted() throws Exception {
        // INVOKER: the test drives the responder with its own time, so the count is exact.
        LanDiscoveryResponder.Config config = responderConfig().threading(ThreadingMode.INVOKER)
                .perSourceLimit(2, 4).totalLimit(1000, 1000).build();
        try (LanDiscoveryResponder responder = LanDiscoveryResponder.start(config, info().build());
                DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            byte[] query = new byte[DiscoveryCodec.QUERY_SIZE];
            for (int i = 0; i < 10; i++) {
                DiscoveryCodec.encodeQuery(i + 1, query);
                client.send(ByteBuffer.wrap(query), responder.localAddress());
            }
            long now = 1_000_000_000L;
            int read = 0;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (read < 10 && System.nanoTime() < deadline) {
                read += responder.poll(now);
            }
            assertEquals(10, read);
            assertEquals(4, responder.answersSent());
            assertEquals(6, responder.dropped(DiscoveryDrop.RATE_LIMITED_SOURCE));
            assertEquals(6, responder.droppedTotal());
            // The four answers arrive, each echoing its query's nonce, none larger than the query.
            client.configureBlocking(true);
            ByteBuffer rx = ByteBuffer.allocate(2048);
            for (int i = 0; i < 4; i++) {
                rx.clear();
                client.receive(rx);
                byte[] answer = new byte[rx.position()];
                rx.flip().get(answer);
                assertTrue(answer.length <= DiscoveryCodec.QUERY_SIZE, answer.length + " bytes");
                assertNull(DiscoveryCodec.checkAnswer(answer, answer.length));
                assertEquals(i + 1, DiscoveryCodec.answerNonce(answer));
            }
            // Half a second later one more token (2/s) is there.
            DiscoveryCodec.encodeQuery(11, query);
            client.send(ByteBuffer.wrap(query), responder.localAddress());
            client.send(ByteBuffer.wrap(query), responder.localAddress());
            read = 0;
            while (read < 2 && System.nanoTime() < deadline) {
                read += responder.poll(now + 500_000_000L);
            }
            assertEquals(5, responder.answersSent());
            assertEquals(7, responder.dropped(DiscoveryDrop.RATE_LIMITED_SOURCE));
        }
    }

    @Test
    void theOverallLimitHoldsAcrossSourceAddresses() throws Exception {
        LanDiscoveryResponder.Config config = responderConfig().threading(ThreadingMode.INVOKER)
                .perSourceLimit(100, 100).totalLimit(1, 5).build();
        InetAddress second = InetAddress.getByName("127.0.0.2"); // Linux routes all of 127/8 to lo
        try (LanDiscoveryResponder responder = LanDiscoveryResponder.start(config, info().build());
                DatagramChannel a = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
                DatagramChannel b = DatagramChannel.open().bind(new InetSocketAddress(second, 0))) {
            byte[] query = new byte[DiscoveryCodec.QUERY_SIZE];
            DiscoveryCodec.encodeQuery(7, query);
            for (int i = 0; i < 4; i++) {
                a.send(ByteBuffer.wrap(query), responder.localAddress());
                b.send(ByteBuffer.wrap(query), responder.localAddress());
            }
            int read = 0;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (read < 8 && System.nanoTime() < deadline) {
                read += responder.poll(1_000_000_000L);
            }
            assertEquals(8, read);
            assertEquals(5, responder.answersSent());
            assertEquals(3, responder.dropped(DiscoveryDrop.RATE_LIMITED_TOTAL));
            assertEquals(0, responder.dropped(DiscoveryDrop.RATE_LIMITED_SOURCE));
        }
    }

    @Test
    void malformedAndShortQueriesAreIgnoredAndCounted() throws Exception {
        try (LanDiscoveryResponder responder = LanDiscoveryResponder.start(
                        responderConfig().threading(ThreadingMode.INVOKER).build(), info().build());
                DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            byte[] query = new byte[DiscoveryCodec.QUERY_SIZE];
            DiscoveryCodec.encodeQuery(1, query);
            client.send(ByteBuffer.wrap(query, 0, 100), responder.localAddress()); // short: no amplification lever
            byte[] wrongMagic = query.clone();
            wrongMagic[0] = 0;
            client.send(ByteBuffer.wrap(wrongMagic), responder.localAddress());
            byte[] wrongVersion = query.clone();
            wrongVersion[4] = 9;
            client.send(ByteBuffer.wrap(wrongVersion), responder.localAddress());
            int read = 0;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (read < 3 && System.nanoTime() < deadline) {
                read += responder.poll(System.nanoTime());
            }
            assertEquals(1, responder.dropped(DiscoveryDrop.TOO_SHORT));
            assertEquals(1, responder.dropped(DiscoveryDrop.BAD_MAGIC));
            assertEquals(1, responder.dropped(DiscoveryDrop.BAD_FORMAT_VERSION));
            assertEquals(0, responder.answersSent());
            assertThrows(IllegalStateException.class, () -> {
                try (LanDiscoveryResponder threaded = LanDiscoveryResponder.start(responderConfig().build(), info().build())) {
                    threaded.poll(0);
                }
            });
        }
    }

    @Test
    void staleEntriesExpireOnThePollTimeGiven() throws Exception {
        try (LanDiscoveryResponder responder = LanDiscoveryResponder.start(responderConfig().build(), info().build());
                LanBrowser browser = LanBrowser.open(browserConfig(responder.localAddress().getPort())
                        .entryTimeoutMillis(3000).build())) {
            long t = System.nanoTime();
            browser.refresh(t);
            pollUntil(browser, () -> browser.servers().size() == 1);
            long seen = browser.servers().get(0).lastSeenNanos();
            assertFalse(browser.poll(seen + 3_000_000_000L), "exactly the timeout: still listed");
            assertEquals(1, browser.servers().size());
            assertTrue(browser.poll(seen + 3_000_000_001L), "past the timeout: removed, and poll says so");
            assertTrue(browser.servers().isEmpty());
            assertFalse(browser.poll(seen + 3_000_000_002L));
        }
    }

    @Test
    void answersWithoutAFreshNonceAreIgnored() throws Exception {
        try (LanBrowser browser = LanBrowser.open(browserConfig(9).build());
                DatagramChannel spoofer = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            long t = 1_000_000_000L;
            browser.refresh(t);
            // A well-formed answer with a guessed nonce, and a malformed one.
            AnswerBytes guess = new AnswerBytes();
            guess.nonce = 12345;
            spoofer.send(ByteBuffer.wrap(guess.build()), browser.localAddress());
            AnswerBytes bad = new AnswerBytes();
            bad.players = 99;
            spoofer.send(ByteBuffer.wrap(bad.build()), browser.localAddress());
            AnswerBytes huge = new AnswerBytes();
            huge.gameVersion = new byte[200];
            spoofer.send(ByteBuffer.wrap(huge.build()), browser.localAddress()); // read as 195 bytes: OVERSIZED
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (browser.droppedTotal() < 3 && System.nanoTime() < deadline) {
                browser.poll(t);
                Thread.sleep(1);
            }
            assertEquals(1, browser.dropped(DiscoveryDrop.UNKNOWN_NONCE));
            assertEquals(1, browser.dropped(DiscoveryDrop.BAD_PLAYER_COUNT));
            assertEquals(1, browser.dropped(DiscoveryDrop.OVERSIZED));
            assertTrue(browser.servers().isEmpty());
        }
    }

    @Test
    void aLateAnswerToAnOldQueryIsIgnoredAfterTheNonceHistory() throws Exception {
        LanDiscoveryResponder.Config config = responderConfig().threading(ThreadingMode.INVOKER).build();
        try (LanDiscoveryResponder responder = LanDiscoveryResponder.start(config, info().build());
                LanBrowser browser = LanBrowser.open(browserConfig(responder.localAddress().getPort()).build())) {
            long t = 1_000_000_000L;
            browser.refresh(t);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (responder.queriesReceived() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(1);
                browser.poll(t); // nothing to read yet: the answer waits until the responder polls
                responder.poll(t);
            }
            // The answer to the first query is now on its way; before the browser reads it, it sends
            // NONCE_HISTORY newer queries (which the responder never answers: it is not polled).
            for (int i = 1; i <= LanBrowser.NONCE_HISTORY; i++) {
                browser.refresh(t + i);
            }
            while (browser.droppedTotal() < 1 && System.nanoTime() < deadline) {
                browser.poll(t + 10);
                Thread.sleep(1);
            }
            assertEquals(1, browser.dropped(DiscoveryDrop.UNKNOWN_NONCE));
            assertTrue(browser.servers().isEmpty());
        }
    }

    @Test
    void aTakenPortIsReportedWithThePortAndWhatToDo() throws Exception {
        try (DatagramChannel squatter = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            int port = ((InetSocketAddress) squatter.getLocalAddress()).getPort();
            BindException e = assertThrows(BindException.class, () -> LanDiscoveryResponder.start(
                    responderConfig().bind(new InetSocketAddress(LOOPBACK, port)).build(), info().build()));
            assertTrue(e.getMessage().contains("LAN discovery port " + port + " on 127.0.0.1 is in use"), e.getMessage());
            assertTrue(e.getMessage().contains("LanDiscoveryResponder.Config.Builder.port"), e.getMessage());
            assertNotNull(e.getCause());
        }
    }

    @Test
    void twoRespondersShareOnePortWhenBothAllowIt() throws Exception {
        // SO_REUSEADDR: two game servers on one host can both listen on the discovery port (both hear
        // broadcasts; a unicast query reaches one of them).
        try (LanDiscoveryResponder first = LanDiscoveryResponder.start(responderConfig().build(), info().build());
                LanDiscoveryResponder second = LanDiscoveryResponder.start(
                        responderConfig().bind(first.localAddress()).build(), info().gamePort(40200).build())) {
            assertEquals(first.localAddress(), second.localAddress());
        }
    }

    @Test
    void browserConfigNamesWhatIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LanBrowser.Config.builder().build());
        assertTrue(e.getMessage().contains("expect(...) is required"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LanBrowser.Config.builder().expect(1, 2, 3).broadcast(false).build());
        assertTrue(e.getMessage().contains("no target was added"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LanBrowser.Config.builder().expect(1, 2, 3).entryTimeoutMillis(0));
        assertTrue(e.getMessage().contains("entryTimeoutMillis must be in [1, 3600000], was 0"), e.getMessage());
    }
}
