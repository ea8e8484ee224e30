package io.tickwire.arena.sim;

import io.tickwire.net.replication.FieldSpec;
import io.tickwire.net.replication.ReplicationSchema;

/**
 * What the arena's server and clients share byte for byte: the rules' numbers, the replication schema,
 * the input encoding and the movement step (which the server runs and the client repeats to predict its
 * own player). The step snaps positions to the schema's grid after every tick, so a client replaying its
 * inputs from a snapshot's state lands exactly where the server did.
 */
public final class Arena {
    /** Bumped whenever the rules or the wire change; a client of another version is told so. */
    public static final int VERSION = 1;
    /** The version as players read it. */
    public static final String VERSION_NAME = "arena-1";

    public static final int TICK_RATE = 60;
    public static final int SNAPSHOT_RATE = 30;
    public static final float DT = 1f / TICK_RATE;
    public static final int MAX_PLAYERS = 16;

    /** Player speed in metres per second. */
    public static final float SPEED = 7f;
    /** Half-size of a player against walls, and its hit circle radius. */
    public static final float RADIUS = 0.5f;
    public static final int MAX_HP = 100;
    public static final int SHOT_DAMAGE = 25;
    public static final float SHOT_RANGE = 40f;
    /** Ticks between two shots of one player while the button is held. */
    public static final int FIRE_COOLDOWN_TICKS = 15;
    public static final int RESPAWN_TICKS = 3 * TICK_RATE;
    /** How far back lag compensation may rewind a shot. */
    public static final long REWIND_WINDOW_NANOS = 400_000_000L;

    /** Entity types. */
    public static final int PLAYER = 1;

    /** Player fields. */
    public static final int F_X = 0;
    public static final int F_Y = 1;
    public static final int F_AIM = 2;
    public static final int F_HP = 3;
    public static final int F_ALIVE = 4;
    /** Shots fired, modulo 16: a change tells the client to draw a tracer. */
    public static final int F_SHOTS = 5;
    /** Length of the last shot's tracer in metres. */
    public static final int F_SHOT_LEN = 6;
    public static final int F_COLOUR = 7;
    public static final int SHOT_COUNTER_MOD = 16;
    public static final int COLOURS = 16;

    /** Buttons. */
    public static final int UP = 1;
    public static final int DOWN = 2;
    public static final int LEFT = 4;
    public static final int RIGHT = 8;
    public static final int FIRE = 16;

    /** Input bytes: buttons u8, aim u16 (a full turn in 65536 steps), shot render tick u32 (low bits), render fraction u8. */
    public static final int INPUT_BYTES = 8;

    /** Predicted state of the local player: x, y, alive (1 or 0). */
    public static final int STATE_X = 0;
    public static final int STATE_Y = 1;
    public static final int STATE_ALIVE = 2;
    public static final int STATE_SIZE = 3;

    /** Interpolated channels of a remote player: x, y, aim (an angle channel). */
    public static final int CHANNELS = 3;
    public static final int CHANNEL_AIM = 2;

    private static final ArenaMap MAP = ArenaMap.foundry();

    public static final ReplicationSchema SCHEMA = ReplicationSchema.builder()
            .entityIdBits(8)
            .type(PLAYER, "player",
                    FieldSpec.quantizedFloat("x", 0, 48, 1 / 64f),
                    FieldSpec.quantizedFloat("y", 0, 32, 1 / 64f),
                    FieldSpec.angle("aim", 10),
                    FieldSpec.uint("hp", 7),
                    FieldSpec.bool("alive"),
                    FieldSpec.uint("shots", 4),
                    FieldSpec.quantizedFloat("shotLen", 0, 64, 1 / 16f),
                    FieldSpec.uint("colour", 4))
            .build();

    private static final FieldSpec X = SCHEMA.type(PLAYER).field(F_X);
    private static final FieldSpec Y = SCHEMA.type(PLAYER).field(F_Y);

    private Arena() {
    }

    /** The map every arena server runs. */
    public static ArenaMap map() {
        return MAP;
    }

    /** Writes one input at {@code dst[off]}; returns {@link #INPUT_BYTES}. */
    public static int encodeInput(byte[] dst, int off, int buttons, float aim, long renderTick, float renderFraction) {
        double turn = 2 * Math.PI;
        double a = aim % turn;
        if (a < 0) {
            a += turn;
        }
        int q = (int) Math.round(a / turn * 65536) & 0xFFFF;
        dst[off] = (byte) buttons;
        dst[off + 1] = (byte) q;
        dst[off + 2] = (byte) (q >>> 8);
        dst[off + 3] = (byte) renderTick;
        dst[off + 4] = (byte) (renderTick >>> 8);
        dst[off + 5] = (byte) (renderTick >>> 16);
        dst[off + 6] = (byte) (renderTick >>> 24);
        dst[off + 7] = (byte) Math.max(0, Math.min(255, (int) (renderFraction * 256)));
        return INPUT_BYTES;
    }

    /** The buttons of the input at {@code in[off]} (0 when it is shorter than one byte). */
    public static int buttons(byte[] in, int off, int len) {
        return len >= 1 ? in[off] & 0xFF : 0;
    }

    /** The aim of an input in radians, [0, 2 pi). */
    public static float aim(byte[] in, int off) {
        int q = (in[off + 1] & 0xFF) | (in[off + 2] & 0xFF) << 8;
        return (float) (2 * Math.PI * q / 65536);
    }

    /** The render tick a shot was aimed at, widened near {@code nearTick} (32 low bits on the wire). */
    public static long renderTick(byte[] in, int off, long nearTick) {
        int low = (in[off + 3] & 0xFF) | (in[off + 4] & 0xFF) << 8 | (in[off + 5] & 0xFF) << 16 | (in[off + 6] & 0xFF) << 24;
        return nearTick + (low - (int) nearTick);
    }

    /** The fraction between the render tick and the next, [0, 1). */
    public static float renderFraction(byte[] in, int off) {
        return (in[off + 7] & 0xFF) / 256f;
    }

    /** {@code v} snapped to the replication grid of a position. */
    public static float snapX(float v) {
        return X.dequantize(X.quantize(v));
    }

    /** {@code v} snapped to the replication grid of a position. */
    public static float snapY(float v) {
        return Y.dequantize(Y.quantize(v));
    }

    /**
     * One fixed step of a player: {@code state} = {x, y, alive}; a living player moves by the buttons
     * ({@code buttons}), stopped by the walls, then snaps to the replication grid. The dead stand still.
     */
    public static void step(float[] state, int buttons) {
        if (state[STATE_ALIVE] == 0f) {
            return;
        }
        float dx = ((buttons & RIGHT) != 0 ? 1 : 0) - ((buttons & LEFT) != 0 ? 1 : 0);
        float dy = ((buttons & UP) != 0 ? 1 : 0) - ((buttons & DOWN) != 0 ? 1 : 0);
        if (dx != 0 && dy != 0) {
            dx *= 0.70710677f;
            dy *= 0.70710677f;
        }
        float x = state[STATE_X];
        float y = state[STATE_Y];
        x = snapX(MAP.moveX(x, y, dx * SPEED * DT, RADIUS));
        y = snapY(MAP.moveY(x, y, dy * SPEED * DT, RADIUS));
        state[STATE_X] = x;
        state[STATE_Y] = y;
    }
}
