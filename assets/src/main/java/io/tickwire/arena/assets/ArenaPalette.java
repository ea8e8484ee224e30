package io.tickwire.arena.assets;

/**
 * The arena's colours as RGBA8888 ints ({@code 0xRRGGBBAA}, what libGDX's {@code new Color(int)} takes);
 * the art was generated with these, so game code that uses them matches the sprites.
 */
public final class ArenaPalette {

    /** Floor base, the darkest colour on screen (#0A0E1A). */
    public static final int FLOOR = 0x0A0E1AFF;
    /** Minor floor grid lines (#131B2E). */
    public static final int GRID_MINOR = 0x131B2EFF;
    /** Major floor grid lines at tile edges (#1D2A48). */
    public static final int GRID_MAJOR = 0x1D2A48FF;
    /** Wall and obstacle body (#161F36). */
    public static final int WALL = 0x161F36FF;
    /** Wall bevel and inactive UI borders (#3A4A72). */
    public static final int STEEL = 0x3A4A72FF;
    /** The main neon accent: wall edges, UI borders, the logo (#2CE5FF). */
    public static final int NEON_CYAN = 0x2CE5FFFF;
    /** The second accent: the logo's "ARENA", highlights (#FF3D9A). */
    public static final int NEON_MAGENTA = 0xFF3D9AFF;
    /** Warnings, the kill feed's killer name, explosion core (#FFD23F). */
    public static final int NEON_YELLOW = 0xFFD23FFF;
    /** Full health (#4DFF88). */
    public static final int HEALTH_HIGH = 0x4DFF88FF;
    /** Half health (#FFD23F). */
    public static final int HEALTH_MID = 0xFFD23FFF;
    /** Low health, damage numbers (#FF4757). */
    public static final int HEALTH_LOW = 0xFF4757FF;
    /** Explosion rim (#FF8C3A). */
    public static final int EXPLOSION = 0xFF8C3AFF;
    /** UI panel fill; the panel 9-patch already carries its translucency (#0E1426). */
    public static final int PANEL = 0x0E1426FF;
    /** Body text on panels (#E8F1FF). */
    public static final int TEXT = 0xE8F1FFFF;
    /** Secondary text: hints, column headers, the net graph's labels (#8A9BBF). */
    public static final int TEXT_DIM = 0x8A9BBFFF;

    /**
     * Sixteen player colours, ordered so that every prefix is as spread out as possible (the first
     * eight differ pairwise by at least 120 in summed RGB channels; each next one is the farthest from
     * those before it), so a small game gets the easiest to tell apart. The white ship is tinted with these.
     */
    private static final int[] PLAYERS = {
        0x2CE5FFFF, // cyan
        0xFF3D9AFF, // magenta
        0xFFD23FFF, // yellow
        0x4DFF88FF, // green
        0x3D7BFFFF, // blue
        0xFF7BEAFF, // pink
        0xB8A8FFFF, // lavender
        0xE6EDF7FF, // silver
        0xFFB38AFF, // peach
        0xC6FF3DFF, // lime
        0x7FD8FFFF, // sky
        0x9A6BFFFF, // violet
        0x2DFFC4FF, // mint
        0xD9A441FF, // gold
        0xFF4757FF, // red
        0xFF8C3AFF, // orange
    };

    /** How many distinct player colours there are. */
    public static final int PLAYER_COLORS = 16;

    private ArenaPalette() {
    }

    /**
     * The RGBA8888 colour of a player slot; slots past the last colour wrap around.
     *
     * @throws IllegalArgumentException if {@code slot} is negative
     */
    public static int player(int slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("player slot must be >= 0, was " + slot);
        }
        return PLAYERS[slot % PLAYERS.length];
    }

    /** The colour as {@code 0xRRGGBB}, dropping alpha (what java.awt and CSS-style hex use). */
    public static int rgb(int rgba8888) {
        return rgba8888 >>> 8;
    }
}
