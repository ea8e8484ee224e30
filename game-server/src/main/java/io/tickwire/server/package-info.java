/**
 * The authoritative server. The front door is {@link io.tickwire.server.GameServer}: it runs a
 * {@link io.tickwire.server.ServerGame} (the game's rules) over a net-core {@code NetServer} on one
 * tick thread, with one {@link io.tickwire.server.GamePlayer} per connected client and
 * {@link io.tickwire.server.GameServerConfig} holding every limit. Underneath:
 * {@link io.tickwire.server.TickLoop} (one owning thread, absolute schedule, bounded catch-up,
 * bounded command queue, step hooks), {@link io.tickwire.server.InputBuffer} (per-client inputs
 * applied once, in client-tick order) and {@link io.tickwire.server.WorldWriter} (the world the
 * game describes on snapshot ticks).
 *
 * <pre>
 * step(now): commands -&gt; NetServer.update (joins, leaves, messages; InputFrames -&gt; InputBuffers,
 *            snapshot acks -&gt; baselines) -&gt; per due tick: applyInput per player, step(tick),
 *            on snapshot ticks writeWorld + one SnapshotFrame per player -&gt; NetServer.flush
 * </pre>
 * Time is always a parameter; nothing here allocates per tick or per input in steady state.
 */
package io.tickwire.server;
