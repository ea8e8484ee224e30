package io.tickwire.net.replication;

/**
 * Encodes a {@link Snapshot} as a bit-packed delta against a baseline snapshot (Quake III model),
 * and decodes it back into exactly the same quantized state.
 *
 * <p>Wire layout (bits, least significant first; see the package Javadoc): sequence (16), has-baseline
 * (1), baseline sequence (16, if present); then one record per created, changed or destroyed entity in
 * ascending id order: more (1) = 1, id gap, and either the type and every field (created, or an id
 * not in the baseline), or a changed-field mask plus the changed fields; a final more (1) = 0.
 * Entities in the baseline with no record are unchanged. Without a baseline every entity is a creation.
 *
 * <p>A codec holds a reused {@link BitWriter} and {@link BitReader} and allocates nothing per call; the
 * caller owns every byte array and snapshot passed in. One thread owns a codec. Limits:
 * {@code maxEntitiesPerSnapshot} and {@code maxSnapshotBytes}, enforced on both sides.
 */
public final class SnapshotCodec {
    // Record operation for an id that is present in the baseline.
    private static final int OP_CHANGED = 1;
    private static final int SMALL_GAP_BITS = 6;
    // Narrower fields gain nothing from a half-width difference plus its flag bit.
    private static final int MIN_DELTA_FIELD_BITS = 4;

    private final ReplicationSchema schema;
    private final int maxEntities;
    private final int maxBytes;
    private final BitWriter writer = new BitWriter();
    private final BitReader reader = new BitReader();
    private int encodedBytes;
    private int encodedBits;

    /** A codec for {@code schema} with explicit limits (both at least 1). */
    public SnapshotCodec(ReplicationSchema schema, int maxEntitiesPerSnapshot, int maxSnapshotBytes) {
        if (maxEntitiesPerSnapshot < 1) {
            throw new IllegalArgumentException("maxEntitiesPerSnapshot must be >= 1, was " + maxEntitiesPerSnapshot);
        }
        if (maxSnapshotBytes < 5) {
            throw new IllegalArgumentException("maxSnapshotBytes must be >= 5, was " + maxSnapshotBytes);
        }
        this.schema = schema;
        this.maxEntities = maxEntitiesPerSnapshot;
        this.maxBytes = maxSnapshotBytes;
    }

    /** Most entities one snapshot may hold. */
    public int maxEntitiesPerSnapshot() {
        return maxEntities;
    }

    /** Most bytes one encoded snapshot may take. */
    public int maxSnapshotBytes() {
        return maxBytes;
    }

    /** Bytes written by the last successful {@link #encode}. */
    public int encodedBytes() {
        return encodedBytes;
    }

    /** Bits written by the last successful {@link #encode} (before padding to a byte). */
    public int encodedBits() {
        return encodedBits;
    }

    /**
     * Encodes {@code current} as a delta against {@code baseline} (null for full state) into
     * {@code out} from {@code offset}, using at most min(maxSnapshotBytes, room in out) bytes.
     */
    public SnapshotStatus encode(Snapshot current, Snapshot baseline, byte[] out, int offset) {
        encodedBytes = 0;
        encodedBits = 0;
        if (current.schema() != schema || (baseline != null && baseline.schema() != schema)) {
            return SnapshotStatus.SCHEMA_MISMATCH;
        }
        if (current.count() > maxEntities) {
            return SnapshotStatus.TOO_MANY_ENTITIES;
        }
        if (offset < 0 || offset > out.length) {
            return SnapshotStatus.TOO_LARGE; // no room at all in the caller's buffer
        }
        BitWriter w = writer.wrap(out, offset, Math.min(maxBytes, out.length - offset));
        w.writeBits(current.sequence(), 16);
        w.writeBoolean(baseline != null);
        if (baseline != null) {
            w.writeBits(baseline.sequence(), 16);
        }
        int ci = 0;
        int bi = 0;
        int cn = current.count();
        int bn = baseline == null ? 0 : baseline.count();
        int prevId = -1;
        while ((ci < cn || bi < bn) && !w.overflowed()) {
            int cid = ci < cn ? current.entityId(ci) : Integer.MAX_VALUE;
            int bid = bi < bn ? baseline.entityId(bi) : Integer.MAX_VALUE;
            if (cid < bid) {
                writeId(w, cid, prevId);
                writeCreated(w, current, ci);
                prevId = cid;
                ci++;
            } else if (bid < cid) {
                writeId(w, bid, prevId);
                w.writeBits(0, 2); // not changed, destroyed
                prevId = bid;
                bi++;
            } else {
                int type = current.typeId(ci);
                if (type != baseline.typeId(bi)) {
                    writeId(w, cid, prevId);
                    w.writeBits(0b10, 2); // not changed, re-created with another type
                    writeCreated(w, current, ci);
                    prevId = cid;
                } else {
                    EntityType t = schema.type(type);
                    long mask = changedMask(t, current, ci, baseline, bi);
                    if (mask != 0) {
                        writeId(w, cid, prevId);
                        w.writeBits(OP_CHANGED, 1);
                        int fc = t.fieldCount();
                        for (int f = 0; f < fc; f++) {
                            w.writeBits((int) (mask >>> f) & 1, 1);
                        }
                        for (int f = 0; f < fc; f++) {
                            if ((mask >>> f & 1) != 0) {
                                writeChangedField(w, t, f, current, ci, baseline, bi);
                            }
                        }
                        prevId = cid;
                    }
                }
                ci++;
                bi++;
            }
        }
        w.writeBits(0, 1); // no more records
        if (w.overflowed()) {
            return SnapshotStatus.TOO_LARGE;
        }
        encodedBits = w.bitsWritten();
        encodedBytes = w.bytesWritten();
        return SnapshotStatus.OK;
    }

