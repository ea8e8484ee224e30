/**
 * The Tickwire arena: a top-down shooter for up to 16 players, and the library's worked example.
 * {@code sim} holds what server and client share (the map, the step, the schema, the messages);
 * {@code server} the authoritative rules and bots; {@code client} the engine-agnostic client state;
 * {@code desktop} the libGDX game.
 */
package io.tickwire.arena;
