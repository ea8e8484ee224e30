package io.tickwire.arena.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.graphics.g2d.BitmapFont.BitmapFontData;
import com.badlogic.gdx.graphics.g2d.BitmapFont.Glyph;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The baked fonts as libGDX's BitmapFontData parses them (no GL), checked against their pages. */
class FontsTest {
    /** Pixel size each font was baked at. */
    private static final Map<String, Integer> SIZES = Map.of(ArenaAssets.FONT_MONO_14, 14, ArenaAssets.FONT_UI_16, 16,
            ArenaAssets.FONT_UI_24, 24, ArenaAssets.FONT_TITLE_48, 48);

    @Test
    void everyFontParsesAndReferencesItsShippedPage() {
        assertEquals(SIZES.keySet(), new HashSet<>(ArenaAssets.FONTS));
        for (String path : ArenaAssets.FONTS) {
            BitmapFontData f = new BitmapFontData(Resources.gdx(path), false);
            assertEquals(1, f.getImagePaths().length, path + " has one page");
            String pagePath = f.getImagePath(0);
            assertTrue(ArenaAssets.ALL.contains(pagePath), path + " names page " + pagePath + ", not a listed resource");
            assertTrue(Resources.gdx(pagePath).exists(), pagePath + " is not on the classpath");
        }
    }

    @Test
    void metricsMatchTheSizeTheFontWasBakedAt() {
        for (Map.Entry<String, Integer> e : SIZES.entrySet()) {
            BitmapFontData f = new BitmapFontData(Resources.gdx(e.getKey()), false);
            int size = e.getValue();
            // DejaVu: line height ~1.16 em, capitals ~0.73 em, x-height ~0.55 em.
            assertTrue(f.lineHeight >= size && f.lineHeight <= size * 1.3f, e.getKey() + " lineHeight " + f.lineHeight);
            assertTrue(f.capHeight >= size * 0.6f && f.capHeight <= size * 0.85f, e.getKey() + " capHeight " + f.capHeight);
            assertTrue(f.xHeight >= size * 0.42f && f.xHeight <= size * 0.65f, e.getKey() + " xHeight " + f.xHeight);
        }
    }

    @Test
    void glyphsCoverAsciiAndLatin1AndLieOnTheirPage() {
        for (String path : ArenaAssets.FONTS) {
            BitmapFontData f = new BitmapFontData(Resources.gdx(path), false);
            BufferedImage page = Resources.image(f.getImagePath(0));
            String needed = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
                    + "ÄÖÜäöüßéèêçñÅåøØ…•→✓";
            for (char c : needed.toCharArray()) {
                Glyph g = f.getGlyph(c);
                assertNotNull(g, path + " lacks '" + c + "' (U+" + Integer.toHexString(c) + ")");
                assertTrue(g.xadvance > 0, path + " '" + c + "' has no advance");
                if (c == ' ') {
                    continue;
                }
                assertTrue(g.width > 0 && g.height > 0, path + " '" + c + "' is empty");
                assertTrue(g.srcX >= 0 && g.srcY >= 0 && g.srcX + g.width <= page.getWidth()
                        && g.srcY + g.height <= page.getHeight(), path + " '" + c + "' lies outside its page");
                ImagesTest.assertNotBlank(path + " '" + c + "'", page, g.srcX, g.srcY, g.width, g.height);
            }
        }
    }

    @Test
    void proportionalFontsCarryKerningAndMonoDigitsShareOneWidth() {
        for (String path : ArenaAssets.FONTS) {
            BitmapFontData f = new BitmapFontData(Resources.gdx(path), false);
            if (path.equals(ArenaAssets.FONT_MONO_14)) {
                int w = f.getGlyph('0').xadvance;
                for (char c = '0'; c <= '9'; c++) {
                    assertEquals(w, f.getGlyph(c).xadvance, "mono digit " + c);
                }
                assertEquals(w, f.getGlyph('W').xadvance, "mono W");
            } else {
                assertTrue(f.getGlyph('A').getKerning('V') < 0, path + ": AV should kern tighter");
            }
        }
    }

    @Test
    void licenceShipsWithTheFonts() {
        String text = new String(Resources.bytes(ArenaAssets.FONT_LICENSE), StandardCharsets.UTF_8);
        assertTrue(text.contains("Bitstream"), "the Bitstream Vera notice must be included");
        assertTrue(text.contains("Permission is hereby granted"), "the permission notice must be included");
    }
}
