package io.tickwire.net.admission;

/** Bytes or text that are not a well-formed connect token; the message names the fault and the limit. */
public final class ConnectTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A token refused for the fault {@code message} names. */
    public ConnectTokenException(String message) {
        super(message);
    }
}
