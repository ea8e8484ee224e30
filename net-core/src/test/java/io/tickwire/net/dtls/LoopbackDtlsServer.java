package io.tickwire.net.dtls;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.tls.DTLSRequest;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DTLSVerifier;
import org.bouncycastle.tls.DatagramSender;
import org.bouncycastle.tls.UDPTransport;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * Test support: a one-client DTLS server on a loopback socket, as a real server runs it before
 * the endpoint exists: stateless {@link DTLSVerifier} cookie exchange, then
 * {@link DTLSServerProtocol#accept} with the verified request, then it reads one application
 * message. Runs on its own thread; every wait is bounded.
 */
final class LoopbackDtlsServer implements AutoCloseable {

    static final int MTU = 1500;

    private final DatagramSocket socket;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<String> result;
    /** HelloVerifyRequests the verifier sent (datagrams whose first handshake message is type 3). */
    final AtomicInteger helloVerifyRequests = new AtomicInteger();
    volatile TickwireTlsServer server;

    LoopbackDtlsServer(TlsCrypto crypto, ServerIdentity identity, DtlsConfig config, int timeoutMillis)
            throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(timeoutMillis);
        result = thread.submit(() -> serve(crypto, identity, config));
    }

    int port() {
        return socket.getLocalPort();
    }

    /**
     * Waits for the server to finish: returns the first application message it received as
     * text, or throws what the handshake threw (a {@code TlsFatalAlert} for a refused client).
     */
    String await(long seconds) throws Exception {
        try {
            return result.get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private String serve(TlsCrypto crypto, ServerIdentity identity, DtlsConfig config) throws IOException {
        DTLSVerifier verifier = new DTLSVerifier(crypto);
        byte[] buf = new byte[MTU];
        DTLSRequest request = null;
        SocketAddress peer = null;
        while (request == null) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p); // bounded by SO_TIMEOUT
            peer = p.getSocketAddress();
            SocketAddress to = peer;
            DatagramSender reply = new DatagramSender() {
                @Override
                public int getSendLimit() {
                    return MTU - 28;
                }

                @Override
                public void send(byte[] b, int off, int len) throws IOException {
                    if (len > 25 && b[off] == 22 && b[off + 13] == 3) {
                        helloVerifyRequests.incrementAndGet();
                    }
                    socket.send(new DatagramPacket(b, off, len, to));
                }
            };
            byte[] clientId = peer.toString().getBytes(StandardCharsets.US_ASCII);
            request = verifier.verifyRequest(clientId, buf, 0, p.getLength(), reply);
        }
        socket.connect(peer);
        TickwireTlsServer s = new TickwireTlsServer(crypto, identity, config, 0x0A0B0C0D, peer.toString());
        server = s;
        DTLSTransport t = new DTLSServerProtocol().accept(s, new UDPTransport(socket, MTU), request);
        try {
            int n = t.receive(buf, 0, buf.length, socket.getSoTimeout());
            if (n < 0) {
                throw new SocketTimeoutException("no application data after the handshake");
            }
            return new String(buf, 0, n, StandardCharsets.UTF_8);
        } finally {
            t.close();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        socket.close();
    }
}
