package io.tickwire.net.dtls;

import java.nio.file.Path;

/**
 * Why a client refused the server's certificate, with both fingerprints and, for
 * trust-on-first-use, the known-hosts file and line an operator would edit.
 *
 * @param kind what went wrong
 * @param expected the fingerprint the client expected, or null when it expected a CA-signed chain
 * @param presented the fingerprint of the leaf certificate the server presented, or null when it
 *     presented none
 * @param knownHostsFile the known-hosts file involved, or null when not trust-on-first-use
 * @param knownHostsLine the 1-based line in {@code knownHostsFile}, or 0 when none
 * @param message a complete human-readable explanation naming all of the above that apply
 */
public record TrustFailure(Kind kind, Fingerprint expected, Fingerprint presented, Path knownHostsFile,
                           int knownHostsLine, String message) {

    /** The kinds of trust failure. */
    public enum Kind {
        /** The presented leaf does not match the pinned fingerprint. */
        PIN_MISMATCH,
        /** The presented leaf differs from the one remembered in the known-hosts file. */
        KNOWN_HOST_MISMATCH,
        /** The known-hosts file could not be read, parsed or written. */
        KNOWN_HOSTS_UNUSABLE,
        /** The chain does not validate against the configured roots (signature, dates, name). */
        CHAIN_INVALID,
        /** The server presented no certificate. */
        NO_CERTIFICATE
    }

    @Override
    public String toString() {
        return message;
    }
}
