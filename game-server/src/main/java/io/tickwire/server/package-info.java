/**
 * The authoritative server's fixed-step core: {@link io.tickwire.server.TickLoop} (one owning
 * thread, absolute schedule, bounded catch-up, bounded command queue) and
 * {@link io.tickwire.server.InputBuffer} (per-client inputs applied once, in client-tick order).
 * Time is always a parameter; nothing here allocates per tick or per input in steady state.
 */
package io.tickwire.server;
