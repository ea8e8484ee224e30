package io.tickwire.server.game;

import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.replication.Snapshot;
import io.tickwire.server.GamePlayer;
import io.tickwire.server.GameServer;
import io.tickwire.server.InputRecord;
import io.tickwire.server.ServerGame;
import io.tickwire.server.WorldWriter;
import io.tickwire.server.replication.InterestPolicy;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A game whose entities move on circles as a pure function of the tick, so a client can compute the
 * world it should see for any server tick; records applied inputs and joins/leaves when asked.
 */
final class TestGame implements ServerGame {
    /** One applied input as the game saw it. */
    record Applied(long tick, boolean repeated, byte[] bytes) {
    }

    /** A departure. */
    record Left(int playerId, DisconnectReason reason, String detail) {
    }

    final int entities;
    final boolean record;
    GameServer server;
    int eventEvery;
    long steps;
    long applyCalls;
    final Int2ObjectOpenHashMap<List<Applied>> applied = new Int2ObjectOpenHashMap<>();
    final List<Left> left = new ArrayList<>();
    final List<Left> away = new ArrayList<>();
    final List<GamePlayer> back = new ArrayList<>();
    final List<GamePlayer> joined = new ArrayList<>();
    final List<Boom> sentEvents = new ArrayList<>();

    /** A sent event with the tick it was sent in. */
    record Boom(long tick, int n) {
    }

    TestGame(int entities, boolean record) {
        this.entities = entities;
        this.record = record;
    }

    static float x(int id, long tick) {
        return 100f + (30f + id % 50) * (float) Math.cos(0.02 * tick * (1 + id % 3) + id);
    }

    static float y(int id, long tick) {
        return 100f + (30f + id % 50) * (float) Math.sin(0.02 * tick * (1 + id % 3) + id);
    }

    static float viewX(int playerIndex) {
        return 50f + (40f * playerIndex) % 120f;
    }

    @Override
    public void playerJoined(GamePlayer p) {
        int index = p.id() - 1; // peer ids follow the order clients connected in
        joined.add(p);
        p.userData(index);
        p.setViewpoint(viewX(index), 100f);
        if (eventEvery > 0) {
            sendBoom(p, server.tick(), -1);
        }
    }

    @Override
    public void playerLeft(GamePlayer p, DisconnectReason reason, String detail) {
        left.add(new Left(p.id(), reason, detail));
    }

    @Override
    public void playerAway(GamePlayer p, DisconnectReason reason, String detail) {
        away.add(new Left(p.id(), reason, detail));
    }

    @Override
    public void playerBack(GamePlayer p) {
        back.add(p);
    }

    @Override
    public void applyInput(GamePlayer p, InputRecord input) {
        applyCalls++;
        if (record) {
            applied.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(new Applied(input.tick(), input.isRepeated(),
                    Arrays.copyOf(input.bytes(), input.length())));
        }
    }

    @Override
    public void step(long tick) {
        steps++;
        if (eventEvery > 0 && tick % eventEvery == 0) {
            // A burst of two events in one tick: one TickStamp.
            for (int n = 0; n < 2; n++) {
                GameHarness.Boom b = new GameHarness.Boom(tick, n);
                int queued = server.broadcastEvent(b);
                if (queued != server.playerCount()) {
                    throw new AssertionError("broadcast queued " + queued + " of " + server.playerCount());
                }
                sentEvents.add(new Boom(tick, n));
            }
        }
    }

    private void sendBoom(GamePlayer p, long tick, int n) {
        p.send(new GameHarness.Boom(tick, n), io.tickwire.net.replication.GameChannels.EVENTS);
    }

    @Override
    public void writeWorld(long tick, WorldWriter world) {
        for (int id = 0; id < entities; id++) {
            int i = world.add(id, 1, x(id, tick), y(id, tick));
            world.setFloat(i, 0, x(id, tick));
            world.setFloat(i, 1, y(id, tick));
            world.set(i, 2, id % 100);
        }
    }

    /** The world at {@code tick} as a client viewing from ({@code vx}, {@code vy}) may see it. */
    void expected(long tick, float vx, float vy, InterestPolicy interest, Snapshot out) {
        out.clear(0);
        for (int id = 0; id < entities; id++) {
            if (interest.relevance(vx, vy, id, x(id, tick), y(id, tick)) > 0) {
                int i = out.add(id, 1);
                out.setFloat(i, 0, x(id, tick));
                out.setFloat(i, 1, y(id, tick));
                out.set(i, 2, id % 100);
            }
        }
    }
}
