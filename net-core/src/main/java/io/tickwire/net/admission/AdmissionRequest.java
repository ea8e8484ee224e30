package io.tickwire.net.admission;

import io.tickwire.net.protocol.CredentialKind;
import java.net.InetSocketAddress;

/**
 * A client's first acceptable CONNECT, as the server's {@link Admission} sees it: the credential it
 * carried and where it came from. Asked once per connection; CONNECT resends are never asked again.
 *
 * @param kind what the credential is
 * @param credential the credential bytes (the callee may keep them; a fresh copy per request)
 * @param remoteAddress the client's UDP address, or an unresolved placeholder in memory
 */
public record AdmissionRequest(CredentialKind kind, byte[] credential, InetSocketAddress remoteAddress) {
}
