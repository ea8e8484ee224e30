package io.tickwire.net.admission;

import io.tickwire.net.protocol.CredentialKind;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A dedicated server's connect-token check, as an {@link Admission}: holds only the backend's public
 * key, and admits a token whose Ed25519 signature verifies, whose application id is this game's, that
 * is issued and not expired (within {@link Builder#clockSkewMillis}), that names one of this server's
 * own addresses, and whose nonce it has not seen. Each refusal says exactly why. Owner thread only
 * (the server's update thread).
 *
 * <p>Single use: the nonce of every admitted token is kept until the token expires (plus the skew),
 * at most {@link Builder#maxReplayEntries} of them; when that many unexpired tokens are remembered, new
 * tokens are refused ("replay cache full") rather than forgetting one that could then be replayed.
 */
public final class ConnectTokenVerifier implements Admission {

    /** Default {@link Builder#clockSkewMillis}: 10 s. */
    public static final long DEFAULT_CLOCK_SKEW_MILLIS = 10_000;
    /** Default {@link Builder#maxReplayEntries}. */
    public static final int DEFAULT_MAX_REPLAY_ENTRIES = 65_536;
    /** Largest accepted {@link Builder#clockSkewMillis}: 10 minutes. */
    public static final long MAX_CLOCK_SKEW_MILLIS = 600_000;

    private final Ed25519PublicKeyParameters publicKey;
    private final long applicationId;
    private final List<InetSocketAddress> ownAddresses;
    private final long skewMillis;
    private final int maxReplayEntries;
    private final WallClock clock;
    private final Ed25519Signer verifier = new Ed25519Signer();
    private final HashMap<Nonce, Long> seen = new HashMap<>();
    private final PriorityQueue<Used> byExpiry = new PriorityQueue<>();

    private ConnectTokenVerifier(Builder b) {
        this.publicKey = b.publicKey;
        this.applicationId = b.applicationId;
        this.ownAddresses = List.copyOf(b.ownAddresses);
        this.skewMillis = b.clockSkewMillis;
        this.maxReplayEntries = b.maxReplayEntries;
        this.clock = b.clock;
    }

    /** A builder for {@code applicationId}'s tokens signed by the backend key {@code publicKey}. */
    public static Builder builder(Ed25519PublicKeyParameters publicKey, long applicationId) {
        return new Builder(publicKey, applicationId);
    }

    /** Addresses this server accepts tokens for. */
    public List<InetSocketAddress> ownAddresses() {
        return ownAddresses;
    }

    /** Nonces remembered now (admitted tokens not yet expired, plus expired ones not yet purged). */
    public int replayEntries() {
        return seen.size();
    }

    @Override
    public AdmissionResult decide(AdmissionRequest request) {
        switch (request.kind()) {
            case CONNECT_TOKEN:
                return verify(request.credential());
            case NONE:
                return AdmissionResult.refuse(AdmissionRefusal.NO_CREDENTIAL, "this server needs a connect token: get one from the game's backend"
                        + " (or `arena token mint`) and connect with it");
            default:
                return AdmissionResult.refuse(AdmissionRefusal.WRONG_KIND, "this server needs a connect token, not a "
                        + request.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
    }

    /** Verifies one token's bytes and, when it is admitted, records its nonce as used. */
    public AdmissionResult verify(byte[] tokenBytes) {
        ConnectToken token;
        try {
            token = ConnectTokenCodec.decode(tokenBytes, 0, tokenBytes.length);
        } catch (ConnectTokenException e) {
            return AdmissionResult.refuse(AdmissionRefusal.MALFORMED, e.getMessage());
        }
        int signed = tokenBytes.length - ConnectToken.SIGNATURE_BYTES;
        verifier.init(false, publicKey);
        verifier.update(tokenBytes, 0, signed);
        byte[] signature = new byte[ConnectToken.SIGNATURE_BYTES];
        System.arraycopy(tokenBytes, signed, signature, 0, signature.length);
        if (!verifier.verifySignature(signature)) {
            return AdmissionResult.refuse(AdmissionRefusal.BAD_SIGNATURE, "connect token signature does not verify with this server's backend key:"
                    + " the token was altered, or minted with another backend's key");
        }
        if (token.applicationId() != applicationId) {
            return AdmissionResult.refuse(AdmissionRefusal.WRONG_APPLICATION, "connect token is for application 0x" + Long.toHexString(token.applicationId())
                    + ", this server runs application 0x" + Long.toHexString(applicationId));
        }
        long now = clock.currentTimeMillis();
        if (token.issuedAtMillis() - now > skewMillis) {
            return AdmissionResult.refuse(AdmissionRefusal.NOT_YET_VALID, "connect token is issued " + span(token.issuedAtMillis() - now)
                    + " in the future (clock skew tolerance " + span(skewMillis) + "): check the backend's and this"
                    + " server's clocks");
        }
        if (now - token.expiresAtMillis() >= skewMillis) {
            return AdmissionResult.refuse(AdmissionRefusal.EXPIRED, "connect token expired " + span(now - token.expiresAtMillis())
                    + " ago: ask the backend for a new one");
        }
        if (!namesUs(token)) {
            return AdmissionResult.refuse(AdmissionRefusal.WRONG_ADDRESS, "connect token is for " + addresses(token.serverAddresses()) + ", this server is "
                    + addresses(ownAddresses));
        }
        Nonce nonce = new Nonce(ConnectTokenCodec.u64(token.nonce(), 0), ConnectTokenCodec.u64(token.nonce(), 8));
        purge(now);
        if (seen.containsKey(nonce)) {
            return AdmissionResult.refuse(AdmissionRefusal.REPLAYED, "connect token already used: each token admits one connection; ask the"
                    + " backend for a new one");
        }
        if (seen.size() >= maxReplayEntries) {
            long wait = byExpiry.isEmpty() ? 0 : byExpiry.peek().forgetAt - now;
            return AdmissionResult.refuse(AdmissionRefusal.REPLAY_CACHE_FULL, "server is busy: its replay cache holds maxReplayEntries " + maxReplayEntries
                    + " unexpired tokens; try again in " + span(Math.max(wait, 1)));
        }
        long forgetAt = token.expiresAtMillis() + skewMillis;
        seen.put(nonce, forgetAt);
        byExpiry.add(new Used(nonce, forgetAt));
        return AdmissionResult.admit(CredentialKind.CONNECT_TOKEN, token.clientId(), token.userData());
    }

    /** Forgets the nonces of tokens that can no longer be admitted anyway. */
    private void purge(long now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().forgetAt <= now) {
            seen.remove(byExpiry.poll().nonce);
        }
    }

    private boolean namesUs(ConnectToken token) {
        for (InetSocketAddress a : token.serverAddresses()) {
            if (ownAddresses.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private static String addresses(List<InetSocketAddress> list) {
        StringBuilder sb = new StringBuilder();
        for (InetSocketAddress a : list) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            String host = a.getAddress().getHostAddress();
            sb.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(a.getPort());
        }
        return sb.toString();
    }

    /** "12 s" from whole seconds up, "350 ms" below. */
    static String span(long millis) {
        return millis >= 1000 ? millis / 1000 + " s" : millis + " ms";
    }

    private record Nonce(long high, long low) {
    }

    private record Used(Nonce nonce, long forgetAt) implements Comparable<Used> {
        @Override
        public int compareTo(Used o) {
            return Long.compare(forgetAt, o.forgetAt);
        }
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {

        private final Ed25519PublicKeyParameters publicKey;
        private final long applicationId;
        private final ArrayDeque<InetSocketAddress> ownAddresses = new ArrayDeque<>();
        private long clockSkewMillis = DEFAULT_CLOCK_SKEW_MILLIS;
        private int maxReplayEntries = DEFAULT_MAX_REPLAY_ENTRIES;
        private WallClock clock = WallClock.SYSTEM;

        private Builder(Ed25519PublicKeyParameters publicKey, long applicationId) {
            this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
            this.applicationId = applicationId;
        }

        /** An address (IP and port) clients reach this server at; a token must name one of them. */
        public Builder ownAddress(InetSocketAddress address) {
            Objects.requireNonNull(address, "address");
            if (address.isUnresolved() || address.getAddress().isAnyLocalAddress() || address.getPort() == 0) {
                throw new IllegalArgumentException("own address " + address + " must be a concrete IP address and port,"
                        + " the one clients connect to (not a wildcard, not port 0)");
            }
            ownAddresses.add(address);
            return this;
        }

        /** How far the backend's clock may be off from this server's, in ms (default 10 s, at most 10 min). */
        public Builder clockSkewMillis(long millis) {
            this.clockSkewMillis = millis;
            return this;
        }

        /** Most nonces of unexpired tokens remembered (default {@value ConnectTokenVerifier#DEFAULT_MAX_REPLAY_ENTRIES}). */
        public Builder maxReplayEntries(int entries) {
            this.maxReplayEntries = entries;
            return this;
        }

        /** Wall clock for issue and expiry checks (default {@link WallClock#SYSTEM}); tests pass a fixed one. */
        public Builder clock(WallClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the missing or bad value
         */
        public ConnectTokenVerifier build() {
            if (ownAddresses.isEmpty()) {
                throw new IllegalArgumentException("a token verifier needs this server's own address(es): tokens name"
                        + " the servers they are valid for (ownAddress, `--public-address HOST:PORT`)");
            }
            if (ownAddresses.size() > ConnectToken.MAX_ADDRESSES) {
                throw new IllegalArgumentException("at most " + ConnectToken.MAX_ADDRESSES + " own addresses, was "
                        + ownAddresses.size());
            }
            if (clockSkewMillis < 0 || clockSkewMillis > MAX_CLOCK_SKEW_MILLIS) {
                throw new IllegalArgumentException("clockSkewMillis must be 0.." + MAX_CLOCK_SKEW_MILLIS + ", was "
                        + clockSkewMillis);
            }
            if (maxReplayEntries < 1) {
                throw new IllegalArgumentException("maxReplayEntries must be at least 1, was " + maxReplayEntries);
            }
            return new ConnectTokenVerifier(this);
        }
    }
}
