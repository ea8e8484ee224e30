package io.tickwire.net.transport;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.tickwire.net.dtls.TickwireTlsClient;

import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsClient;

/**
 * Runs client DTLS handshakes on one background thread (Bouncy Castle's connect blocks) and completes
 * a future with a non-blocking {@link DtlsClientLink} that the caller's thread then owns.
 *
 * <p>Concurrency: handshakes started through one connector run one after another, each for up to
 * its {@code handshakeTimeoutMillis}. That is no limit for {@link io.tickwire.net.NetClient}: each
 * client makes its own connector, starts exactly one handshake and closes the connector once the link
 * is taken, so clients in one process (the demo, load tests) handshake in parallel. Code that opens
 * many links through one connector (the endpoint tests) gets them serially; use one connector per
 * concurrent handshake if that matters.
 */
public final class DtlsClientConnector implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DtlsClientConnector.class.getName());

    private final int maxDatagramSize;
    private final int handshakeTimeoutMillis;
    private final ExecutorService executor;

    /**
     * A connector whose sockets carry datagrams up to {@code maxDatagramSize} bytes and whose
     * handshakes fail after {@code handshakeTimeoutMillis} in total.
     */
    public DtlsClientConnector(int maxDatagramSize, int handshakeTimeoutMillis) {
        if (maxDatagramSize < 256 || maxDatagramSize > 65_507) {
            throw new IllegalArgumentException("maxDatagramSize must be in [256, 65507], was " + maxDatagramSize);
        }
        if (handshakeTimeoutMillis < 1) {
            throw new IllegalArgumentException("handshakeTimeoutMillis must be positive, was " + handshakeTimeoutMillis);
        }
        this.maxDatagramSize = maxDatagramSize;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tickwire-dtls-connect");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a handshake from a socket bound to {@code localBind} (port 0 for any) to {@code server};
     * the future completes on the connector's thread with the link, or exceptionally with the reason.
     */
    public CompletableFuture<DtlsClientLink> connect(InetSocketAddress server, InetSocketAddress localBind,
            TlsClient client) {
        CompletableFuture<DtlsClientLink> result = new CompletableFuture<>();
        executor.execute(() -> {
            ClientFeed feed = null;
            try {
                long deadline = System.nanoTime() + handshakeTimeoutMillis * 1_000_000L;
                feed = new ClientFeed(server, localBind, maxDatagramSize, deadline);
                LOG.log(Level.DEBUG, "handshake with {0} started from {1}", server, feed.localAddress());
                DTLSTransport transport = new DTLSClientProtocol().connect(client, feed);
                feed.cipherSuiteNegotiated(client instanceof TickwireTlsClient t ? t.negotiatedCipherSuite() : -1);
                feed.handshakeDone();
                LOG.log(Level.DEBUG, "handshake with {0} finished", server);
                result.complete(new DtlsClientLink(feed, transport));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.INFO, "handshake with {0} failed: {1}", server, e.toString());
                if (feed != null) {
                    try {
                        feed.close();
                    } catch (IOException closeFailure) {
                        e.addSuppressed(closeFailure);
                    }
                }
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Stops the handshake thread; links already made live on. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
