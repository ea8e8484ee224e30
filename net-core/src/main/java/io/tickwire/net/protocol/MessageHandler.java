package io.tickwire.net.protocol;

/**
 * Receives the messages a {@link Connection} delivers.
 *
 * <p>Called on the thread that calls {@link Connection#receivePacket}, from inside that call.
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * One message arrived on {@code channel}; {@code buf[off, off+len)} is only valid during this
     * call (it belongs to the connection or to the caller's packet buffer): copy what you keep.
     * May call {@link Connection#send} and {@link Connection#disconnect}; must not throw (an
     * exception propagates out of {@code receivePacket} and the message counts as delivered).
     */
    void onMessage(int channel, byte[] buf, int off, int len);
}
