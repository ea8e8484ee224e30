package io.tickwire.net.replication;

import java.util.Arrays;

/**
 * Encodes a {@link Snapshot} as a bit-packed delta against a baseline snapshot (Quake III model),
 * and decodes it back into exactly the same quantized state.
 *
 * <p>Wire layout (bits, least significant first; exact grammar in the package Javadoc): sequence
 * (16), has-baseline (1), the baseline as an age (6 bits) or a full sequence (16), an Elias gamma
 * record count and, if any records, the id-skip Rice parameter; then one record per created, changed
 * or destroyed entity in ascending id order: the Rice-coded number of ids skipped, and either the type
 * and every field (created, or an id not in the baseline), or a changed-field mask (usually one bit:
 * "the type's common mask", or a single toggle of it) plus the changed fields, difference-coded fields
 * as Rice-coded differences with a per-snapshot parameter per field (sent in a type header before the
 * type's first changed record). Entities in the baseline with no record are unchanged. Without a
 * baseline every entity is a creation.
 *
 * <p>Encoding makes two passes over the records (statistics, then bits) and keeps its statistics in
 * arrays sized from the schema at construction.
 * <p>A codec holds a reused {@link BitWriter} and {@link BitReader} and allocates nothing per call; the
 * caller owns every byte array and snapshot passed in. One thread owns a codec. Limits:
 * {@code maxEntitiesPerSnapshot} and {@code maxSnapshotBytes}, enforced on both sides.
 */
public final class SnapshotCodec {
    // Record operation for an id that is present in the baseline.
    private static final int OP_CHANGED = 1;
    // Baselines at most this many sequences old are named by their age (6 bits) instead of 16 bits.
    private static final int AGE_BITS = 6;
    // Bits of the Rice parameter for id gaps in the header.
    static final int GAP_K_BITS = 4;
    // Narrower fields gain nothing from a difference code.
    private static final int MIN_DELTA_FIELD_BITS = 4;
    // A run of this many 1 bits where a difference's unary quotient would start announces a full value.
    static final int ESCAPE_RUN = 8;
    // Bits of a Rice parameter in a type header.
    static final int RICE_K_BITS = 5;
    // Histogram bins of difference bit lengths (a zigzag difference has at most 34 bits).
    private static final int LENGTH_BINS = 35;

    private final ReplicationSchema schema;
    private final int maxEntities;
    private final int maxBytes;
    private final BitWriter writer = new BitWriter();
    private final BitReader reader = new BitReader();
    private int encodedBytes;
    private int encodedBits;

