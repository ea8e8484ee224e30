package io.tickwire.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.admission.Admission;
import io.tickwire.net.admission.AdmissionRefusal;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.sim.ManualClock;
import io.tickwire.net.sim.NetworkConditions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerConfig#maxAdmissionsPerUpdate()}: a burst of CONNECTs is decided a bounded number per
 * update, the rest wait (counted), each connection is decided exactly once and its refusal counted
 * once under its reason, and the admission deadline still runs while a CONNECT waits. In memory, time
 * stepped by hand.
 */
class AdmissionBudgetTest {

    /** A password admission that counts its decisions per server update. */
    private static final class Counting implements Admission {
        final Admission inner = Admission.password("right");
        int thisUpdate;
        int most;
        int total;

        @Override
        public io.tickwire.net.admission.AdmissionResult decide(io.tickwire.net.admission.AdmissionRequest request) {
            thisUpdate++;
            total++;
            most = Math.max(most, thisUpdate);
            return inner.decide(request);
        }
    }

    private static final class Told implements NetListener {
        DisconnectReason reason;
        String detail;
        boolean connected;

        @Override
        public void connected(NetPeer peer) {
            connected = true;
        }

        @Override
        public void disconnected(NetPeer peer, DisconnectReason r, String d) {
            reason = r;
            detail = d;
        }
    }

    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final InMemoryNetwork network = new InMemoryNetwork(clock, NetworkConditions.PERFECT, 3);
    private final List<NetClient> clients = new ArrayList<>();
    private final List<Told> told = new ArrayList<>();

    private NetServer server(Counting admission, int budget, int deadlineMillis) throws java.io.IOException {
        return NetServer.start(ServerConfig.builder().inMemory(network).connection(Messages.connection())
                .registry(Messages.registry()).clock(clock).admission(admission).maxAdmissionsPerUpdate(budget)
                .admissionDeadlineMillis(deadlineMillis).build(), new NetListener() { });
    }

    private void client(String password) {
        Told t = new Told();
        told.add(t);
        clients.add(NetClient.connect(ClientConfig.builder().inMemory(network).connection(Messages.connection())
                .registry(Messages.registry()).clock(clock).password(password).build(), t));
    }

    private void step(NetServer server, Counting admission) {
        long now = clock.nanoTime();
        for (NetClient c : clients) {
            c.poll(now);
            c.flush(now);
        }
        admission.thisUpdate = 0;
        server.update(now);
        clock.advanceMillis(5);
    }

    @Test
    void aBurstIsDecidedAtMostBudgetPerUpdateEachOnceAndCountedOnce() throws Exception {
        Counting admission = new Counting();
        NetServer server = server(admission, 3, 5_000);
        for (int i = 0; i < 10; i++) {
            client("wrong");
        }
        client("right");
        for (int i = 0; i < 400 && told.stream().filter(t -> t.reason != null).count() < 10; i++) {
            step(server, admission);
        }
        for (int i = 0; i < 40; i++) { // the refused connections' DISCONNECT resends end; nothing is decided again
            step(server, admission);
        }
        assertEquals(3, admission.most, "never more than maxAdmissionsPerUpdate decisions in one update");
        assertEquals(11, admission.total, "each connection decided exactly once");
        assertTrue(server.admissionsDeferred() > 0, "the burst waited: " + server.admissionsDeferred());
        assertEquals(10, server.admissionsRefused(AdmissionRefusal.WRONG_PASSWORD));
        assertEquals(1, server.admissionsAdmitted());
        for (int i = 0; i < 10; i++) {
            assertEquals(DisconnectReason.AUTHENTICATION_FAILED, told.get(i).reason);
            assertEquals("wrong password: ask the host for the server's password", told.get(i).detail);
        }
        assertTrue(told.get(10).connected && told.get(10).reason == null, "the right password got in");
        server.close();
    }

    @Test
    void theAdmissionDeadlineRunsWhileACONNECTWaitsForBudget() throws Exception {
        Counting admission = new Counting();
        NetServer server = server(admission, 1, 40);
        for (int i = 0; i < 20; i++) {
            client("wrong");
        }
        for (int i = 0; i < 200 && told.stream().anyMatch(t -> t.reason == null); i++) {
            step(server, admission);
        }
        long decided = server.admissionsRefused(AdmissionRefusal.WRONG_PASSWORD);
        long timedOut = server.admissionsRefused(AdmissionRefusal.DEADLINE);
        assertTrue(timedOut > 0 && decided > 0, "some decided, the rest ran out of time: " + decided + " / " + timedOut);
        assertEquals(20, decided + timedOut, "every connection ended once, counted under one reason");
        assertEquals(decided, admission.total);
        assertEquals(1, admission.most);
        long deadlineTold = told.stream().filter(t -> t.reason == DisconnectReason.AUTHENTICATION_FAILED
                && t.detail.startsWith("no CONNECT with an acceptable credential within admissionDeadlineMillis 40 ms")).count();
        assertEquals(timedOut, deadlineTold, "each timed-out client was told the limit");
        server.close();
    }

    @Test
    void theBudgetIsValidated() {
        ServerConfig.Builder b = ServerConfig.builder().inMemory(network).connection(Messages.connection())
                .registry(Messages.registry());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.maxAdmissionsPerUpdate(0).build());
        assertEquals("maxAdmissionsPerUpdate must be 1..4096, was 0", e.getMessage());
        assertEquals(ServerConfig.DEFAULT_MAX_ADMISSIONS_PER_UPDATE, ServerConfig.builder().inMemory(network)
                .connection(Messages.connection()).registry(Messages.registry()).build().maxAdmissionsPerUpdate());
    }
}
