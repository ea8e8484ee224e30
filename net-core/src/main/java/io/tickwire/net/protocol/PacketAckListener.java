package io.tickwire.net.protocol;

/**
 * Told when a packet this connection sent is acknowledged by the peer, so a layer above (snapshot
 * baselines) can learn what arrived without a message of its own.
 *
 * <p>Called on the thread that calls {@link Connection#receivePacket}, once per acknowledged packet,
 * with no allocation; the sequence matches a value returned by {@link Connection#lastWrittenPacketSequence()}
 * after the {@link Connection#writePacket} that wrote the packet.
 */
@FunctionalInterface
public interface PacketAckListener {
    /** The packet with 16-bit {@code sequence} was acknowledged (each packet at most once). */
    void onPacketAcked(int sequence);
}
