package io.tickwire.net.protocol;

/**
 * Cursor over the packet being built by {@link Connection#writePacket}; channels append message
 * entries through it and record which reliable message (or fragment) went into the packet so the
 * packet's acknowledgement can be routed back. One reused instance per connection.
 */
final class PacketWriter {

    byte[] buf;
    int pos;
    int end;
    int entries;
    int maxEntries;
    /** Sent-packet record: entries of reliable messages, {@code channel << 32 | id << 16 | fragment}. */
    long[] record;
    int recordBase;
    int recordCount;

    void begin(byte[] out, int bodyOffset, int endOffset, int maxEntriesPerPacket, long[] records, int base) {
        buf = out;
        pos = bodyOffset;
        end = endOffset;
        entries = 0;
        maxEntries = maxEntriesPerPacket;
        record = records;
        recordBase = base;
        recordCount = 0;
    }

    /** Whether another entry of {@code entryBytes} (overhead + payload) fits. */
    boolean fits(int entryBytes) {
        return entries < maxEntries && pos + entryBytes <= end;
    }

    /** Whether no further entry can be added at all. */
    boolean full() {
        return entries >= maxEntries || end - pos < PacketLayout.UNRELIABLE_ENTRY_OVERHEAD;
    }

    void u8(int v) {
        buf[pos++] = (byte) v;
    }

    void u16(int v) {
        PacketLayout.putU16(buf, pos, v);
        pos += 2;
    }

    void bytes(byte[] src, int off, int len) {
        System.arraycopy(src, off, buf, pos, len);
        pos += len;
    }

    void endEntry() {
        entries++;
    }

    void recordReliable(int channel, int messageId, int fragment) {
        record[recordBase + recordCount++] = ((long) channel << 32) | ((long) messageId << 16) | fragment;
    }
}
