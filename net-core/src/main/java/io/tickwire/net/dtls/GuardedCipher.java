package io.tickwire.net.dtls;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsDecodeResult;
import org.bouncycastle.tls.crypto.TlsEncodeResult;

/**
 * Wraps a record cipher so that decrypted handshake records (epoch 1: only Finished belongs there)
 * pass the {@link HandshakeGuard}'s fragment rules before Bouncy Castle reassembles them. This
 * closes the hole the datagram guard cannot see into: a peer that completed the key exchange
 * could otherwise claim a 16 MiB message inside an encrypted record. A rejected record is reported
 * as {@code bad_record_mac}, which BC's DTLS layer drops silently, and is counted.
 */
final class GuardedCipher implements TlsCipher {

    private final TlsCipher inner;
    private final HandshakeGuard guard;
    private final AtomicLong rejected;

    GuardedCipher(TlsCipher inner, HandshakeGuard guard, AtomicLong rejected) {
        this.inner = inner;
        this.guard = guard;
        this.rejected = rejected;
    }

    @Override
    public TlsDecodeResult decodeCiphertext(long seqNo, short recordType, ProtocolVersion recordVersion,
                                            byte[] ciphertext, int offset, int len) throws IOException {
        TlsDecodeResult r = inner.decodeCiphertext(seqNo, recordType, recordVersion, ciphertext, offset, len);
        if (r.contentType == ContentType.handshake
                && guard.checkEncryptedHandshake(r.buf, r.off, r.len) != GuardVerdict.PASS) {
            rejected.incrementAndGet();
            throw new TlsFatalAlert(AlertDescription.bad_record_mac, "encrypted handshake record refused by HandshakeGuard");
        }
        return r;
    }

    @Override
    public TlsEncodeResult encodePlaintext(long seqNo, short contentType, ProtocolVersion recordVersion,
                                          int headerAllocation, byte[] plaintext, int offset, int len) throws IOException {
        return inner.encodePlaintext(seqNo, contentType, recordVersion, headerAllocation, plaintext, offset, len);
    }

    @Override
    public int getCiphertextDecodeLimit(int plaintextLimit) {
        return inner.getCiphertextDecodeLimit(plaintextLimit);
    }

    @Override
    public int getCiphertextEncodeLimit(int plaintextLimit) {
        return inner.getCiphertextEncodeLimit(plaintextLimit);
    }

    @Override
    public int getPlaintextDecodeLimit(int ciphertextLimit) {
        return inner.getPlaintextDecodeLimit(ciphertextLimit);
    }

    @Override
    public int getPlaintextEncodeLimit(int ciphertextLimit) {
        return inner.getPlaintextEncodeLimit(ciphertextLimit);
    }

    @Override
    public void rekeyDecoder() throws IOException {
        inner.rekeyDecoder();
    }

    @Override
    public void rekeyEncoder() throws IOException {
        inner.rekeyEncoder();
    }

    @Override
    public boolean usesOpaqueRecordTypeDecode() {
        return inner.usesOpaqueRecordTypeDecode();
    }

    @Override
    public boolean usesOpaqueRecordTypeEncode() {
        return inner.usesOpaqueRecordTypeEncode();
    }
}
