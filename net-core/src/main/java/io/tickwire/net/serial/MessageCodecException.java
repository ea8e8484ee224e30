package io.tickwire.net.serial;

/**
 * A message that could not be encoded or decoded; checked, so that the hot path cannot forget it.
 *
 * <p>On the receiving side every reason is the peer's fault and the caller turns it into a
 * {@code PROTOCOL_ERROR} disconnect; on the sending side {@link CodecError#UNREGISTERED_CLASS} is a
 * programming error and {@link CodecError#TOO_LARGE} a limit the caller can act on.
 */
public final class MessageCodecException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Used for {@link #registrationId()} when the failure is not tied to one id. */
    public static final int NO_ID = -1;

    private final CodecError error;
    private final int registrationId;

    /** Creates an exception with a reason, the registration id concerned (or {@link #NO_ID}) and a message. */
    public MessageCodecException(CodecError error, int registrationId, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
        this.registrationId = registrationId;
    }

    /** The reason. */
    public CodecError error() {
        return error;
    }

    /** The registration id the failure concerns, or {@link #NO_ID}. */
    public int registrationId() {
        return registrationId;
    }
}
