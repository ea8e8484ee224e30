/**
 * The replication wire format that server and client share byte for byte: a bit packer
 * ({@link io.tickwire.net.replication.BitWriter}, {@link io.tickwire.net.replication.BitReader}), a
 * {@link io.tickwire.net.replication.ReplicationSchema} of entity types and quantized fields with a
 * 64-bit hash for the connect-time check, object-free world state
 * ({@link io.tickwire.net.replication.Snapshot}) and the Quake III style delta codec
 * ({@link io.tickwire.net.replication.SnapshotCodec}). No game rules and no libGDX.
 *
 * <p>Encoded snapshot, bits least significant first (a multi-bit value's lowest bit first; "q ones,
 * 0" is a unary count):
 * <pre>
 * sequence:16  hasBaseline:1  [baselineRef]  count  [gapK:4  record x count]
 * baselineRef = 1 age:6                 baselineSequence = (sequence - age) mod 2^16, age 0..63
 *             | 0 baselineSequence:16
 * count       = m ones, 0, low m bits of (records + 1), where 2^m &lt;= records + 1 &lt; 2^(m+1)
 *               (Elias gamma; no records = the single bit 0)
 * record      = idSkip body               in ascending entity id
 * idSkip      = skip = id - previous id - 1 (previous = -1 before the first record), Rice(gapK):
 *               q = skip &gt;&gt; gapK &lt; 8:  q ones, 0, low gapK bits of skip
 *             | 8 ones, skip:entityIdBits
 * body, id absent from the baseline (creation):  typeId:typeIdBits  every field
 * body, id in the baseline:   1 [typeHeader] maskCode changed fields   (changed)
 *                           | 0 0                                     (destroyed)
 *                           | 0 1 typeId:typeIdBits every field       (re-created)
 * typeHeader  = commonMask:fieldCount  tuned:1  [k:5 per difference-coded field, in field order]
 *               before the first changed record of its type in this snapshot only; untuned: k = bits/2 - 1
 * maskCode    = 1                         mask = commonMask
 *             | 0 1 field:ceil(log2(fieldCount))   mask = commonMask XOR (1 &lt;&lt; field)
 *             | 0 0 mask:fieldCount
 *               (masks over 32 bits: low 32 bits first; a resulting mask of 0 is invalid)
 * field       = value:bits (SINT two's complement) | STRING: length:bits byte:8 x length
 * changed field, difference-coded (UINT, SINT, ANGLE, QUANTIZED_FLOAT with bits &gt;= 4):
 *               d = current - baseline (ANGLE: wrapped to [-2^(bits-1), 2^(bits-1))), never 0;
 *               z = 2d - 2 if d &gt; 0, -2d - 1 if d &lt; 0  (1, -1, 2, -2 ... -&gt; 0, 1, 2, 3 ...)
 *               q = z &gt;&gt; k &lt; 8:  q ones, 0, low k bits of z
 *             | 8 ones, field
 * changed field of any other kind: field
 * </pre>
 * The encoder picks gapK, each type's common mask (fields changed in more than half of its changed
 * records) and each field's Rice parameter k per snapshot from a first pass over the records; the
 * decoder reads them, so any choice decodes exactly.
 * Baseline entities with no record are unchanged. Decoding treats input as hostile: every outcome is a
 * {@link io.tickwire.net.replication.SnapshotStatus}, never an unchecked exception.
 */
package io.tickwire.net.replication;
