package io.tickwire.net.transport;

import java.io.IOException;

/**
 * A non-blocking datagram path to exactly one peer: the only view of the network that the
 * protocol core ({@code io.tickwire.net.protocol}) has.
 *
 * <p>Implementations: a DTLS session over a real UDP socket, the in-memory pair of the network
 * simulator, and the simulator as a decorator around either. A link is owned by one thread (the
 * thread that drives the connection on top of it); implementations need not be thread-safe unless
 * they say so.
 *
 * <p>Buffers are owned by the caller: {@link #send} copies or transmits the bytes before it
 * returns, {@link #receive} writes into the caller's array.
 */
public interface DatagramLink extends AutoCloseable {

    /** Returned by {@link #receive} when no datagram is waiting. */
    int NOTHING_RECEIVED = -1;

    /**
     * Sends one datagram of {@code len} bytes; never blocks. A datagram that the network or a
     * full buffer drops is dropped silently, as UDP would.
     *
     * @throws IOException when the link has failed for good (closed, DTLS fatal alert, socket error)
     */
    void send(byte[] buf, int off, int len) throws IOException;

    /**
     * Copies the next waiting datagram into {@code buf} and returns its length, or returns
     * {@link #NOTHING_RECEIVED} at once when none is waiting. A datagram longer than {@code len}
     * is dropped (and counted by the implementation), never truncated.
     *
     * @throws IOException when the link has failed for good (closed, DTLS fatal alert, socket error)
     */
    int receive(byte[] buf, int off, int len) throws IOException;

    /** The largest payload {@link #send} accepts, in bytes. */
    int maxPayloadSize();

    /** Releases the link; further calls fail. Idempotent. */
    @Override
    void close();
}
