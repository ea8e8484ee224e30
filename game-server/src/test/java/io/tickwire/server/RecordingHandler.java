package io.tickwire.server;

import it.unimi.dsi.fastutil.longs.LongArrayList;

/** Records every tick and snapshot number it is called with. */
final class RecordingHandler implements TickHandler {
    final LongArrayList ticks = new LongArrayList();
    final LongArrayList snapshots = new LongArrayList();
    final LongArrayList tickTimes = new LongArrayList();

    @Override
    public void onTick(long tick, long nowNanos) {
        ticks.add(tick);
        tickTimes.add(nowNanos);
    }

    @Override
    public void onSnapshot(long tick, long nowNanos) {
        snapshots.add(tick);
    }
}
