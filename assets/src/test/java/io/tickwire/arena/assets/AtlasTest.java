package io.tickwire.arena.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.graphics.Texture.TextureFilter;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData.Page;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData.Region;
import com.badlogic.gdx.files.FileHandle;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The atlas as libGDX's own parser reads it (no GL needed), checked against the page image. */
class AtlasTest {
    /** Regions the game tints: they must be neutral (r = g = b) or the tint would come out wrong. */
    private static final List<String> TINTABLE = List.of(ArenaAssets.Regions.SHIP, ArenaAssets.Regions.SHIP_GLOW,
            ArenaAssets.Regions.SHIP_FLASH, ArenaAssets.Regions.THRUSTER, ArenaAssets.Regions.BULLET,
            ArenaAssets.Regions.TRACER, ArenaAssets.Regions.MUZZLE, ArenaAssets.Regions.SPARK, ArenaAssets.Regions.HIT,
            ArenaAssets.Regions.CROSSHAIR, ArenaAssets.Regions.HEALTHBAR_FILL, ArenaAssets.Regions.ICON_KILL,
            ArenaAssets.Regions.ICON_DEATH, ArenaAssets.Regions.ICON_LOCK, ArenaAssets.Regions.ICON_PING,
            ArenaAssets.Regions.ICON_PLAYER, ArenaAssets.Regions.ICON_BOT, ArenaAssets.Regions.WHITE);

    private static TextureAtlasData data;
    private static BufferedImage page;

    @BeforeAll
    static void parse() {
        FileHandle atlas = Resources.gdx(ArenaAssets.ATLAS);
        data = new TextureAtlasData(atlas, atlas.parent(), false);
        page = Resources.image(ArenaAssets.ATLAS_PAGE);
    }

    @Test
    void onePageThatIsTheShippedImage() {
        assertEquals(1, data.getPages().size);
        Page p = data.getPages().first();
        assertTrue(p.textureFile.exists(), "page file " + p.textureFile.path() + " is not on the classpath");
        assertEquals(ArenaAssets.ATLAS_PAGE, p.textureFile.path());
        assertEquals(page.getWidth(), (int) p.width);
        assertEquals(page.getHeight(), (int) p.height);
        assertEquals(TextureFilter.Linear, p.minFilter);
        assertEquals(TextureFilter.Linear, p.magFilter);
        assertFalse(p.pma, "the page is not premultiplied");
    }

    @Test
    void everyNamedRegionIsThereAndNothingElse() {
        Set<String> names = new TreeSet<>();
        List<Integer> explosion = new ArrayList<>();
        for (Region r : data.getRegions()) {
            names.add(r.name);
            if (r.name.equals(ArenaAssets.Regions.EXPLOSION)) {
                explosion.add(r.index);
            } else {
                assertEquals(-1, r.index, r.name + " is not an animation");
            }
        }
        assertEquals(new TreeSet<>(ArenaAssets.Regions.ALL), names);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), explosion);
        assertEquals(ArenaAssets.EXPLOSION_FRAMES, explosion.size());
    }

    @Test
    void regionsLieInsideThePageApartAndAreNotBlank() {
        List<Rectangle> seen = new ArrayList<>();
        for (Region r : data.getRegions()) {
            String what = r.name + "#" + r.index;
            assertFalse(r.rotate, what + " must not be rotated");
            assertTrue(r.left >= 1 && r.top >= 1 && r.left + r.width < page.getWidth()
                    && r.top + r.height < page.getHeight(), what + " lies outside the page or on its edge");
            // One pixel of extrusion around each region: grown rectangles still may not overlap.
            Rectangle grown = new Rectangle(r.left - 1, r.top - 1, r.width + 2, r.height + 2);
            for (Rectangle other : seen) {
                assertFalse(grown.intersects(other), what + " overlaps another region");
            }
            seen.add(grown);
            ImagesTest.assertNotBlank(what, page, r.left, r.top, r.width, r.height);
        }
    }

    @Test
    void ninePatchesHaveSplitsThatFit() {
        for (Region r : data.getRegions()) {
            int[] split = r.findValue("split");
            if (!ArenaAssets.Regions.NINE_PATCHES.contains(r.name)) {
                assertNull(split, r.name + " is not a 9-patch");
                continue;
            }
            assertNotNull(split, r.name + " needs splits");
            assertTrue(split[0] + split[1] < r.width, r.name + ": left+right splits leave no stretchable middle");
            assertTrue(split[2] + split[3] < r.height, r.name + ": top+bottom splits leave no stretchable middle");
        }
        Region wall = region(ArenaAssets.Regions.WALL_PATCH);
        assertTrue((page.getRGB(wall.left, wall.top) >>> 24) < 64, "the wall patch's corner is its faint glow margin");
    }

    @Test
    void tintableRegionsAreNeutralGrey() {
        for (String name : TINTABLE) {
            Region r = region(name);
            for (int y = r.top; y < r.top + r.height; y++) {
                for (int x = r.left; x < r.left + r.width; x++) {
                    int argb = page.getRGB(x, y);
                    if ((argb >>> 24) < 8) {
                        continue;
                    }
                    int red = (argb >> 16) & 255;
                    int green = (argb >> 8) & 255;
                    int blue = argb & 255;
                    assertTrue(Math.abs(red - green) <= 2 && Math.abs(green - blue) <= 2,
                            name + " has colour at " + x + "," + y + ": " + Integer.toHexString(argb));
                }
            }
        }
    }

    @Test
    void whitePixelStaysWhiteUnderLinearFiltering() {
        Region white = region(ArenaAssets.Regions.WHITE);
        assertEquals(1, white.width);
        assertEquals(1, white.height);
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                assertEquals(0xFFFFFFFF, page.getRGB(white.left + dx, white.top + dy),
                        "texel next to the white pixel at " + dx + "," + dy);
            }
        }
    }

    private static Region region(String name) {
        for (Region r : data.getRegions()) {
            if (r.name.equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no region " + name);
    }
}
