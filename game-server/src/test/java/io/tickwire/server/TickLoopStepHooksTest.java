package io.tickwire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every step calls onStepBegin after the commands and before its ticks, and onStepEnd after them, even with no tick due. */
class TickLoopStepHooksTest {

    @Test
    void stepHooksFrameTheTicksOfEveryStep() {
        List<String> calls = new ArrayList<>();
        TickHandler h = new TickHandler() {
            @Override
            public void onTick(long tick, long nowNanos) {
                calls.add("tick " + tick);
            }

            @Override
            public void onSnapshot(long tick, long nowNanos) {
                calls.add("snapshot " + tick);
            }

            @Override
            public void onStepBegin(long nowNanos) {
                calls.add("begin");
            }

            @Override
            public void onStepEnd(long nowNanos, int ticksRun) {
                calls.add("end " + ticksRun);
            }
        };
        TickLoop loop = new TickLoop(TickLoopConfig.builder().tickRateHz(10).snapshotRateHz(5).build(), h, new ManualClock());
        loop.start(0);
        loop.post(now -> calls.add("command"));
        loop.advanceTo(50_000_000L);
        loop.advanceTo(200_000_000L);
        assertEquals(List.of("command", "begin", "end 0", "begin", "tick 1", "tick 2", "snapshot 2", "end 2"), calls);
    }
}
