package io.tickwire.net.dtls;

/**
 * Constants and allocation-free readers for DTLS 1.2 record headers (RFC 6347 4.1, RFC 9146 4),
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
    /** Content type tls12_cid (RFC 9146): the record carries a connection ID before its length. */
    public static final int TLS12_CID = 25;

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
        int cidLength = TickwireTlsServer.CONNECTION_ID_LENGTH;
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
