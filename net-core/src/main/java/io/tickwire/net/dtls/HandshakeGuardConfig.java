package io.tickwire.net.dtls;

/**
 * Limits the {@link HandshakeGuard} enforces on handshake traffic before Bouncy Castle sees it.
 *
 * @param maxMessageLength largest handshake message length (the u24 in each fragment header) accepted
 * @param minNonFinalFragmentLength smallest fragment accepted unless it ends the message; honest
 *     peers fragment by MTU, so only floods send tiny interior pieces
 * @param maxFragmentsPerMessage fragments of one message (all resends included) per handshake
 * @param maxFragmentsPerHandshake fragments of all messages together per handshake
 * @param maxMessageSeq message_seq values must be below this
 * @param maxEncryptedHandshakeRecordLength largest epoch-1 handshake record body (only Finished, about 48 bytes, lives there)
 * @param maxEncryptedHandshakeRecords epoch-1 handshake records accepted per handshake (resends included)
 */
public record HandshakeGuardConfig(int maxMessageLength, int minNonFinalFragmentLength, int maxFragmentsPerMessage,
                                   int maxFragmentsPerHandshake, int maxMessageSeq,
                                   int maxEncryptedHandshakeRecordLength, int maxEncryptedHandshakeRecords) {

    /** Default largest handshake message: 4 KiB (our largest, a two-certificate chain, is about 1 KiB). */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 4096;
    /** Default smallest non-final fragment: 256 bytes (IPv4's minimum MTU leaves over 500). */
    public static final int DEFAULT_MIN_NON_FINAL_FRAGMENT_LENGTH = 256;
    /** Default fragments per message: 32 (a 4 KiB message in 16 pieces, resent once). */
    public static final int DEFAULT_MAX_FRAGMENTS_PER_MESSAGE = 32;
    /** Default fragments per handshake: 128. */
    public static final int DEFAULT_MAX_FRAGMENTS_PER_HANDSHAKE = 128;
    /** Default message_seq bound: 16 (a DTLS 1.2 client sends at most 6 messages, HelloVerifyRequest included). */
    public static final int DEFAULT_MAX_MESSAGE_SEQ = 16;
    /** Default largest epoch-1 handshake record body: 128 bytes. */
    public static final int DEFAULT_MAX_ENCRYPTED_HANDSHAKE_RECORD_LENGTH = 128;
    /** Default epoch-1 handshake records per handshake: 8. */
    public static final int DEFAULT_MAX_ENCRYPTED_HANDSHAKE_RECORDS = 8;

    /** The defaults above. */
    public static final HandshakeGuardConfig DEFAULTS = new HandshakeGuardConfig(DEFAULT_MAX_MESSAGE_LENGTH,
            DEFAULT_MIN_NON_FINAL_FRAGMENT_LENGTH, DEFAULT_MAX_FRAGMENTS_PER_MESSAGE,
            DEFAULT_MAX_FRAGMENTS_PER_HANDSHAKE, DEFAULT_MAX_MESSAGE_SEQ,
            DEFAULT_MAX_ENCRYPTED_HANDSHAKE_RECORD_LENGTH, DEFAULT_MAX_ENCRYPTED_HANDSHAKE_RECORDS);

    /** Validates every limit; the exception names the bad one. */
    public HandshakeGuardConfig {
        require("maxMessageLength", maxMessageLength, 256, 1 << 24);
        require("minNonFinalFragmentLength", minNonFinalFragmentLength, 1, maxMessageLength);
        require("maxFragmentsPerMessage", maxFragmentsPerMessage, 1, 1 << 16);
        require("maxFragmentsPerHandshake", maxFragmentsPerHandshake, maxFragmentsPerMessage, 1 << 20);
        require("maxMessageSeq", maxMessageSeq, 2, 1 << 16);
        require("maxEncryptedHandshakeRecordLength", maxEncryptedHandshakeRecordLength, 32,
                DtlsRecords.MAX_RECORD_BODY_LENGTH);
        require("maxEncryptedHandshakeRecords", maxEncryptedHandshakeRecords, 1, 1 << 16);
    }

    private static void require(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", was " + value);
        }
    }
}
