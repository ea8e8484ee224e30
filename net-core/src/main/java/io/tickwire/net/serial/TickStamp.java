package io.tickwire.net.serial;

/**
 * Tickwire's own message: the messages that follow it on the same reliable-ordered channel belong to
 * server tick {@link #tick}. Every registry carries it under {@link MessageRegistry#TICK_STAMP_ID},
 * so games never register it; game-server sends it before tick-stamped events and game-client
 * holds those events until its timeline reaches that tick.
 */
public final class TickStamp {

    /** The server tick the following messages belong to. */
    public long tick;

    /** For Kryo. */
    public TickStamp() {
    }

    /** A stamp for {@code tick}. */
    public TickStamp(long tick) {
        this.tick = tick;
    }

    @Override
    public String toString() {
        return "TickStamp[" + tick + "]";
    }
}