    /**
     * The baseline sequence named in an encoded snapshot's header, -1 if it is a full state, or -2 if
     * the header is truncated; lets the receiver pick the baseline before {@link #decode}.
     */
    public int peekBaselineSequence(byte[] in, int offset, int length) {
        if (offset < 0 || length < 0 || offset > in.length - length) {
            return -2;
        }
        BitReader r = reader.wrap(in, offset, length);
        r.readBits(16);
        boolean has = r.readBoolean();
        int seq = has ? r.readBits(16) : -1;
        return r.failed() ? -2 : seq;
    }

    /**
     * Decodes {@code length} bytes at {@code offset} against {@code baseline} (null if the data is a
     * full state) into {@code out}, which is overwritten; on any status but OK {@code out} is
     * cleared and must not be used. {@code out} must be a different snapshot from {@code baseline}.
     */
    public SnapshotStatus decode(byte[] in, int offset, int length, Snapshot baseline, Snapshot out) {
        if (out == baseline) {
            return SnapshotStatus.SCHEMA_MISMATCH; // decoding in place would destroy the baseline; leave it intact
        }
        SnapshotStatus s = decodeInto(in, offset, length, baseline, out);
        if (s != SnapshotStatus.OK) {
            out.clear(0);
        }
        return s;
    }

