package io.tickwire.server;

import io.tickwire.net.NanoClock;

/** A clock the test moves by hand. */
final class ManualClock implements NanoClock {
    long now;

    @Override
    public long nanoTime() {
        return now;
    }
}
