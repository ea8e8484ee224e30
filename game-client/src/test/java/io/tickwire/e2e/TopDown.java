package io.tickwire.e2e;

import io.tickwire.net.replication.FieldSpec;
import io.tickwire.net.serial.MessageRegistry;
import io.tickwire.net.replication.ReplicationSchema;

/**
 * A small top-down game used by the end-to-end tests and the arena benchmark: players move with
 * WASD-like buttons at a fixed speed inside a square arena, aim, and fire hitscan shots that name
 * the tick the shooter was displaying (for lag compensation); drones fly scripted circles. The
 * movement step is shared by server and client (prediction), and quantizes the position to the
 * schema's grid after every step, so a replay from a snapshot's state reproduces the server exactly.
 */
public final class TopDown {
    /** Arena side in metres. */
    public static final float SIZE = 128f;
    /** Player speed in metres per second. */
    public static final float SPEED = 6f;
    /** Hit circle radius of a player. */
    public static final float RADIUS = 0.5f;
    public static final int TICK_RATE = 60;
    public static final float DT = 1f / TICK_RATE;

    public static final int PLAYER = 1;
    public static final int DRONE = 2;
    public static final int F_X = 0;
    public static final int F_Y = 1;
    public static final int F_AIM = 2;
    public static final int F_HP = 3;

    public static final int UP = 1;
    public static final int DOWN = 2;
    public static final int LEFT = 4;
    public static final int RIGHT = 8;
    public static final int FIRE = 16;

    /** Input bytes: buttons u8, aim u16 (a full turn in 65536 steps), shot render tick u32, shot fraction u8. */
    public static final int INPUT_BYTES = 8;

    public static final ReplicationSchema SCHEMA = ReplicationSchema.builder()
            .entityIdBits(10)
            .type(PLAYER, "player",
                    FieldSpec.quantizedFloat("x", 0, SIZE, 1 / 64f),
                    FieldSpec.quantizedFloat("y", 0, SIZE, 1 / 64f),
                    FieldSpec.angle("aim", 10),
                    FieldSpec.uint("hp", 7))
            .type(DRONE, "drone",
                    FieldSpec.quantizedFloat("x", 0, SIZE, 1 / 64f),
                    FieldSpec.quantizedFloat("y", 0, SIZE, 1 / 64f))
            .build();

    private static final FieldSpec X = SCHEMA.type(PLAYER).field(F_X);
    private static final FieldSpec Y = SCHEMA.type(PLAYER).field(F_Y);

    /** The registry both sides share: a welcome naming the player's entity, and a kill event. */
    public static final MessageRegistry REGISTRY = MessageRegistry.builder()
            .register(Welcome.class, 16)
            .register(Kill.class, 17)
            .build();

    /** Sent to a player when it joins: which entity is its own. */
    public static final class Welcome {
        public int entityId;

        public Welcome() {
        }

        public Welcome(int entityId) {
            this.entityId = entityId;
        }
    }

    /** Broadcast when a player's health runs out. */
    public static final class Kill {
        public int killer;
        public int victim;

        public Kill() {
        }

        public Kill(int killer, int victim) {
            this.killer = killer;
            this.victim = victim;
        }
    }

    private TopDown() {
    }

    /** {@code v} snapped to the replication grid of a position. */
    public static float quantized(float v) {
        return X.dequantize(X.quantize(v));
    }

    /** Writes one input; returns {@link #INPUT_BYTES}. */
    public static int encodeInput(byte[] dst, int off, int buttons, float aim, long shotRenderTick, float shotFraction) {
        double turn = 2 * Math.PI;
        double a = aim % turn;
        if (a < 0) {
            a += turn;
        }
        int q = (int) Math.round(a / turn * 65536) & 0xFFFF;
        dst[off] = (byte) buttons;
        dst[off + 1] = (byte) q;
        dst[off + 2] = (byte) (q >>> 8);
        dst[off + 3] = (byte) shotRenderTick;
        dst[off + 4] = (byte) (shotRenderTick >>> 8);
        dst[off + 5] = (byte) (shotRenderTick >>> 16);
        dst[off + 6] = (byte) (shotRenderTick >>> 24);
        dst[off + 7] = (byte) Math.max(0, Math.min(255, (int) (shotFraction * 256)));
        return INPUT_BYTES;
    }

