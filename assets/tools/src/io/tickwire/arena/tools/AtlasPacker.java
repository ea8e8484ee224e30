package io.tickwire.arena.tools;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Packs sprites onto one page with a shelf packer and writes libGDX's text atlas format. Each region
 * is surrounded by a copy of its own edge pixels (extrusion) and a transparent gap, so linear
 * filtering never samples a neighbour, which is what makes the 1x1 white pixel and 9-patch edges safe.
 */
final class AtlasPacker {
    private static final int EXTRUDE = 1;
    private static final int GAP = 2;

    /** Where a sprite landed. */
    record Placed(Sprite sprite, int x, int y) {
    }

    /** The packed page and its placements. */
    record Result(BufferedImage page, List<Placed> placed) {
    }

    private AtlasPacker() {
    }

    static Result pack(List<Sprite> sprites, int pageWidth) {
        List<Sprite> order = new ArrayList<>(sprites);
        // Tallest first, then by name and index, so the layout never depends on input order quirks.
        order.sort(Comparator.comparingInt((Sprite s) -> -s.image().getHeight())
                .thenComparing(Sprite::name).thenComparingInt(Sprite::index));
        int border = EXTRUDE + GAP;
        List<Placed> placed = new ArrayList<>();
        int x = GAP;
        int y = GAP;
        int shelf = 0;
        for (Sprite s : order) {
            int w = s.image().getWidth() + 2 * EXTRUDE;
            int h = s.image().getHeight() + 2 * EXTRUDE;
            if (x + w + GAP > pageWidth) {
                x = GAP;
                y += shelf + GAP;
                shelf = 0;
            }
            placed.add(new Placed(s, x + EXTRUDE, y + EXTRUDE));
            x += w + GAP;
            shelf = Math.max(shelf, h);
        }
        int height = Integer.highestOneBit(Math.max(1, y + shelf + border) - 1) << 1;
        BufferedImage page = Img.canvas(pageWidth, height);
        for (Placed p : placed) {
            blitExtruded(page, p.sprite().image(), p.x(), p.y());
        }
        // Keep the listing in the caller's order: the atlas reads like the sprite list.
        List<Placed> inOrder = new ArrayList<>();
        for (Sprite s : sprites) {
            for (Placed p : placed) {
                if (p.sprite() == s) {
                    inOrder.add(p);
                }
            }
        }
        return new Result(page, inOrder);
    }

    private static void blitExtruded(BufferedImage page, BufferedImage img, int px, int py) {
        int w = img.getWidth();
        int h = img.getHeight();
        for (int y = -EXTRUDE; y < h + EXTRUDE; y++) {
            for (int x = -EXTRUDE; x < w + EXTRUDE; x++) {
                int sx = Math.max(0, Math.min(w - 1, x));
                int sy = Math.max(0, Math.min(h - 1, y));
                page.setRGB(px + x, py + y, img.getRGB(sx, sy));
            }
        }
    }

    /** The .atlas text (libGDX 1.10+ format: page header, then one block per region). */
    static String atlasText(String pageFile, Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(pageFile).append('\n');
        sb.append("size:").append(r.page().getWidth()).append(',').append(r.page().getHeight()).append('\n');
        sb.append("format:RGBA8888\n");
        sb.append("filter:Linear,Linear\n");
        sb.append("repeat:none\n");
        sb.append("pma:false\n");
        for (Placed p : r.placed()) {
            Sprite s = p.sprite();
            sb.append(s.name()).append('\n');
            if (s.index() >= 0) {
                sb.append("  index:").append(s.index()).append('\n');
            }
            sb.append("  bounds:").append(p.x()).append(',').append(p.y()).append(',')
                    .append(s.image().getWidth()).append(',').append(s.image().getHeight()).append('\n');
            if (s.split() != null) {
                int[] k = s.split();
                sb.append("  split:").append(k[0]).append(',').append(k[1]).append(',').append(k[2]).append(',')
                        .append(k[3]).append('\n');
            }
        }
        return sb.toString();
    }
}
