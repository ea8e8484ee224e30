package io.tickwire.net.transport;

import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;

/**
 * Thrown by a DTLS {@link DatagramLink} whose session has ended for good, saying how: the socket
 * failed, a fatal alert was received or raised, or the peer closed the session (close_notify).
 * Thrown once per link at most (it is dead afterwards), so creating it is not a hot-path cost.
 */
public final class LinkFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    /** How the link ended. */
    public enum Kind {
        /** The UDP socket failed or was closed under the link (e.g. the server endpoint closed). */
        SOCKET_ERROR,
        /** The peer sent a fatal DTLS alert ({@link #alertDescription()} names it). */
        ALERT_RECEIVED,
        /** This side's DTLS stack aborted the session with a fatal alert ({@link #alertDescription()}). */
        ALERT_RAISED,
        /** The peer sent close_notify: it closed its DTLS session (without our own DISCONNECT first). */
        CLOSED_BY_PEER
    }

    private final Kind kind;
    private final short alertDescription;

    /** A failure of {@code kind}; {@code alertDescription} is Bouncy Castle's alert code, or -1. */
    public LinkFailedException(Kind kind, short alertDescription, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.alertDescription = alertDescription;
    }

    /** How the link ended. */
    public Kind kind() {
        return kind;
    }

    /** The DTLS alert code involved (close_notify for {@link Kind#CLOSED_BY_PEER}), or -1. */
    public short alertDescription() {
        return alertDescription;
    }

    /** The alert's name and code as Bouncy Castle prints it (e.g. {@code close_notify(0)}), or null. */
    public String alertText() {
        return alertDescription < 0 ? null : AlertDescription.getText(alertDescription);
    }
}
