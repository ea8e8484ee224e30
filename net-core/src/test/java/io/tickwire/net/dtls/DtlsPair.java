package io.tickwire.net.dtls;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSRequest;
import org.bouncycastle.tls.DTLSVerifier;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.TlsClient;
import org.bouncycastle.tls.TlsServer;
import org.bouncycastle.tls.UDPTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Test support: one real DTLS handshake over two connected loopback UDP sockets, the server on a
 * worker thread, the client on the caller's; every wait is bounded.
 */
final class DtlsPair implements AutoCloseable {

    static final int MTU = 1500;
    static final long BOUND_SECONDS = 30;

    final DatagramSocket serverSocket;
    final DatagramSocket clientSocket;
    /** Every datagram the client sent, in order (copies). */
    final List<byte[]> clientSent = new CopyOnWriteArrayList<>();
    /** Every datagram the server sent, in order (copies). */
    final List<byte[]> serverSent = new CopyOnWriteArrayList<>();
    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();

    DTLSTransport serverTransport;
    DTLSTransport clientTransport;
    Exception serverError;
    Exception clientError;

    DtlsPair() throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        serverSocket = new DatagramSocket(new InetSocketAddress(lo, 0));
        clientSocket = new DatagramSocket(new InetSocketAddress(lo, 0));
        serverSocket.connect(clientSocket.getLocalSocketAddress());
        clientSocket.connect(serverSocket.getLocalSocketAddress());
    }

    static BcTlsCrypto bcCrypto() {
        return new BcTlsCrypto(new SecureRandom());
    }

    int serverPort() {
        return serverSocket.getLocalPort();
    }

    /** Runs both sides; afterwards exactly one of transport/error is set per side. */
    DtlsPair handshake(TlsServer server, TlsClient client) throws Exception {
        DatagramTransport serverUdp = new RecordingTransport(new UDPTransport(serverSocket, MTU), serverSent);
        DatagramTransport clientUdp = new RecordingTransport(new UDPTransport(clientSocket, MTU), clientSent);
        Future<DTLSTransport> s = serverThread.submit(() -> new DTLSServerProtocol().accept(server, serverUdp,
                verifiedRequest(server, serverUdp)));
        try {
            clientTransport = new DTLSClientProtocol().connect(client, clientUdp);
        } catch (Exception e) {
            clientError = e;
        }
        try {
            serverTransport = s.get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            serverError = (Exception) e.getCause();
        }
        return this;
    }

    /**
     * The stateless cookie exchange, as a real server runs it: bctls 1.84's accept() without a
     * request never sends a HelloVerifyRequest itself (setVerifyRequests is not consulted).
     */
    static DTLSRequest verifiedRequest(TlsServer server, DatagramTransport udp) throws IOException {
        DTLSVerifier verifier = new DTLSVerifier(server.getCrypto());
        byte[] clientId = "loopback test client".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] buf = new byte[MTU];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (System.nanoTime() < deadline) {
            int n = udp.receive(buf, 0, buf.length, 1000);
            if (n > 0) {
                DTLSRequest request = verifier.verifyRequest(clientId, buf, 0, n, udp);
                if (request != null) {
                    return request;
                }
            }
        }
        throw new IOException("no verified ClientHello within " + BOUND_SECONDS + " s");
    }

    @Override
    public void close() {
        serverThread.shutdownNow();
        serverSocket.close();
        clientSocket.close();
    }

    /** Passes everything through and keeps a copy of each datagram sent. */
    static final class RecordingTransport implements DatagramTransport {
        private final DatagramTransport inner;
        private final List<byte[]> sent;

        RecordingTransport(DatagramTransport inner, List<byte[]> sent) {
            this.inner = inner;
            this.sent = sent;
        }

        @Override
        public int getReceiveLimit() throws IOException {
            return inner.getReceiveLimit();
        }

        @Override
        public int getSendLimit() throws IOException {
            return inner.getSendLimit();
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            return inner.receive(buf, off, len, waitMillis);
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            sent.add(java.util.Arrays.copyOfRange(buf, off, off + len));
            inner.send(buf, off, len);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
