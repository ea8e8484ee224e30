/**
 * The network simulator: seeded latency, jitter, loss, duplication, reordering and a bandwidth cap
 * between any two endpoints, with time as a parameter.
 *
 * <ul>
 *   <li>{@link io.tickwire.net.sim.NetworkConditions}: the immutable, validated description of a path.</li>
 *   <li>{@link io.tickwire.net.sim.NetworkSimulator}: one direction of a path (submit, then poll when due).</li>
 *   <li>{@link io.tickwire.net.sim.SimulatedLink}: a decorator around any
 *       {@link io.tickwire.net.transport.DatagramLink}.</li>
 *   <li>{@link io.tickwire.net.sim.InMemoryLinkPair}: two connected links in one process.</li>
 *   <li>{@link io.tickwire.net.sim.SimulatedDatagramTransport}: a decorator under Bouncy Castle DTLS.</li>
 *   <li>{@link io.tickwire.net.sim.ManualClock}: a clock that tests and demos move by hand.</li>
 * </ul>
 *
 * <p>Conditions may be changed at run time from any thread (a game's debug toggle); everything else
 * belongs to the thread that drives the endpoint.
 */
package io.tickwire.net.sim;
