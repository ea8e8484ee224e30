package io.tickwire.net.transport;

import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/** Turns what Bouncy Castle or the socket threw out of an established DTLS link into a {@link LinkFailedException}. */
final class LinkFailures {

    private LinkFailures() {
    }

    /** The peer's close_notify ended the session; {@code what} names the connection. */
    static LinkFailedException closedByPeer(String what) {
        return new LinkFailedException(LinkFailedException.Kind.CLOSED_BY_PEER, AlertDescription.close_notify,
                what + ": the peer closed the DTLS session (" + AlertDescription.getText(AlertDescription.close_notify)
                        + ")", null);
    }

    /**
     * Classifies by exception type, never by message: a fatal alert received or raised names the
     * alert; an I/O error after Bouncy Castle itself closed the session (it closes our socket when
     * close_notify arrives) is the peer's close; anything else is the socket's failure.
     */
    static LinkFailedException classify(IOException e, boolean sessionClosed, String what) {
        if (e instanceof LinkFailedException l) {
            return l;
        }
        if (e instanceof TlsFatalAlertReceived r) {
            return new LinkFailedException(LinkFailedException.Kind.ALERT_RECEIVED, r.getAlertDescription(),
                    what + ": the peer sent fatal alert " + AlertDescription.getText(r.getAlertDescription()), e);
        }
        if (e instanceof TlsFatalAlert a) {
            return new LinkFailedException(LinkFailedException.Kind.ALERT_RAISED, a.getAlertDescription(),
                    what + ": this side aborted the session with fatal alert "
                            + AlertDescription.getText(a.getAlertDescription()), e);
        }
        if (sessionClosed) {
            return closedByPeer(what);
        }
        return new LinkFailedException(LinkFailedException.Kind.SOCKET_ERROR, (short) -1, what + ": " + e, e);
    }
}
