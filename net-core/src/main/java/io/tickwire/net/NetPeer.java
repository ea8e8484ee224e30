package io.tickwire.net;

import io.tickwire.net.admission.Admission;
import io.tickwire.net.admission.AdmissionRefusal;
import io.tickwire.net.admission.AdmissionRequest;
import io.tickwire.net.admission.AdmissionResult;
import io.tickwire.net.protocol.Connection;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.protocol.ConnectionRole;
import io.tickwire.net.protocol.CredentialKind;
import io.tickwire.net.protocol.ConnectionState;
import io.tickwire.net.protocol.ConnectionStats;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.protocol.MessageHandler;
import io.tickwire.net.protocol.SendStatus;
import io.tickwire.net.serial.CodecError;
import io.tickwire.net.serial.MessageCodecException;
import io.tickwire.net.sim.SimulatedLink;
import io.tickwire.net.transport.DatagramLink;
import io.tickwire.net.transport.LinkFailedException;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The other end of one connection: a client as the server sees it, or the server as a client sees
 * it. Sends registered messages on channels and reports the connection's live statistics.
 *
 * <p>Threads: every method must be called on the thread that drives the owning {@link NetServer}
 * ({@code update}) or {@link NetClient} ({@code poll}); a call from another thread throws
 * {@link IllegalStateException}. Pass work to that thread through your own queue.
 */
public final class NetPeer {

    /** Upper bound of datagrams read from one peer per update, so one flooding peer cannot starve the others. */
    static final int MAX_DATAGRAMS_PER_UPDATE = 256;
    /** Upper bound of packets written to one peer per update (a 256 KiB message is ~220 packets). */
    static final int MAX_PACKETS_PER_UPDATE = 512;

    private final int id;
    private final InetSocketAddress remoteAddress;
    private final DatagramLink link;
    private final PeerHost host;
    private final Connection connection;
    private boolean connectedReported;
    private boolean disconnectedReported;
    private boolean linkFailed;
    private String pendingFault;
    private IOException linkFailure;
    private long nowNanos;
    private Object userData;
    private final long createdNanos;
    private Admission admissionPolicy;
    private long admissionDeadlineNanos;
    private AdmissionResult admission;
    private boolean deferredThisUpdate;

    NetPeer(int id, InetSocketAddress remoteAddress, DatagramLink link, PeerHost host, ConnectionConfig config,
            ConnectionRole role, long registryHash, long nowNanos) {
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.link = link;
        this.host = host;
        this.nowNanos = nowNanos;
        this.createdNanos = nowNanos;
        // One handler object per peer, made once: no capturing lambda per packet.
        MessageHandler handler = this::onMessage;
        this.connection = new Connection(config, role, registryHash, handler, nowNanos);
    }

    /** This peer's id: unique among one server's peers, never reused while the server runs; 0 for a client's server peer. */
    public int id() {
        return id;
    }

    /** The peer's UDP address, or an unresolved placeholder for an in-memory peer. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** Live statistics of the connection (RTT, jitter, loss, rates, resends), updated in place on the owning thread. */
    public ConnectionStats stats() {
        return connection.stats();
    }

    /** The connection's lifecycle state. */
    public ConnectionState state() {
        return connection.state();
    }

    /** Whether messages can be sent now. */
    public boolean isConnected() {
        return connection.isConnected() && !linkFailed;
    }

    /** Why the connection ended, or null while it has not. */
    public DisconnectReason disconnectReason() {
        return connection.disconnectReason();
    }

    /** Messages queued on {@code channel} and not yet delivered (reliable: not yet acknowledged), or -1. */
    public int queuedMessages(int channel) {
        return connection.queuedMessages(channel);
    }

    /**
     * Server side: what admitted this client (the credential kind, and for a connect token its client
     * id and user data), or null while it is not admitted and on a client's server peer.
     */
    public AdmissionResult admission() {
        return admission;
    }

