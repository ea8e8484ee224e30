package io.tickwire.net.transport;

import java.io.InterruptedIOException;

/**
 * Thrown by our {@code DatagramTransport}s under an established {@code DTLSTransport} when no record
 * is waiting, to turn Bouncy Castle's blocking receive into a non-blocking one without allocating.
 *
 * <p>Why this is safe (bctls 1.84 source): {@code DTLSRecordLayer.receiveDatagram} catches
 * {@code SocketTimeoutException} (and then loops until its own timeout) but rethrows any other
 * {@link InterruptedIOException} after setting {@code bytesTransferred = 0}; {@code DTLSTransport.receive}
 * rethrows {@code InterruptedIOException} untouched without failing the record layer. The exception
 * leaves {@code receive} before a record is read, so the record queue, epochs and replay windows are
 * unchanged; the only work done beforehand is the idempotent expiry of retransmit/heartbeat timers.
 * Hence this must NOT extend {@code SocketTimeoutException}. One shared, stackless instance: nobody
 * inspects it except by identity, and the benign {@code bytesTransferred} write is always 0.
 */
final class NoDatagramWaiting extends InterruptedIOException {

    private static final long serialVersionUID = 1L;

    static final NoDatagramWaiting INSTANCE = new NoDatagramWaiting();

    private NoDatagramWaiting() {
        super("no datagram waiting");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
