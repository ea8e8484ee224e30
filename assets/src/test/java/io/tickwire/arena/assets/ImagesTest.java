package io.tickwire.arena.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.utils.GdxNativesLoader;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImagesTest {

    /** Every PNG the module ships, with the size the game and the atlas/font files expect. */
    private static final Map<String, int[]> SIZES = Map.of(
            ArenaAssets.ATLAS_PAGE, new int[] {1024, 256},
            ArenaAssets.FLOOR_TEXTURE, new int[] {128, 128},
            ArenaAssets.ROOT + "fonts/mono-14.png", new int[] {256, 256},
            ArenaAssets.ROOT + "fonts/ui-16.png", new int[] {256, 256},
            ArenaAssets.ROOT + "fonts/ui-24.png", new int[] {512, 256},
            ArenaAssets.ROOT + "fonts/title-48.png", new int[] {1024, 512});

    @BeforeAll
    static void natives() {
        GdxNativesLoader.load();
    }

    @Test
    void everyListedResourceIsOnTheClasspath() {
        for (String path : ArenaAssets.ALL) {
            assertTrue(Resources.bytes(path).length > 0, "empty resource " + path);
        }
        long pngs = ArenaAssets.ALL.stream().filter(p -> p.endsWith(".png")).count();
        assertEquals(SIZES.size(), pngs, "every shipped PNG has an expected size here");
    }

    @Test
    void pngsDecodeWithExpectedSizesAndAreNotBlank() {
        for (Map.Entry<String, int[]> e : SIZES.entrySet()) {
            String path = e.getKey();
            BufferedImage img = Resources.image(path);
            assertEquals(e.getValue()[0], img.getWidth(), "width of " + path);
            assertEquals(e.getValue()[1], img.getHeight(), "height of " + path);
            assertTrue(img.getColorModel().hasAlpha() || path.equals(ArenaAssets.FLOOR_TEXTURE),
                    path + " needs an alpha channel");
            assertNotBlank(path, img, 0, 0, img.getWidth(), img.getHeight());
        }
    }

    @Test
    void libgdxDecodesEveryPngWithTheSameSize() {
        // libGDX decodes with its own native loader, not javax.imageio: both must accept the files.
        for (Map.Entry<String, int[]> e : SIZES.entrySet()) {
            Pixmap p = new Pixmap(Resources.gdx(e.getKey()));
            try {
                assertEquals(e.getValue()[0], p.getWidth(), "libGDX width of " + e.getKey());
                assertEquals(e.getValue()[1], p.getHeight(), "libGDX height of " + e.getKey());
            } finally {
                p.dispose();
            }
        }
    }

    @Test
    void floorTileIsSeamless() {
        // Opposite edges must match, so a repeating texture shows no seam.
        BufferedImage f = Resources.image(ArenaAssets.FLOOR_TEXTURE);
        for (int i = 0; i < 128; i++) {
            assertEquals(f.getRGB(0, i), f.getRGB(127, i), "left/right edge at y=" + i);
            assertEquals(f.getRGB(i, 0), f.getRGB(i, 127), "top/bottom edge at x=" + i);
        }
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                assertEquals(0xFF, f.getRGB(x, y) >>> 24, "floor must be opaque at " + x + "," + y);
            }
        }
    }

    /** Some pixel is visible and the area holds more than one colour. */
    static void assertNotBlank(String what, BufferedImage img, int x0, int y0, int w, int h) {
        boolean visible = false;
        Set<Integer> colours = new HashSet<>();
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int argb = img.getRGB(x, y);
                visible |= (argb >>> 24) > 0;
                colours.add(argb);
            }
        }
        assertTrue(visible, what + " is fully transparent");
        assertTrue(colours.size() > 1 || w * h == 1, what + " is a single flat colour");
    }
}
