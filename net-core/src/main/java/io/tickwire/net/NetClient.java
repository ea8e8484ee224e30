package io.tickwire.net;

import io.tickwire.net.dtls.Fingerprint;
import io.tickwire.net.dtls.TickwireCrypto;
import io.tickwire.net.dtls.TickwireTlsClient;
import io.tickwire.net.dtls.TrustFailure;
import io.tickwire.net.protocol.Connection;
import io.tickwire.net.protocol.ConnectionRole;
import io.tickwire.net.protocol.CredentialKind;
import io.tickwire.net.protocol.ConnectionStats;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.protocol.SendStatus;
import io.tickwire.net.sim.NetworkConditions;
import io.tickwire.net.sim.NetworkSimulator;
import io.tickwire.net.sim.SimulatedLink;
import io.tickwire.net.transport.DatagramLink;
import io.tickwire.net.transport.DtlsClientConnector;
import java.net.InetSocketAddress;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsTimeoutException;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A game client: one connection to a server (over DTLS, or in memory), driven by the game's render
 * loop.
 *
 * <pre>{@code
 * NetClient client = NetClient.connect(config, listener);
 * // in render():
 * client.poll(System.nanoTime());   // sends, receives, and calls the listener here
 * client.send(new Move(dx, dy), 0);
 * // in dispose():
 * client.close();
 * }</pre>
 *
 * <p>Threads: the DTLS handshake runs on a background thread; everything else happens on the
 * thread that calls {@link #poll} (the first caller owns the client). Events are queued while
 * packets are processed and delivered to the listener at the end of each {@code poll}, on that
 * thread, so a libGDX game calls {@code poll} from {@code render()} and touches its state freely.
 * Poll often (every frame): keep-alives, acks and resends are sent from {@code poll}.
 */
public final class NetClient implements AutoCloseable {

    private static final int SIMULATOR_CAPACITY = 1024;
    /** Pause between the sending steps of {@link #close()}: short next to the 10 ms disconnect resend spacing. */
    private static final long CLOSE_STEP_NANOS = 1_000_000L;

    private final ClientConfig config;
    private final NetListener listener;
    private final PeerHost host;
    private final CompletableFuture<? extends DatagramLink> pendingLink;
    private final DtlsClientConnector connector;
    private final TickwireTlsClient tlsClient;
    private volatile NetworkConditions simulatedConditions;
    private volatile SimulatedLink simulatedLink;
    private NetPeer server;
    private boolean finished;
    private boolean closed;

    private final CredentialKind credentialKind;
    private final byte[] credential;

    private NetClient(ClientConfig config, NetListener listener, TlsSession resume, CredentialKind credentialKind,
            byte[] credential) {
        this.credentialKind = credentialKind;
        this.credential = credential;
        this.config = config;
        this.listener = listener;
        this.simulatedConditions = config.simulatedConditions();
        int datagram = config.inMemory() != null ? config.inMemory().maxDatagramSize() : config.maxDatagramSize();
        this.host = new PeerHost(config.registry(), Math.max(datagram, config.connection().maxPacketSize()),
                "NetClient.poll");
        if (config.inMemory() != null) {
            this.connector = null;
            this.tlsClient = null;
            this.pendingLink = CompletableFuture.completedFuture(config.inMemory().connect());
        } else {
            InetSocketAddress server = config.serverAddress();
            this.tlsClient = new TickwireTlsClient(TickwireCrypto.create(),
                    config.trust(), config.serverHost(), server.getPort(), config.dtls());
            tlsClient.resumeSession(resume);
            this.connector = new DtlsClientConnector(config.maxDatagramSize(), config.dtls().handshakeTimeoutMillis());
            this.pendingLink = connector.connect(server, new InetSocketAddress(0), tlsClient);
        }
    }

    /**
     * Starts connecting: the DTLS handshake begins at once on a background thread, the connect
     * exchange (versions, channel config and registry hashes) at the first {@link #poll} after it.
     * {@link NetListener#connected} or {@link NetListener#disconnected} follows from a later poll.
     */
    public static NetClient connect(ClientConfig config, NetListener listener) {
        return new NetClient(Objects.requireNonNull(config, "config"), Objects.requireNonNull(listener, "listener"), null,
                config.credentialKind(), config.credential());
    }

    /**
     * Like {@link #connect(ClientConfig, NetListener)}, offering {@code resume} (the
     * {@link #resumableSession()} of an earlier client of the same server and config) for DTLS session
     * resumption: a server that still holds it runs an abbreviated handshake, any other a full one.
     * Null, or an in-memory config, offers nothing.
     */
    public static NetClient connect(ClientConfig config, NetListener listener, TlsSession resume) {
        return new NetClient(Objects.requireNonNull(config, "config"), Objects.requireNonNull(listener, "listener"),
                resume, config.credentialKind(), config.credential());
    }

    /**
     * Like {@link #connect(ClientConfig, NetListener, TlsSession)}, with {@code kind} and {@code credential}
     * in the CONNECT instead of the config's (a reconnect layer presenting a resume ticket).
     *
     * @throws IllegalArgumentException when the credential does not fit a CONNECT of the config's packet size
     */
    public static NetClient connect(ClientConfig config, NetListener listener, TlsSession resume, CredentialKind kind,
            byte[] credential) {
        Objects.requireNonNull(config, "config");
        Connection.checkCredentialFits(config.connection(), credential.length);
        return new NetClient(config, Objects.requireNonNull(listener, "listener"), resume,
                Objects.requireNonNull(kind, "kind"), credential.clone());
    }

    /**
     * The DTLS session of this client's finished handshake if the server allows resuming it (it issued
     * a session ID), for a later {@link #connect(ClientConfig, NetListener, TlsSession)}; else null
     * (in memory, before the handshake, or a server without a session cache).
     */
    public TlsSession resumableSession() {
        return dtlsHandshakeDone() ? tlsClient.resumableSession() : null;
    }

    /** Whether the DTLS handshake resumed an earlier session (false in memory and before the handshake). */
    public boolean sessionResumed() {
        return dtlsHandshakeDone() && tlsClient.resumed();
    }

    /** Over DTLS, and the handshake finished without failing. */
    private boolean dtlsHandshakeDone() {
        return tlsClient != null && pendingLink.isDone() && !pendingLink.isCompletedExceptionally();
    }

    /**
     * One step on the calling (render) thread: takes the finished handshake, receives, delivers
     * queued events to the listener, and sends what is due. Returns false once the connection is
     * over (after {@link NetListener#disconnected} was delivered) or the client is closed.
     *
     * @throws IllegalStateException when called from another thread than the first caller's
     */
    public boolean poll(long nowNanos) {
        if (!receive(nowNanos)) {
            return false;
        }
        flush(nowNanos);
        return !finished;
    }

    /**
     * The receiving half of {@link #poll}: takes the finished handshake, reads what arrived and
     * delivers the listener's events, but writes nothing; queue this frame's messages, then call
     * {@link #flush} once, so acks and messages leave together in one datagram. Returns false once
     * the connection is over or the client is closed.
     *
     * @throws IllegalStateException when called from another thread than the first caller's
     */
    public boolean receive(long nowNanos) {
        host.enter();
        if (closed || finished) {
            host.events.dispatch(listener);
            return false;
        }
        if (server == null && pendingLink.isDone()) {
            takeLink(nowNanos);
        }
        if (server != null) {
            server.receive(nowNanos);
        }
        host.events.dispatch(listener);
        return true;
    }

    /**
     * Writes every packet that is due now (acks, resends, queued messages) and ends a finished
     * connection; the sending half of {@link #poll}. Owner thread; nothing to do before the
     * handshake or once closed.
     */
    public void flush(long nowNanos) {
        host.checkOwner("NetClient.flush");
        if (closed || finished || server == null) {
            return;
        }
        server.flush(nowNanos);
        if (server.isFinished()) {
            finished = true;
            server.closeLink();
        }
        host.events.dispatch(listener);
    }

    /**
     * Sends {@code message} to the server on {@code channel}; see {@link NetPeer#send}. Returns
     * {@link SendStatus#NOT_CONNECTED} before the connection is established.
     */
    public SendStatus send(Object message, int channel) {
        host.checkOwner("NetClient.send");
        if (server == null) {
            return SendStatus.NOT_CONNECTED;
        }
        return server.send(message, channel);
    }

    /**
     * Sends {@code len} bytes at {@code buf[off]} to the server on {@code channel} as one message,
     * without the registry; see {@link NetPeer#sendBytes}. Returns {@link SendStatus#NOT_CONNECTED}
     * before the connection is established.
     */
    public SendStatus sendBytes(byte[] buf, int off, int len, int channel) {
        host.checkOwner("NetClient.sendBytes");
        if (server == null) {
            return SendStatus.NOT_CONNECTED;
        }
        return server.sendBytes(buf, off, len, channel);
    }

    /**
     * Routes every message arriving on {@code channel} to {@code handler} as bytes instead of decoding
     * it with the registry (null restores decoding); see {@link RawMessageHandler} for when it runs.
     * Call before the first {@link #poll}, or on the polling thread.
     *
     * @throws IllegalArgumentException when the channel does not exist in the connection config
     */
    public void setRawHandler(int channel, RawMessageHandler handler) {
        host.checkOwner("NetClient.setRawHandler");
        host.setRawHandler(channel, config.connection().channelCount(), handler);
    }

    /** The server as a peer, or null while the DTLS handshake runs. */
    public NetPeer server() {
        return server;
    }

    /** Whether the connect exchange is done and messages flow. */
    public boolean isConnected() {
        return server != null && server.isConnected();
    }

    /** The connection's live statistics, or null while the DTLS handshake runs. */
    public ConnectionStats stats() {
        return server == null ? null : server.stats();
    }

    /** The configuration this client runs with. */
    public ClientConfig config() {
        return config;
    }

    /** The fingerprint of the certificate the server presented, or null (in memory, or before the handshake). */
    public Fingerprint serverFingerprint() {
        return tlsClient == null ? null : tlsClient.serverFingerprint();
    }

    /** Starts a graceful disconnect with {@link DisconnectReason#CLOSED_BY_APPLICATION}; keep polling to send it. */
    public void disconnect() {
        host.checkOwner("NetClient.disconnect");
        if (server != null) {
            server.disconnect(DisconnectReason.CLOSED_BY_APPLICATION);
        }
    }

    /**
     * Changes the simulated conditions of what this client sends; safe from any thread.
     *
     * @throws IllegalStateException when the simulator was not turned on in {@link ClientConfig.Builder#simulate}
     */
    public void setSimulatedConditions(NetworkConditions conditions) {
        Objects.requireNonNull(conditions, "conditions");
        if (simulatedConditions == null) {
            throw new IllegalStateException("the client's simulator is off: turn it on with"
                    + " ClientConfig.Builder.simulate(conditions, seed)");
        }
        simulatedConditions = conditions;
        SimulatedLink s = simulatedLink;
        if (s != null) {
            s.outgoing().setConditions(conditions);
        }
    }

    /**
     * Disconnects with {@link DisconnectReason#CLOSED_BY_APPLICATION} and keeps sending (pausing ~1 ms
     * between steps) until its redundant DISCONNECT packets are out or
     * {@link ClientConfig#closeLingerMillis()} has passed on the config's clock, delivers the
     * resulting events to the listener on this thread, then releases the socket and handshake
     * thread. A clock that does not move between steps (a manual test clock) ends the wait at once.
     * Call on the polling thread. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        host.checkOwner("NetClient.close");
        closed = true;
        if (server != null && !finished) {
            long now = config.clock().nanoTime();
            long deadline = now + config.closeLingerMillis() * 1_000_000L;
            server.disconnect(DisconnectReason.CLOSED_BY_APPLICATION, "client closed");
            long previous = Long.MIN_VALUE;
            while (now != previous) {
                previous = now;
                server.receive(now);
                server.flush(now);
                if (server.isFinished() || now - deadline >= 0) {
                    break;
                }
                LockSupport.parkNanos(CLOSE_STEP_NANOS);
                now = config.clock().nanoTime();
            }
            finished = true;
            server.closeLink();
            host.events.dispatch(listener);
        } else if (server == null) {
            // A handshake still running may yet produce a link: close it whenever it arrives.
            pendingLink.thenAccept(DatagramLink::close);
        }
        if (connector != null) {
            connector.close();
        }
    }

    private void takeLink(long nowNanos) {
        DatagramLink link;
        try {
            link = pendingLink.get();
        } catch (ExecutionException | CompletionException e) {
            handshakeFailed(e.getCause() != null ? e.getCause() : e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (java.util.concurrent.CancellationException e) {
            handshakeFailed(e);
            return;
        }
        if (connector != null) {
            connector.close();
        }
        int packet = config.connection().maxPacketSize();
        if (link.maxPayloadSize() < packet) {
            finished = true;
            link.close();
            String detail = "link to the server carries at most " + link.maxPayloadSize()
                    + " bytes but ConnectionConfig.maxPacketSize is " + packet + "; lower maxPacketSize";
            host.events.error(null, detail, null);
            host.events.disconnected(null, DisconnectReason.CONFIG_MISMATCH, detail);
            return;
        }
        NetworkConditions sim = simulatedConditions;
        if (sim != null) {
            int size = link.maxPayloadSize();
            SimulatedLink s = new SimulatedLink(link, config.clock(),
                    new NetworkSimulator(sim, config.simulatorSeed(), SIMULATOR_CAPACITY, size),
                    new NetworkSimulator(NetworkConditions.PERFECT, ~config.simulatorSeed(), SIMULATOR_CAPACITY, size));
            simulatedLink = s;
            link = s;
        }
        InetSocketAddress remote = config.serverAddress() != null ? config.serverAddress()
                : InetSocketAddress.createUnresolved("in-memory-server", 0);
        server = new NetPeer(0, remote, link, host, config.connection(), ConnectionRole.CLIENT,
                config.applicationHash(), nowNanos);
        server.connection().setCredential(credentialKind, credential);
    }

    private void handshakeFailed(Throwable cause) {
        finished = true;
        TrustFailure trust = tlsClient == null ? null : tlsClient.trustFailure().orElse(null);
        DisconnectReason reason;
        String detail;
        String with = "DTLS handshake with " + config.serverAddress();
        // Classified by exception type, never by message text.
        if (trust != null) {
            reason = DisconnectReason.AUTHENTICATION_FAILED;
            detail = "server certificate refused: " + trust;
        } else if (cause instanceof TlsTimeoutException) {
            reason = DisconnectReason.HANDSHAKE_TIMEOUT;
            detail = with + " did not finish within handshakeTimeoutMillis " + config.dtls().handshakeTimeoutMillis()
                    + ": " + cause.getMessage();
        } else if (cause instanceof TlsFatalAlertReceived r) {
            reason = DisconnectReason.DTLS_ALERT;
            detail = with + " failed: the server sent fatal alert " + AlertDescription.getText(r.getAlertDescription());
        } else if (cause instanceof TlsFatalAlert a) {
            reason = DisconnectReason.DTLS_ALERT;
            detail = with + " failed: this client aborted with fatal alert "
                    + AlertDescription.getText(a.getAlertDescription()) + ": " + a.getMessage();
        } else if (cause instanceof java.io.IOException) {
            reason = DisconnectReason.TRANSPORT_FAILED;
            detail = with + " failed: " + cause;
        } else {
            reason = DisconnectReason.UNKNOWN;
            detail = with + " failed: " + cause;
        }
        host.events.error(null, detail, cause);
        host.events.disconnected(null, reason, detail);
    }
}
