package io.tickwire.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.admission.Admission;
import io.tickwire.net.admission.AdmissionResult;
import io.tickwire.net.admission.BackendKeys;
import io.tickwire.net.admission.ConnectTokenMinter;
import io.tickwire.net.admission.ConnectTokenVerifier;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.protocol.CredentialKind;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.sim.NetworkConditions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

/** Admission over real DTLS on loopback: connect tokens and passwords, each refusal's exact detail at the client. */
class AdmissionOverDtlsTest {

    private static final ServerIdentity IDENTITY = ServerIdentity.generate("tickwire-admission");
    private static final long APP = 0x7E57;
    private static final long T0 = 1_800_000_000_000L;

    private static SecureRandom seeded(long seed) throws Exception {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(seed);
        return r;
    }

    private static NetClient connect(NetHarness h, UnaryOperator<ClientConfig.Builder> setup) {
        Recorder r = new Recorder();
        NetClient c = NetClient.connect(setup.apply(ClientConfig.builder()
                .server("127.0.0.1", h.server.localAddress().getPort(), ServerTrust.pinned(h.server.fingerprint()))
                .connection(Messages.connection()).registry(Messages.registry())).build(), r);
        h.clients.add(c);
        h.clientEvents.add(r);
        return c;
    }

    @Test
    void tokensAdmitTheInvitedAndRefuseEveryoneElseWithTheExactReasonWhileThePlayerIsUndisturbed() throws Exception {
        Ed25519PrivateKeyParameters key = BackendKeys.generate(seeded(1));
        ConnectTokenVerifier[] verifier = new ConnectTokenVerifier[1];
        AtomicInteger decisions = new AtomicInteger();
        // The verifier needs the server's own address, known once the socket is bound: a wrapping Admission.
        Admission counting = request -> {
            decisions.incrementAndGet();
            return verifier[0].decide(request);
        };
        try (NetHarness h = DtlsLoopbackHarness.start(IDENTITY, s -> s.admission(counting), UnaryOperator.identity())) {
            InetSocketAddress self = new InetSocketAddress(InetAddress.getLoopbackAddress(), h.server.localAddress().getPort());
            verifier[0] = ConnectTokenVerifier.builder(key.generatePublicKey(), APP).ownAddress(self)
                    .clock(() -> T0).build();
            ConnectTokenMinter minter = new ConnectTokenMinter(key, APP, () -> T0, seeded(2));
            byte[] good = minter.mint(42, Duration.ofMinutes(1), List.of(self), "elo=1500".getBytes(StandardCharsets.UTF_8))
                    .toBytes();

            NetClient player = connect(h, c -> c.connectToken(good));
            assertTrue(h.runUntil(player::isConnected, 20_000), "the invited player gets in");
            NetPeer admitted = h.serverEvents.connected.get(0);
            assertEquals(42, admitted.clientId());
            AdmissionResult why = admitted.admission();
            assertEquals(CredentialKind.CONNECT_TOKEN, why.kind());
            assertEquals("elo=1500", new String(why.userData(), StandardCharsets.UTF_8));

            Map<String, byte[]> bad = new LinkedHashMap<>();
            bad.put("connect token expired 12 s ago: ask the backend for a new one",
                    minter.mint(1, T0 - 60_000, T0 - 12_000, new byte[16], List.of(self), null).toBytes());
            bad.put("connect token is for 203.0.113.5:7777, this server is 127.0.0.1:" + self.getPort(),
                    minter.mint(2, Duration.ofMinutes(1), List.of(new InetSocketAddress(
                            InetAddress.getByName("203.0.113.5"), 7777)), null).toBytes());
            bad.put("connect token signature does not verify with this server's backend key: the token was altered,"
                    + " or minted with another backend's key", new ConnectTokenMinter(BackendKeys.generate(seeded(3)), APP,
                            () -> T0, seeded(4)).mint(3, Duration.ofMinutes(1), List.of(self), null).toBytes());
            bad.put("connect token already used: each token admits one connection; ask the backend for a new one", good);
            List<NetClient> refused = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : bad.entrySet()) {
                refused.add(connect(h, c -> c.connectToken(e.getValue())));
                expected.add(e.getKey());
            }
            refused.add(connect(h, c -> c));
            expected.add("this server needs a connect token: get one from the game's backend (or `arena token mint`) and"
                    + " connect with it");

            // The admitted player gets one message per step the whole time the others are refused.
            int[] sent = {0};
            boolean done = false;
            for (int i = 0; i < 20_000 && !done; i++) {
                admitted.send(new Messages.Chat(0, sent[0]++, "tick"), Messages.ORDERED);
                h.step();
                done = h.clientEvents.subList(1, h.clientEvents.size()).stream().allMatch(r -> !r.disconnected.isEmpty());
            }
            assertTrue(done, "every uninvited client is refused");
            for (int i = 0; i < refused.size(); i++) {
                Recorder.Disconnect d = h.clientEvents.get(i + 1).disconnected.get(0);
                assertEquals(DisconnectReason.AUTHENTICATION_FAILED, d.reason(), d.detail());
                assertEquals(expected.get(i), d.detail());
                assertTrue(h.clientEvents.get(i + 1).connected.isEmpty(), "a refused client never sees connected");
            }
            assertTrue(h.runUntil(() -> h.clientEvents.get(0).messages(Messages.Chat.class, Messages.ORDERED).size()
                    == sent[0], 20_000));
            assertTrue(player.isConnected());
            assertTrue(h.clientEvents.get(0).disconnected.isEmpty(), "the player was never disturbed");
            assertEquals(1, h.serverEvents.connected.size(), "only the invited player connected on the server");
            assertEquals(6, decisions.get(), "one decision per connection: CONNECT resends are never verified again");
        }
    }

    @Test
    void aConnectionThatPresentsNoCredentialWithinTheDeadlineIsDroppedWithTheReason() throws Exception {
        try (NetHarness h = DtlsLoopbackHarness.start(IDENTITY, s -> s.admission(Admission.password("secret"))
                .admissionDeadlineMillis(300), UnaryOperator.identity())) {
            // Every datagram the client sends after its DTLS handshake is lost: its CONNECTs never arrive.
            connect(h, c -> c.password("secret").simulate(NetworkConditions.PERFECT.withLossPercent(100), 1));
            assertTrue(h.runUntil(() -> !h.clientEvents.get(0).disconnected.isEmpty(), 20_000));
            Recorder.Disconnect d = h.clientEvents.get(0).disconnected.get(0);
            assertEquals(DisconnectReason.AUTHENTICATION_FAILED, d.reason(), d.detail());
            assertEquals("no CONNECT with an acceptable credential within admissionDeadlineMillis 300 ms after the DTLS"
                    + " handshake", d.detail());
            assertNotNull(h.serverEvents.disconnected.get(0));
            assertEquals(DisconnectReason.AUTHENTICATION_FAILED, h.serverEvents.disconnected.get(0).reason());
        }
    }

    @Test
    void aPasswordServerAdmitsTheRightPasswordOnly() throws Exception {
        try (NetHarness h = DtlsLoopbackHarness.start(IDENTITY, s -> s.admission(Admission.password("hunter2")),
                UnaryOperator.identity())) {
            NetClient right = connect(h, c -> c.password("hunter2"));
            connect(h, c -> c.password("hunter3"));
            connect(h, c -> c);
            assertTrue(h.runUntil(() -> right.isConnected() && !h.clientEvents.get(1).disconnected.isEmpty()
                    && !h.clientEvents.get(2).disconnected.isEmpty(), 20_000));
            assertEquals(CredentialKind.PASSWORD, h.serverEvents.connected.get(0).admission().kind());
            assertEquals("wrong password: ask the host for the server's password",
                    h.clientEvents.get(1).disconnected.get(0).detail());
            assertEquals("this server needs a password: enter the one the host gave you",
                    h.clientEvents.get(2).disconnected.get(0).detail());
            assertEquals(DisconnectReason.AUTHENTICATION_FAILED, h.clientEvents.get(2).disconnected.get(0).reason());
            assertEquals(1, h.serverEvents.connected.size());
        }
    }
}