    // Per-snapshot state, reused across calls: indexed by type id, or by fieldBase[typeId] + field.
    private final int[] fieldBase;
    private final long[] statsEpoch;
    private final long[] headerEpoch;
    private final long[] commonMask;
    private final boolean[] tuned;
    private final int[] typeRecords;
    private final int[] touchedTypes;
    private final int[] fieldChanges;
    private final int[] riceK;
    private final int[] lengthHistogram;
    private final int[] gapHistogram = new int[LENGTH_BINS];
    /** Changed-field mask of current entity i against its baseline, from the first pass for the second. */
    private final long[] changedMasks;
    private int gapK;
    private int recordCount;
    private long epoch;

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
        // A snapshot holds each entity id at most once, so never more entities than the schema has ids.
        this.changedMasks = new long[Math.min(maxEntitiesPerSnapshot, schema.maxEntityId() + 1)];
        this.maxBytes = maxSnapshotBytes;
        int typeSlots = 0;
        for (EntityType t : schema.types()) {
            typeSlots = Math.max(typeSlots, t.id() + 1);
        }
        this.fieldBase = new int[typeSlots];
        int fields = 0;
        for (EntityType t : schema.types()) {
            fieldBase[t.id()] = fields;
            fields += t.fieldCount();
        }
        this.statsEpoch = new long[typeSlots];
        this.headerEpoch = new long[typeSlots];
        this.commonMask = new long[typeSlots];
        this.tuned = new boolean[typeSlots];
        this.typeRecords = new int[typeSlots];
        this.touchedTypes = new int[schema.types().size()];
        this.fieldChanges = new int[fields];
        this.riceK = new int[fields];
        this.lengthHistogram = new int[fields * LENGTH_BINS];
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
            int age = (current.sequence() - baseline.sequence()) & 0xFFFF;
            if (age < (1 << AGE_BITS)) {
                w.writeBits(1, 1);
                w.writeBits(age, AGE_BITS);
            } else {
                w.writeBits(0, 1);
                w.writeBits(baseline.sequence(), 16);
            }
        }
        epoch++;
        gatherStatistics(current, baseline);
        writeCount(w, recordCount);
        if (recordCount > 0) {
            w.writeBits(gapK, GAP_K_BITS);
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
                    long mask = changedMasks[ci]; // computed by gatherStatistics over the same pairs
                    if (mask != 0) {
                        writeId(w, cid, prevId);
                        w.writeBits(OP_CHANGED, 1);
                        writeChangedRecord(w, t, mask, current, ci, baseline, bi);
                        prevId = cid;
                    }
                }
                ci++;
                bi++;
            }
        }
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
        int seq = readBaselineSequence(r, r.readBits(16));
        return r.failed() ? -2 : seq;
    }

    // After the sequence: hasBaseline, then the baseline's age or its full sequence; -1 for none.
    private static int readBaselineSequence(BitReader r, int seq) {
        if (!r.readBoolean()) {
            return -1;
        }
        if (r.readBoolean()) {
            return (seq - r.readBits(AGE_BITS)) & 0xFFFF;
        }
        return r.readBits(16);
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
        int baseSeq = readBaselineSequence(r, seq);
        if (r.failed()) {
            return SnapshotStatus.TRUNCATED;
        }
        if ((baseSeq >= 0) != (baseline != null) || (baseline != null && baseline.sequence() != baseSeq)) {
            return SnapshotStatus.BASELINE_MISMATCH;
        }
        epoch++;
        out.clear(seq);
        int limit = Math.min(maxEntities, out.capacity());
        int bi = 0;
        int bn = baseline == null ? 0 : baseline.count();
        int prevId = -1;
        long maxId = schema.maxEntityId();
        long records = readCount(r);
        int k = records > 0 ? r.readBits(GAP_K_BITS) : 0;
        if (r.failed()) {
            return SnapshotStatus.TRUNCATED;
        }
        if (records < 0) {
            return SnapshotStatus.BAD_VALUE;
        }
        // Every record takes at least one bit, so a hostile count ends in TRUNCATED, not a long loop.
        for (long n = 0; n < records; n++) {
            long id = readId(r, prevId, k);
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
                    SnapshotStatus cs = readChangedRecord(r, t, out, o);
                    if (cs != SnapshotStatus.OK) {
                        return cs;
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

    // The record count n as an Elias gamma code of n + 1: m ones and a zero, where 2^m <= n + 1 < 2^(m+1),
    // then the low m bits of n + 1 (0 records: one bit).
    private static void writeCount(BitWriter w, int count) {
        int v = count + 1;
        int m = 31 - Integer.numberOfLeadingZeros(v);
        w.writeBits((1 << m) - 1, m + 1);
        w.writeBits(v, m);
    }

    // The record count, or -1 if its length prefix is longer than any count the encoder writes.
    private static long readCount(BitReader r) {
        int m = 0;
        while (m < 32 && r.readBits(1) == 1) {
            m++;
        }
        if (m >= 32) {
            return -1;
        }
        return ((1L << m) | r.readBits(m)) - 1;
    }

    // A record's id as the number of ids skipped since the previous record (-1 before the first),
    // Rice-coded with parameter gapK; a longer quotient travels as ESCAPE_RUN ones and the skip in
    // entityIdBits.
    private void writeId(BitWriter w, int id, int prevId) {
        int skip = id - prevId - 1;
        int q = skip >>> gapK;
        if (q < ESCAPE_RUN) {
            w.writeBits((1 << q) - 1, q + 1); // q ones, then a zero
            w.writeBits(skip, gapK);
        } else {
            w.writeBits((1 << ESCAPE_RUN) - 1, ESCAPE_RUN);
            w.writeBits(skip, schema.entityIdBits());
        }
    }

    private long readId(BitReader r, int prevId, int k) {
        int q = 0;
        while (q < ESCAPE_RUN && r.readBits(1) == 1) {
            q++;
        }
        if (q < ESCAPE_RUN) {
            return prevId + 1L + ((long) q << k | r.readBits(k));
        }
        return prevId + 1L + r.readBits(schema.entityIdBits());
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

    /**
     * First pass of an encode, over the same records the second pass writes: histograms the id skips
     * to pick the gap parameter and, for every type with changed records, counts how often each field
     * changes and histograms the bit lengths of its differences, then picks the type's common mask
     * (fields changed in more than half of its records) and a Rice parameter per difference-coded field.
     */
    private void gatherStatistics(Snapshot current, Snapshot baseline) {
        Arrays.fill(gapHistogram, 0);
        recordCount = 0;
        int touched = 0;
        int ci = 0;
        int bi = 0;
        int cn = current.count();
        int bn = baseline == null ? 0 : baseline.count();
        int prevId = -1;
        while (ci < cn || bi < bn) {
            int cid = ci < cn ? current.entityId(ci) : Integer.MAX_VALUE;
            int bid = bi < bn ? baseline.entityId(bi) : Integer.MAX_VALUE;
            int id = -1;
            if (cid < bid) {
                id = cid;
                ci++;
            } else if (bid < cid) {
                id = bid;
                bi++;
            } else {
                int type = current.typeId(ci);
                if (type != baseline.typeId(bi)) {
                    id = cid;
                } else {
                    EntityType t = schema.type(type);
                    long mask = changedMask(t, current, ci, baseline, bi);
                    changedMasks[ci] = mask;
                    if (mask != 0) {
                        id = cid;
                        if (statsEpoch[type] != epoch) {
                            statsEpoch[type] = epoch;
                            touchedTypes[touched++] = type;
                            resetTypeStatistics(t);
                        }
                        countChanges(t, mask, current, ci, baseline, bi);
                    }
                }
                ci++;
                bi++;
            }
            if (id >= 0) {
                gapHistogram[32 - Integer.numberOfLeadingZeros(id - prevId - 1)]++;
                recordCount++;
                prevId = id;
            }
        }
        int escapeBits = schema.entityIdBits();
        double best = Double.MAX_VALUE;
        for (int k = 0; k < (1 << GAP_K_BITS); k++) {
            double c = estimatedCost(gapHistogram, 0, escapeBits, k);
            if (c < best) {
                best = c;
                gapK = k;
            }
        }
        for (int i = 0; i < touched; i++) {
            chooseParameters(touchedTypes[i]);
        }
    }

    private void resetTypeStatistics(EntityType t) {
        int base = fieldBase[t.id()];
        int fc = t.fieldCount();
        typeRecords[t.id()] = 0;
        Arrays.fill(fieldChanges, base, base + fc, 0);
        Arrays.fill(lengthHistogram, base * LENGTH_BINS, (base + fc) * LENGTH_BINS, 0);
    }

    private void countChanges(EntityType t, long mask, Snapshot current, int ci, Snapshot baseline, int bi) {
        int base = fieldBase[t.id()];
        int fc = t.fieldCount();
        typeRecords[t.id()]++;
        for (int f = 0; f < fc; f++) {
            if ((mask >>> f & 1) != 0) {
                fieldChanges[base + f]++;
                FieldSpec spec = t.field(f);
                if (deltaCoded(spec)) {
                    int off = t.slotOffset(f);
                    long z = zigzag(difference(spec, current.slot(ci, off), baseline.slot(bi, off)));
                    lengthHistogram[(base + f) * LENGTH_BINS + 64 - Long.numberOfLeadingZeros(z)]++;
                }
            }
        }
    }

    private void chooseParameters(int type) {
        EntityType t = schema.type(type);
        int base = fieldBase[type];
        int fc = t.fieldCount();
        int records = typeRecords[type];
        long common = 0;
        double defaultCost = 0;
        double tunedCost = 0;
        for (int f = 0; f < fc; f++) {
            if (2 * fieldChanges[base + f] > records) {
                common |= 1L << f;
            }
            FieldSpec spec = t.field(f);
            if (!deltaCoded(spec)) {
                continue;
            }
            int dk = defaultRiceK(spec);
            int bestK = dk;
            double best = estimatedCost(lengthHistogram, (base + f) * LENGTH_BINS, spec.bits(), dk);
            defaultCost += best;
            int maxK = Math.min(spec.bits(), (1 << RICE_K_BITS) - 1);
            for (int k = 0; k <= maxK; k++) {
                double c = estimatedCost(lengthHistogram, (base + f) * LENGTH_BINS, spec.bits(), k);
                if (c < best) {
                    best = c;
                    bestK = k;
                }
            }
            riceK[base + f] = bestK;
            tunedCost += best + RICE_K_BITS;
        }
        commonMask[type] = common;
        tuned[type] = tunedCost < defaultCost;
        if (!tuned[type]) {
            setDefaultRiceParameters(t, base);
        }
    }

    // Bits the values histogrammed by bit length at h[from..] would take Rice-coded with parameter k
    // and an escape of ESCAPE_RUN + escapeBits, estimated as if values spread evenly within each length.
    private static double estimatedCost(int[] h, int from, int escapeBits, int k) {
        double total = 0;
        for (int len = 0; len < LENGTH_BINS; len++) {
            int n = h[from + len];
            if (n == 0) {
                continue;
            }
            double each;
            if (len <= k) {
                each = 1 + k;
            } else {
                long qMin = 1L << (len - 1 - k);
                long qMax = (1L << (len - k)) - 1;
                if (qMin >= ESCAPE_RUN) {
                    each = ESCAPE_RUN + escapeBits;
                } else if (qMax < ESCAPE_RUN) {
                    each = (qMin + qMax) / 2.0 + 1 + k;
                } else {
                    double inRange = (double) (ESCAPE_RUN - qMin) / (qMax - qMin + 1);
                    each = inRange * ((qMin + ESCAPE_RUN - 1) / 2.0 + 1 + k) + (1 - inRange) * (ESCAPE_RUN + escapeBits);
                }
            }
            total += n * each;
        }
        return total;
    }

    private void setDefaultRiceParameters(EntityType t, int base) {
        int fc = t.fieldCount();
        for (int f = 0; f < fc; f++) {
            riceK[base + f] = defaultRiceK(t.field(f));
        }
    }

    /** Rice parameter of a difference-coded field when its type header says "not tuned". */
    static int defaultRiceK(FieldSpec spec) {
        return spec.bits() / 2 - 1;
    }

    private void writeChangedRecord(BitWriter w, EntityType t, long mask, Snapshot s, int index, Snapshot base, int bi) {
        int type = t.id();
        int fb = fieldBase[type];
        int fc = t.fieldCount();
        long common = commonMask[type];
        if (headerEpoch[type] != epoch) {
            // Type header, once per snapshot before the type's first changed record.
            headerEpoch[type] = epoch;
            writeMask(w, common, fc);
            w.writeBoolean(tuned[type]);
            if (tuned[type]) {
                for (int f = 0; f < fc; f++) {
                    if (deltaCoded(t.field(f))) {
                        w.writeBits(riceK[fb + f], RICE_K_BITS);
                    }
                }
            }
        }
        long diff = mask ^ common;
        if (diff == 0) {
            w.writeBits(1, 1);
        } else if (Long.bitCount(diff) == 1) {
            w.writeBits(0b10, 2);
            w.writeBits(Long.numberOfTrailingZeros(diff), fieldIndexBits(fc));
        } else {
            w.writeBits(0b00, 2);
            writeMask(w, mask, fc);
        }
        for (int f = 0; f < fc; f++) {
            if ((mask >>> f & 1) != 0) {
                writeChangedField(w, t, f, riceK[fb + f], s, index, base, bi);
            }
        }
    }

    // out already holds the baseline's values for this entity.
    private SnapshotStatus readChangedRecord(BitReader r, EntityType t, Snapshot out, int o) {
        int type = t.id();
        int fb = fieldBase[type];
        int fc = t.fieldCount();
        if (headerEpoch[type] != epoch) {
            headerEpoch[type] = epoch;
            commonMask[type] = readMask(r, fc);
            if (r.readBoolean()) {
                for (int f = 0; f < fc; f++) {
                    if (deltaCoded(t.field(f))) {
                        riceK[fb + f] = r.readBits(RICE_K_BITS);
                    }
                }
            } else {
                setDefaultRiceParameters(t, fb);
            }
        }
        long mask;
        if (r.readBits(1) == 1) {
            mask = commonMask[type];
        } else if (r.readBits(1) == 1) {
            int f = r.readBits(fieldIndexBits(fc));
            if (f >= fc) {
                return SnapshotStatus.BAD_VALUE;
            }
            mask = commonMask[type] ^ (1L << f);
        } else {
            mask = readMask(r, fc);
        }
        if (r.failed()) {
            return SnapshotStatus.TRUNCATED;
        }
        if (mask == 0) {
            return SnapshotStatus.BAD_VALUE; // an encoder never sends an empty change
        }
        for (int f = 0; f < fc; f++) {
            if ((mask >>> f & 1) != 0) {
                SnapshotStatus fs = readChangedField(r, t, f, riceK[fb + f], out, o);
                if (fs != SnapshotStatus.OK) {
                    return fs;
                }
            }
        }
        return SnapshotStatus.OK;
    }

    private static int fieldIndexBits(int fieldCount) {
        return 32 - Integer.numberOfLeadingZeros(fieldCount - 1);
    }

    private static void writeMask(BitWriter w, long mask, int fieldCount) {
        if (fieldCount > 32) {
            w.writeBits((int) mask, 32);
            w.writeBits((int) (mask >>> 32), fieldCount - 32);
        } else {
            w.writeBits((int) mask, fieldCount);
        }
    }

    private static long readMask(BitReader r, int fieldCount) {
        if (fieldCount > 32) {
            long low = r.readBits(32) & 0xFFFF_FFFFL;
            return low | (long) r.readBits(fieldCount - 32) << 32;
        }
        return r.readBits(fieldCount) & 0xFFFF_FFFFL;
    }

    /** True if a changed field is sent as a Rice-coded difference from its baseline value. */
    private static boolean deltaCoded(FieldSpec spec) {
        return spec.bits() >= MIN_DELTA_FIELD_BITS && spec.kind() != FieldKind.STRING
                && spec.kind() != FieldKind.ENUM && spec.kind() != FieldKind.BOOLEAN;
    }

    // current - baseline; for an ANGLE the shortest way round, in [-2^(bits-1), 2^(bits-1)).
    private static long difference(FieldSpec spec, int current, int baseline) {
        long d = (long) current - baseline;
        if (spec.kind() == FieldKind.ANGLE) {
            int shift = 64 - spec.bits();
            d = (d << shift) >> shift;
        }
        return d;
    }

    // A changed field's difference is never 0: 1, -1, 2, -2, ... map to 0, 1, 2, 3, ...
    private static long zigzag(long d) {
        return d > 0 ? 2 * d - 2 : -2 * d - 1;
    }

    private static long unzigzag(long z) {
        return (z & 1) == 0 ? (z >>> 1) + 1 : -((z + 1) >>> 1);
    }

    // A difference z = q * 2^k + rest travels as q ones, a zero and rest in k bits; a quotient of
    // ESCAPE_RUN or more travels as ESCAPE_RUN ones and the full value instead.
    private static void writeChangedField(BitWriter w, EntityType t, int f, int k, Snapshot s, int index,
                                          Snapshot base, int bi) {
        FieldSpec spec = t.field(f);
        if (deltaCoded(spec)) {
            int off = t.slotOffset(f);
            long z = zigzag(difference(spec, s.slot(index, off), base.slot(bi, off)));
            long q = z >>> k;
            if (q < ESCAPE_RUN) {
                w.writeBits((1 << (int) q) - 1, (int) q + 1); // q ones, then a zero
                w.writeBits((int) z, k);
                return;
            }
            w.writeBits((1 << ESCAPE_RUN) - 1, ESCAPE_RUN);
        }
        writeField(w, t, f, s, index);
    }

    // out already holds the baseline's values for this entity.
    private static SnapshotStatus readChangedField(BitReader r, EntityType t, int f, int k, Snapshot out, int index) {
        FieldSpec spec = t.field(f);
        if (deltaCoded(spec)) {
            int q = 0;
            while (q < ESCAPE_RUN && r.readBits(1) == 1) {
                q++;
            }
            if (q < ESCAPE_RUN) {
                long z = (long) q << k | r.readBits(k);
                if (r.failed()) {
                    return SnapshotStatus.TRUNCATED;
                }
                int off = t.slotOffset(f);
                long v = out.slot(index, off) + unzigzag(z);
                if (spec.kind() == FieldKind.ANGLE) {
                    v &= (1L << spec.bits()) - 1;
                } else if (v < spec.minQuantized() || v > spec.maxQuantized()) {
                    return SnapshotStatus.BAD_VALUE;
                }
                out.setSlot(index, off, (int) v);
                return SnapshotStatus.OK;
            }
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
