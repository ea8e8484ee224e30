package io.tickwire.net;

import io.tickwire.net.serial.MessageRegistry;
import io.tickwire.net.sim.ManualClock;
import io.tickwire.net.sim.NetworkConditions;

/** The front-door contract over in-memory links, time stepped by hand (5 ms per step). */
class InMemoryFrontDoorTest extends FrontDoorContract {

    @Override
    NetHarness newHarness() throws Exception {
        ManualClock clock = new ManualClock(1_000_000_000L);
        InMemoryNetwork network = new InMemoryNetwork(clock, NetworkConditions.PERFECT, 7);
        NetHarness harness = new NetHarness() {
            @Override
            NetClient newClient(MessageRegistry registry, Recorder events) {
                return NetClient.connect(ClientConfig.builder().inMemory(network).connection(Messages.connection())
                        .registry(registry).clock(clock).build(), events);
            }

            @Override
            long now() {
                return clock.nanoTime();
            }

            @Override
            void advance() {
                clock.advanceMillis(5);
            }
        };
        harness.server = NetServer.start(ServerConfig.builder().inMemory(network).connection(Messages.connection())
                .registry(Messages.registry()).clock(clock).build(), harness.serverEvents);
        return harness;
    }

    @Override
    int maxSteps() {
        return 2_000;
    }
}
