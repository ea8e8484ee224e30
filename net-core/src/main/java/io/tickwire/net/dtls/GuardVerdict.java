package io.tickwire.net.dtls;

/**
 * What the {@link HandshakeGuard} decided about one datagram. Anything but {@link #PASS} means:
 * drop the datagram before Bouncy Castle sees it, and count the verdict. Verdicts marked
 * "stateful" come only from the per-handshake counters and mean the handshake has broken a limit
 * and should be abandoned; the others say nothing about the peer (the datagram may be spoofed).
 */
public enum GuardVerdict {
    /** The datagram may be handed to Bouncy Castle. */
    PASS,
    /** Fewer bytes than a record header (13, or 17 with a connection ID) or a handshake fragment header (12) remain. */
    TRUNCATED_HEADER,
    /** A record's length field runs past the end of the datagram, or exceeds 2^14 + 2048. */
    RECORD_OVERRUN,
    /** A record's version is neither DTLS 1.0 (allowed in a ClientHello record) nor DTLS 1.2. */
    BAD_VERSION,
    /** A content type that cannot appear in this epoch (application data or tls12_cid in epoch 0, unknown types). */
    UNEXPECTED_CONTENT_TYPE,
    /** A handshake fragment runs past its record, or past its message's declared length. */
    FRAGMENT_OVERRUN,
    /** A handshake message declares a length above {@link HandshakeGuardConfig#maxMessageLength()}. */
    MESSAGE_TOO_LONG,
    /** A fragment that does not end its message is shorter than {@link HandshakeGuardConfig#minNonFinalFragmentLength()}. */
    FRAGMENT_TOO_SMALL,
    /** A handshake message type that DTLS 1.2 never sends unencrypted. */
    UNEXPECTED_MESSAGE_TYPE,
    /** A message_seq at or above {@link HandshakeGuardConfig#maxMessageSeq()}. */
    MESSAGE_SEQ_TOO_HIGH,
    /** An epoch-1 handshake record longer than {@link HandshakeGuardConfig#maxEncryptedHandshakeRecordLength()}. */
    ENCRYPTED_HANDSHAKE_RECORD_TOO_LONG,
    /** Stateful: fragments per message or per handshake above their limits. */
    TOO_MANY_FRAGMENTS,
    /** Stateful: more epoch-1 handshake records than {@link HandshakeGuardConfig#maxEncryptedHandshakeRecords()}. */
    TOO_MANY_ENCRYPTED_HANDSHAKE_RECORDS,
    /** Stateful: a fragment declares a different total length for a message_seq than an earlier one did. */
    INCONSISTENT_LENGTH
}
