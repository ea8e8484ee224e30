/**
 * Running a dedicated server under Agones (Kubernetes game-server fleets) through the SDK sidecar's
 * local REST gateway: {@link io.tickwire.server.agones.AgonesSdk} (the HTTP calls),
 * {@link io.tickwire.server.agones.AgonesAgent} (when to make them, on its own thread, with retries)
 * and {@link io.tickwire.server.agones.AgonesGameServer} (what the sidecar says about this server).
 * {@link io.tickwire.server.runner.DedicatedServerRunner.Builder#agones} wires them in.
 */
package io.tickwire.server.agones;
