package io.tickwire.arena.desktop;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.NinePatch;
import com.badlogic.gdx.graphics.g2d.TextureAtlas;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.TextButton;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import com.badlogic.gdx.scenes.scene2d.utils.NinePatchDrawable;
import com.badlogic.gdx.scenes.scene2d.utils.TextureRegionDrawable;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.Disposable;
import io.tickwire.arena.assets.ArenaAssets;
import io.tickwire.arena.assets.ArenaAssets.Regions;
import io.tickwire.arena.assets.ArenaPalette;
import io.tickwire.arena.sim.Arena;

/**
 * Everything the desktop game draws with, loaded once from the assets module: the atlas and its regions
 * and 9-patches, the four bitmap fonts, the tiled floor texture, the palette as libGDX colours, and the
 * scene2d styles of the menus. Render thread; disposed with the game.
 */
public final class ArenaArt implements Disposable {
    /** The atlas. */
    public final TextureAtlas atlas;
    /** Body text, 16 px. */
    public final BitmapFont ui16;
    /** Buttons and headings, bold 24 px. */
    public final BitmapFont ui24;
    /** Big messages, bold 48 px. */
    public final BitmapFont title48;
    /** Numbers and the net graph, mono 14 px. */
    public final BitmapFont mono14;
    /** The floor tile as a repeating texture. */
    public final Texture floor;

    /** Player ship, white: tint it. */
    public final TextureRegion ship;
    /** Ship halo, drawn additively. */
    public final TextureRegion shipGlow;
    /** Ship silhouette for hit flashes. */
    public final TextureRegion shipFlash;
    /** Engine flame. */
    public final TextureRegion thruster;
    /** Stretchable beam. */
    public final TextureRegion tracer;
    /** Muzzle flash. */
    public final TextureRegion muzzle;
    /** Impact star. */
    public final TextureRegion hit;
    /** Death explosion frames. */
    public final Array<TextureAtlas.AtlasRegion> explosion;
    /** Crosshair. */
    public final TextureRegion crosshair;
    /** The title logo. */
    public final TextureRegion logo;
    /** Icons. */
    public final TextureRegion iconKill;
    /** Deaths icon. */
    public final TextureRegion iconDeath;
    /** Password icon. */
    public final TextureRegion iconLock;
    /** Ping icon. */
    public final TextureRegion iconPing;
    /** Human icon. */
    public final TextureRegion iconPlayer;
    /** Bot icon. */
    public final TextureRegion iconBot;
    /** One white pixel for lines and boxes. */
    public final TextureRegion white;

    /** Obstacle 9-patch (with its glow margin). */
    public final NinePatch wall;
    /** Translucent panel. */
    public final NinePatch panel;
    /** Health bar background. */
    public final NinePatch healthBg;
    /** Health bar fill, white: tint it. */
    public final NinePatch healthFill;

    /** The sixteen player colours, by colour index. */
    public final Color[] players = new Color[Arena.COLOURS];
    /** Body text. */
    public final Color text = new Color(ArenaPalette.TEXT);
    /** Secondary text. */
    public final Color textDim = new Color(ArenaPalette.TEXT_DIM);
    /** Accent. */
    public final Color cyan = new Color(ArenaPalette.NEON_CYAN);
    /** Second accent. */
    public final Color magenta = new Color(ArenaPalette.NEON_MAGENTA);
    /** Warnings. */
    public final Color yellow = new Color(ArenaPalette.NEON_YELLOW);
    /** Full health. */
    public final Color healthHigh = new Color(ArenaPalette.HEALTH_HIGH);
    /** Half health. */
    public final Color healthMid = new Color(ArenaPalette.HEALTH_MID);
    /** Low health and errors. */
    public final Color healthLow = new Color(ArenaPalette.HEALTH_LOW);
    /** Floor base, the clear colour. */
    public final Color floorColour = new Color(ArenaPalette.FLOOR);

    /** Menu button style. */
    public final TextButton.TextButtonStyle button;
    /** Text field style. */
    public final TextField.TextFieldStyle field;
    /** Body label style. */
    public final Label.LabelStyle label;
    /** Dim label style. */
    public final Label.LabelStyle labelDim;
    /** Heading label style. */
    public final Label.LabelStyle heading;
    /** Error label style. */
    public final Label.LabelStyle error;
    /** Error heading style. */
    public final Label.LabelStyle errorHeading;
    /** Panel background for tables. */
    public final NinePatchDrawable panelDrawable;

