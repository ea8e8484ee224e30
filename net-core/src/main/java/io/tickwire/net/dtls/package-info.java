/**
 * DTLS 1.2 for Tickwire on Bouncy Castle bctls 1.84: the peers' protocol policy, server identity
 * and client trust, the pre-authentication handshake guard, and the crypto choice.
 *
 * <p>How a server endpoint uses it, per datagram on the socket thread:
 * <pre>
 *   datagram --HandshakeGuard.check (stateless)--&gt; drop + count unless PASS
 *            --known CID (DtlsRecords.connectionId) or address--&gt; that connection's DTLSTransport
 *            --DtlsRecords.isClientHello--&gt; DTLSVerifier.verifyRequest (cookie; no state before it)
 *            --verified DTLSRequest--&gt; handshake worker: DTLSServerProtocol.accept(
 *                  new TickwireTlsServer(TickwireCrypto.create() [shared], identity, config, uniqueCid, peer),
 *                  transport that runs HandshakeGuard.check(..., HandshakeGuardState) on every datagram, request)
 * </pre>
 * Facts about bctls 1.84 that shape this: {@code DTLSServerProtocol.accept(server, transport)}
 * without a {@code DTLSRequest} never sends a HelloVerifyRequest ({@code setVerifyRequests} is not
 * consulted), so the {@code DTLSVerifier} step is mandatory; {@code DTLSVerifier} accepts only an
 * unfragmented ClientHello; records to a server that negotiated connection IDs are content type 25
 * with the server's 4-byte CID at offset 11; a record failing authentication is dropped silently.
 *
 * <p>Clients use {@link io.tickwire.net.dtls.TickwireTlsClient} with a
 * {@link io.tickwire.net.dtls.ServerTrust}; a refused server is explained by
 * {@link io.tickwire.net.dtls.TickwireTlsClient#trustFailure()}.
 */
package io.tickwire.net.dtls;
