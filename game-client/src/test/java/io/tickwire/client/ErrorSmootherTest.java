package io.tickwire.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErrorSmootherTest {
    private static final long FRAME = 16_666_667L;

    @Test
    void smallErrorsDecayOverAFewFramesToExactlyZero() {
        ErrorSmoother smoother = new ErrorSmoother(2, 1.0, 10.0, 0.001);
        long now = 0;
        smoother.update(now);
        assertEquals(CorrectionKind.SMOOTHED, smoother.absorb(new float[] {0.3f, -0.4f}));
        assertEquals(0.5, smoother.offsetLength(), 1e-6);
        float[] state = {10f, 20f};
        smoother.apply(state);
        assertEquals(10.3f, state[0], 1e-6);
        assertEquals(19.6f, state[1], 1e-6);
        double previous = smoother.offsetLength();
        int frames = 0;
        while (smoother.offsetLength() > 0) {
            now += FRAME;
            smoother.update(now);
            assertTrue(smoother.offsetLength() < previous, "offset must shrink every frame");
            previous = smoother.offsetLength();
            frames++;
        }
        // exp(-10 t) * 0.5 < 0.001 at t = 0.62 s: 38 frames at 60 Hz.
        assertEquals(38, frames);
        assertEquals(0, smoother.snapCount());
    }

    @Test
    void largeErrorsSnapAndAccumulatedSmallOnesSnapOnceTheyExceedTheDistance() {
        ErrorSmoother smoother = new ErrorSmoother(2, 1.0, 10.0, 0.001);
        assertEquals(CorrectionKind.SNAPPED, smoother.absorb(new float[] {3f, 0f}));
        assertEquals(0.0, smoother.offsetLength());
        assertEquals(CorrectionKind.SMOOTHED, smoother.absorb(new float[] {0.6f, 0f}));
        assertEquals(CorrectionKind.SNAPPED, smoother.absorb(new float[] {0.6f, 0f}));
        assertEquals(0.0, smoother.offsetLength());
        assertEquals(2, smoother.snapCount());
    }
}
