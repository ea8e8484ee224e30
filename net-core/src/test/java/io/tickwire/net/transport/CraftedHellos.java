package io.tickwire.net.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.function.Function;
import org.bouncycastle.tls.TlsClient;

/**
 * Real ClientHello datagrams for tests and flood rigs that speak to a server from raw sockets: the product
 * client's first ClientHello, caught by a plain socket posing as the server, and that ClientHello with a
 * HelloVerifyRequest's cookie echoed, as the client's second one (DTLS 1.2 record and handshake offsets).
 */
public final class CraftedHellos {

    private CraftedHellos() {
    }

    /** The first ClientHello datagram of the client {@code clientFor} makes for the posing socket's address. */
    public static byte[] recordFirst(Function<InetSocketAddress, TlsClient> clientFor) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramChannel fake = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
                DtlsClientConnector once = new DtlsClientConnector(1472, 2_000)) {
            InetSocketAddress fakeAddr = (InetSocketAddress) fake.getLocalAddress();
            once.connect(fakeAddr, new InetSocketAddress(loopback, 0), clientFor.apply(fakeAddr));
            ByteBuffer b = ByteBuffer.allocate(2048);
            fake.receive(b);
            b.flip();
            byte[] hello = new byte[b.remaining()];
            b.get(hello);
            return hello;
        }
    }

    /**
     * {@code hello} (a cookieless first ClientHello record) with the cookie of {@code helloVerifyRequest} (a
     * HelloVerifyRequest record) inserted, lengths fixed, message_seq 1 and record sequence 1.
     */
    public static byte[] echoCookie(byte[] hello, byte[] helloVerifyRequest) {
        int cookieLen = helloVerifyRequest[13 + 12 + 2] & 0xFF;
        int sidLen = hello[13 + 12 + 34] & 0xFF;
        int cookieLenAt = 13 + 12 + 35 + sidLen;
        byte[] out = new byte[hello.length + cookieLen];
        System.arraycopy(hello, 0, out, 0, cookieLenAt);
        out[cookieLenAt] = (byte) cookieLen;
        System.arraycopy(helloVerifyRequest, 13 + 12 + 3, out, cookieLenAt + 1, cookieLen);
        System.arraycopy(hello, cookieLenAt + 1, out, cookieLenAt + 1 + cookieLen, hello.length - cookieLenAt - 1);
        int body = out.length - 25;
        put16(out, 11, out.length - 13);
        put24(out, 14, body);
        put16(out, 17, 1); // message_seq 1, as a real client's second ClientHello
        put24(out, 22, body);
        out[10] = 1; // record sequence 1
        return out;
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static void put24(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 16);
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) v;
    }
}