    /**
     * Server side: the credential the ACCEPT carries to the client (a resume ticket); call on the update
     * thread before the ACCEPT goes out (from {@link NetListener#connected}), copies {@code bytes}.
     *
     * @throws IllegalArgumentException when it does not fit (see {@link Connection#setCredential})
     */
    public void setAcceptCredential(CredentialKind kind, byte[] bytes) {
        connection.setCredential(kind, bytes);
    }

    /** Client side: the kind of credential the server's ACCEPT carried (NONE before the ACCEPT, or when it carried none). */
    public CredentialKind acceptedCredentialKind() {
        return connection.peerCredentialKind();
    }

    /** Client side: a copy of the credential the server's ACCEPT carried (empty when none). */
    public byte[] acceptedCredential() {
        return connection.peerCredential();
    }

    /** Server side: the client id the client's connect token proved, or 0 (no token, not admitted yet). */
    public long clientId() {
        return admission == null ? 0 : admission.clientId();
    }

    /** Any object the game wants to attach to this peer (a player record); starts null. */
    public Object userData() {
        return userData;
    }

    /** Attaches {@code data} to this peer. */
    public void userData(Object data) {
        this.userData = data;
    }

    /**
     * Encodes {@code message} with the registry and queues it on {@code channel}; never blocks.
     * Returns {@link SendStatus#QUEUED}, or {@link SendStatus#QUEUE_FULL} (back-pressure: retry
     * later), {@link SendStatus#MESSAGE_TOO_LARGE} (over the registry's or the channel's limit;
     * {@link #explainSend} names it), {@link SendStatus#NOT_CONNECTED}, {@link SendStatus#UNKNOWN_CHANNEL}.
     *
     * @throws IllegalArgumentException when the message's class (or a class in its fields) is not
     *     registered, naming the class and the call that registers it, or its serializer failed
     * @throws IllegalStateException when called from a thread other than the owning one
     */
    public SendStatus send(Object message, int channel) {
        host.checkOwner("NetPeer.send");
        int len = encode(host, message);
        if (len < 0) {
            return SendStatus.MESSAGE_TOO_LARGE;
        }
        return sendEncoded(host.encodeBuffer, 0, len, channel);
    }

    /**
     * Queues {@code len} bytes at {@code buf[off]} on {@code channel} as one message, without the
     * message registry (the receiver takes them with a {@link RawMessageHandler}); never blocks and
     * allocates nothing. The bytes are copied before this returns. Returns the same statuses as
     * {@link #send}; {@link SendStatus#MESSAGE_TOO_LARGE} when over the channel's limit.
     *
     * @throws IllegalStateException when called from a thread other than the owning one
     */
    public SendStatus sendBytes(byte[] buf, int off, int len, int channel) {
        host.checkOwner("NetPeer.sendBytes");
        return sendEncoded(buf, off, len, channel);
    }

    /** Most bytes one message on {@code channel} may have (the channel's limit), or -1 for an unknown channel. */
    public int maxMessageSize(int channel) {
        if (channel < 0 || channel >= connection.config().channelCount()) {
            return -1;
        }
        return connection.maxMessageSize(channel);
    }

    /** A sentence naming the limit behind a send status (allocates; for logs). */
    public String explainSend(SendStatus status, int channel, int encodedLength) {
        return connection.explain(status, channel, encodedLength);
    }

    /**
     * Starts a graceful disconnect: the reason goes to the peer redundantly, and
     * {@link NetListener#disconnected} follows on this side during a later update/poll.
     */
    public void disconnect(DisconnectReason reason) {
        disconnect(reason, "");
    }

    /** Like {@link #disconnect(DisconnectReason)}, with a detail sentence the peer receives too (200 UTF-8 bytes at most). */
    public void disconnect(DisconnectReason reason, String detail) {
        host.checkOwner("NetPeer.disconnect");
        connection.disconnect(reason, detail, nowNanos);
    }

    @Override
    public String toString() {
        return "NetPeer[" + id + " " + remoteAddress + " " + connection.state() + "]";
    }

    // ------------------------------------------------------------------ owner-thread internals

