package io.tickwire.server.agones;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the Agones sidecar says about this game server ({@code GET /gameserver}): its name, its state
 * ({@code Scheduled}, {@code RequestReady}, {@code Ready}, {@code Allocated}, {@code Reserved},
 * {@code Shutdown}, ...), the node's public address and the host ports Agones gave the container's
 * ports. The address and ports are what a game backend hands players (and mints connect tokens for).
 *
 * @param name the GameServer's Kubernetes name, or "" when the answer had none
 * @param state the GameServer's state as Agones spells it, or "" when the answer had none
 * @param address the public address of the node, or "" before the pod is scheduled
 * @param ports each port's name and its public (host) port, in the order Agones lists them
 * @param labels the GameServer's labels
 */
public record AgonesGameServer(String name, String state, String address, List<Port> ports, Map<String, String> labels) {

    /** The state Agones gives a server that a fleet allocation (or {@code /allocate}) picked. */
    public static final String ALLOCATED = "Allocated";

    /**
     * One port of the GameServer.
     *
     * @param name the port's name in the Fleet template ({@code default} when not named)
     * @param port the public port on {@link #address()}
     */
    public record Port(String name, int port) {
    }

    /** Copies the lists and maps; nothing is null. */
    public AgonesGameServer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(address, "address");
        ports = List.copyOf(ports);
        labels = Map.copyOf(labels);
    }

    /** Whether Agones has this server in the {@code Allocated} state. */
    public boolean isAllocated() {
        return ALLOCATED.equals(state);
    }

    /** The public port named {@code portName}, or -1 when the GameServer has no such port. */
    public int port(String portName) {
        for (Port p : ports) {
            if (p.name().equals(portName)) {
                return p.port();
            }
        }
        return -1;
    }
}
