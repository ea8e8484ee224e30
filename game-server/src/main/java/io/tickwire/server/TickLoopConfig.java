package io.tickwire.server;

/**
 * Validated settings of a {@link TickLoop}; build with {@link #builder()}. Every limit is named
 * here, and a bad value is refused at {@link Builder#build()} with a message naming it.
 */
public final class TickLoopConfig {

    /** Default simulation rate. */
    public static final int DEFAULT_TICK_RATE_HZ = 60;
    /** Default snapshot rate. */
    public static final int DEFAULT_SNAPSHOT_RATE_HZ = 30;
    /** Default bound on queued commands from other threads. */
    public static final int DEFAULT_COMMAND_QUEUE_CAPACITY = 1024;
    /** Default number of overdue ticks run in one step before the rest of the backlog is dropped. */
    public static final int DEFAULT_MAX_CATCH_UP_TICKS = 5;

    private final int tickRateHz;
    private final int snapshotRateHz;
    private final int commandQueueCapacity;
    private final int maxCatchUpTicks;
    private final TickLoopMode mode;

    private TickLoopConfig(Builder b) {
        this.tickRateHz = b.tickRateHz;
        this.snapshotRateHz = b.snapshotRateHz;
        this.commandQueueCapacity = b.commandQueueCapacity;
        this.maxCatchUpTicks = b.maxCatchUpTicks;
        this.mode = b.mode;
    }

    /** A builder with the defaults (60 Hz ticks, 30 Hz snapshots, INVOKER). */
    public static Builder builder() {
        return new Builder();
    }

    /** Ticks per second. */
    public int tickRateHz() {
        return tickRateHz;
    }

    /** Snapshots per second (at most the tick rate). */
    public int snapshotRateHz() {
        return snapshotRateHz;
    }

    /** Most commands waiting for the loop; a post beyond it returns {@link PostStatus#QUEUE_FULL}. */
    public int commandQueueCapacity() {
        return commandQueueCapacity;
    }

    /** Most ticks one step runs; a larger backlog (a stall) is dropped and counted. */
    public int maxCatchUpTicks() {
        return maxCatchUpTicks;
    }

    /** Who drives the loop. */
    public TickLoopMode mode() {
        return mode;
    }

    /** Builder for {@link TickLoopConfig}. */
    public static final class Builder {
        private int tickRateHz = DEFAULT_TICK_RATE_HZ;
        private int snapshotRateHz = DEFAULT_SNAPSHOT_RATE_HZ;
        private int commandQueueCapacity = DEFAULT_COMMAND_QUEUE_CAPACITY;
        private int maxCatchUpTicks = DEFAULT_MAX_CATCH_UP_TICKS;
        private TickLoopMode mode = TickLoopMode.INVOKER;

        private Builder() {
        }

        /** Sets ticks per second (1 to 1000). */
        public Builder tickRateHz(int hz) {
            this.tickRateHz = hz;
            return this;
        }

        /** Sets snapshots per second (1 to the tick rate; need not divide it). */
        public Builder snapshotRateHz(int hz) {
            this.snapshotRateHz = hz;
            return this;
        }

        /** Sets the command queue bound (at least 1). */
        public Builder commandQueueCapacity(int capacity) {
            this.commandQueueCapacity = capacity;
            return this;
        }

        /** Sets how many overdue ticks one step may run (at least 1). */
        public Builder maxCatchUpTicks(int ticks) {
            this.maxCatchUpTicks = ticks;
            return this;
        }

        /** Sets who drives the loop. */
        public Builder mode(TickLoopMode mode) {
            this.mode = mode;
            return this;
        }

        /** Validates and builds; throws {@link IllegalArgumentException} naming the bad value. */
        public TickLoopConfig build() {
            if (tickRateHz < 1 || tickRateHz > 1000) {
                throw new IllegalArgumentException("tickRateHz must be 1..1000, got " + tickRateHz);
            }
            if (snapshotRateHz < 1 || snapshotRateHz > tickRateHz) {
                throw new IllegalArgumentException("snapshotRateHz must be 1..tickRateHz (" + tickRateHz
                        + "), got " + snapshotRateHz);
            }
            if (commandQueueCapacity < 1) {
                throw new IllegalArgumentException("commandQueueCapacity must be at least 1, got "
                        + commandQueueCapacity);
            }
            if (maxCatchUpTicks < 1) {
                throw new IllegalArgumentException("maxCatchUpTicks must be at least 1, got " + maxCatchUpTicks);
            }
            if (mode == null) {
                throw new IllegalArgumentException("mode must not be null");
            }
            return new TickLoopConfig(this);
        }
    }
}