    /** Encodes into the host's encode buffer; returns the length, or -1 when over the registry's limit. */
    static int encode(PeerHost host, Object message) {
        try {
            return host.codec.encode(message, host.encodeBuffer, 0, host.encodeBuffer.length);
        } catch (MessageCodecException e) {
            if (e.error() == CodecError.TOO_LARGE) {
                host.oversizedSends++;
                return -1;
            }
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    SendStatus sendEncoded(byte[] encoded, int off, int len, int channel) {
        if (linkFailed) {
            return SendStatus.NOT_CONNECTED;
        }
        return connection.send(channel, encoded, off, len, nowNanos);
    }

    Connection connection() {
        return connection;
    }

    /** Server: decide about this peer's CONNECT with {@code policy}, within {@code deadlineNanos} of its creation. */
    void holdForAdmission(Admission policy, long deadlineNanos) {
        this.admissionPolicy = policy;
        this.admissionDeadlineNanos = deadlineNanos;
        connection.holdForAdmission();
    }

    /** Asks the admission policy about the pending CONNECT, once; admits or refuses with its detail. */
    private void decideAdmission(long now) {
        AdmissionResult result;
        try {
            result = admissionPolicy.decide(new AdmissionRequest(connection.peerCredentialKind(),
                    connection.peerCredential(), remoteAddress));
            if (result == null) {
                throw new IllegalStateException(admissionPolicy.getClass().getName() + ".decide returned null");
            }
        } catch (RuntimeException e) {
            host.events.error(this, "admission of " + remoteAddress + " failed: " + e, e);
            result = AdmissionResult.refuse(AdmissionRefusal.SERVER_ERROR,
                    "the server could not check the credential (an error on the server); try again later");
        }
        if (result.admitted()) {
            admission = result;
            host.admitted++;
            connection.admit();
        } else {
            host.admissionRefusals[(result.reason() == null ? AdmissionRefusal.OTHER : result.reason()).ordinal()]++;
            connection.disconnect(DisconnectReason.AUTHENTICATION_FAILED, result.refusal(), now);
        }
    }

    /** Decides a pending CONNECT when the update's admission budget allows; otherwise it waits for the next update. */
    private void decideAdmissionWithinBudget(long now) {
        if (!connection.admissionPending()) {
            return;
        }
        if (host.admissionBudget <= 0) {
            if (!deferredThisUpdate) {
                deferredThisUpdate = true;
                host.admissionsDeferred++;
            }
            return;
        }
        host.admissionBudget--;
        decideAdmission(now);
    }

    DatagramLink link() {
        return link;
    }

    /** Reads waiting datagrams into the connection; messages become events. Owner thread. */
    void receive(long now) {
        this.nowNanos = now;
        if (linkFailed) {
            return;
        }
        deferredThisUpdate = false;
        // A CONNECT that waited for budget in an earlier update is decided before new datagrams are read.
        decideAdmissionWithinBudget(now);
        byte[] buf = host.packetBuffer;
        for (int i = 0; i < MAX_DATAGRAMS_PER_UPDATE; i++) {
            int n;
            try {
                n = link.receive(buf, 0, buf.length);
            } catch (IOException e) {
                failLink(e);
                return;
            }
            if (n == DatagramLink.NOTHING_RECEIVED) {
                break;
            }
            connection.receivePacket(buf, 0, n, now);
            decideAdmissionWithinBudget(now);
            if (pendingFault != null) {
                // Decided inside the message callback; applied here, outside the connection's processing.
                connection.disconnect(DisconnectReason.PROTOCOL_ERROR, pendingFault, now);
                pendingFault = null;
            }
        }
        reportState();
    }

    /** Writes every due packet to the link. Owner thread. */
    void flush(long now) {
        this.nowNanos = now;
        if (linkFailed) {
            return;
        }
        if (admissionPolicy != null && connection.state() == ConnectionState.CONNECTING
                && now - createdNanos >= admissionDeadlineNanos) {
            host.admissionRefusals[AdmissionRefusal.DEADLINE.ordinal()]++;
            connection.disconnect(DisconnectReason.AUTHENTICATION_FAILED, "no CONNECT with an acceptable credential"
                    + " within admissionDeadlineMillis " + admissionDeadlineNanos / 1_000_000 + " ms after the DTLS"
                    + " handshake", now);
        }
        byte[] buf = host.packetBuffer;
        for (int i = 0; i < MAX_PACKETS_PER_UPDATE; i++) {
            int n = connection.writePacket(buf, 0, now);
            if (n <= 0) {
                break;
            }
            try {
                link.send(buf, 0, n);
            } catch (IOException e) {
                failLink(e);
                return;
            }
        }
        reportState();
    }

    /** True once the connection is over and its DISCONNECT packets are out: the owner drops it. */
    boolean isFinished() {
        if (linkFailed) {
            return true;
        }
        if (connection.state() != ConnectionState.DISCONNECTED) {
            return false;
        }
        // The simulator still holds delayed datagrams (the DISCONNECT packets among them): closing
        // now would discard them, so keep the link (receive calls pump it) until they are out.
        return !(link instanceof SimulatedLink s) || s.outgoing().inFlight() == 0;
    }

    /** Closes the link; the peer is gone. */
    void closeLink() {
        link.close();
    }

    /**
     * The link failed for good (socket closed, DTLS alert): nothing can be sent any more, so the
     * peer ends here. Reported with the connection's own reason if it had one (the peer closing its
     * session right after a DISCONNECT is expected, not an error); otherwise with the transport
     * reason {@link #linkFailureReason} derives from the exception's type, and through the error callback.
     */
    void failLink(IOException e) {
        if (linkFailed) {
            return;
        }
        linkFailed = true;
        linkFailure = e;
        ConnectionState s = connection.state();
        if (s != ConnectionState.DISCONNECTING && s != ConnectionState.DISCONNECTED) {
            host.events.error(this, "link to " + remoteAddress + " failed: " + e.getMessage(), e);
        }
        reportState();
    }

    /** DTLS_ALERT for an alert or a close_notify, TRANSPORT_FAILED for any other I/O failure; by type, never by text. */
    static DisconnectReason linkFailureReason(IOException e) {
        if (e instanceof LinkFailedException l && l.kind() != LinkFailedException.Kind.SOCKET_ERROR) {
            return DisconnectReason.DTLS_ALERT;
        }
        return DisconnectReason.TRANSPORT_FAILED;
    }

    private void reportState() {
        ConnectionState s = connection.state();
        if (!connectedReported && s == ConnectionState.CONNECTED && !linkFailed) {
            connectedReported = true;
            host.events.connected(this);
        }
        if (!disconnectedReported) {
            if (s == ConnectionState.DISCONNECTING || s == ConnectionState.DISCONNECTED) {
                disconnectedReported = true;
                host.events.disconnected(this, connection.disconnectReason(), connection.disconnectDetail());
            } else if (linkFailed) {
                disconnectedReported = true;
                host.events.disconnected(this, linkFailureReason(linkFailure),
                        "the link ended before a DISCONNECT arrived: " + linkFailure.getMessage());
            }
        }
    }

    /** Called by the connection inside receivePacket: decode now (the bytes are only valid now), deliver later. */
    private void onMessage(int channel, byte[] buf, int off, int len) {
        if (pendingFault != null) {
            return; // the peer already broke the protocol in this packet; ignore the rest
        }
        RawMessageHandler raw = host.rawHandler(channel);
        if (raw != null) {
            try {
                raw.received(this, channel, buf, off, len);
            } catch (RuntimeException e) {
                pendingFault = "raw handler of channel " + channel + " refused a message: " + e;
                host.events.error(this, pendingFault, e);
            }
            return;
        }
        try {
            Object message = host.codec.decode(buf, off, len);
            host.events.received(this, message, channel);
        } catch (MessageCodecException e) {
            host.decodeFailures++;
            pendingFault = "undecodable message on channel " + channel + ": " + e.getMessage();
            host.events.error(this, pendingFault, e);
        }
    }
}
