package io.tickwire.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ServerClockTest {
    private static final long MS = 1_000_000L;
    private static final long TICK = 1_000_000_000L / 60;

    /** A snapshot in flight: its server tick and local arrival time. */
    private record Flight(long tick, long arrival) { }

    @Test
    void convergesToServerTickUnder150msRttWith30msJitterAnd5PercentLossAndNeverGoesBackwards() {
        SplittableRandom rnd = new SplittableRandom(42);
        ServerClock clock = new ServerClock(ServerClockConfig.defaults(60));
        ArrayDeque<Flight> inFlight = new ArrayDeque<>();
        long serverStart = -15_000 * MS;   // the server started 15 s before the client; ticks count from there
        long nextSnapshot = serverStart + 960 * TICK;   // the first snapshot is sent at t = 1 s
        double previous = Double.NEGATIVE_INFINITY;
        double maxErr = 0;
        double minLead = Double.MAX_VALUE;
        double maxLead = 0;
        for (long now = 1_000 * MS; now < 31_000 * MS; now += 16_300_000L) {   // frames not aligned to ticks
            while (nextSnapshot <= now) {
                long tick = (nextSnapshot - serverStart) / TICK;
                if (rnd.nextDouble() >= 0.05) {
                    long arrival = nextSnapshot + 75 * MS + (long) (rnd.nextDouble() * 30 * MS);
                    inFlight.add(new Flight(tick, arrival));
                }
                nextSnapshot += 3 * TICK;   // 20 Hz snapshots
            }
            while (!inFlight.isEmpty() && inFlight.peek().arrival() <= now) {
                Flight f = inFlight.poll();
                long rtt = 150 * MS + (long) (rnd.nextDouble() * 10 * MS);
                clock.onSnapshot(f.tick(), rtt, now);
            }
            clock.update(now);
            if (clock.state() == ClockState.UNSYNCED) {
                continue;
            }
            double t = clock.clientTime();
            assertTrue(t >= previous, "client tick went backwards at " + now);
            previous = t;
            if (now > 6_000 * MS) {
                double trueServer = (now - serverStart) / (double) TICK;
                maxErr = Math.max(maxErr, Math.abs(clock.serverTickEstimate(now) - trueServer));
                double trueLead = t - trueServer;
                minLead = Math.min(minLead, trueLead);
                maxLead = Math.max(maxLead, trueLead);
                assertTrue(Math.abs(clock.timeScale() - 1.0) <= 0.05 + 1e-9, "scale " + clock.timeScale());
            }
        }
        // One-way delay is 75..105 ms (4.5..6.3 ticks): the estimate's bias is the mean extra delay (~1 tick).
        assertTrue(maxErr < 3.0, "server tick estimate error " + maxErr);
        // Inputs arrive in time: the lead over the true server tick (measured 6.15..6.85 ticks with this seed)
        // stays above 6 ticks = 100 ms of the 75..105 ms one-way delay; the server's small input buffer covers the rest...
        assertTrue(minLead > 6.0, "min lead " + minLead);
        // ...and stays bounded: RTT/2 + jitter margin + safety tick is about 7.5 ticks over the estimate.
        assertTrue(maxLead < 9.0, "max lead " + maxLead);
        assertEquals(0, clock.forwardSnapCount());
        assertEquals(0, clock.holdCount());
        assertEquals(ClockState.LOCKED, clock.state());
    }

    @Test
    void snapsForwardAfterServerJumpAndHoldsInsteadOfRunningBackwardsAfterServerStall() {
        ServerClock clock = new ServerClock(ServerClockConfig.defaults(60));
        long serverTick = 100;
        double previous = Double.NEGATIVE_INFINITY;
        boolean sawHold = false;
        long now = 0;
        for (int frame = 0; frame < 3000; frame++, now += TICK) {
            if (frame == 600) {
                serverTick += 200;            // server jumped ahead (e.g. the client process was suspended)
            }
            boolean serverStalled = frame >= 1200 && frame < 1500;   // a 5 s server hitch: its tick stands still
            if (!serverStalled) {
                serverTick++;
            }
            if (frame % 3 == 0) {
                clock.onSnapshot(serverTick - 3, 100 * MS, now);
            }
            clock.update(now);
            sawHold |= clock.state() == ClockState.HOLDING;
            assertTrue(clock.clientTime() >= previous, "backwards at frame " + frame);
            previous = clock.clientTime();
        }
        assertTrue(clock.forwardSnapCount() >= 1, "forward snap expected");
        assertTrue(sawHold, "hold expected after the server stall");
        assertEquals(ClockState.LOCKED, clock.state());
        assertTrue(Math.abs(clock.leadTicks() - clock.targetLeadTicks()) <= 1.0);
    }

    @Test
    void inputFeedbackRaisesTheLeadWhenInputsArriveJustInTimeAndLowersItSlowlyWhenTheyWaitLong() {
        ServerClock clock = new ServerClock(ServerClockConfig.defaults(60));
        clock.onSnapshot(1_000, 100 * MS, 0);
        double base = clock.targetLeadTicks();
        // A window in which one input had nothing to spare: the lead grows by the shortfall at once.
        for (int i = 0; i < ServerClock.FEEDBACK_WINDOW; i++) {
            clock.onInputFeedback(i == 7 ? 0 : 3);
        }
        assertEquals(1.0, clock.feedbackTicks(), 1e-9);
        assertEquals(base + 1.0, clock.targetLeadTicks(), 1e-9);
        // Windows where inputs wait at least 3 ticks: a quarter tick less per window, never below zero.
        for (int w = 0; w < 10; w++) {
            for (int i = 0; i < ServerClock.FEEDBACK_WINDOW; i++) {
                clock.onInputFeedback(3);
            }
        }
        assertEquals(0.0, clock.feedbackTicks(), 1e-9);
        // A server that reports 0 forever cannot push the lead past the cap.
        for (int w = 0; w < 100; w++) {
            for (int i = 0; i < ServerClock.FEEDBACK_WINDOW; i++) {
                clock.onInputFeedback(0);
            }
        }
        assertEquals(ServerClock.MAX_FEEDBACK_TICKS, clock.feedbackTicks(), 1e-9);
    }
}
