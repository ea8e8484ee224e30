package io.tickwire.e2e;

import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.server.GamePlayer;
import io.tickwire.server.GameServer;
import io.tickwire.server.InputRecord;
import io.tickwire.server.ServerGame;
import io.tickwire.server.WorldWriter;
import io.tickwire.server.lagcomp.HitboxHistory;
import io.tickwire.server.lagcomp.LagCompensator;
import io.tickwire.server.lagcomp.ShotResult;
import io.tickwire.server.lagcomp.ShotStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The authoritative side of {@link TopDown}: players move by their inputs with the shared step, drones
 * fly their circles, and shots are judged by lag compensation against the world the shooter saw.
 * Records what the tests compare: each player's state after each applied input, and every shot's outcome.
 */
public final class ArenaServerGame implements ServerGame {
    /** Entity id of the first player; players get consecutive ids in join order. */
    public static final int FIRST_PLAYER_ENTITY = 100;
    /** Entity id of drone 0; drones follow. */
    public static final int FIRST_DRONE_ENTITY = 900;
    public static final float SHOT_RANGE = 60f;

    /** Per player, owned by the tick thread. */
    public static final class Player {
        public final int entityId;
        public final float[] state = new float[2];
        public float aim;
        public int hp = 100;
        /** Client tick of each input applied (not repeats), in application order. */
        public final List<Long> appliedTicks = new ArrayList<>();
        /** Position after the input of client tick t was applied: t -> {x, y}. */
        public final Map<Long, float[]> stateAfter = new java.util.HashMap<>();
        public long repeatedApplied;
        /** Client ticks whose input was missing when due (the last one repeated). */
        public final List<Long> repeatedTicks = new ArrayList<>();

        Player(int entityId, float x, float y) {
            this.entityId = entityId;
            state[0] = x;
            state[1] = y;
        }
    }

    private static final byte[] NO_INPUT = new byte[0];
    private final int drones;
    private final Player[] byEntity = new Player[FIRST_DRONE_ENTITY];
    private final HitboxHistory history;
    private final LagCompensator lagCompensator;
    private final ShotResult shot = new ShotResult();
    private final boolean record;
    private GameServer server;
    private int nextEntity = FIRST_PLAYER_ENTITY;
    private long tick;
    /** Shot outcomes by status. */
    public final Map<ShotStatus, Integer> shots = new EnumMap<>(ShotStatus.class);
    public long kills;

    /**
     * @param drones scripted moving targets
     * @param rewindWindowNanos how far back lag compensation may rewind
     * @param record keep per-tick records for the tests (off for benchmarks: it allocates)
     */
    public ArenaServerGame(int drones, long rewindWindowNanos, boolean record) {
        this.drones = drones;
        this.history = HitboxHistory.forWindow(rewindWindowNanos, TopDown.TICK_RATE, FIRST_DRONE_ENTITY + drones);
        this.lagCompensator = new LagCompensator(history);
        this.record = record;
    }

    public void attach(GameServer s) {
        this.server = s;
    }

    public Player player(GamePlayer p) {
        return (Player) p.userData();
    }

    @Override
    public void playerJoined(GamePlayer p) {
        int id = nextEntity++;
        int n = id - FIRST_PLAYER_ENTITY;
        Player pl = new Player(id, 40 + (4 * n) % 48, 40 + 8 * (n / 12));
        TopDown.step(pl.state, NO_INPUT, 0, 0);
        byEntity[id] = pl;
        p.userData(pl);
        server.sendEvent(p, new TopDown.Welcome(id));
    }

    @Override
    public void playerLeft(GamePlayer p, DisconnectReason reason, String detail) {
        Player pl = player(p);
        if (pl != null) {
            byEntity[pl.entityId] = null;
        }
    }

    @Override
    public void applyInput(GamePlayer p, InputRecord input) {
        Player pl = player(p);
        byte[] in = input.bytes();
        int len = input.length();
        TopDown.step(pl.state, in, 0, len);
        if (len < TopDown.INPUT_BYTES) {
            return;
        }
        pl.aim = TopDown.aim(in, 0);
        if (input.isRepeated()) {
            pl.repeatedApplied++;
            if (record) {
                pl.repeatedTicks.add(input.tick());
            }
        } else if (record) {
            pl.appliedTicks.add(input.tick());
            pl.stateAfter.put(input.tick(), pl.state.clone());
        }
        if (!input.isRepeated() && (TopDown.buttons(in, 0) & TopDown.FIRE) != 0) {
            long renderTick = TopDown.shotRenderTick(in, 0, tick);
            ShotStatus st = lagCompensator.evaluate(renderTick, TopDown.shotFraction(in, 0), pl.entityId,
                    pl.state[0], pl.state[1], (float) Math.cos(pl.aim), (float) Math.sin(pl.aim), SHOT_RANGE, shot);
            if (record) {
                shots.merge(st, 1, Integer::sum);
            }
            if (st == ShotStatus.HIT && shot.hitEntityId() < FIRST_DRONE_ENTITY) {
                Player victim = byEntity[shot.hitEntityId()];
                if (victim != null && (victim.hp -= 25) <= 0) {
                    victim.hp = 100;
                    kills++;
                    server.broadcastEvent(new TopDown.Kill(pl.entityId, victim.entityId));
                }
            }
        }
    }

    @Override
    public void step(long t) {
        this.tick = t;
        history.beginTick(t);
        for (int id = FIRST_PLAYER_ENTITY; id < nextEntity; id++) {
            Player pl = byEntity[id];
            if (pl != null) {
                history.record(id, pl.state[0], pl.state[1], TopDown.RADIUS);
            }
        }
        for (int k = 0; k < drones; k++) {
            history.record(FIRST_DRONE_ENTITY + k, droneX(k, t), droneY(k, t), TopDown.RADIUS);
        }
    }

    /** Drone k's replicated (quantized) x at {@code tick}. */
    public static float droneX(int k, long tick) {
        return TopDown.quantized(TopDown.droneX(k, tick));
    }

    /** Drone k's replicated (quantized) y at {@code tick}. */
    public static float droneY(int k, long tick) {
        return TopDown.quantized(TopDown.droneY(k, tick));
    }

    @Override
    public void writeWorld(long t, WorldWriter world) {
        for (int id = FIRST_PLAYER_ENTITY; id < nextEntity; id++) {
            Player pl = byEntity[id];
            if (pl != null) {
                int i = world.add(id, TopDown.PLAYER, pl.state[0], pl.state[1]);
                world.setFloat(i, TopDown.F_X, pl.state[0]);
                world.setFloat(i, TopDown.F_Y, pl.state[1]);
                world.setFloat(i, TopDown.F_AIM, pl.aim);
                world.set(i, TopDown.F_HP, pl.hp);
            }
        }
        for (int k = 0; k < drones; k++) {
            float x = droneX(k, t);
            float y = droneY(k, t);
            int i = world.add(FIRST_DRONE_ENTITY + k, TopDown.DRONE, x, y);
            world.setFloat(i, TopDown.F_X, x);
            world.setFloat(i, TopDown.F_Y, y);
        }
        for (int k = 0, n = server.playerCount(); k < n; k++) {   // indexed: no iterator per tick
            GamePlayer p = server.playerAt(k);
            Player pl = player(p);
            if (pl != null) {
                p.setViewpoint(pl.state[0], pl.state[1]);
            }
        }
    }
}
