package io.tickwire.arena.tools;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.font.LineMetrics;
import java.awt.font.TextAttribute;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a TrueType font at one pixel size into a white, antialiased glyph page and writes the
 * AngelCode BMFont text description that libGDX's BitmapFont reads, kerning pairs included.
 */
final class FontBaker {
    /** Transparent pixels kept around every glyph (declared in the .fnt "padding" so libGDX discounts it). */
    private static final int PAD = 1;
    /** Gap between glyph cells so linear filtering never bleeds one glyph into the next. */
    private static final int GAP = 1;

    /** One packed glyph, in BMFont terms. */
    record Glyph(int id, int x, int y, int width, int height, int xoffset, int yoffset, int xadvance) {
    }

    /** One kerning pair: the advance after {@code first} changes by {@code amount} before {@code second}. */
    record Kerning(int first, int second, int amount) {
    }

    /** The baked font: its page, glyphs and metrics. */
    record Baked(String face, int size, boolean bold, BufferedImage page, List<Glyph> glyphs, List<Kerning> kernings,
            int lineHeight, int base) {

        Glyph glyph(int id) {
            for (Glyph g : glyphs) {
                if (g.id() == id) {
                    return g;
                }
            }
            return null;
        }

        int kerning(int first, int second) {
            for (Kerning k : kernings) {
                if (k.first() == first && k.second() == second) {
                    return k.amount();
                }
            }
            return 0;
        }
    }

    private FontBaker() {
    }

