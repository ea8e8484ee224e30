package io.tickwire.net.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HandshakeGuardTest {

    private static final HandshakeGuard GUARD = new HandshakeGuard(HandshakeGuardConfig.DEFAULTS);
    private static final int MAX = HandshakeGuardConfig.DEFAULT_MAX_MESSAGE_LENGTH;

    /** Datagrams of one real handshake with a two-certificate chain, captured on the wire. */
    private static List<byte[]> clientFlights;
    private static List<byte[]> serverFlights;

    @BeforeAll
    static void captureRealHandshake() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        TestPki pki = new TestPki("guard test CA", now.minusSeconds(3600), now.plusSeconds(86_400));
        java.security.KeyPair keys = TestPki.p256();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("guard");
        java.nio.file.Path cert = dir.resolve("c.pem");
        java.nio.file.Path key = dir.resolve("k.pem");
        TestPki.writePem(cert, pki.issue(keys, "127.0.0.1", now.minusSeconds(3600), now.plusSeconds(86_400)), pki.caCert);
        TestPki.writePem(key, keys.getPrivate());
        ServerIdentity id = ServerIdentity.fromPem(cert, key);
        try (DtlsPair p = new DtlsPair()) {
            DtlsConfig cfg = new DtlsConfig(10_000, 500);
            p.handshake(new TickwireTlsServer(DtlsPair.bcCrypto(), id, cfg, 7, "guard test"),
                    new TickwireTlsClient(DtlsPair.bcCrypto(), ServerTrust.caChain(List.of(pki.caCert)), "127.0.0.1",
                            p.serverPort(), cfg));
            assertNull(p.clientError);
            assertNull(p.serverError);
            clientFlights = new ArrayList<>(p.clientSent);
            serverFlights = new ArrayList<>(p.serverSent);
        }
    }

    @Test
    void realHandshakeDatagramsPassStatelessAndStatefulChecksAndFitTheDefaultLimit() {
        HandshakeGuardState serverSideState = GUARD.newState();
        for (byte[] d : clientFlights) {
            assertEquals(GuardVerdict.PASS, GUARD.check(d, 0, d.length));
            assertEquals(GuardVerdict.PASS, GUARD.check(d, 0, d.length, serverSideState));
        }
        HandshakeGuardState clientSideState = GUARD.newState();
        for (byte[] d : serverFlights) {
            assertEquals(GuardVerdict.PASS, GUARD.check(d, 0, d.length, clientSideState));
        }
        int largestFromClient = largestMessage(clientFlights);
        int largestFromServer = largestMessage(serverFlights);
        // Measured figures, printed for the record (ClientHello with cookie; Certificate with a 2-cert chain).
        System.out.println("largest handshake message: client " + largestFromClient + " B, server " + largestFromServer + " B");
        assertTrue(largestFromServer * 2 < MAX, "default limit must leave room: " + largestFromServer);
        assertTrue(largestFromClient > 100);
        assertTrue(DtlsRecords.isClientHello(clientFlights.get(0), 0, clientFlights.get(0).length));
        assertTrue(DtlsRecords.isClientHello(clientFlights.get(1), 0, clientFlights.get(1).length));
        byte[] last = clientFlights.get(clientFlights.size() - 1);
        assertTrue(!DtlsRecords.isClientHello(last, 0, last.length));
        assertTrue(!DtlsRecords.isClientHello(clientFlights.get(0), 0, 20));
        assertTrue(serverSideState.fragments() >= 3, "ClientHello, ClientHello with cookie, ClientKeyExchange");
    }

    @Test
    void hugeDeclaredMessageLengthIsRejectedBeforeAllocation() {
        byte[] d = record(0, 22, fragment(1, 0xFFFFFF, 0, 0, 200));
        assertEquals(GuardVerdict.MESSAGE_TOO_LONG, GUARD.check(d, 0, d.length));
        byte[] justOver = record(0, 22, fragment(1, MAX + 1, 0, 0, 200));
        assertEquals(GuardVerdict.MESSAGE_TOO_LONG, GUARD.check(justOver, 0, justOver.length));
        byte[] atLimit = record(0, 22, fragment(1, MAX, 0, MAX - 300, 300));
        assertEquals(GuardVerdict.PASS, GUARD.check(atLimit, 0, atLimit.length));
    }

    @Test
    void tinyInteriorFragmentsAreRejectedButAShortFinalFragmentPasses() {
        byte[] interior = record(0, 22, fragment(1, 2000, 0, 500, 1));
        assertEquals(GuardVerdict.FRAGMENT_TOO_SMALL, GUARD.check(interior, 0, interior.length));
        // A datagram packed with many 1-byte pieces: the first one already fails.
        ByteArrayOutputStream flood = new ByteArrayOutputStream();
        for (int i = 0; i < 100; i++) {
            flood.writeBytes(fragment(1, 2000, 0, i * 2, 1));
        }
        byte[] d = record(0, 22, flood.toByteArray());
        assertEquals(GuardVerdict.FRAGMENT_TOO_SMALL, GUARD.check(d, 0, d.length));
        byte[] lastPiece = record(0, 22, fragment(1, 2000, 0, 1999, 1));
        assertEquals(GuardVerdict.PASS, GUARD.check(lastPiece, 0, lastPiece.length));
    }

    @Test
    void fragmentFloodOfLegalPiecesIsStoppedByPerHandshakeCounters() {
        HandshakeGuardState state = GUARD.newState();
        byte[] piece = record(0, 22, fragment(16, 2000, 2, 0, 300));
        for (int i = 0; i < HandshakeGuardConfig.DEFAULT_MAX_FRAGMENTS_PER_MESSAGE; i++) {
            assertEquals(GuardVerdict.PASS, GUARD.check(piece, 0, piece.length, state));
        }
        assertEquals(GuardVerdict.TOO_MANY_FRAGMENTS, GUARD.check(piece, 0, piece.length, state));
        // Spread over message_seq values, the per-handshake total stops it.
        HandshakeGuardState spread = GUARD.newState();
        int passed = 0;
        GuardVerdict v = GuardVerdict.PASS;
        for (int i = 0; i < 1000 && v == GuardVerdict.PASS; i++) {
            byte[] d = record(0, 22, fragment(16, 2000, i % 16, 0, 300));
            v = GUARD.check(d, 0, d.length, spread);
            if (v == GuardVerdict.PASS) {
                passed++;
            }
        }
        assertEquals(GuardVerdict.TOO_MANY_FRAGMENTS, v);
        assertEquals(HandshakeGuardConfig.DEFAULT_MAX_FRAGMENTS_PER_HANDSHAKE, passed);
        assertEquals(passed, spread.fragments());
        spread.reset();
        assertEquals(0, spread.fragments());
    }

    @Test
    void messageSeqBeyondLimitAndChangingLengthsAreRejected() {
        byte[] far = record(0, 22, fragment(1, 100, HandshakeGuardConfig.DEFAULT_MAX_MESSAGE_SEQ, 0, 100));
        assertEquals(GuardVerdict.MESSAGE_SEQ_TOO_HIGH, GUARD.check(far, 0, far.length));
        HandshakeGuardState state = GUARD.newState();
        byte[] a = record(0, 22, fragment(16, 1000, 3, 0, 300));
        byte[] b = record(0, 22, fragment(16, 1200, 3, 300, 300));
        assertEquals(GuardVerdict.PASS, GUARD.check(a, 0, a.length, state));
        assertEquals(GuardVerdict.INCONSISTENT_LENGTH, GUARD.check(b, 0, b.length, state));
    }

    @Test
    void truncatedHeadersAndOverrunningRecordsAreMalformed() {
        byte[] ok = record(0, 22, fragment(1, 100, 0, 0, 100));
        for (int cut = 0; cut < DtlsRecords.HEADER_LENGTH; cut++) {
            assertEquals(GuardVerdict.TRUNCATED_HEADER, GUARD.check(ok, 0, cut), "cut at " + cut);
        }
        for (int cut = DtlsRecords.HEADER_LENGTH; cut < ok.length; cut++) {
            assertEquals(GuardVerdict.RECORD_OVERRUN, GUARD.check(ok, 0, cut), "cut at " + cut);
        }
        byte[] shortFragmentHeader = record(0, 22, new byte[] {1, 0, 0, 100, 0});
        assertEquals(GuardVerdict.TRUNCATED_HEADER, GUARD.check(shortFragmentHeader, 0, shortFragmentHeader.length));
        byte[] emptyHandshake = record(0, 22, new byte[0]);
        assertEquals(GuardVerdict.TRUNCATED_HEADER, GUARD.check(emptyHandshake, 0, emptyHandshake.length));
        // Fragment length claims more bytes than the record holds.
        byte[] f = fragment(1, 100, 0, 0, 100);
        byte[] overrun = record(0, 22, java.util.Arrays.copyOf(f, 50));
        assertEquals(GuardVerdict.FRAGMENT_OVERRUN, GUARD.check(overrun, 0, overrun.length));
        // Fragment beyond its message's own length.
        byte[] beyond = record(0, 22, fragment(1, 100, 0, 50, 60));
        assertEquals(GuardVerdict.FRAGMENT_OVERRUN, GUARD.check(beyond, 0, beyond.length));
        // A good record followed by garbage shorter than a header.
        byte[] trailing = java.util.Arrays.copyOf(ok, ok.length + 5);
        assertEquals(GuardVerdict.TRUNCATED_HEADER, GUARD.check(trailing, 0, trailing.length));
        // Offsets inside a larger buffer are honoured.
        byte[] padded = new byte[ok.length + 20];
        System.arraycopy(ok, 0, padded, 7, ok.length);
        assertEquals(GuardVerdict.PASS, GUARD.check(padded, 7, ok.length));
        assertThrows(IndexOutOfBoundsException.class, () -> GUARD.check(ok, 5, ok.length));
    }

    @Test
    void versionsContentTypesAndMessageTypesAreChecked() {
        byte[] tls = record(0, 22, fragment(1, 100, 0, 0, 100));
        tls[1] = 3;
        tls[2] = 3;
        assertEquals(GuardVerdict.BAD_VERSION, GUARD.check(tls, 0, tls.length));
        byte[] appDataEpoch0 = record(0, 23, new byte[40]);
        assertEquals(GuardVerdict.UNEXPECTED_CONTENT_TYPE, GUARD.check(appDataEpoch0, 0, appDataEpoch0.length));
        byte[] unknownType = record(0, 99, new byte[4]);
        assertEquals(GuardVerdict.UNEXPECTED_CONTENT_TYPE, GUARD.check(unknownType, 0, unknownType.length));
        byte[] cidEpoch0 = cidRecord(0, 0x01020304, new byte[30]);
        assertEquals(GuardVerdict.UNEXPECTED_CONTENT_TYPE, GUARD.check(cidEpoch0, 0, cidEpoch0.length));
        byte[] finishedInClear = record(0, 22, fragment(20, 12, 3, 0, 12));
        assertEquals(GuardVerdict.UNEXPECTED_MESSAGE_TYPE, GUARD.check(finishedInClear, 0, finishedInClear.length));
        byte[] ccsAlert = concat(record(0, 20, new byte[] {1}), record(0, 21, new byte[] {2, 40}));
        assertEquals(GuardVerdict.PASS, GUARD.check(ccsAlert, 0, ccsAlert.length));
        byte[] cidEpoch1 = cidRecord(1, 0x01020304, new byte[1200]);
        assertEquals(GuardVerdict.PASS, GUARD.check(cidEpoch1, 0, cidEpoch1.length));
        assertEquals(0x01020304L, DtlsRecords.connectionId(cidEpoch1, 0, cidEpoch1.length));
        assertEquals(DtlsRecords.NO_CONNECTION_ID, DtlsRecords.connectionId(cidEpoch1, 0, cidEpoch1.length - 1));
        assertEquals(DtlsRecords.NO_CONNECTION_ID, DtlsRecords.connectionId(tls, 0, tls.length));
    }

    @Test
    void encryptedHandshakeRecordsAreBoundedInLengthAndCount() {
        byte[] finished = record(1, 22, new byte[48]);
        byte[] big = record(1, 22, new byte[HandshakeGuardConfig.DEFAULT_MAX_ENCRYPTED_HANDSHAKE_RECORD_LENGTH + 1]);
        assertEquals(GuardVerdict.PASS, GUARD.check(finished, 0, finished.length));
        assertEquals(GuardVerdict.ENCRYPTED_HANDSHAKE_RECORD_TOO_LONG, GUARD.check(big, 0, big.length));
        HandshakeGuardState state = GUARD.newState();
        for (int i = 0; i < HandshakeGuardConfig.DEFAULT_MAX_ENCRYPTED_HANDSHAKE_RECORDS; i++) {
            assertEquals(GuardVerdict.PASS, GUARD.check(finished, 0, finished.length, state));
        }
        assertEquals(GuardVerdict.TOO_MANY_ENCRYPTED_HANDSHAKE_RECORDS, GUARD.check(finished, 0, finished.length, state));
    }

    @Test
    void configRejectsNonsenseLimitsNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HandshakeGuardConfig(100, 10, 4, 8, 16, 64, 4));
        assertTrue(e.getMessage().contains("maxMessageLength") && e.getMessage().contains("100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HandshakeGuardConfig(4096, 256, 32, 16, 16, 128, 8));
    }

    @Test
    void checkingAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        HandshakeGuardState state = GUARD.newState();
        byte[] hello = clientFlights.get(1);
        byte[] bad = record(0, 22, fragment(1, 0xFFFFFF, 0, 0, 200));
        long sink = 0;
        for (int i = 0; i < 20_000; i++) { // warm up so the JIT has compiled the path
            sink += GUARD.check(hello, 0, hello.length).ordinal() + GUARD.check(bad, 0, bad.length).ordinal();
            state.reset();
            sink += GUARD.check(hello, 0, hello.length, state).ordinal();
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            sink += GUARD.check(hello, 0, hello.length).ordinal() + GUARD.check(bad, 0, bad.length).ordinal();
            state.reset();
            sink += GUARD.check(hello, 0, hello.length, state).ordinal();
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 1024, "300k checks allocated " + allocated + " bytes");
        assertEquals(100_000L * GuardVerdict.MESSAGE_TOO_LONG.ordinal() + 20_000L * GuardVerdict.MESSAGE_TOO_LONG.ordinal(), sink);
    }

    private static int largestMessage(List<byte[]> datagrams) {
        int largest = 0;
        for (byte[] d : datagrams) {
            int p = 0;
            while (p + DtlsRecords.HEADER_LENGTH <= d.length) {
                int type = d[p] & 0xFF;
                int epoch = DtlsRecords.readUint16(d, p + 3);
                int hl = type == DtlsRecords.TLS12_CID ? DtlsRecords.HEADER_LENGTH + 4 : DtlsRecords.HEADER_LENGTH;
                int len = DtlsRecords.readUint16(d, p + hl - 2);
                if (type == DtlsRecords.HANDSHAKE && epoch == 0) {
                    int q = p + hl;
                    while (q < p + hl + len) {
                        largest = Math.max(largest, DtlsRecords.readUint24(d, q + 1));
                        q += DtlsRecords.HANDSHAKE_HEADER_LENGTH + DtlsRecords.readUint24(d, q + 9);
                    }
                }
                p += hl + len;
            }
        }
        return largest;
    }

    static byte[] fragment(int msgType, int length, int seq, int fragOffset, int fragLength) {
        byte[] f = new byte[DtlsRecords.HANDSHAKE_HEADER_LENGTH + fragLength];
        f[0] = (byte) msgType;
        u24(f, 1, length);
        f[4] = (byte) (seq >>> 8);
        f[5] = (byte) seq;
        u24(f, 6, fragOffset);
        u24(f, 9, fragLength);
        return f;
    }

    static byte[] record(int epoch, int type, byte[] body) {
        byte[] r = new byte[DtlsRecords.HEADER_LENGTH + body.length];
        r[0] = (byte) type;
        r[1] = (byte) 0xFE;
        r[2] = (byte) 0xFD;
        r[3] = (byte) (epoch >>> 8);
        r[4] = (byte) epoch;
        r[10] = 1;
        r[11] = (byte) (body.length >>> 8);
        r[12] = (byte) body.length;
        System.arraycopy(body, 0, r, DtlsRecords.HEADER_LENGTH, body.length);
        return r;
    }

    static byte[] cidRecord(int epoch, int cid, byte[] body) {
        byte[] r = new byte[DtlsRecords.HEADER_LENGTH + 4 + body.length];
        r[0] = (byte) DtlsRecords.TLS12_CID;
        r[1] = (byte) 0xFE;
        r[2] = (byte) 0xFD;
        r[3] = (byte) (epoch >>> 8);
        r[4] = (byte) epoch;
        r[11] = (byte) (cid >>> 24);
        r[12] = (byte) (cid >>> 16);
        r[13] = (byte) (cid >>> 8);
        r[14] = (byte) cid;
        r[15] = (byte) (body.length >>> 8);
        r[16] = (byte) body.length;
        System.arraycopy(body, 0, r, 17, body.length);
        return r;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static void u24(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 16);
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) v;
    }
}
