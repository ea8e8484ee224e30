package io.tickwire.server;

import io.tickwire.net.NanoClock;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A fixed-step server loop owned by one thread: each step reads the clock once, drains the bounded
 * command queue, then runs every tick that is due on an absolute schedule (so it never drifts),
 * calling {@link TickHandler#onTick} and, at the snapshot rate, {@link TickHandler#onSnapshot},
 * between {@link TickHandler#onStepBegin} and {@link TickHandler#onStepEnd} once per step.
 * After a stall it runs at most {@code maxCatchUpTicks} ticks and drops the rest of the backlog
 * (counted). Steps allocate nothing.
 */
public final class TickLoop {

    private static final System.Logger LOG = System.getLogger(TickLoop.class.getName());
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final TickLoopConfig config;
    private final TickHandler handler;
    private final NanoClock clock;
    private final ParkingStrategy parking;
    // ArrayBlockingQueue: offer/poll allocate nothing (array ring), safe for many posting threads.
    private final ArrayBlockingQueue<TickCommand> commands;
    private final TickTimeTracker tickTimes = new TickTimeTracker();
    // Same samples, cleared by whoever publishes periodic figures (GameServer's metrics), so the
    // cumulative tracker above keeps its meaning for everyone else.
    private final TickTimeTracker recentTickTimes = new TickTimeTracker();

    private volatile boolean stopped;
    private Thread owner;
    private boolean started;
    // Tick j (j >= 1) since the origin is due at origin + j * 1e9 / tickRate, computed exactly each
    // time, so rounding never accumulates. The origin moves only when a backlog is dropped.
    private long originNanos;
    private long ticksSinceOrigin;
    private long tick;
    private long snapshots;
    private long droppedTicks;
    private long stalls;
    private long commandsRun;
    private long commandsRejected;

    /**
     * Creates a loop; {@code clock} is read by {@link #runBlocking()} and to measure tick time,
     * {@code handler} is called on the owning thread.
     */
    public TickLoop(TickLoopConfig config, TickHandler handler, NanoClock clock, ParkingStrategy parking) {
        if (config == null || handler == null || clock == null || parking == null) {
            throw new IllegalArgumentException("config, handler, clock and parking must not be null");
        }
        this.config = config;
        this.handler = handler;
        this.clock = clock;
        this.parking = parking;
        this.commands = new ArrayBlockingQueue<>(config.commandQueueCapacity());
    }

    /** Creates a loop with {@link ParkingStrategy#PARK}. */
    public TickLoop(TickLoopConfig config, TickHandler handler, NanoClock clock) {
        this(config, handler, clock, ParkingStrategy.PARK);
    }

    /** Queues a command for the loop thread from any thread; never blocks. */
    public PostStatus post(TickCommand command) {
        if (command == null) {
            throw new IllegalArgumentException("command must not be null");
        }
        if (stopped) {
            return PostStatus.STOPPED;
        }
        if (commands.offer(command)) {
            return PostStatus.QUEUED;
        }
        synchronized (this) {
            commandsRejected++;
        }
        return PostStatus.QUEUE_FULL;
    }

    /**
     * Starts the schedule at {@code nowNanos}: the first tick is due one period later. Called
     * implicitly by the first {@link #advanceTo} or {@link #runBlocking}.
     */
    public void start(long nowNanos) {
        if (started) {
            throw new IllegalStateException("tick loop already started");
        }
        started = true;
        owner = Thread.currentThread();
        originNanos = nowNanos;
        ticksSinceOrigin = 0;
    }

    /**
     * INVOKER mode: one step at {@code nowNanos} (drain commands, run due ticks); returns the number
     * of ticks run. Must be called from one thread.
     */
    public int advanceTo(long nowNanos) {
        if (config.mode() != TickLoopMode.INVOKER) {
            throw new IllegalStateException("advanceTo is for mode INVOKER, this loop is " + config.mode());
        }
        return step(nowNanos);
    }

    /** BLOCKING mode: steps on the calling thread, parking between ticks, until {@link #stop()}. */
    public void runBlocking() {
        if (config.mode() != TickLoopMode.BLOCKING) {
            throw new IllegalStateException("runBlocking is for mode BLOCKING, this loop is " + config.mode());
        }
        while (!stopped) {
            step(clock.nanoTime());
            long wait = nextTickDueNanos() - clock.nanoTime();
            if (wait > 0 && !stopped) {
                parking.idle(wait);
            }
        }
    }

    /** Asks the loop to stop (any thread); a blocking loop returns from runBlocking within one period. */
    public void stop() {
        stopped = true;
    }

    private int step(long nowNanos) {
        if (!started) {
            start(nowNanos);
        } else if (Thread.currentThread() != owner) {
            throw new IllegalStateException("tick loop is owned by " + owner.getName() + ", stepped from "
                    + Thread.currentThread().getName());
        }
        drainCommands(nowNanos);
        handler.onStepBegin(nowNanos);
        long due = ticksDue(nowNanos);
        long run = Math.min(due, config.maxCatchUpTicks());
        for (long i = 0; i < run; i++) {
            runTick(nowNanos);
        }
        if (due > run) {
            long dropped = due - run;
            droppedTicks += dropped;
            stalls++;
            // Rebase the schedule so the next tick is due one period after now.
            originNanos = nowNanos;
            ticksSinceOrigin = 0;
            LOG.log(System.Logger.Level.WARNING, "tick loop stalled: dropped {0} overdue ticks after running "
                    + "maxCatchUpTicks={1} (stalls so far {2})", dropped, run, stalls);
        }
        handler.onStepEnd(nowNanos, (int) run);
        return (int) run;
    }

    private void drainCommands(long nowNanos) {
        // Bounded: commands posted while draining wait for the next step, so a flood cannot starve ticks.
        int budget = config.commandQueueCapacity();
        for (int i = 0; i < budget; i++) {
            TickCommand c = commands.poll();
            if (c == null) {
                break;
            }
            c.execute(nowNanos);
            commandsRun++;
        }
    }

    private long ticksDue(long nowNanos) {
        long elapsed = nowNanos - originNanos;
        if (elapsed <= 0) {
            return 0;
        }
        // floor(elapsed * rate / 1e9) without overflow for elapsed up to centuries.
        long rate = config.tickRateHz();
        long reached = (elapsed / NANOS_PER_SECOND) * rate + (elapsed % NANOS_PER_SECOND) * rate / NANOS_PER_SECOND;
        return Math.max(0, reached - ticksSinceOrigin);
    }

    private void runTick(long nowNanos) {
        long begin = clock.nanoTime();
        tick++;
        ticksSinceOrigin++;
        handler.onTick(tick, nowNanos);
        // Snapshot on tick t when floor(t * s / r) steps up: exactly s snapshots per r ticks, evenly spread.
        long s = config.snapshotRateHz();
        long r = config.tickRateHz();
        if ((tick * s) / r != ((tick - 1) * s) / r) {
            snapshots++;
            handler.onSnapshot(tick, nowNanos);
        }
        long took = clock.nanoTime() - begin;
        tickTimes.record(took);
        recentTickTimes.record(took);
    }

    /** Absolute time at which the next tick is due (valid after start). */
    public long nextTickDueNanos() {
        long j = ticksSinceOrigin + 1;
        long rate = config.tickRateHz();
        // Ceiling, matching ticksDue: tick j is due at the first nanosecond where floor(elapsed * rate / 1e9) >= j.
        return originNanos + (j / rate) * NANOS_PER_SECOND + ((j % rate) * NANOS_PER_SECOND + rate - 1) / rate;
    }

    /** Number of the last tick run (ticks count from 1; 0 before the first). */
    public long tick() {
        return tick;
    }

    /** Snapshot callbacks made so far. */
    public long snapshotCount() {
        return snapshots;
    }

    /** Overdue ticks dropped after stalls. */
    public long droppedTicks() {
        return droppedTicks;
    }

    /** Steps whose backlog exceeded maxCatchUpTicks. */
    public long stallCount() {
        return stalls;
    }

    /** Commands executed on the loop thread. */
    public long commandsExecuted() {
        return commandsRun;
    }

    /** Posts refused with {@link PostStatus#QUEUE_FULL}. */
    public synchronized long commandsRejected() {
        return commandsRejected;
    }

    /** Per-tick duration of onTick plus onSnapshot, read on the loop thread. */
    public TickTimeTracker tickTimes() {
        return tickTimes;
    }

    /**
     * Per-tick durations since the last {@link TickTimeTracker#reset()} of this tracker: the
     * metrics publisher of {@link GameServer} reads and resets it every interval. Loop thread.
     */
    public TickTimeTracker recentTickTimes() {
        return recentTickTimes;
    }

    /** The validated configuration. */
    public TickLoopConfig config() {
        return config;
    }
}
