/**
 * The replication wire format that server and client share byte for byte: a bit packer
 * ({@link io.tickwire.net.replication.BitWriter}, {@link io.tickwire.net.replication.BitReader}), a
 * {@link io.tickwire.net.replication.ReplicationSchema} of entity types and quantized fields with a
 * 64-bit hash for the connect-time check, object-free world state
 * ({@link io.tickwire.net.replication.Snapshot}) and the Quake III style delta codec
 * ({@link io.tickwire.net.replication.SnapshotCodec}). No game rules and no libGDX.
 *
 * <p>Encoded snapshot, bits least significant first:
 * <pre>
 * sequence:16  hasBaseline:1  [baselineSequence:16]
 * repeat { more:1=1  idGap  record }   more:1=0
 * idGap   = 1                        (id = previous + 1)
 *         | 0 1 gap:6                (id = previous + 1 + gap)
 *         | 0 0 gap:entityIdBits
 * record for an id absent from the baseline:  typeId:typeIdBits  every field
 * record for an id in the baseline:           1 changedMask:fieldCount changed fields
 *                                           | 0 0                 (destroyed)
 *                                           | 0 1 typeId fields   (re-created)
 * field = value:bits (SINT two's complement) | STRING: length:bits byte:8 * length
 * changed field of a UINT, SINT, ANGLE or QUANTIZED_FLOAT kind with bits &gt;= 4:
 *           1 diff:ceil(bits/2) (signed, added to the baseline value) | 0 field
 * </pre>
 * Baseline entities with no record are unchanged. Decoding treats input as hostile: every outcome is a
 * {@link io.tickwire.net.replication.SnapshotStatus}, never an unchecked exception.
 */
package io.tickwire.net.replication;
