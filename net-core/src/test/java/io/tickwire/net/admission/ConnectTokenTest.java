package io.tickwire.net.admission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.protocol.CredentialKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connect token format and verification: round trip, every refusal with its reason, limits. */
class ConnectTokenTest {

    static final long APP = 0x0A12_E0A0_0000_0001L;
    static final long T0 = 1_800_000_000_000L;
    static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 7777);
    static final InetSocketAddress OTHER = address("203.0.113.5", 7777);

    /** Deterministic keys and nonces: the seeded "SecureRandom" is SHA1PRNG seeded explicitly. */
    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private final Ed25519PrivateKeyParameters key = BackendKeys.generate(seeded(1));
    private final long[] now = {T0};
    private final ConnectTokenMinter minter = new ConnectTokenMinter(key, APP, () -> now[0], seeded(2));

    private ConnectTokenVerifier verifier() {
        return ConnectTokenVerifier.builder(key.generatePublicKey(), APP).ownAddress(SERVER)
                .clock(() -> now[0]).build();
    }

    private ConnectToken mint() {
        return minter.mint(42, Duration.ofSeconds(30), List.of(SERVER), "team=red".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void roundTripKeepsEveryFieldAndTheTextForm() throws Exception {
        ConnectToken t = minter.mint(-7, Duration.ofMinutes(5), List.of(OTHER, address("::1", 9000)), new byte[] {1, 2, 3});
        ConnectToken back = ConnectTokenCodec.decode(t.toBytes(), 0, t.toBytes().length);
        assertEquals(APP, back.applicationId());
        assertEquals(-7, back.clientId());
        assertEquals(T0, back.issuedAtMillis());
        assertEquals(T0 + 300_000, back.expiresAtMillis());
        assertArrayEquals(t.nonce(), back.nonce());
        assertEquals(List.of(OTHER, address("::1", 9000)), back.serverAddresses());
        assertArrayEquals(new byte[] {1, 2, 3}, back.userData());
        assertArrayEquals(t.toBytes(), ConnectToken.parse("  " + t.toText() + "\n").toBytes());
        // 50 fixed + 7 (IPv4) + 19 (IPv6) + 2 + 3 user data + 64 signature
        assertEquals(145, t.toBytes().length);
        assertEquals(123, ConnectToken.MIN_BYTES);
        assertEquals(524, ConnectToken.MAX_BYTES);
    }

    @Test
    void aValidTokenIsAdmittedOnceWithItsClientIdAndUserData() {
        ConnectTokenVerifier v = verifier();
        ConnectToken t = mint();
        AdmissionResult r = v.verify(t.toBytes());
        assertTrue(r.admitted(), r.toString());
        assertEquals(CredentialKind.CONNECT_TOKEN, r.kind());
        assertEquals(42, r.clientId());
        assertEquals("team=red", new String(r.userData(), StandardCharsets.UTF_8));
        AdmissionResult again = v.verify(t.toBytes());
        assertFalse(again.admitted());
        assertTrue(again.refusal().startsWith("connect token already used"), again.refusal());
    }

    @Test
    void everyTamperedByteIsRefusedByTheSignatureOrTheStructure() {
        ConnectTokenVerifier v = verifier();
        byte[] good = mint().toBytes();
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            AdmissionResult r = v.verify(bad);
            assertFalse(r.admitted(), "byte " + i);
            // Structure first (version, address family, lengths...), then the signature covers the rest.
            assertTrue(r.refusal().contains("signature does not verify") || r.refusal().startsWith("connect token"),
                    "byte " + i + ": " + r.refusal());
            if (i >= 1 && i < 49) { // ids, times and nonce: structurally fine, only the signature catches them
                assertTrue(r.refusal().contains("signature does not verify with this server's backend key")
                        || r.refusal().contains("no later than it was issued"), "byte " + i + ": " + r.refusal());
            }
        }
        assertTrue(v.verify(good).admitted(), "the untampered token still works after all the refusals");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        ConnectTokenMinter stranger = new ConnectTokenMinter(BackendKeys.generate(seeded(99)), APP, () -> now[0], seeded(3));
        AdmissionResult r = verifier().verify(stranger.mint(1, Duration.ofSeconds(30), List.of(SERVER), null).toBytes());
        assertEquals("connect token signature does not verify with this server's backend key: the token was altered,"
                + " or minted with another backend's key", r.refusal());
    }

    @Test
    void timesAddressesAndApplicationAreCheckedWithTheSkewTolerance() {
        ConnectTokenVerifier v = verifier();
        ConnectToken expired = minter.mint(1, T0 - 60_000, T0 - 12_000, new byte[16], List.of(SERVER), null);
        assertEquals("connect token expired 12 s ago: ask the backend for a new one", v.verify(expired.toBytes()).refusal());
        ConnectToken justExpired = minter.mint(1, T0 - 60_000, T0 - 9_000, nonce(1), List.of(SERVER), null);
        assertTrue(v.verify(justExpired.toBytes()).admitted(), "9 s past expiry is within the 10 s skew");
        ConnectToken future = minter.mint(1, T0 + 30_000, T0 + 90_000, nonce(2), List.of(SERVER), null);
        assertEquals("connect token is issued 30 s in the future (clock skew tolerance 10 s): check the backend's and"
                + " this server's clocks", v.verify(future.toBytes()).refusal());
        ConnectToken slightlyAhead = minter.mint(1, T0 + 5_000, T0 + 90_000, nonce(3), List.of(SERVER), null);
        assertTrue(v.verify(slightlyAhead.toBytes()).admitted(), "5 s ahead is within the skew");
        ConnectToken elsewhere = minter.mint(1, T0, T0 + 30_000, nonce(4), List.of(OTHER), null);
        assertEquals("connect token is for 203.0.113.5:7777, this server is 127.0.0.1:7777",
                v.verify(elsewhere.toBytes()).refusal());
        ConnectTokenMinter otherGame = new ConnectTokenMinter(key, 0x99, () -> now[0], seeded(4));
        assertEquals("connect token is for application 0x99, this server runs application 0xa12e0a000000001",
                v.verify(otherGame.mint(1, Duration.ofSeconds(30), List.of(SERVER), null).toBytes()).refusal());
    }

    @Test
    void theReplayCacheRefusesWhenFullAndForgetsOnlyExpiredTokens() {
        ConnectTokenVerifier v = ConnectTokenVerifier.builder(key.generatePublicKey(), APP).ownAddress(SERVER)
                .clock(() -> now[0]).maxReplayEntries(3).clockSkewMillis(1_000).build();
        for (int i = 0; i < 3; i++) {
            assertTrue(v.verify(minter.mint(i, T0, T0 + 10_000 + i * 1_000, nonce(10 + i), List.of(SERVER), null)
                    .toBytes()).admitted());
        }
        ConnectToken fourth = minter.mint(3, T0, T0 + 60_000, nonce(20), List.of(SERVER), null);
        assertEquals("server is busy: its replay cache holds maxReplayEntries 3 unexpired tokens; try again in 11 s",
                v.verify(fourth.toBytes()).refusal());
        assertEquals(3, v.replayEntries());
        now[0] = T0 + 11_000; // the first token (expiry +10 s, skew 1 s) can no longer be used: forgotten
        assertTrue(v.verify(fourth.toBytes()).admitted(), "a refused-for-capacity token is not burnt");
        assertEquals(3, v.replayEntries());
        assertTrue(v.verify(fourth.toBytes()).refusal().startsWith("connect token already used"));
    }

    @Test
    void wrongCredentialKindsAreRefusedWithWhatToDo() {
        ConnectTokenVerifier v = verifier();
        assertEquals("this server needs a connect token: get one from the game's backend (or `arena token mint`) and"
                + " connect with it", v.decide(new AdmissionRequest(CredentialKind.NONE, new byte[0], SERVER)).refusal());
        assertEquals("this server needs a connect token, not a password",
                v.decide(new AdmissionRequest(CredentialKind.PASSWORD, new byte[] {1}, SERVER)).refusal());
    }

    @Test
    void truncatedOversizedAndGarbageInputsGiveOnlyTheDeclaredException() {
        byte[] good = mint().toBytes();
        for (int n = 0; n < good.length; n++) {
            int len = n;
            ConnectTokenException e = assertThrows(ConnectTokenException.class, () -> ConnectTokenCodec.decode(good, 0, len));
            assertTrue(e.getMessage().startsWith("connect token"), e.getMessage());
        }
        byte[] longer = new byte[good.length + 1];
        System.arraycopy(good, 0, longer, 0, good.length);
        assertEquals("connect token has 1 bytes after its signature",
                assertThrows(ConnectTokenException.class, () -> ConnectTokenCodec.decode(longer, 0, longer.length)).getMessage());
        byte[] huge = new byte[ConnectToken.MAX_BYTES + 1];
        assertEquals("connect token of 525 bytes exceeds the largest possible, 524",
                assertThrows(ConnectTokenException.class, () -> ConnectTokenCodec.decode(huge, 0, huge.length)).getMessage());
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(ConnectToken.MAX_BYTES + 20)];
            random.nextBytes(junk);
            if (junk.length > 0) {
                junk[0] = 1; // get past the version byte most of the time
            }
            try {
                ConnectTokenCodec.decode(junk, 0, junk.length);
            } catch (ConnectTokenException expected) {
                // the only failure allowed
            }
        }
        assertTrue(assertThrows(ConnectTokenException.class, () -> ConnectToken.parse("not*base64")).getMessage()
                .startsWith("connect token text is not base64url"));
    }

    @Test
    void mintingRefusesValuesOutsideTheFormatsLimits() {
        List<InetSocketAddress> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(address("10.0.0." + (i + 1), 7777));
        }
        assertEquals("a connect token names 1..8 server addresses, was 9",
                assertThrows(IllegalArgumentException.class, () -> minter.mint(1, Duration.ofSeconds(1), nine, null)).getMessage());
        assertEquals("connect token user data of 257 bytes exceeds 256", assertThrows(IllegalArgumentException.class,
                () -> minter.mint(1, Duration.ofSeconds(1), List.of(SERVER), new byte[257])).getMessage());
        ConnectToken biggest = minter.mint(1, Duration.ofSeconds(1), nine.subList(0, 8).stream()
                .map(a -> address("2001:db8::" + a.getAddress().getAddress()[3], 7777)).toList(), new byte[256]);
        assertEquals(ConnectToken.MAX_BYTES, biggest.toBytes().length);
    }

    @Test
    void keysSurviveAPemRoundTripAndTheWrongFileIsNamed(@TempDir Path dir) throws IOException {
        Path priv = dir.resolve("backend-private.pem");
        Path pub = dir.resolve("backend-public.pem");
        BackendKeys.savePrivate(key, priv);
        BackendKeys.savePublic(key.generatePublicKey(), pub);
        assertTrue(Files.readString(priv).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----"));
        assertArrayEquals(key.getEncoded(), BackendKeys.loadPrivate(priv).getEncoded());
        assertArrayEquals(key.generatePublicKey().getEncoded(), BackendKeys.loadPublic(pub).getEncoded());
        IOException e = assertThrows(IOException.class, () -> BackendKeys.loadPublic(priv));
        assertTrue(e.getMessage().contains("holds no PUBLIC KEY"), e.getMessage());
    }

    @Test
    void passwordsAreComparedExactly() {
        Admission a = Admission.password("hunter2");
        assertTrue(a.decide(new AdmissionRequest(CredentialKind.PASSWORD, "hunter2".getBytes(StandardCharsets.UTF_8),
                SERVER)).admitted());
        assertEquals("wrong password: ask the host for the server's password", a.decide(new AdmissionRequest(
                CredentialKind.PASSWORD, "hunter3".getBytes(StandardCharsets.UTF_8), SERVER)).refusal());
        assertEquals("this server needs a password: enter the one the host gave you",
                a.decide(new AdmissionRequest(CredentialKind.NONE, new byte[0], SERVER)).refusal());
        assertThrows(IllegalArgumentException.class, () -> Admission.password(""));
    }

    private static byte[] nonce(int n) {
        byte[] b = new byte[16];
        b[15] = (byte) n;
        return b;
    }
}
