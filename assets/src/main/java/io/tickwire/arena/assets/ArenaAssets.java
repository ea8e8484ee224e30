package io.tickwire.arena.assets;

import java.util.List;

/**
 * Classpath paths of every arena resource and the names of the atlas regions, so game code refers to
 * names, not strings: {@code new TextureAtlas(Gdx.files.classpath(ArenaAssets.ATLAS))}, then
 * {@code atlas.findRegion(ArenaAssets.Regions.SHIP)}. This class needs no libGDX.
 */
public final class ArenaAssets {

    /** Folder all arena resources live under on the classpath. */
    public static final String ROOT = "tickwire/arena/";

    /** The texture atlas (libGDX text format, one 1024x256 page, linear filtering, not premultiplied). */
    public static final String ATLAS = ROOT + "atlas/arena.atlas";
    /** The atlas page image; {@link #ATLAS} names it, so games load the .atlas, not this. */
    public static final String ATLAS_PAGE = ROOT + "atlas/arena.png";
    /** The 128x128 floor tile as its own texture, for {@code Texture.setWrap(Repeat, Repeat)}. */
    public static final String FLOOR_TEXTURE = ROOT + "textures/floor.png";

    /** DejaVu Sans 16 px: body text, names above ships, kill feed, lists. */
    public static final String FONT_UI_16 = ROOT + "fonts/ui-16.fnt";
    /** DejaVu Sans Bold 24 px: buttons, headings, the name field. */
    public static final String FONT_UI_24 = ROOT + "fonts/ui-24.fnt";
    /** DejaVu Sans Bold 48 px: big centred messages (countdown, "Victory", "You died"). */
    public static final String FONT_TITLE_48 = ROOT + "fonts/title-48.fnt";
    /** DejaVu Sans Mono 14 px: numbers that must not jiggle, the net graph, the scoreboard's columns. */
    public static final String FONT_MONO_14 = ROOT + "fonts/mono-14.fnt";
    /** The DejaVu licence, which must travel with the fonts. */
    public static final String FONT_LICENSE = ROOT + "fonts/LICENSE-DejaVu.txt";

    /** A laser shot, 0.17 s. */
    public static final String SOUND_SHOT = ROOT + "sounds/shot.wav";
    /** A shot hit a player, 0.14 s. */
    public static final String SOUND_HIT = ROOT + "sounds/hit.wav";
    /** A player died, 0.95 s. */
    public static final String SOUND_EXPLOSION = ROOT + "sounds/explosion.wav";
    /** A player respawned, 0.62 s. */
    public static final String SOUND_RESPAWN = ROOT + "sounds/respawn.wav";
    /** A UI button was pressed, 0.045 s. */
    public static final String SOUND_CLICK = ROOT + "sounds/click.wav";
    /** A player joined the match, 0.45 s. */
    public static final String SOUND_JOIN = ROOT + "sounds/join.wav";

    /** Every font, in size order. */
    public static final List<String> FONTS = List.of(FONT_MONO_14, FONT_UI_16, FONT_UI_24, FONT_TITLE_48);
    /** Every sound. */
    public static final List<String> SOUNDS =
            List.of(SOUND_SHOT, SOUND_HIT, SOUND_EXPLOSION, SOUND_RESPAWN, SOUND_CLICK, SOUND_JOIN);
    /** Every file this module ships under {@link #ROOT} (font pages included), for preloading or checks. */
    public static final List<String> ALL = List.of(ATLAS, ATLAS_PAGE, FLOOR_TEXTURE,
            FONT_MONO_14, ROOT + "fonts/mono-14.png", FONT_UI_16, ROOT + "fonts/ui-16.png",
            FONT_UI_24, ROOT + "fonts/ui-24.png", FONT_TITLE_48, ROOT + "fonts/title-48.png", FONT_LICENSE,
            SOUND_SHOT, SOUND_HIT, SOUND_EXPLOSION, SOUND_RESPAWN, SOUND_CLICK, SOUND_JOIN);

    /** Frames in the {@link Regions#EXPLOSION} animation ({@code atlas.findRegions}), meant for about 0.4 s. */
    public static final int EXPLOSION_FRAMES = 6;
    /**
     * Transparent margin, in pixels, around the body of {@link Regions#WALL_PATCH}; it holds the outer
     * glow, so draw the patch this much larger than the obstacle's box on every side.
     */
    public static final int WALL_PATCH_MARGIN = 8;
    /** Distance from the ship sprite's centre to its nose, along its facing: where shots start. */
    public static final int SHIP_NOSE_OFFSET = 24;
    /** Distance from the ship sprite's centre to its engines, behind it: the thruster's right edge goes here. */
    public static final int SHIP_TAIL_OFFSET = 22;
    /** X of the muzzle flash's origin in its 32x32 region (y is the middle); the flash points right from it. */
    public static final int MUZZLE_ORIGIN_X = 4;

