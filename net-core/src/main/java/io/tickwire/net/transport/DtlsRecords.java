package io.tickwire.net.transport;

/** Reading DTLS 1.2 record headers (RFC 6347 4.1, RFC 9146 4) in place, without allocating. */
final class DtlsRecords {

    /** Record header without a connection ID. */
    static final int HEADER = 13;
    /** Our fixed connection ID length, in bytes, both ways. */
    static final int CID_LENGTH = 4;
    /** Offset of the connection ID in a {@code tls12_cid} record. */
    static final int CID_OFFSET = 11;

    static final int CT_CHANGE_CIPHER_SPEC = 20;
    static final int CT_ALERT = 21;
    static final int CT_HANDSHAKE = 22;
    static final int CT_APPLICATION_DATA = 23;
    static final int CT_HEARTBEAT = 24;
    static final int CT_TLS12_CID = 25;

    private DtlsRecords() {
    }

    static int contentType(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int epoch(byte[] b, int off) {
        return ((b[off + 3] & 0xFF) << 8) | (b[off + 4] & 0xFF);
    }

    static long sequence(byte[] b, int off) {
        long s = 0;
        for (int i = 5; i < 11; i++) {
            s = (s << 8) | (b[off + i] & 0xFF);
        }
        return s;
    }

    static int connectionId(byte[] b, int off) {
        return ((b[off + 11] & 0xFF) << 24) | ((b[off + 12] & 0xFF) << 16) | ((b[off + 13] & 0xFF) << 8)
                | (b[off + 14] & 0xFF);
    }

    static int headerLength(int contentType) {
        return contentType == CT_TLS12_CID ? HEADER + CID_LENGTH : HEADER;
    }

    static boolean knownType(int ct) {
        return ct >= CT_CHANGE_CIPHER_SPEC && ct <= CT_TLS12_CID;
    }

    /**
     * Length of the first record in {@code b[off, off+len)}, header included, or -1 when the header
     * is incomplete, the type or version is not DTLS, or the length field overruns the datagram.
     */
    static int recordLength(byte[] b, int off, int len) {
        if (len < HEADER) {
            return -1;
        }
        int ct = contentType(b, off);
        if (!knownType(ct) || !plausibleVersion(b, off)) {
            return -1;
        }
        int h = headerLength(ct);
        if (len < h) {
            return -1;
        }
        int body = ((b[off + h - 2] & 0xFF) << 8) | (b[off + h - 1] & 0xFF);
        int total = h + body;
        return total <= len ? total : -1;
    }

    /**
     * True for a DTLS record version Bouncy Castle can parse: major 0xFE and any minor but 0xFE,
     * which bctls 1.84 rejects by throwing IllegalArgumentException (reserved version) from the
     * record layer, failing the session with internal_error.
     */
    static boolean plausibleVersion(byte[] b, int off) {
        return (b[off + 1] & 0xFF) == 0xFE && (b[off + 2] & 0xFF) != 0xFE;
    }

    /**
     * True when every record header Bouncy Castle would look at in {@code b[off, off+len)} carries a
     * plausible version (see {@link #plausibleVersion}); a record whose length overruns the datagram
     * ends the walk, as it ends Bouncy Castle's.
     */
    static boolean versionsPlausible(byte[] b, int off, int len) {
        int at = off;
        int end = off + len;
        while (end - at >= HEADER) {
            if (!plausibleVersion(b, at)) {
                return false;
            }
            int h = headerLength(contentType(b, at));
            if (end - at < h) {
                return true;
            }
            int body = ((b[at + h - 2] & 0xFF) << 8) | (b[at + h - 1] & 0xFF);
            at += h + body;
        }
        return true;
    }
}
