package io.tickwire.net.dtls;

import java.util.Arrays;

/**
 * Per-handshake counters for {@link HandshakeGuard#check(byte[], int, int, HandshakeGuardState)}:
 * fragments per message_seq, fragments in total, and epoch-1 handshake records. The endpoint
 * creates one only after the peer's cookie is verified, and it is confined to the thread that
 * checks that peer's datagrams. A few hundred bytes; reusable via {@link #reset()}.
 */
public final class HandshakeGuardState {

    final int[] fragmentsPerSeq;
    // Declared message length per message_seq, or -1 when no fragment has been seen yet.
    final int[] lengthPerSeq;
    int fragments;
    int encryptedRecords;

    HandshakeGuardState(int maxMessageSeq) {
        fragmentsPerSeq = new int[maxMessageSeq];
        lengthPerSeq = new int[maxMessageSeq];
        reset();
    }

    /** Forgets everything, for reuse by another handshake. */
    public void reset() {
        Arrays.fill(fragmentsPerSeq, 0);
        Arrays.fill(lengthPerSeq, -1);
        fragments = 0;
        encryptedRecords = 0;
    }

    /** Fragments counted so far in this handshake. */
    public int fragments() {
        return fragments;
    }

    /** Epoch-1 handshake records counted so far in this handshake. */
    public int encryptedHandshakeRecords() {
        return encryptedRecords;
    }
}
