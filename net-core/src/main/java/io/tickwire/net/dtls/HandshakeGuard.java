package io.tickwire.net.dtls;

import java.util.Objects;

/**
 * Pre-authentication filter in front of Bouncy Castle's DTLS handshake against the two bctls
 * 1.84 reassembly weaknesses: a fragment header's 24-bit message length is allocated unchecked,
 * and many tiny interior fragments make reassembly quadratic. It parses every record header in a
 * datagram and every handshake fragment header of epoch-0 handshake records, without allocating.
 * Immutable and thread-safe; the optional {@link HandshakeGuardState} is not.
 */
public final class HandshakeGuard {

    private static final int VERSION_DTLS10 = 0xFEFF;
    private static final int VERSION_DTLS12 = 0xFEFD;

    // Handshake types that DTLS 1.2 sends in epoch 0 (RFC 5246 7.4, RFC 6347 4.2, RFC 6066, RFC 4680, RFC 5077).
    private static final long EPOCH0_MESSAGE_TYPES = bit(0) | bit(1) | bit(2) | bit(3) | bit(4) | bit(11) | bit(12)
            | bit(13) | bit(14) | bit(15) | bit(16) | bit(22) | bit(23);

    // Only Finished travels encrypted in a DTLS 1.2 handshake (renegotiation is refused).
    private static final long ENCRYPTED_MESSAGE_TYPES = bit(20);

    private final HandshakeGuardConfig config;
    private final int cidLength;

    /** A guard enforcing {@code config}, for records whose connection IDs are {@link TickwireTlsServer#CONNECTION_ID_LENGTH} bytes. */
    public HandshakeGuard(HandshakeGuardConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.cidLength = TickwireTlsServer.CONNECTION_ID_LENGTH;
    }

    /** The limits this guard enforces. */
    public HandshakeGuardConfig config() {
        return config;
    }

    /** Fresh per-handshake counters sized for this guard's limits. */
    public HandshakeGuardState newState() {
        return new HandshakeGuardState(config.maxMessageSeq());
    }

    /**
     * Stateless check of one datagram (before a cookie is verified): record framing, versions,
     * content types, and every epoch-0 handshake fragment header against the limits.
     */
    public GuardVerdict check(byte[] buf, int off, int len) {
        return check(buf, off, len, null);
    }

    /**
     * Checks one datagram and, when {@code state} is given and the stateless checks pass, counts
     * its fragments and epoch-1 handshake records against the per-handshake limits. The state is
     * updated only for datagrams that pass the stateless checks.
     */
    public GuardVerdict check(byte[] buf, int off, int len, HandshakeGuardState state) {
        Objects.checkFromIndexSize(off, len, buf.length);
        GuardVerdict v = scan(buf, off, len, null);
        if (v != GuardVerdict.PASS || state == null) {
            return v;
        }
        return scan(buf, off, len, state);
    }

    /**
     * Checks the decrypted body of an encrypted (epoch 1+) handshake record: every fragment must be
     * a Finished message within the same limits as epoch-0 messages. Used by Tickwire's record
     * ciphers (see {@link TickwireCrypto}); allocates nothing.
     */
    public GuardVerdict checkEncryptedHandshake(byte[] plaintext, int off, int len) {
        return checkFragments(plaintext, off, len, ENCRYPTED_MESSAGE_TYPES);
    }

