package io.tickwire.net;

/**
 * Receives the bytes of messages on one channel without the message registry: for payloads the
 * game encodes itself (bit-packed snapshots, input frames), so that neither side allocates per
 * message. Register with {@link NetServer#setRawHandler} or {@link NetClient#setRawHandler}; send
 * with {@link NetPeer#sendBytes}.
 *
 * <p>Threads and timing: called on the owning thread (the server's update thread, the client's
 * poll thread) while the peer's packets are being processed, which is earlier than the
 * {@link NetListener} events of the same update: a raw message can arrive before
 * {@link NetListener#connected} has been delivered for its peer. The bytes are valid only during
 * the call (copy what you keep), and the handler must not send or disconnect from inside it:
 * record what to do and do it after the update. An exception thrown by the handler disconnects
 * the peer with PROTOCOL_ERROR and is reported to {@link NetListener#error}.
 */
@FunctionalInterface
public interface RawMessageHandler {

    /** One message of {@code len} bytes at {@code buf[off]} arrived from {@code peer} on {@code channel}. */
    void received(NetPeer peer, int channel, byte[] buf, int off, int len);
}
