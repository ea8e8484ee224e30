package io.tickwire.bench;

import io.tickwire.net.admission.AdmissionResult;
import io.tickwire.net.admission.BackendKeys;
import io.tickwire.net.admission.ConnectToken;
import io.tickwire.net.admission.ConnectTokenMinter;
import io.tickwire.net.admission.ConnectTokenVerifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * What admitting one connect token costs the server's tick thread: median microseconds per token for the
 * whole {@link ConnectTokenVerifier#verify} (decode, Ed25519 signature, times, address, replay cache), the
 * Ed25519 signature check alone, and as a baseline SHA-256 of the same bytes; in the same run, with token
 * sizes. Every token is fresh (single use), minted before the timed part.
 *
 * <pre>
 * java -cp ... io.tickwire.bench.TokenVerify --tokens 2000 --rounds 7
 * </pre>
 */
public final class TokenVerify {

    private TokenVerify() {
    }

    public static void main(String[] argv) throws Exception {
        Bench b = new Bench(argv);
        int n = b.intArg("tokens", 2000);
        int rounds = b.intArg("rounds", 7);
        Bench.printEnvironment("TokenVerify --tokens " + n + " --rounds " + rounds);
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(20261206L);
        Ed25519PrivateKeyParameters key = BackendKeys.generate(random);
        Ed25519PublicKeyParameters pub = key.generatePublicKey();
        long app = 0x5457_4152_454E_4131L;
        long now = 1_800_000_000_000L;
        InetSocketAddress self = new InetSocketAddress(InetAddress.getLoopbackAddress(), 7777);
        ConnectTokenMinter minter = new ConnectTokenMinter(key, app, () -> now, random);

        List<InetSocketAddress> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add(new InetSocketAddress(InetAddress.getByName("2001:db8::" + (i + 1)), 7777));
        }
        eight.set(7, self);
        System.out.printf(Locale.ROOT, "token bytes: minimal (1 IPv4, no user data) %d, typical (1 IPv4, 32 B user data)"
                + " %d, largest (7 IPv6 + 1 IPv4, 256 B) %d; as text %d / %d / %d characters%n",
                minter.mint(1, Duration.ofMinutes(1), List.of(self), null).toBytes().length,
                minter.mint(1, Duration.ofMinutes(1), List.of(self), new byte[32]).toBytes().length,
                minter.mint(1, Duration.ofMinutes(1), eight, new byte[256]).toBytes().length,
                minter.mint(1, Duration.ofMinutes(1), List.of(self), null).toText().length(),
                minter.mint(1, Duration.ofMinutes(1), List.of(self), new byte[32]).toText().length(),
                minter.mint(1, Duration.ofMinutes(1), eight, new byte[256]).toText().length());

        double[] full = new double[rounds];
        double[] signature = new double[rounds];
        double[] sha = new double[rounds];
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Ed25519Signer signer = new Ed25519Signer();
        long sink = 0;
        for (int r = -2; r < rounds; r++) { // two warm-up rounds
            byte[][] tokens = new byte[n][];
            for (int i = 0; i < n; i++) {
                tokens[i] = minter.mint(i, Duration.ofMinutes(1), List.of(self), new byte[32]).toBytes();
            }
            ConnectTokenVerifier v = ConnectTokenVerifier.builder(pub, app).ownAddress(self).clock(() -> now)
                    .maxReplayEntries(n).build();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                digest.update(tokens[i]);
                sink += digest.digest()[0];
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                int signed = tokens[i].length - ConnectToken.SIGNATURE_BYTES;
                signer.init(false, pub);
                signer.update(tokens[i], 0, signed);
                byte[] sig = new byte[ConnectToken.SIGNATURE_BYTES];
                System.arraycopy(tokens[i], signed, sig, 0, sig.length);
                sink += signer.verifySignature(sig) ? 1 : 0;
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                AdmissionResult a = v.verify(tokens[i]);
                if (!a.admitted()) {
                    throw new IllegalStateException("token " + i + " refused: " + a.refusal());
                }
                sink += a.clientId();
            }
            long t3 = System.nanoTime();
            if (r >= 0) {
                sha[r] = (t1 - t0) / 1e3 / n;
                signature[r] = (t2 - t1) / 1e3 / n;
                full[r] = (t3 - t2) / 1e3 / n;
            }
        }
        double base = Bench.median(sha);
        System.out.printf(Locale.ROOT, "SHA-256 of the token (baseline)      median %8.2f us%n", base);
        System.out.printf(Locale.ROOT, "Ed25519 signature check              median %8.2f us  (%.0fx baseline)%n",
                Bench.median(signature), Bench.median(signature) / base);
        System.out.printf(Locale.ROOT, "ConnectTokenVerifier.verify (admit)  median %8.2f us  (%.0fx baseline);"
                + " %.0f tokens/s on one core%n", Bench.median(full), Bench.median(full) / base, 1e6 / Bench.median(full));
        System.out.println("# (checksum " + sink + ")");
    }
}
