package io.tickwire.server.runner;

import io.tickwire.server.GameServer;
import java.net.InetSocketAddress;

/** The child process of {@link SigtermProcessTest}: a real dedicated server on 127.0.0.1:0 run by the runner. */
public final class RunnerTestMain {
    private RunnerTestMain() {
    }

    /** Starts the server, prints the ready line, blocks until it closes, exits with the runner's status. */
    public static void main(String[] args) throws Exception {
        GameServer server = RunnerFixture.startServer(200);
        DedicatedServerRunner runner = DedicatedServerRunner.builder(server)
                .metrics(new InetSocketAddress("127.0.0.1", 0))
                .start();
        System.exit(runner.awaitClosed());
    }
}
