package io.tickwire.net.dtls;

import java.util.Objects;

/** Trust by one pinned leaf fingerprint. */
final class PinnedTrust implements ServerTrust {

    private final Fingerprint pinned;

    PinnedTrust(Fingerprint pinned) {
        this.pinned = Objects.requireNonNull(pinned, "pinned fingerprint");
    }

    @Override
    public TrustFailure check(String host, int port, byte[][] derChain) {
        if (derChain.length == 0) {
            return new TrustFailure(TrustFailure.Kind.NO_CERTIFICATE, pinned, null, null, 0,
                    "server " + host + ":" + port + " presented no certificate; expected " + pinned);
        }
        Fingerprint presented = Fingerprint.ofDer(derChain[0]);
        if (presented.equals(pinned)) {
            return null;
        }
        return new TrustFailure(TrustFailure.Kind.PIN_MISMATCH, pinned, presented, null, 0,
                "server " + host + ":" + port + " presented certificate " + presented + " but the pinned fingerprint is "
                        + pinned + "; if the server's identity really changed, pin the new fingerprint");
    }

    @Override
    public String toString() {
        return "pinned " + pinned;
    }
}
