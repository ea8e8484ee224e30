package io.tickwire.net.protocol;

/**
 * Byte layout of Tickwire packets (PROTOCOL.md is the prose version). All multi-byte integers are
 * big-endian. Every packet starts with a 9-byte header:
 *
 * <pre>
 * offset 0  u8   flags and type: bit 7 = ACK_PRESENT, bits 4-6 reserved (0), bits 0-3 = packet type
 * offset 1  u16  sequence of this packet
 * offset 3  u16  ack: newest sequence received from the peer (valid when ACK_PRESENT)
 * offset 5  u32  ack bits: bit i set = sequence (ack - 1 - i) received too
 * </pre>
 */
final class PacketLayout {

    static final int HEADER_SIZE = 9;

    static final int TYPE_DATA = 1;
    static final int TYPE_ACK = 2;
    static final int TYPE_CONNECT = 3;
    static final int TYPE_ACCEPT = 4;
    static final int TYPE_DISCONNECT = 5;

    static final int TYPE_MASK = 0x0F;
    static final int FLAG_ACK_PRESENT = 0x80;
    static final int RESERVED_HEADER_BITS = 0x70;

    /** Entry flags byte: bits 0-5 channel, bit 6 fragment, bit 7 reserved. */
    static final int ENTRY_CHANNEL_MASK = 0x3F;
    static final int ENTRY_FLAG_FRAGMENT = 0x40;
    static final int ENTRY_RESERVED = 0x80;

    /** flags + length. */
    static final int UNRELIABLE_ENTRY_OVERHEAD = 3;
    /** flags + message id + length. */
    static final int MAX_ENTRY_OVERHEAD = 5;
    /** flags + message id + fragment index + fragment count + length. */
    static final int FRAGMENT_ENTRY_OVERHEAD = 9;

    /** "TWIR": first bytes of CONNECT and ACCEPT bodies. */
    static final int HANDSHAKE_MAGIC = 0x54574952;
    /** magic u32 + version u16 + config hash u64 + application hash u64. */
    static final int HANDSHAKE_BODY_SIZE = 22;
    /** Credential trailer after the handshake body: kind u8 + length u16 (then the bytes). */
    static final int CREDENTIAL_HEADER_SIZE = 3;
    /** Largest UTF-8 detail carried by DISCONNECT. */
    static final int MAX_DETAIL_BYTES = 200;
    /** Acknowledgement window: the ack plus 32 bits. */
    static final int ACK_WINDOW = 33;

    private PacketLayout() {
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static int u32(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    static long u64(byte[] b, int off) {
        return ((long) u32(b, off) << 32) | (u32(b, off + 4) & 0xFFFFFFFFL);
    }

    static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void putU32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static void putU64(byte[] b, int off, long v) {
        putU32(b, off, (int) (v >>> 32));
        putU32(b, off + 4, (int) v);
    }
}
