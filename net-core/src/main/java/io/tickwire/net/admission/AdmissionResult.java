package io.tickwire.net.admission;

import io.tickwire.net.protocol.CredentialKind;
import java.util.Objects;

/**
 * An {@link Admission}'s decision: admitted, with what the credential proved (client id, opaque user
 * data), or refused with a sentence that tells the client exactly why and what to do.
 */
public final class AdmissionResult {

    private static final byte[] NONE = new byte[0];

    private final boolean admitted;
    private final CredentialKind kind;
    private final long clientId;
    private final byte[] userData;
    private final String refusal;
    private final AdmissionRefusal reason;

    private AdmissionResult(boolean admitted, CredentialKind kind, long clientId, byte[] userData, String refusal,
            AdmissionRefusal reason) {
        this.admitted = admitted;
        this.kind = kind;
        this.clientId = clientId;
        this.userData = userData;
        this.refusal = refusal;
        this.reason = reason;
    }

    /** Admitted on {@code kind} of credential, proving {@code clientId} (0 when it proves none) and {@code userData} (copied). */
    public static AdmissionResult admit(CredentialKind kind, long clientId, byte[] userData) {
        Objects.requireNonNull(kind, "kind");
        byte[] data = userData == null || userData.length == 0 ? NONE : userData.clone();
        return new AdmissionResult(true, kind, clientId, data, null, null);
    }

    /**
     * Refused for a reason of the application's own ({@link AdmissionRefusal#OTHER}); {@code detail}
     * reaches the client in its AUTHENTICATION_FAILED disconnect (200 UTF-8 bytes at most).
     */
    public static AdmissionResult refuse(String detail) {
        return refuse(AdmissionRefusal.OTHER, detail);
    }

    /** Refused, counted under {@code reason}; {@code detail} reaches the client (200 UTF-8 bytes at most). */
    public static AdmissionResult refuse(AdmissionRefusal reason, String detail) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        return new AdmissionResult(false, CredentialKind.NONE, 0, NONE, detail, reason);
    }

    /** Whether the client is admitted. */
    public boolean admitted() {
        return admitted;
    }

    /** The credential kind that admitted the client (NONE for a refusal or an open server). */
    public CredentialKind kind() {
        return kind;
    }

    /** The client id the credential proved (a connect token's), or 0. */
    public long clientId() {
        return clientId;
    }

    /** A copy of the opaque user data the credential carried (a connect token's), empty when none. */
    public byte[] userData() {
        return userData.length == 0 ? NONE : userData.clone();
    }

    /** The category of the refusal (what the server counts), or null when admitted. */
    public AdmissionRefusal reason() {
        return reason;
    }

    /** Why the client was refused, or null when admitted. */
    public String refusal() {
        return refusal;
    }

    @Override
    public String toString() {
        return admitted ? "admitted by " + kind + (clientId != 0 ? " as client " + clientId : "")
                : "refused: " + refusal;
    }
}
