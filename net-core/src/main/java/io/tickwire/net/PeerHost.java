package io.tickwire.net;

import io.tickwire.net.serial.MessageCodec;
import io.tickwire.net.serial.MessageRegistry;

/**
 * What the peers of one {@link NetServer} or {@link NetClient} share on its owning thread: the
 * message codec, one encode buffer (a message is encoded into it and copied into the channel's
 * queue at once), one packet buffer (for one datagram in or out at a time), the event queue, and
 * the check that only the owning thread touches them.
 */
final class PeerHost {

    final MessageCodec codec;
    final byte[] encodeBuffer;
    final byte[] packetBuffer;
    final EventQueue events = new EventQueue();
    /** Per channel, the handler that takes its messages as bytes instead of decoding them, or null. */
    RawMessageHandler[] rawHandlers = new RawMessageHandler[0];
    private final String ownerCall;
    private volatile Thread owner;

    /** Messages refused by the codec as larger than the registry's limit (counted, status returned). */
    long oversizedSends;
    /** Received messages that failed to decode (each disconnects its peer with PROTOCOL_ERROR). */
    long decodeFailures;
    /** Admission decisions this update may still make (server; reset each update to maxAdmissionsPerUpdate). */
    int admissionBudget = Integer.MAX_VALUE;
    /** Connections admitted. */
    long admitted;
    /** Connections refused admission, by {@link io.tickwire.net.admission.AdmissionRefusal} ordinal. */
    final long[] admissionRefusals = new long[io.tickwire.net.admission.AdmissionRefusal.values().length];
    /** Updates in which a pending CONNECT waited because the update's admission budget was spent (one per peer and update). */
    long admissionsDeferred;

    PeerHost(MessageRegistry registry, int maxDatagramSize, String ownerCall) {
        this.codec = registry.newCodec();
        this.encodeBuffer = new byte[registry.maxMessageSize()];
        this.packetBuffer = new byte[maxDatagramSize];
        this.ownerCall = ownerCall;
    }

    /** Routes {@code channel}'s messages to {@code handler} as bytes (null: decode them with the registry again). */
    void setRawHandler(int channel, int channelCount, RawMessageHandler handler) {
        if (channel < 0 || channel >= channelCount) {
            throw new IllegalArgumentException("channel " + channel + " does not exist; the connection config has "
                    + channelCount + " channels (0.." + (channelCount - 1) + ")");
        }
        if (rawHandlers.length < channelCount) {
            rawHandlers = java.util.Arrays.copyOf(rawHandlers, channelCount);
        }
        rawHandlers[channel] = handler;
    }

    /** The raw handler of {@code channel}, or null when its messages are decoded. */
    RawMessageHandler rawHandler(int channel) {
        return channel < rawHandlers.length ? rawHandlers[channel] : null;
    }

    /** Called at the start of every update/poll: the first caller becomes the owner. */
    void enter() {
        Thread t = Thread.currentThread();
        Thread o = owner;
        if (o == null) {
            owner = t;
        } else if (o != t) {
            throw new IllegalStateException(ownerCall + " was called from thread '" + t.getName()
                    + "' but this object belongs to thread '" + o.getName() + "' (the first caller)");
        }
    }

    /** Guards calls that touch connection state from outside update/poll (send, disconnect). */
    void checkOwner(String call) {
        Thread o = owner;
        if (o != null && o != Thread.currentThread()) {
            throw new IllegalStateException(call + " must be called on thread '" + o.getName()
                    + "', the thread that calls " + ownerCall + "; it was called from '"
                    + Thread.currentThread().getName() + "'");
        }
    }
}
