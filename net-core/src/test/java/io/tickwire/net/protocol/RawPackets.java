package io.tickwire.net.protocol;

/** Hand-built packets for tests that play a misbehaving peer; layout as in PROTOCOL.md. */
final class RawPackets {

    private RawPackets() {
    }

    /** Writes a header without acks at offset 0; returns the body offset. */
    static int header(byte[] b, int type, int seq) {
        b[0] = (byte) type;
        PacketLayout.putU16(b, 1, seq);
        PacketLayout.putU16(b, 3, 0);
        PacketLayout.putU32(b, 5, 0);
        return PacketLayout.HEADER_SIZE;
    }

    /** Writes an unfragmented entry at {@code p}; returns the offset after it. */
    static int entry(byte[] b, int p, int channel, boolean withId, int id, int payloadLen) {
        b[p++] = (byte) channel;
        if (withId) {
            PacketLayout.putU16(b, p, id);
            p += 2;
        }
        PacketLayout.putU16(b, p, payloadLen);
        p += 2;
        return p + payloadLen;
    }

    /** Writes a fragment entry at {@code p}; returns the offset after it. */
    static int fragment(byte[] b, int p, int channel, int id, int index, int count, int payloadLen) {
        b[p++] = (byte) (channel | PacketLayout.ENTRY_FLAG_FRAGMENT);
        PacketLayout.putU16(b, p, id);
        PacketLayout.putU16(b, p + 2, index);
        PacketLayout.putU16(b, p + 4, count);
        PacketLayout.putU16(b, p + 6, payloadLen);
        return p + 8 + payloadLen;
    }
}
