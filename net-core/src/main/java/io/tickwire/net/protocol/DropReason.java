package io.tickwire.net.protocol;

/** Why a received packet or message was dropped without disconnecting; counted in {@link ConnectionStats}. */
public enum DropReason {
    /** Packet sequence older than the receive history (too late to be acknowledged). */
    STALE_PACKET,
    /** Packet sequence already received. */
    DUPLICATE_PACKET,
    /** Reliable message (or fragment) already received. */
    DUPLICATE_MESSAGE,
    /** Unreliable-sequenced message older than the newest one delivered on its channel. */
    STALE_SEQUENCED_MESSAGE,
    /** Fragment of an unreliable message older than the one being reassembled on its channel. */
    STALE_FRAGMENT,
    /** Incomplete unreliable fragmented message given up because a newer one started arriving. */
    ABANDONED_MESSAGE,
    /** Data packet that arrived before the handshake completed. */
    NOT_CONNECTED,
    /** Packet that arrived after the connection started disconnecting. */
    AFTER_DISCONNECT,
    /** Packet that broke the protocol (the connection is disconnected with a reason as well). */
    PROTOCOL_FAULT
}
