/**
 * The socket-free protocol core: one {@link io.tickwire.net.protocol.Connection} per peer turns
 * messages into packets and packets back into messages, with time passed in as {@code nowNanos}.
 *
 * <pre>
 * send(channel, msg) ─► Channel send queue (pooled copy, message id, fragments)
 *                        └► writePacket(): header (sequence, ack, ack bits) + entries from all
 *                           channels, round robin ─► caller sends it over a DatagramLink (DTLS)
 *
 * DatagramLink ─► caller ─► receivePacket(): header ─► acks (RTT, loss, release acked messages)
 *                                          └► entries ─► Channel (dedup, window, reassembly,
 *                                                         ordering) ─► MessageHandler.onMessage
 * </pre>
 *
 * <p>The byte layout and the state machine are specified in PROTOCOL.md at the repository root.
 * Everything here is owned by one thread per connection.
 */
package io.tickwire.net.protocol;
