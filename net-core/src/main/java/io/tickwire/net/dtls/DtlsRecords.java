package io.tickwire.net.dtls;

/**
 * Constants and allocation-free readers for DTLS 1.2 record headers (RFC 6347 4.1, RFC 9146 4), the one
 * copy shared by the guard (this package) and the server endpoint and record feed (transport),
 * for code that must look at datagrams before Bouncy Castle does (demultiplexing, the guard).
 */
public final class DtlsRecords {

    /** Bytes before the length field in every record: type, version, epoch, 48-bit sequence. */
    public static final int HEADER_PREFIX_LENGTH = 11;
    /** Length of a plain DTLS 1.2 record header. */
    public static final int HEADER_LENGTH = 13;
    /** Length of a handshake fragment header: type, u24 length, u16 seq, u24 offset, u24 fragment length. */
    public static final int HANDSHAKE_HEADER_LENGTH = 12;
    /** Largest record body RFC 6347 allows: 2^14 plus 2048 bytes of expansion. */
    public static final int MAX_RECORD_BODY_LENGTH = (1 << 14) + 2048;

    /** Content type change_cipher_spec. */
    public static final int CHANGE_CIPHER_SPEC = 20;
    /** Content type alert. */
    public static final int ALERT = 21;
    /** Content type handshake. */
    public static final int HANDSHAKE = 22;
    /** Content type application_data. */
    public static final int APPLICATION_DATA = 23;
    /** Content type heartbeat (RFC 6520); never negotiated by Tickwire, but a known record type. */
    public static final int HEARTBEAT = 24;
    /** Content type tls12_cid (RFC 9146): the record carries a connection ID before its length. */
    public static final int TLS12_CID = 25;

    /** Offset of the connection ID inside a {@code tls12_cid} record (it replaces nothing; the length follows it). */
    public static final int CONNECTION_ID_OFFSET = HEADER_PREFIX_LENGTH;
    /** Our fixed connection ID length in bytes, both ways; same as {@link TickwireTlsServer#CONNECTION_ID_LENGTH}. */
    public static final int CONNECTION_ID_LENGTH = TickwireTlsServer.CONNECTION_ID_LENGTH;

    /** Handshake message type client_hello. */
    public static final int CLIENT_HELLO = 1;

    /** Returned by {@link #connectionId} when the datagram does not start with a CID record. */
    public static final long NO_CONNECTION_ID = -1L;

    private DtlsRecords() {
    }

    /**
     * Reads the {@link TickwireTlsServer#CONNECTION_ID_LENGTH}-byte connection ID of the first
     * record in the datagram as an unsigned value, or returns {@link #NO_CONNECTION_ID} when the
     * first record is not a complete {@code tls12_cid} record. Allocates nothing; any thread.
     */
    public static long connectionId(byte[] buf, int off, int len) {
        int cidLength = CONNECTION_ID_LENGTH;
        int headerLength = HEADER_LENGTH + cidLength;
        if (len < headerLength || (buf[off] & 0xFF) != TLS12_CID) {
            return NO_CONNECTION_ID;
        }
        int bodyLength = readUint16(buf, off + HEADER_PREFIX_LENGTH + cidLength);
        if (headerLength + bodyLength > len) {
            return NO_CONNECTION_ID;
        }
        return readUint32(buf, off + HEADER_PREFIX_LENGTH);
    }

    /**
     * True when the datagram starts with an epoch-0 handshake record whose first fragment is a
     * ClientHello: the only thing worth handing to {@code DTLSVerifier} from an unknown address.
     * Allocates nothing; any thread.
     */
    public static boolean isClientHello(byte[] buf, int off, int len) {
        return len >= HEADER_LENGTH + HANDSHAKE_HEADER_LENGTH
                && (buf[off] & 0xFF) == HANDSHAKE
                && readUint16(buf, off + 3) == 0
                && (buf[off + HEADER_LENGTH] & 0xFF) == CLIENT_HELLO;
    }

    /** Content type of the record starting at {@code off}; the caller has checked at least one byte is there. */
    public static int contentType(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    /** Epoch of the record starting at {@code off}; the caller has checked a full header is there. */
    public static int epoch(byte[] b, int off) {
        return readUint16(b, off + 3);
    }

    /** 48-bit record sequence number of the record starting at {@code off}; the caller has checked a full header is there. */
    public static long sequence(byte[] b, int off) {
        long s = 0;
        for (int i = 5; i < HEADER_PREFIX_LENGTH; i++) {
            s = (s << 8) | (b[off + i] & 0xFF);
        }
        return s;
    }

    /**
     * The {@value #CONNECTION_ID_LENGTH}-byte connection ID of the {@code tls12_cid} record starting at
     * {@code off}, as raw int bits; unlike {@link #connectionId(byte[], int, int)} it checks nothing, the
     * caller has checked the type and that {@code HEADER_LENGTH + CONNECTION_ID_LENGTH} bytes are there.
     */
    public static int connectionIdAt(byte[] b, int off) {
        return (int) readUint32(b, off + CONNECTION_ID_OFFSET);
    }

    /** Header length of a record of content type {@code contentType}: longer by the connection ID for {@code tls12_cid}. */
    public static int headerLength(int contentType) {
        return contentType == TLS12_CID ? HEADER_LENGTH + CONNECTION_ID_LENGTH : HEADER_LENGTH;
    }

    /** True for the content types from change_cipher_spec (20) to tls12_cid (25). */
    public static boolean knownType(int contentType) {
        return contentType >= CHANGE_CIPHER_SPEC && contentType <= TLS12_CID;
    }

    /**
     * Length of the first record in {@code b[off, off+len)}, header included, or -1 when the header
     * is incomplete, the type or version is not DTLS, or the length field overruns the datagram.
     */
    public static int recordLength(byte[] b, int off, int len) {
        if (len < HEADER_LENGTH) {
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
        int total = h + readUint16(b, off + h - 2);
        return total <= len ? total : -1;
    }

    /**
     * True for a DTLS record version Bouncy Castle can parse: major 0xFE and any minor but 0xFE,
     * which bctls 1.84 rejects by throwing IllegalArgumentException (reserved version) from the
     * record layer, failing the session with internal_error.
     */
    public static boolean plausibleVersion(byte[] b, int off) {
        return (b[off + 1] & 0xFF) == 0xFE && (b[off + 2] & 0xFF) != 0xFE;
    }

    /**
     * True when every record header Bouncy Castle would look at in {@code b[off, off+len)} carries a
     * plausible version (see {@link #plausibleVersion}); a record whose length overruns the datagram
     * ends the walk, as it ends Bouncy Castle's.
     */
    public static boolean versionsPlausible(byte[] b, int off, int len) {
        int at = off;
        int end = off + len;
        while (end - at >= HEADER_LENGTH) {
            if (!plausibleVersion(b, at)) {
                return false;
            }
            int h = headerLength(contentType(b, at));
            if (end - at < h) {
                return true;
            }
            at += h + readUint16(b, at + h - 2);
        }
        return true;
    }

    static int readUint16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static int readUint24(byte[] b, int i) {
        return ((b[i] & 0xFF) << 16) | ((b[i + 1] & 0xFF) << 8) | (b[i + 2] & 0xFF);
    }

    static long readUint32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }
}