    /** Loads everything; call on the render thread once the application has started. */
    public ArenaArt() {
        atlas = new TextureAtlas(Gdx.files.classpath(ArenaAssets.ATLAS));
        ui16 = font(ArenaAssets.FONT_UI_16);
        ui24 = font(ArenaAssets.FONT_UI_24);
        title48 = font(ArenaAssets.FONT_TITLE_48);
        mono14 = font(ArenaAssets.FONT_MONO_14);
        floor = new Texture(Gdx.files.classpath(ArenaAssets.FLOOR_TEXTURE));
        floor.setWrap(Texture.TextureWrap.Repeat, Texture.TextureWrap.Repeat);
        floor.setFilter(Texture.TextureFilter.Linear, Texture.TextureFilter.Linear);

        ship = region(Regions.SHIP);
        shipGlow = region(Regions.SHIP_GLOW);
        shipFlash = region(Regions.SHIP_FLASH);
        thruster = region(Regions.THRUSTER);
        tracer = region(Regions.TRACER);
        muzzle = region(Regions.MUZZLE);
        hit = region(Regions.HIT);
        explosion = atlas.findRegions(Regions.EXPLOSION);
        if (explosion.size == 0) {
            throw new IllegalStateException("atlas " + ArenaAssets.ATLAS + " has no '" + Regions.EXPLOSION + "' frames");
        }
        crosshair = region(Regions.CROSSHAIR);
        logo = region(Regions.LOGO);
        iconKill = region(Regions.ICON_KILL);
        iconDeath = region(Regions.ICON_DEATH);
        iconLock = region(Regions.ICON_LOCK);
        iconPing = region(Regions.ICON_PING);
        iconPlayer = region(Regions.ICON_PLAYER);
        iconBot = region(Regions.ICON_BOT);
        white = region(Regions.WHITE);
        wall = atlas.createPatch(Regions.WALL_PATCH);
        panel = atlas.createPatch(Regions.PANEL);
        healthBg = atlas.createPatch(Regions.HEALTHBAR_BG);
        healthFill = atlas.createPatch(Regions.HEALTHBAR_FILL);
        for (int i = 0; i < players.length; i++) {
            players[i] = new Color(ArenaPalette.player(i));
        }

        button = new TextButton.TextButtonStyle(patch(Regions.BUTTON_NORMAL), patch(Regions.BUTTON_PRESSED),
                patch(Regions.BUTTON_PRESSED), ui24);
        button.over = patch(Regions.BUTTON_HOVER);
        button.disabled = patch(Regions.BUTTON_DISABLED);
        button.fontColor = text;
        button.overFontColor = Color.WHITE;
        button.disabledFontColor = textDim;
        TextureRegionDrawable cursor = new TextureRegionDrawable(white);
        TextureRegionDrawable selection = new TextureRegionDrawable(white);
        field = new TextField.TextFieldStyle(ui24, text, cursor.tint(cyan), selection.tint(new Color(0x2CE5FF66)),
                patch(Regions.TEXTFIELD));
        field.focusedBackground = patch(Regions.TEXTFIELD_FOCUSED);
        field.messageFont = ui16;
        field.messageFontColor = textDim;
        for (NinePatchDrawable d : new NinePatchDrawable[] {(NinePatchDrawable) field.background,
                (NinePatchDrawable) field.focusedBackground}) {
            // Room for the text inside the field's border.
            d.setLeftWidth(12);
            d.setRightWidth(12);
            d.setTopHeight(8);
            d.setBottomHeight(8);
        }
        label = new Label.LabelStyle(ui16, text);
        labelDim = new Label.LabelStyle(ui16, textDim);
        heading = new Label.LabelStyle(ui24, cyan);
        error = new Label.LabelStyle(ui16, healthLow);
        errorHeading = new Label.LabelStyle(ui24, healthLow);
        panelDrawable = patch(Regions.PANEL);
        panelDrawable.setLeftWidth(24);
        panelDrawable.setRightWidth(24);
        panelDrawable.setTopHeight(20);
        panelDrawable.setBottomHeight(20);
    }

    private BitmapFont font(String path) {
        BitmapFont f = new BitmapFont(Gdx.files.classpath(path));
        f.setUseIntegerPositions(true);
        for (TextureRegion r : f.getRegions()) {
            r.getTexture().setFilter(Texture.TextureFilter.Linear, Texture.TextureFilter.Linear);
        }
        return f;
    }

    private TextureRegion region(String name) {
        TextureRegion r = atlas.findRegion(name);
        if (r == null) {
            throw new IllegalStateException("atlas " + ArenaAssets.ATLAS + " has no region '" + name + "'");
        }
        return r;
    }

    private NinePatchDrawable patch(String name) {
        return new NinePatchDrawable(atlas.createPatch(name));
    }

    /** The health bar colour for {@code hp} points. */
    public Color healthColour(int hp) {
        return hp > Arena.MAX_HP / 2 ? healthHigh : hp > Arena.MAX_HP / 4 ? healthMid : healthLow;
    }

    /** The colour of player colour index {@code index} (wrapped into the palette). */
    public Color player(int index) {
        return players[Math.floorMod(index, players.length)];
    }

    @Override
    public void dispose() {
        atlas.dispose();
        ui16.dispose();
        ui24.dispose();
        title48.dispose();
        mono14.dispose();
        floor.dispose();
    }
}