    /**
     * Atlas region names. White or grey regions are meant to be tinted ({@code batch.setColor}); glow
     * regions look best drawn additively ({@code batch.setBlendFunction(GL20.GL_SRC_ALPHA, GL20.GL_ONE)}).
     * Every sprite faces right (angle 0).
     */
    public static final class Regions {
        /** Player ship, 64x64, white and greys: tint with the player's colour. */
        public static final String SHIP = "ship";
        /** Soft halo of the ship's outline, 64x64, same centre: draw additively under the ship, tinted. */
        public static final String SHIP_GLOW = "ship_glow";
        /** Solid white ship silhouette, 64x64: draw over the ship for a few frames when hit. */
        public static final String SHIP_FLASH = "ship_flash";
        /** Engine flame, 32x16, pointing left; its right edge sits at the ship's tail. Additive, tinted. */
        public static final String THRUSTER = "thruster";
        /** Projectile, 24x10, white core with glow. Additive, tinted. */
        public static final String BULLET = "bullet";
        /** Hitscan beam cross-section, 32x16, uniform along x: stretch it from muzzle to impact. Additive. */
        public static final String TRACER = "tracer";
        /** Muzzle flash, 32x32, origin at ({@link ArenaAssets#MUZZLE_ORIGIN_X}, 16), pointing right. Additive. */
        public static final String MUZZLE = "muzzle";
        /** Round soft particle, 16x16, for sparks and trails. Additive. */
        public static final String SPARK = "spark";
        /** Impact star, 32x32, centred. Additive. */
        public static final String HIT = "hit";
        /** Death explosion, {@link ArenaAssets#EXPLOSION_FRAMES} frames of 64x64 in colour (index 0..5): {@code findRegions}. */
        public static final String EXPLOSION = "explosion";
        /** Floor tile, 128x128, tiles seamlessly; see also {@link ArenaAssets#FLOOR_TEXTURE}. */
        public static final String FLOOR = "floor";
        /** Wall block, 64x64, tiles as a row of lit blocks. */
        public static final String WALL = "wall";
        /** Obstacle of any size, 9-patch 48x48 with a {@link ArenaAssets#WALL_PATCH_MARGIN} px glow margin. */
        public static final String WALL_PATCH = "wall_patch";
        /** Crosshair, 32x32, white with a dark rim, centred on the mouse. */
        public static final String CROSSHAIR = "crosshair";
        /** Translucent rounded panel, 9-patch 32x32: menus, scoreboard, kill feed, net graph. */
        public static final String PANEL = "panel";
        /** Button, 9-patch 32x32, idle. */
        public static final String BUTTON_NORMAL = "button_normal";
        /** Button, 9-patch 32x32, under the mouse. */
        public static final String BUTTON_HOVER = "button_hover";
        /** Button, 9-patch 32x32, held down or checked. */
        public static final String BUTTON_PRESSED = "button_pressed";
        /** Button, 9-patch 32x32, disabled. */
        public static final String BUTTON_DISABLED = "button_disabled";
        /** Text field, 9-patch 32x32, unfocused. */
        public static final String TEXTFIELD = "textfield";
        /** Text field, 9-patch 32x32, focused. */
        public static final String TEXTFIELD_FOCUSED = "textfield_focused";
        /** Health bar background, 9-patch 16x10. */
        public static final String HEALTHBAR_BG = "healthbar_bg";
        /** Health bar fill, 9-patch 12x10, white: tint with HEALTH_HIGH/MID/LOW from {@link ArenaPalette}. */
        public static final String HEALTHBAR_FILL = "healthbar_fill";
        /** "TICKWIRE ARENA" title, 512x160, in colour with its glow. */
        public static final String LOGO = "logo";
        /** Kill feed arrow (laser bolt), 24x24, white. */
        public static final String ICON_KILL = "icon_kill";
        /** Deaths, 24x24, white. */
        public static final String ICON_DEATH = "icon_death";
        /** Password-protected server, 24x24, white. */
        public static final String ICON_LOCK = "icon_lock";
        /** Latency bars, 24x24, white. */
        public static final String ICON_PING = "icon_ping";
        /** Human player, 24x24, white. */
        public static final String ICON_PLAYER = "icon_player";
        /** Bot player, 24x24, white. */
        public static final String ICON_BOT = "icon_bot";
        /** One white pixel, padded so linear filtering stays white: lines, rectangles, graphs. */
        public static final String WHITE = "white";

        /** Every region name (the explosion counts once; it has {@link ArenaAssets#EXPLOSION_FRAMES} frames). */
        public static final List<String> ALL = List.of(SHIP, SHIP_GLOW, SHIP_FLASH, THRUSTER, BULLET, TRACER, MUZZLE,
                SPARK, HIT, EXPLOSION, FLOOR, WALL, WALL_PATCH, CROSSHAIR, PANEL, BUTTON_NORMAL, BUTTON_HOVER,
                BUTTON_PRESSED, BUTTON_DISABLED, TEXTFIELD, TEXTFIELD_FOCUSED, HEALTHBAR_BG, HEALTHBAR_FILL, LOGO,
                ICON_KILL, ICON_DEATH, ICON_LOCK, ICON_PING, ICON_PLAYER, ICON_BOT, WHITE);
        /** The 9-patch regions ({@code atlas.createPatch(name)}). */
        public static final List<String> NINE_PATCHES = List.of(WALL_PATCH, PANEL, BUTTON_NORMAL, BUTTON_HOVER,
                BUTTON_PRESSED, BUTTON_DISABLED, TEXTFIELD, TEXTFIELD_FOCUSED, HEALTHBAR_BG, HEALTHBAR_FILL);

        private Regions() {
        }
    }

    private ArenaAssets() {
    }
}
