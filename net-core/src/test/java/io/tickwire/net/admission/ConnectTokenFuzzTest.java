package io.tickwire.net.admission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickwire.net.protocol.CredentialKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Coverage-guided fuzzing of the connect token parser and verifier: {@link ConnectTokenCodec#decode}
 * on raw bytes, and {@link ConnectTokenVerifier#verify} on a sequence of tokens, some raw, some
 * properly signed from fuzzed fields (so the checks after the signature are reached) and then
 * possibly altered in one byte. Regression mode replays {@code ConnectTokenFuzzTestInputs/}; the long
 * mode is described in net-core/README.md.
 */
class ConnectTokenFuzzTest {

    private static final long APP = 0x7E57L;
    private static final long NOW = 1_800_000_000_000L;
    private static final InetSocketAddress OWN = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000);
    // A fixed backend key: the corpus stays meaningful from run to run.
    private static final Ed25519PrivateKeyParameters KEY = new Ed25519PrivateKeyParameters(new byte[32]);
    private static final Ed25519PrivateKeyParameters OTHER_KEY = new Ed25519PrivateKeyParameters(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    private static final int REPLAY_ENTRIES = 4;

    /**
     * Raw bytes: decode gives a token or a ConnectTokenException, nothing else; a decoded token
     * re-encodes (fields + its signature) to exactly the input, and its text form parses back to it.
     */
    @FuzzTest
    void decode(byte[] input) throws ConnectTokenException {
        ConnectToken token;
        try {
            token = ConnectTokenCodec.decode(input, 0, input.length);
        } catch (ConnectTokenException e) {
            assertNotNull(e.getMessage());
            assertTrue(e.getMessage().startsWith("connect token"), e.getMessage());
            return;
        }
        assertReencodes(token, input);
        assertArrayEquals(input, ConnectToken.parse(token.toText()).toBytes());
    }

    /**
     * A sequence of up to 8 tokens against one verifier with a replay cache of 4: each verify returns
     * a decision (never throws); a refusal has a category and a sentence, MALFORMED exactly when
     * decode refuses; only an admitted token enters the replay cache, and presenting it again is
     * REPLAYED.
     */
    @FuzzTest
    void verify(FuzzedDataProvider data) {
        ConnectTokenVerifier verifier = ConnectTokenVerifier.builder(KEY.generatePublicKey(), APP).ownAddress(OWN)
                .maxReplayEntries(REPLAY_ENTRIES).clock(() -> NOW).build();
        ConnectTokenMinter minter = new ConnectTokenMinter(KEY, APP, () -> NOW, new SecureRandom());
        ConnectTokenMinter stranger = new ConnectTokenMinter(OTHER_KEY, APP, () -> NOW, new SecureRandom());
        ConnectTokenMinter otherGame = new ConnectTokenMinter(KEY, APP + 1, () -> NOW, new SecureRandom());
        for (int round = 0; round < 8 && data.remainingBytes() > 0; round++) {
            byte[] bytes;
            int how = data.consumeInt(0, 4);
            if (how == 0) {
                bytes = data.consumeBytes(data.consumeInt(0, ConnectToken.MAX_BYTES + 8));
            } else {
                ConnectTokenMinter m = how == 1 ? minter : how == 2 ? stranger : how == 3 ? otherGame : minter;
                bytes = mintFrom(data, m);
                if (bytes == null) {
                    continue;
                }
                if (how == 4 && bytes.length > 0) { // one altered byte
                    int at = data.consumeInt(0, bytes.length - 1);
                    bytes[at] ^= (byte) Math.max(1, data.consumeInt(1, 255));
                }
            }
            boolean decodes = decodes(bytes);
            int cached = verifier.replayEntries();
            AdmissionResult r = verifier.verify(bytes);
            assertNotNull(r);
            if (r.admitted()) {
                assertTrue(decodes);
                assertEquals(CredentialKind.CONNECT_TOKEN, r.kind());
                assertNull(r.reason());
                assertEquals(cached + 1, verifier.replayEntries(), "an admitted token's nonce is remembered");
                AdmissionResult again = verifier.verify(bytes);
                assertEquals(AdmissionRefusal.REPLAYED, again.reason(), "a token admits once");
            } else {
                assertNotNull(r.reason(), "a refusal has a category");
                assertFalse(r.refusal().isEmpty(), "a refusal says why");
                assertEquals(decodes, r.reason() != AdmissionRefusal.MALFORMED, r.reason() + ": " + r.refusal());
                assertEquals(cached, verifier.replayEntries(), "a refused token never enters the replay cache");
            }
            assertTrue(verifier.replayEntries() <= REPLAY_ENTRIES);
        }
    }

    private static boolean decodes(byte[] b) {
        try {
            ConnectTokenCodec.decode(b, 0, b.length);
            return true;
        } catch (ConnectTokenException e) {
            return false;
        }
    }

    /** A token signed by {@code m} from fuzzed fields (times around NOW, addresses, user data), or null when the minter refuses them. */
    private static byte[] mintFrom(FuzzedDataProvider data, ConnectTokenMinter m) {
        long issued = NOW + data.consumeLong(-120_000, 120_000);
        long expires = issued + data.consumeLong(-10, 600_000);
        byte[] nonce = data.consumeBytes(ConnectToken.NONCE_BYTES);
        if (nonce.length != ConnectToken.NONCE_BYTES) {
            return null;
        }
        int count = data.consumeInt(0, ConnectToken.MAX_ADDRESSES + 1);
        List<InetSocketAddress> servers = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                if (data.consumeBoolean()) {
                    servers.add(OWN);
                } else {
                    byte[] raw = data.consumeBytes(data.consumeBoolean() ? 16 : 4);
                    if (raw.length != 4 && raw.length != 16) {
                        return null;
                    }
                    servers.add(new InetSocketAddress(InetAddress.getByAddress(raw), data.consumeInt(0, 65_535)));
                }
            }
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
        byte[] user = data.consumeBytes(data.consumeInt(0, ConnectToken.MAX_USER_DATA_BYTES + 1));
        try {
            byte[] token = m.mint(data.consumeLong(), issued, expires, nonce, servers, user).toBytes();
            assertReencodes(ConnectTokenCodec.decode(token, 0, token.length), token);
            return token;
        } catch (IllegalArgumentException e) {
            return null; // the minter refuses values outside the format's limits, naming them
        } catch (ConnectTokenException e) {
            throw new AssertionError("a minted token does not decode: " + e.getMessage(), e);
        }
    }

    private static void assertReencodes(ConnectToken t, byte[] input) {
        byte[] unsigned = ConnectTokenCodec.encodeUnsigned(t.applicationId(), t.clientId(), t.issuedAtMillis(),
                t.expiresAtMillis(), t.nonce(), t.serverAddresses(), t.userData());
        assertEquals(input.length, unsigned.length + ConnectToken.SIGNATURE_BYTES, "re-encoded length");
        for (int i = 0; i < unsigned.length; i++) {
            assertEquals(input[i], unsigned[i], "re-encoded byte " + i);
        }
        assertArrayEquals(input, t.toBytes());
    }
}
