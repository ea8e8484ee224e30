package io.tickwire.net.dtls;

import java.io.IOException;
import java.security.GeneralSecurityException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;

/**
 * Adapts the JDK's own "AES/GCM/NoPadding" (AES-NI intrinsics in SunJCE) to Bouncy Castle's AEAD
 * record cipher slot. No cryptography here: key, nonce and tag handling stay in the JDK and in
 * BC's {@code TlsAEADCipher}. Unlike BC's JCA adapter it passes a {@link GCMParameterSpec}
 * directly instead of building {@code AlgorithmParameters} per record. One instance per direction
 * per connection; used only by the thread that owns the DTLS transport.
 */
final class JdkAesGcm implements TlsAEADCipherImpl {

    private final Cipher cipher;
    private final int mode;
    private SecretKeySpec key;

    JdkAesGcm(boolean encrypt) throws IOException {
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "JDK has no AES/GCM/NoPadding", e);
        }
        this.mode = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
    }

    @Override
    public void setKey(byte[] keyBytes, int keyOff, int keyLen) {
        this.key = new SecretKeySpec(keyBytes, keyOff, keyLen, "AES");
    }

    @Override
    public void init(byte[] nonce, int macSize) throws IOException {
        try {
            cipher.init(mode, key, new GCMParameterSpec(macSize * 8, nonce));
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "AES-GCM init failed", e);
        }
    }

    @Override
    public int getOutputSize(int inputLength) {
        return cipher.getOutputSize(inputLength);
    }

    @Override
    public int doFinal(byte[] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output,
                       int outputOffset) throws IOException {
        try {
            if (additionalData != null && additionalData.length > 0) {
                cipher.updateAAD(additionalData);
            }
            return cipher.doFinal(input, inputOffset, inputLength, output, outputOffset);
        } catch (AEADBadTagException e) {
            // Same alert BC's own GCM raises: the DTLS record layer then drops the record silently.
            throw new TlsFatalAlert(AlertDescription.bad_record_mac, e);
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "AES-GCM failed", e);
        }
    }
}
