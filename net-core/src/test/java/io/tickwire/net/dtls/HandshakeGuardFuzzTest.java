package io.tickwire.net.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the pre-authentication {@link HandshakeGuard}: a handshake's datagrams
 * checked one after another against one {@link HandshakeGuardState}. The guard's promise is checked
 * by an independent walk of every datagram it passes: records inside the datagram, and every epoch-0
 * handshake fragment within the configured message length, message_seq and fragment size limits.
 * Kept inputs: {@code HandshakeGuardFuzzTestInputs/}; fuzzing mode: net-core/README.md.
 */
class HandshakeGuardFuzzTest {

    private static final HandshakeGuard GUARD = new HandshakeGuard(HandshakeGuardConfig.DEFAULTS);

    @FuzzTest
    void check(FuzzedDataProvider data) {
        HandshakeGuardConfig config = GUARD.config();
        HandshakeGuardState state = GUARD.newState();
        int datagrams = 0;
        while (data.remainingBytes() > 0 && datagrams++ < 16) {
            int off = data.consumeInt(0, 3);
            byte[] datagram = data.consumeBytes(data.consumeInt(0, 1500));
            byte[] buf = new byte[off + datagram.length];
            System.arraycopy(datagram, 0, buf, off, datagram.length);
            GuardVerdict stateless = GUARD.check(buf, off, datagram.length);
            int fragmentsBefore = state.fragments();
            int encryptedBefore = state.encryptedHandshakeRecords();
            GuardVerdict verdict = GUARD.check(buf, off, datagram.length, state);
            assertNotNull(verdict);
            if (stateless != GuardVerdict.PASS) {
                assertEquals(stateless, verdict, "the stateful check starts with the stateless one");
                assertEquals(fragmentsBefore, state.fragments(), "a refused datagram is not counted");
                assertEquals(encryptedBefore, state.encryptedHandshakeRecords());
                continue;
            }
            assertTrue(walk(buf, off, datagram.length, config), "the guard passed a datagram that breaks a limit");
            assertTrue(state.fragments() <= config.maxFragmentsPerHandshake(), "fragments " + state.fragments());
            assertTrue(state.encryptedHandshakeRecords() <= config.maxEncryptedHandshakeRecords());
        }
        byte[] plain = data.consumeRemainingAsBytes();
        GuardVerdict finished = GUARD.checkEncryptedHandshake(plain, 0, plain.length);
        if (finished == GuardVerdict.PASS) {
            assertTrue(plain.length >= DtlsRecords.HANDSHAKE_HEADER_LENGTH && (plain[0] & 0xFF) == 20, "only Finished");
        }
    }

    // An independent walk of a datagram the guard passed: false if anything breaks a limit.
    private static boolean walk(byte[] b, int off, int len, HandshakeGuardConfig config) {
        int end = off + len;
        int p = off;
        while (p < end) {
            if (end - p < 13) {
                return false;
            }
            int type = b[p] & 0xFF;
            int epoch = u16(b, p + 3);
            int header = type == DtlsRecords.TLS12_CID ? 13 + DtlsRecords.CONNECTION_ID_LENGTH : 13;
            if (end - p < header) {
                return false;
            }
            int bodyLen = u16(b, p + header - 2);
            int body = p + header;
            if (body + bodyLen > end) {
                return false;
            }
            if (type == DtlsRecords.HANDSHAKE && epoch == 0) {
                int q = body;
                while (q < body + bodyLen) {
                    if (body + bodyLen - q < 12) {
                        return false;
                    }
                    int length = u24(b, q + 1);
                    int seq = u16(b, q + 4);
                    int fragOff = u24(b, q + 6);
                    int fragLen = u24(b, q + 9);
                    if (length > config.maxMessageLength() || seq >= config.maxMessageSeq()
                            || fragOff + fragLen > length || q + 12 + fragLen > body + bodyLen) {
                        return false;
                    }
                    if (fragOff + fragLen < length && fragLen < config.minNonFinalFragmentLength()) {
                        return false;
                    }
                    q += 12 + fragLen;
                }
            } else if (type == DtlsRecords.HANDSHAKE && bodyLen > config.maxEncryptedHandshakeRecordLength()) {
                return false;
            }
            p = body + bodyLen;
        }
        return len > 0;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }

    private static int u24(byte[] b, int p) {
        return (b[p] & 0xFF) << 16 | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF);
    }
}