    public static int buttons(byte[] in, int off) {
        return in[off] & 0xFF;
    }

    public static float aim(byte[] in, int off) {
        int q = (in[off + 1] & 0xFF) | (in[off + 2] & 0xFF) << 8;
        return (float) (2 * Math.PI * q / 65536);
    }

    /** The render tick a shot was aimed at, widened near {@code nearTick} (32 low bits on the wire). */
    public static long shotRenderTick(byte[] in, int off, long nearTick) {
        int low = (in[off + 3] & 0xFF) | (in[off + 4] & 0xFF) << 8 | (in[off + 5] & 0xFF) << 16 | (in[off + 6] & 0xFF) << 24;
        return nearTick + (low - (int) nearTick);
    }

    public static float shotFraction(byte[] in, int off) {
        return (in[off + 7] & 0xFF) / 256f;
    }

    /**
     * One fixed step of a player: {@code state} = {x, y}; moves by the buttons of the input at
     * {@code in[off]} (length 0: stands still), clamps to the arena and snaps to the replication grid.
     */
    public static void step(float[] state, byte[] in, int off, int len) {
        if (len >= 1) {
            int b = buttons(in, off);
            float dx = ((b & RIGHT) != 0 ? 1 : 0) - ((b & LEFT) != 0 ? 1 : 0);
            float dy = ((b & UP) != 0 ? 1 : 0) - ((b & DOWN) != 0 ? 1 : 0);
            if (dx != 0 && dy != 0) {
                dx *= 0.70710677f;
                dy *= 0.70710677f;
            }
            state[0] += dx * SPEED * DT;
            state[1] += dy * SPEED * DT;
        }
        state[0] = X.dequantize(X.quantize(state[0]));
        state[1] = Y.dequantize(Y.quantize(state[1]));
    }

    /** Where drone {@code k} is at {@code tick}: a circle of radius 6 m, one turn in 4 s. */
    public static float droneX(int k, long tick) {
        return 20f + 12f * (k % 8) + 6f * (float) Math.cos(tick * (2 * Math.PI / (4 * TICK_RATE)) + k);
    }

    public static float droneY(int k, long tick) {
        return 20f + 12f * (k / 8) + 6f * (float) Math.sin(tick * (2 * Math.PI / (4 * TICK_RATE)) + k);
    }

    /** A seeded bot's buttons: a random heading held for a random number of ticks, firing now and then. */
    public static final class Bot {
        private final java.util.SplittableRandom rnd;
        private int buttons;
        private int holdTicks;

        public Bot(long seed) {
            this.rnd = new java.util.SplittableRandom(seed);
        }

        /** The buttons for the next tick, turning back from the walls at {@code (x, y)}. */
        public int next(float x, float y) {
            if (--holdTicks <= 0) {
                holdTicks = 10 + rnd.nextInt(50);
                buttons = 0;
                int dir = rnd.nextInt(9);
                buttons |= dir % 3 == 0 ? LEFT : dir % 3 == 1 ? RIGHT : 0;
                buttons |= dir / 3 == 0 ? DOWN : dir / 3 == 1 ? UP : 0;
            }
            if (x < 4) {
                buttons = (buttons & ~LEFT) | RIGHT;
            } else if (x > SIZE - 4) {
                buttons = (buttons & ~RIGHT) | LEFT;
            }
            if (y < 4) {
                buttons = (buttons & ~DOWN) | UP;
            } else if (y > SIZE - 4) {
                buttons = (buttons & ~UP) | DOWN;
            }
            return rnd.nextInt(20) == 0 ? buttons | FIRE : buttons & ~FIRE;
        }
    }
}
