/**
 * LAN discovery: a client finds game servers on its local network without typing addresses.
 *
 * <pre>
 *   LanBrowser.refresh(now)                            LanDiscoveryResponder (beside the game server)
 *     query: magic, version, type 1, nonce, padding
 *     256 bytes to 255.255.255.255:47800, ----------&gt;  checkQuery (size, magic, version, type)
 *     each interface's broadcast address,             per-source token bucket, then overall bucket
 *     and any extra targets                           encodeAnswer(nonce, current ServerInfo)
 *                                       &lt;----------   answer (&lt;= 194 bytes), unicast to the source
 *   LanBrowser.poll(now)
 *     checkAnswer (every field), nonce of a recent query?, decode
 *     -&gt; DiscoveredServer: source address + game port, info, last seen, RTT, compatible()
 * </pre>
 *
 * <p>The answer is never larger than the query, so the responder cannot be used to amplify a flood.
 * Nothing in an answer is trusted beyond the list: the certificate fingerprint it carries is pinned
 * for the DTLS connection, which is what proves the server's identity (a host on the LAN that can
 * answer queries can also advertise its own fingerprint, exactly as if its address had been typed).
 * The byte layout is in PROTOCOL.md, "LAN discovery".
 */
package io.tickwire.net.discovery;