    private SnapshotStatus decodeInto(byte[] in, int offset, int length, Snapshot baseline, Snapshot out) {
        if (out.schema() != schema || (baseline != null && baseline.schema() != schema)) {
            return SnapshotStatus.SCHEMA_MISMATCH;
        }
        if (length > maxBytes) {
            return SnapshotStatus.TOO_LARGE;
        }
        if (offset < 0 || length < 0 || offset > in.length - length) {
            return SnapshotStatus.TRUNCATED; // the range claims bytes the array does not have
        }
        BitReader r = reader.wrap(in, offset, length);
        int seq = r.readBits(16);
        boolean hasBaseline = r.readBoolean();
        int baseSeq = hasBaseline ? r.readBits(16) : -1;
        if (r.failed()) {
            return SnapshotStatus.TRUNCATED;
        }
        if (hasBaseline != (baseline != null) || (baseline != null && baseline.sequence() != baseSeq)) {
            return SnapshotStatus.BASELINE_MISMATCH;
        }
        out.clear(seq);
        int limit = Math.min(maxEntities, out.capacity());
        int bi = 0;
        int bn = baseline == null ? 0 : baseline.count();
        int prevId = -1;
        long maxId = schema.maxEntityId();
        while (r.readBoolean()) {
            long id = readId(r, prevId);
            if (r.failed()) {
                return SnapshotStatus.TRUNCATED;
            }
            if (id > maxId) {
                return SnapshotStatus.BAD_ENTITY_ID;
            }
            // Unchanged baseline entities below this id carry over as they are.
            while (bi < bn && baseline.entityId(bi) < id) {
                if (out.count() >= limit) {
                    return SnapshotStatus.TOO_MANY_ENTITIES;
                }
                int o = out.appendRaw(baseline.entityId(bi), baseline.typeId(bi));
                out.copyEntityFrom(baseline, bi, o);
                bi++;
            }
            boolean inBaseline = bi < bn && baseline.entityId(bi) == id;
            if (inBaseline) {
                int op = r.readBits(1);
                if (op == OP_CHANGED) {
                    if (out.count() >= limit) {
                        return SnapshotStatus.TOO_MANY_ENTITIES;
                    }
                    EntityType t = schema.type(baseline.typeId(bi));
                    int o = out.appendRaw((int) id, t.id());
                    out.copyEntityFrom(baseline, bi, o);
                    int fc = t.fieldCount();
                    long mask = 0;
                    for (int f = 0; f < fc; f++) {
                        mask |= (long) r.readBits(1) << f;
                    }
                    if (mask == 0 && !r.failed()) {
                        return SnapshotStatus.BAD_VALUE; // an encoder never sends an empty change
                    }
                    for (int f = 0; f < fc; f++) {
                        if ((mask >>> f & 1) != 0) {
                            SnapshotStatus fs = readChangedField(r, t, f, out, o);
                            if (fs != SnapshotStatus.OK) {
                                return fs;
                            }
                        }
                    }
                } else if (r.readBits(1) != 0) {
                    SnapshotStatus cs = readCreated(r, (int) id, out, limit);
                    if (cs != SnapshotStatus.OK) {
                        return cs;
                    }
                }
                // else destroyed: nothing to copy
                bi++;
            } else {
                SnapshotStatus cs = readCreated(r, (int) id, out, limit);
                if (cs != SnapshotStatus.OK) {
                    return cs;
                }
            }
            if (r.failed()) {
                return SnapshotStatus.TRUNCATED;
            }
            prevId = (int) id;
        }
        if (r.failed()) {
            return SnapshotStatus.TRUNCATED;
        }
        while (bi < bn) {
            if (out.count() >= limit) {
                return SnapshotStatus.TOO_MANY_ENTITIES;
            }
            int o = out.appendRaw(baseline.entityId(bi), baseline.typeId(bi));
            out.copyEntityFrom(baseline, bi, o);
            bi++;
        }
        return SnapshotStatus.OK;
    }

    // Each record starts with more=1. Id gaps: consecutive ids cost 1 bit, gaps below 64 cost 8 bits, anything else 2 + entityIdBits.
    private void writeId(BitWriter w, int id, int prevId) {
        w.writeBits(1, 1); // more records follow
        int gap = id - prevId - 1;
        if (gap == 0) {
            w.writeBits(1, 1);
        } else if (gap < (1 << SMALL_GAP_BITS)) {
            w.writeBits(0b10, 2);
            w.writeBits(gap, SMALL_GAP_BITS);
        } else {
            w.writeBits(0b00, 2);
            w.writeBits(gap, schema.entityIdBits());
        }
    }

    private long readId(BitReader r, int prevId) {
        if (r.readBits(1) == 1) {
            return prevId + 1L;
        }
        long gap = r.readBits(1) == 1 ? r.readBits(SMALL_GAP_BITS) : r.readBits(schema.entityIdBits());
        return prevId + 1L + gap;
    }

    private void writeCreated(BitWriter w, Snapshot s, int index) {
        EntityType t = schema.type(s.typeId(index));
        w.writeBits(t.id(), schema.typeIdBits());
        int fc = t.fieldCount();
        for (int f = 0; f < fc; f++) {
            writeField(w, t, f, s, index);
        }
    }

    private SnapshotStatus readCreated(BitReader r, int id, Snapshot out, int limit) {
        int typeId = r.readBits(schema.typeIdBits());
        if (r.failed()) {
            return SnapshotStatus.TRUNCATED;
        }
        EntityType t = schema.type(typeId);
        if (t == null) {
            return SnapshotStatus.UNKNOWN_TYPE;
        }
        if (out.count() >= limit) {
            return SnapshotStatus.TOO_MANY_ENTITIES;
        }
        int o = out.appendRaw(id, typeId);
        int fc = t.fieldCount();
        for (int f = 0; f < fc; f++) {
            SnapshotStatus fs = readField(r, t, f, out, o);
            if (fs != SnapshotStatus.OK) {
                return fs;
            }
        }
        return SnapshotStatus.OK;
    }

