package io.tickwire.net.transport;

import io.tickwire.net.dtls.DtlsRecords;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP relay for one client on loopback that can flip a byte in, or duplicate and later replay,
 * the next application records going either way, or hold a tampered record to the server and send it in
 * one datagram together with the application record after it (test-only man in the middle).
 */
final class MutatingRelay implements AutoCloseable {

    final DatagramChannel front;
    final DatagramChannel back;
    final InetSocketAddress server;
    volatile InetSocketAddress client;
    final AtomicInteger tamperToServer = new AtomicInteger();
    final AtomicInteger duplicateToServer = new AtomicInteger();
    final AtomicInteger tamperToClient = new AtomicInteger();
    /** Application records to the server to tamper with and coalesce with the record after each. */
    final AtomicInteger coalesceToServer = new AtomicInteger();
    /** Datagrams sent to the server holding a tampered record and the next one. */
    volatile int coalesced;
    volatile byte[] stored;
    private final Thread up;
    private final Thread down;

    MutatingRelay(InetSocketAddress server) throws IOException {
        this.server = server;
        this.front = DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0));
        this.back = DatagramChannel.open().bind(new InetSocketAddress(EndpointHarness.LOOPBACK, 0));
        this.up = new Thread(this::upLoop, "relay-up");
        this.down = new Thread(this::downLoop, "relay-down");
        up.setDaemon(true);
        down.setDaemon(true);
        up.start();
        down.start();
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) front.getLocalAddress();
    }

    private static boolean isApplicationRecord(ByteBuffer b) {
        int ct = b.get(0) & 0xFF;
        return ct == DtlsRecords.TLS12_CID || ct == DtlsRecords.APPLICATION_DATA;
    }

    private static boolean take(AtomicInteger counter) {
        return counter.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0;
    }

    private void upLoop() {
        ByteBuffer b = ByteBuffer.allocate(65_536);
        ByteBuffer held = ByteBuffer.allocate(65_536);
        boolean holding = false;
        try {
            while (true) {
                b.clear();
                client = (InetSocketAddress) front.receive(b);
                b.flip();
                if (isApplicationRecord(b) && !holding && take(coalesceToServer)) {
                    held.clear();
                    held.put(b).flip();
                    tamperTag(held);
                    holding = true;
                    continue;
                }
                if (isApplicationRecord(b) && holding) {
                    ByteBuffer both = ByteBuffer.allocate(held.remaining() + b.remaining());
                    both.put(held).put(b).flip();
                    holding = false;
                    coalesced++;
                    back.send(both, server);
                    continue;
                }
                if (isApplicationRecord(b) && take(tamperToServer)) {
                    tamperTag(b);
                }
                if (isApplicationRecord(b) && take(duplicateToServer)) {
                    byte[] copy = new byte[b.remaining()];
                    b.duplicate().get(copy);
                    stored = copy;
                    back.send(b.duplicate(), server);
                }
                back.send(b, server);
            }
        } catch (IOException closed) {
            // relay closed
        }
    }

    private static void tamperTag(ByteBuffer record) {
        int last = record.limit() - 1;
        record.put(last, (byte) (record.get(last) ^ 0x40)); // inside the AEAD tag
    }

    private void downLoop() {
        ByteBuffer b = ByteBuffer.allocate(65_536);
        try {
            while (true) {
                b.clear();
                back.receive(b);
                b.flip();
                if (isApplicationRecord(b) && take(tamperToClient)) {
                    int mid = DtlsRecords.HEADER_LENGTH + DtlsRecords.CONNECTION_ID_LENGTH + 2;
                    b.put(mid, (byte) (b.get(mid) ^ 0x01)); // inside the ciphertext
                }
                InetSocketAddress c = client;
                if (c != null) {
                    front.send(b, c);
                }
            }
        } catch (IOException closed) {
            // relay closed
        }
    }

    /** Sends the stored copy of the last duplicated record to the server again, much later. */
    void replayStored() throws IOException {
        back.send(ByteBuffer.wrap(stored), server);
    }

    @Override
    public void close() throws IOException {
        front.close();
        back.close();
    }
}