    // One pass over the datagram. Without state it checks structure; with state (only after a
    // clean structural pass) it only counts, so a datagram is never half-counted.
    private GuardVerdict scan(byte[] buf, int off, int len, HandshakeGuardState state) {
        int end = off + len;
        int p = off;
        if (len == 0) {
            return GuardVerdict.TRUNCATED_HEADER;
        }
        while (p < end) {
            if (end - p < DtlsRecords.HEADER_LENGTH) {
                return GuardVerdict.TRUNCATED_HEADER;
            }
            int type = buf[p] & 0xFF;
            int version = DtlsRecords.readUint16(buf, p + 1);
            int epoch = DtlsRecords.readUint16(buf, p + 3);
            if (version != VERSION_DTLS12 && version != VERSION_DTLS10) {
                return GuardVerdict.BAD_VERSION;
            }
            int headerLength = DtlsRecords.HEADER_LENGTH;
            if (type == DtlsRecords.TLS12_CID) {
                if (epoch == 0) {
                    return GuardVerdict.UNEXPECTED_CONTENT_TYPE;
                }
                headerLength += cidLength;
                if (end - p < headerLength) {
                    return GuardVerdict.TRUNCATED_HEADER;
                }
            } else if (type < DtlsRecords.CHANGE_CIPHER_SPEC || type > DtlsRecords.APPLICATION_DATA
                    || (type == DtlsRecords.APPLICATION_DATA && epoch == 0)) {
                return GuardVerdict.UNEXPECTED_CONTENT_TYPE;
            }
            int bodyLength = DtlsRecords.readUint16(buf, p + headerLength - 2);
            int body = p + headerLength;
            if (bodyLength > DtlsRecords.MAX_RECORD_BODY_LENGTH || bodyLength > end - body) {
                return GuardVerdict.RECORD_OVERRUN;
            }
            if (type == DtlsRecords.HANDSHAKE) {
                GuardVerdict v;
                if (epoch == 0) {
                    v = state == null ? checkFragments(buf, body, bodyLength, EPOCH0_MESSAGE_TYPES) : countFragments(buf, body, bodyLength, state);
                } else if (state == null) {
                    v = bodyLength > config.maxEncryptedHandshakeRecordLength()
                            ? GuardVerdict.ENCRYPTED_HANDSHAKE_RECORD_TOO_LONG : GuardVerdict.PASS;
                } else {
                    if (state.encryptedRecords >= config.maxEncryptedHandshakeRecords()) {
                        v = GuardVerdict.TOO_MANY_ENCRYPTED_HANDSHAKE_RECORDS;
                    } else {
                        state.encryptedRecords++;
                        v = GuardVerdict.PASS;
                    }
                }
                if (v != GuardVerdict.PASS) {
                    return v;
                }
            }
            p = body + bodyLength;
        }
        return GuardVerdict.PASS;
    }

    private GuardVerdict checkFragments(byte[] buf, int p, int bodyLength, long allowedTypes) {
        int end = p + bodyLength;
        if (bodyLength == 0) {
            return GuardVerdict.TRUNCATED_HEADER;
        }
        while (p < end) {
            if (end - p < DtlsRecords.HANDSHAKE_HEADER_LENGTH) {
                return GuardVerdict.TRUNCATED_HEADER;
            }
            int msgType = buf[p] & 0xFF;
            int length = DtlsRecords.readUint24(buf, p + 1);
            int seq = DtlsRecords.readUint16(buf, p + 4);
            int fragOffset = DtlsRecords.readUint24(buf, p + 6);
            int fragLength = DtlsRecords.readUint24(buf, p + 9);
            if (msgType >= 64 || (allowedTypes & bit(msgType)) == 0) {
                return GuardVerdict.UNEXPECTED_MESSAGE_TYPE;
            }
            if (length > config.maxMessageLength()) {
                return GuardVerdict.MESSAGE_TOO_LONG;
            }
            if (seq >= config.maxMessageSeq()) {
                return GuardVerdict.MESSAGE_SEQ_TOO_HIGH;
            }
            if (fragLength > end - p - DtlsRecords.HANDSHAKE_HEADER_LENGTH || fragOffset + fragLength > length) {
                return GuardVerdict.FRAGMENT_OVERRUN;
            }
            if (fragOffset + fragLength < length && fragLength < config.minNonFinalFragmentLength()) {
                return GuardVerdict.FRAGMENT_TOO_SMALL;
            }
            p += DtlsRecords.HANDSHAKE_HEADER_LENGTH + fragLength;
        }
        return GuardVerdict.PASS;
    }

    // Runs only after checkFragments passed on the same bytes, so headers are known to be sane.
    private GuardVerdict countFragments(byte[] buf, int p, int bodyLength, HandshakeGuardState state) {
        int end = p + bodyLength;
        while (p < end) {
            int length = DtlsRecords.readUint24(buf, p + 1);
            int seq = DtlsRecords.readUint16(buf, p + 4);
            int fragLength = DtlsRecords.readUint24(buf, p + 9);
            int known = state.lengthPerSeq[seq];
            if (known < 0) {
                state.lengthPerSeq[seq] = length;
            } else if (known != length) {
                return GuardVerdict.INCONSISTENT_LENGTH;
            }
            if (state.fragmentsPerSeq[seq] >= config.maxFragmentsPerMessage()
                    || state.fragments >= config.maxFragmentsPerHandshake()) {
                return GuardVerdict.TOO_MANY_FRAGMENTS;
            }
            state.fragmentsPerSeq[seq]++;
            state.fragments++;
            p += DtlsRecords.HANDSHAKE_HEADER_LENGTH + fragLength;
        }
        return GuardVerdict.PASS;
    }

    private static long bit(int i) {
        return 1L << i;
    }
}
