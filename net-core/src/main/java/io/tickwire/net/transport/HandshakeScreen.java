package io.tickwire.net.transport;

/**
 * A pre-authentication check of epoch-0 handshake datagrams, run on the socket reader before Bouncy
 * Castle parses them (bctls 1.84 allocates a claimed 24-bit message length unchecked and spends
 * quadratic CPU on fragment floods). One instance screens datagrams from unknown addresses (stateless
 * use) and one instance per handshake in flight screens that peer's flight, so it may count fragments.
 * Called only by the thread that reads the socket.
 */
public interface HandshakeScreen {

    /** Verdict: let the datagram through. */
    int ACCEPT = 0;

    /** Largest verdict code plus one; verdicts are counted in an array of this size. */
    int MAX_VERDICTS = 16;

    /**
     * Returns {@link #ACCEPT} or a drop verdict in {@code 1 .. MAX_VERDICTS-1} for the datagram in
     * {@code buf[off, off+len)} (owned by the caller; not kept).
     */
    int screen(byte[] buf, int off, int len);

    /**
     * True when {@code verdict} means the handshake as a whole broke a limit (not just this datagram),
     * so the endpoint abandons it; such verdicts come only from a per-handshake screen.
     */
    default boolean abandonsHandshake(int verdict) {
        return false;
    }

    /** A short name for a verdict code, for logs and stats. */
    String verdictName(int verdict);

    /** Makes a screen per handshake. */
    @FunctionalInterface
    interface Factory {
        /** Returns a screen for one new handshake (or the shared stateless one when {@code perHandshake} is false). */
        HandshakeScreen create(boolean perHandshake);
    }

    /** A screen that accepts everything (for tests that exercise Bouncy Castle unguarded). */
    HandshakeScreen ACCEPT_ALL = new HandshakeScreen() {
        @Override
        public int screen(byte[] buf, int off, int len) {
            return ACCEPT;
        }

        @Override
        public String verdictName(int verdict) {
            return verdict == ACCEPT ? "accept" : "verdict-" + verdict;
        }
    };
}
