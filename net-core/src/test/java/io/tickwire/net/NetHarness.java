package io.tickwire.net;

import io.tickwire.net.serial.MessageRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A server, its clients, and a way to step them all on the test thread; in-memory or DTLS. */
abstract class NetHarness implements AutoCloseable {

    final Recorder serverEvents = new Recorder();
    final List<NetClient> clients = new ArrayList<>();
    final List<Recorder> clientEvents = new ArrayList<>();
    NetServer server;

    /** Starts a client with {@code registry}, adds it to {@link #clients}. */
    abstract NetClient newClient(MessageRegistry registry, Recorder events);

    /** Current time of this harness's clock. */
    abstract long now();

    /** Lets some time pass (manual: advance the clock; real: a short park). */
    abstract void advance();

    NetClient addClient(MessageRegistry registry) {
        Recorder r = new Recorder();
        NetClient c = newClient(registry, r);
        clients.add(c);
        clientEvents.add(r);
        return c;
    }

    void step() {
        advance();
        long now = now();
        if (!server.isClosed()) {
            server.update(now);
        }
        for (NetClient c : clients) {
            c.poll(now);
        }
    }

    /** Steps until {@code done} or {@code maxSteps}; returns whether it got done. */
    boolean runUntil(BooleanSupplier done, int maxSteps) {
        for (int i = 0; i < maxSteps; i++) {
            if (done.getAsBoolean()) {
                return true;
            }
            step();
        }
        return done.getAsBoolean();
    }

    @Override
    public void close() {
        for (NetClient c : clients) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