    /** Printable ASCII, Latin-1 (player names), and a few symbols the UI uses (arrows, bullet, ellipsis, check). */
    static int[] charset() {
        List<Integer> ids = new ArrayList<>();
        for (int c = 32; c <= 126; c++) {
            ids.add(c);
        }
        for (int c = 160; c <= 255; c++) {
            ids.add(c);
        }
        for (int c : new int[] {0x2022, 0x2026, 0x2190, 0x2191, 0x2192, 0x2193, 0x2605, 0x25B2, 0x25BC, 0x2713,
            0x2717}) {
            ids.add(c);
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    static Baked bake(Font ttf, String face, int size, boolean bold) {
        Font font = ttf.deriveFont((float) size);
        // Hinted integer metrics for the glyphs themselves: crisp stems at the size they are drawn.
        FontRenderContext frc = new FontRenderContext(new AffineTransform(),
                RenderingHints.VALUE_TEXT_ANTIALIAS_ON, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        LineMetrics lm = font.getLineMetrics("Ag", frc);
        int base = (int) Math.ceil(lm.getAscent());
        int lineHeight = Math.round(lm.getAscent() + lm.getDescent() + lm.getLeading());

        int[] ids = charset();
        List<int[]> cells = new ArrayList<>(); // id, cellW, cellH, pbX, pbY, advance
        List<GlyphVector> vectors = new ArrayList<>();
        for (int id : ids) {
            if (!font.canDisplay(id)) {
                continue;
            }
            GlyphVector gv = font.createGlyphVector(frc, Character.toChars(id));
            Rectangle pb = gv.getPixelBounds(frc, 0, 0);
            int advance = Math.round(gv.getGlyphMetrics(0).getAdvanceX());
            boolean empty = pb.width <= 0 || pb.height <= 0;
            int cw = empty ? 0 : pb.width + 2 * PAD;
            int ch = empty ? 0 : pb.height + 2 * PAD;
            cells.add(new int[] {id, cw, ch, pb.x, pb.y, advance});
            vectors.add(gv);
        }

        int width = 128;
        int height;
        int[][] pos;
        while (true) {
            pos = new int[cells.size()][];
            height = shelfPack(cells, width, pos);
            if (height <= width) {
                break;
            }
            width *= 2;
        }
        int pageH = Integer.highestOneBit(Math.max(1, height) - 1) << 1;
        pageH = Math.max(pageH, 16);
        BufferedImage page = Img.canvas(width, pageH);
        Graphics2D g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        List<Glyph> glyphs = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            int[] c = cells.get(i);
            int x = pos[i][0];
            int y = pos[i][1];
            if (c[1] > 0) {
                g.drawGlyphVector(vectors.get(i), x + PAD - c[3], y + PAD - c[4]);
            }
            // BMFont: yoffset is from the line's top to the cell's top; base is the baseline's distance from the top.
            int xoffset = c[1] > 0 ? c[3] - PAD : 0;
            int yoffset = c[1] > 0 ? base + c[4] - PAD : 0;
            glyphs.add(new Glyph(c[0], c[1] > 0 ? x : 0, c[1] > 0 ? y : 0, c[1], c[2], xoffset, yoffset, c[5]));
        }
        g.dispose();
        return new Baked(face, size, bold, page, glyphs, kernings(ttf, size, glyphs), lineHeight, base);
    }

    /** Shelf-packs the cells at {@code width}; fills {@code pos} and returns the used height. */
    private static int shelfPack(List<int[]> cells, int width, int[][] pos) {
        // Pack in input (code point) order: stable, and similar glyph heights sit together anyway.
        int x = GAP;
        int y = GAP;
        int shelf = 0;
        for (int i = 0; i < cells.size(); i++) {
            int[] c = cells.get(i);
            if (c[1] == 0) {
                pos[i] = new int[] {0, 0};
                continue;
            }
            if (x + c[1] + GAP > width) {
                x = GAP;
                y += shelf + GAP;
                shelf = 0;
            }
            pos[i] = new int[] {x, y};
            x += c[1] + GAP;
            shelf = Math.max(shelf, c[2]);
        }
        return y + shelf + GAP;
    }

    /**
     * Kerning for ASCII pairs, measured from the font's own layout: position of the second glyph with
     * kerning on, minus the first glyph's plain advance. Fractional metrics here so rounding happens once.
     */
    private static List<Kerning> kernings(Font ttf, int size, List<Glyph> glyphs) {
        Font kerned = ttf.deriveFont((float) size).deriveFont(Map.of(TextAttribute.KERNING, TextAttribute.KERNING_ON));
        FontRenderContext frc = new FontRenderContext(new AffineTransform(),
                RenderingHints.VALUE_TEXT_ANTIALIAS_ON, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        List<Kerning> out = new ArrayList<>();
        for (int a = 33; a <= 126; a++) {
            double adv = kerned.createGlyphVector(frc, new char[] {(char) a}).getGlyphMetrics(0).getAdvanceX();
            for (int b = 33; b <= 126; b++) {
                char[] pair = {(char) a, (char) b};
                GlyphVector gv = kerned.layoutGlyphVector(frc, pair, 0, 2, Font.LAYOUT_LEFT_TO_RIGHT);
                int k = (int) Math.round(gv.getGlyphPosition(1).getX() - adv);
                if (k != 0) {
                    out.add(new Kerning(a, b, k));
                }
            }
        }
        return out;
    }

    /** The .fnt text; field order matters, libGDX's reader expects BMFont's own order. */
    static String fntText(Baked f, String pageFile) {
        StringBuilder sb = new StringBuilder();
        sb.append("info face=\"").append(f.face()).append("\" size=").append(f.size()).append(" bold=")
                .append(f.bold() ? 1 : 0).append(" italic=0 charset=\"\" unicode=1 stretchH=100 smooth=1 aa=1 padding=")
                .append(PAD).append(',').append(PAD).append(',').append(PAD).append(',').append(PAD)
                .append(" spacing=").append(GAP).append(',').append(GAP).append('\n');
        sb.append("common lineHeight=").append(f.lineHeight()).append(" base=").append(f.base()).append(" scaleW=")
                .append(f.page().getWidth()).append(" scaleH=").append(f.page().getHeight())
                .append(" pages=1 packed=0\n");
        sb.append("page id=0 file=\"").append(pageFile).append("\"\n");
        sb.append("chars count=").append(f.glyphs().size()).append('\n');
        for (Glyph g : f.glyphs()) {
            sb.append("char id=").append(g.id()).append(" x=").append(g.x()).append(" y=").append(g.y())
                    .append(" width=").append(g.width()).append(" height=").append(g.height())
                    .append(" xoffset=").append(g.xoffset()).append(" yoffset=").append(g.yoffset())
                    .append(" xadvance=").append(g.xadvance()).append(" page=0 chnl=15\n");
        }
        sb.append("kernings count=").append(f.kernings().size()).append('\n');
        for (Kerning k : f.kernings()) {
            sb.append("kerning first=").append(k.first()).append(" second=").append(k.second()).append(" amount=")
                    .append(k.amount()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Draws text with the baked glyphs, tinted, the way BitmapFont does; the preview uses it, so the
     * sheet shows the .fnt data at work rather than Java2D's own text.
     */
    static int draw(BufferedImage dst, Baked f, String text, int x, int topY, int rgb) {
        int pen = x;
        int prev = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            Glyph g = f.glyph(cp);
            if (g == null) {
                g = f.glyph('?');
            }
            if (prev >= 0) {
                pen += f.kerning(prev, cp);
            }
            if (g.width() > 0) {
                BufferedImage sub = f.page().getSubimage(g.x(), g.y(), g.width(), g.height());
                Img.over(dst, Img.tint(sub, rgb), pen + g.xoffset(), topY + g.yoffset());
            }
            pen += g.xadvance();
            prev = cp;
        }
        return pen - x;
    }
}
