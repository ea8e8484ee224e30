/**
 * Tickwire's front door: {@link io.tickwire.net.NetServer} and {@link io.tickwire.net.NetClient},
 * configured by {@link io.tickwire.net.ServerConfig} and {@link io.tickwire.net.ClientConfig},
 * reporting to a {@link io.tickwire.net.NetListener}, with each connection seen as a
 * {@link io.tickwire.net.NetPeer}.
 *
 * <pre>
 *  game tick thread                                   DTLS endpoint threads
 *  server.update(now) ──► accept finished links ◄──── handshake workers / socket reader
 *        │
 *        ├─► per peer: link.receive ─► Connection.receivePacket ─► codec.decode ─► event queue
 *        ├─► listener callbacks (connected / received / disconnected / error)
 *        └─► per peer: Connection.writePacket ─► [SimulatedLink] ─► DatagramLink.send (DTLS record)
 *
 *  render thread: client.poll(now) does the same for its one connection.
 * </pre>
 *
 * <p>Threads: one thread owns a server (the one calling {@code update}) and one owns a client (the
 * one calling {@code poll}); all callbacks run on it and sends must come from it. Set
 * {@code EndpointConfig.threadingMode(ThreadingMode.INVOKER)} to have {@code update} read the socket
 * itself, so that everything but the DTLS handshakes runs on the caller's thread.
 */
package io.tickwire.net;
