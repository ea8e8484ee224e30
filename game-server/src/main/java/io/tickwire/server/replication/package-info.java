/**
 * Per-client snapshot replication on the server: {@link io.tickwire.server.replication.ClientSnapshotState}
 * (ring of sent snapshots, baseline from the client's explicit snapshot acks or from packet acks), {@link io.tickwire.server.replication.InterestPolicy}
 * with {@link io.tickwire.server.replication.RadiusInterest} and {@link io.tickwire.server.replication.GridInterest},
 * and {@link io.tickwire.server.replication.ClientReplicator} (interest filter, priority accumulators under a
 * byte budget, delta encoding against the acknowledged baseline with net-core's SnapshotCodec).
 *
 * <p>A snapshot is one unfragmented message on an unreliable channel. {@code GameServer} learns what a client
 * holds from the snapshot sequence the client names in each input frame
 * ({@link io.tickwire.server.replication.ClientSnapshotState#onSnapshotAcked}); a bare connection can instead
 * use the ack of the one packet that carried it (net-core's {@code PacketAckListener}). Entities the budget holds back keep
 * their baseline state in the snapshot (no bits, not destroyed); entities out of interest are absent, which
 * the codec sends as a destruction against a baseline that held them.
 */
package io.tickwire.server.replication;
