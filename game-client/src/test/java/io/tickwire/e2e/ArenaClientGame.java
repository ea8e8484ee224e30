package io.tickwire.e2e;

import io.tickwire.client.ClientGame;
import io.tickwire.client.GameClient;
import io.tickwire.client.SampleKind;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.replication.Snapshot;
import java.util.HashMap;
import java.util.Map;

/**
 * The client side of {@link TopDown}: a seeded bot presses the buttons (or the player stands still),
 * prediction uses the shared step, and shots aim at where a drone is drawn (its interpolated position)
 * naming the render tick, as a player clicking on what they see would. Records its predictions by
 * client tick for the tests.
 */
public final class ArenaClientGame implements ClientGame {
    private final TopDown.Bot bot;
    private final boolean moves;
    private final int targetDrone;
    private final int firePeriodTicks;
    private final boolean record;
    private final float[] predicted = new float[2];
    private final float[] origin = new float[2];
    private final float[] remote = new float[2];
    private final byte[] buttonsOnly = new byte[1];
    private GameClient client;
    private long sampledTick = -1;
    private long firstTick = -1;
    /** The client's prediction made when it sampled tick t: t -> {x, y}. */
    public final Map<Long, float[]> predictedAt = new HashMap<>();
    public long shotsAtInterpolated;
    public long shotsSkipped;
    public long kills;
    public long events;
    public DisconnectReason disconnectReason;
    /** Connection events in order (reconnecting n REASON, reconnected, disconnected REASON detail). */
    public final java.util.List<String> log = new java.util.ArrayList<>();

    /**
     * @param seed the bot's seed
     * @param moves whether the bot walks (false: stands still)
     * @param targetDrone drone index to shoot at, or -1 for no shooting
     * @param firePeriodTicks shoot every this many client ticks
     * @param record keep predictions by tick (allocates; off for benchmarks)
     */
    public ArenaClientGame(long seed, boolean moves, int targetDrone, int firePeriodTicks, boolean record) {
        this.bot = new TopDown.Bot(seed);
        this.moves = moves;
        this.targetDrone = targetDrone;
        this.firePeriodTicks = firePeriodTicks;
        this.record = record;
    }

    public void attach(GameClient c) {
        this.client = c;
    }

    @Override
    public int sampleInput(long clientTick, byte[] dst) {
        boolean have = client.isPredicting() && client.predictedState(predicted);
        int buttons = moves && have ? bot.next(predicted[0], predicted[1]) & ~TopDown.FIRE : 0;
        float aim = 0;
        long shotTick = 0;
        float fraction = 0;
        if (firstTick < 0) {
            firstTick = clientTick;
        }
        // Fire from ten seconds in: the clock has locked (its input feedback too) and the interpolation delay settled.
        if (have && targetDrone >= 0 && clientTick % firePeriodTicks == 0 && clientTick - firstTick >= 10 * TopDown.TICK_RATE) {
            SampleKind kind = client.sampleRemote(ArenaServerGame.FIRST_DRONE_ENTITY + targetDrone, remote);
            if (kind == SampleKind.INTERPOLATED) {
                // Aim from where this tick's step will put us (the server shoots from there too).
                origin[0] = predicted[0];
                origin[1] = predicted[1];
                buttonsOnly[0] = (byte) buttons;
                TopDown.step(origin, buttonsOnly, 0, 1);
                aim = (float) Math.atan2(remote[1] - origin[1], remote[0] - origin[0]);
                double rt = client.renderTick();
                shotTick = (long) Math.floor(rt);
                fraction = (float) (rt - shotTick);
                buttons |= TopDown.FIRE;
                shotsAtInterpolated++;
            } else {
                shotsSkipped++;
            }
        }
        sampledTick = clientTick;
        return TopDown.encodeInput(dst, 0, buttons, aim, shotTick, fraction);
    }

    @Override
    public void readPredicted(Snapshot s, int index, float[] state) {
        state[0] = s.getFloat(index, TopDown.F_X);
        state[1] = s.getFloat(index, TopDown.F_Y);
    }

    @Override
    public void predict(float[] state, byte[] input, int off, int len) {
        TopDown.step(state, input, off, len);
        if (sampledTick >= 0) {
            if (record) {
                predictedAt.put(sampledTick, state.clone());
            }
            sampledTick = -1;
        }
    }

    @Override
    public void readInterpolated(Snapshot s, int index, float[] channels) {
        channels[0] = s.getFloat(index, TopDown.F_X);
        channels[1] = s.getFloat(index, TopDown.F_Y);
    }

    @Override
    public void event(Object event, long serverTick) {
        handle(event);
    }

    @Override
    public void received(Object message, int channel) {
        handle(message);
    }

    private void handle(Object m) {
        events++;
        if (m instanceof TopDown.Welcome w) {
            client.setLocalEntity(w.entityId);
        } else if (m instanceof TopDown.Kill) {
            kills++;
        }
    }

    @Override
    public void reconnecting(int attempt, long delayNanos, DisconnectReason reason, String detail) {
        log.add("reconnecting " + attempt + " " + reason);
    }

    @Override
    public void reconnected(boolean resumed) {
        log.add(resumed ? "reconnected" : "reconnected as a new player");
    }

    @Override
    public void disconnected(DisconnectReason reason, String detail) {
        log.add("disconnected " + reason + " " + detail);
        disconnectReason = reason;
    }
}