    private static long changedMask(EntityType t, Snapshot cur, int ci, Snapshot base, int bi) {
        long mask = 0;
        int fc = t.fieldCount();
        for (int f = 0; f < fc; f++) {
            int off = t.slotOffset(f);
            int n = t.field(f).slots();
            for (int k = 0; k < n; k++) {
                if (cur.slot(ci, off + k) != base.slot(bi, off + k)) {
                    mask |= 1L << f;
                    break;
                }
            }
        }
        return mask;
    }

    /** True if a changed field may be sent as a small signed difference from its baseline value. */
    private static boolean deltaCoded(FieldSpec spec) {
        return spec.bits() >= MIN_DELTA_FIELD_BITS && spec.kind() != FieldKind.STRING
                && spec.kind() != FieldKind.ENUM && spec.kind() != FieldKind.BOOLEAN;
    }

    private static int deltaBits(FieldSpec spec) {
        return (spec.bits() + 1) / 2;
    }

    // Objects at rest do not travel; objects that move a little travel as a half-width difference
    // (1 flag bit + bits/2), anything else as flag 0 plus the full value.
    private static void writeChangedField(BitWriter w, EntityType t, int f, Snapshot s, int index, Snapshot base, int bi) {
        FieldSpec spec = t.field(f);
        if (deltaCoded(spec)) {
            int off = t.slotOffset(f);
            long d = (long) s.slot(index, off) - base.slot(bi, off);
            int db = deltaBits(spec);
            long lim = 1L << (db - 1);
            if (d >= -lim && d < lim) {
                w.writeBits(1, 1);
                w.writeBits((int) d, db);
                return;
            }
            w.writeBits(0, 1);
        }
        writeField(w, t, f, s, index);
    }

    // out already holds the baseline's values for this entity.
    private static SnapshotStatus readChangedField(BitReader r, EntityType t, int f, Snapshot out, int index) {
        FieldSpec spec = t.field(f);
        if (deltaCoded(spec) && r.readBits(1) == 1) {
            int db = deltaBits(spec);
            int d = r.readBits(db);
            d = (d << (32 - db)) >> (32 - db);
            if (r.failed()) {
                return SnapshotStatus.TRUNCATED;
            }
            int off = t.slotOffset(f);
            long v = (long) out.slot(index, off) + d;
            if (v < spec.minQuantized() || v > spec.maxQuantized()) {
                return SnapshotStatus.BAD_VALUE;
            }
            out.setSlot(index, off, (int) v);
            return SnapshotStatus.OK;
        }
        return readField(r, t, f, out, index);
    }

    private static void writeField(BitWriter w, EntityType t, int f, Snapshot s, int index) {
        FieldSpec spec = t.field(f);
        int off = t.slotOffset(f);
        if (spec.kind() == FieldKind.STRING) {
            int len = s.slot(index, off);
            w.writeBits(len, spec.bits());
            for (int i = 0; i < len; i++) {
                w.writeBits(s.slot(index, off + 1 + (i >>> 2)) >>> ((i & 3) * 8), 8);
            }
        } else {
            // SINT is written as its low bits (two's complement); other kinds are already non-negative.
            w.writeBits(s.slot(index, off), spec.bits());
        }
    }

    private static SnapshotStatus readField(BitReader r, EntityType t, int f, Snapshot out, int index) {
        FieldSpec spec = t.field(f);
        int off = t.slotOffset(f);
        if (spec.kind() == FieldKind.STRING) {
            int len = r.readBits(spec.bits());
            if (len > spec.maxLength()) {
                return SnapshotStatus.BAD_VALUE;
            }
            int slots = spec.slots();
            for (int k = 0; k < slots; k++) {
                out.setSlot(index, off + k, 0);
            }
            out.setSlot(index, off, len);
            for (int i = 0; i < len; i++) {
                int b = r.readBits(8);
                int slot = off + 1 + (i >>> 2);
                out.setSlot(index, slot, out.slot(index, slot) | (b << ((i & 3) * 8)));
            }
            return r.failed() ? SnapshotStatus.TRUNCATED : SnapshotStatus.OK;
        }
        int bits = spec.bits();
        int v = r.readBits(bits);
        if (spec.kind() == FieldKind.SINT && bits < 32) {
            v = (v << (32 - bits)) >> (32 - bits);
        }
        if (r.failed()) {
            return SnapshotStatus.TRUNCATED;
        }
        if (!spec.isValid(v)) {
            return SnapshotStatus.BAD_VALUE;
        }
        out.setSlot(index, off, v);
        return SnapshotStatus.OK;
    }
}
