package io.tickwire.arena.tools;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Small pixel helpers shared by the sprite, atlas and preview code: canvases, blur, tint, blend. */
final class Img {
    private Img() {
    }

    /** A transparent ARGB canvas. */
    static BufferedImage canvas(int w, int h) {
        return new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    }

    /** A Graphics2D with every quality hint on, so edges are antialiased the same way every run. */
    static Graphics2D g(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_ALPHA_INTERPOLATION, RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        return g;
    }

    /** Colour from 0xRRGGBB and an alpha in 0..1. */
    static Color rgb(int rgb, double alpha) {
        return new Color((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, clamp255(alpha * 255));
    }

    /** Colour from 0xRRGGBB, opaque. */
    static Color rgb(int rgb) {
        return rgb(rgb, 1);
    }

    static int clamp255(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /**
     * A glow of the image's alpha: three box blurs approximate a Gaussian, which is all a soft neon
     * halo needs, and needs no library. The result is white (or {@code rgb}) with the blurred alpha
     * scaled by {@code strength}.
     */
    static BufferedImage glow(BufferedImage src, int radius, double strength, int rgb) {
        int w = src.getWidth();
        int h = src.getHeight();
        double[] a = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                a[y * w + x] = (src.getRGB(x, y) >>> 24) / 255.0;
            }
        }
        for (int pass = 0; pass < 3; pass++) {
            a = boxBlur(a, w, h, radius, true);
            a = boxBlur(a, w, h, radius, false);
        }
        BufferedImage out = canvas(w, h);
        for (int i = 0; i < a.length; i++) {
            int alpha = clamp255(a[i] * strength * 255);
            out.setRGB(i % w, i / w, (alpha << 24) | (rgb & 0xFFFFFF));
        }
        return out;
    }

    private static double[] boxBlur(double[] in, int w, int h, int r, boolean horizontal) {
        double[] out = new double[in.length];
        int n = 2 * r + 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                for (int k = -r; k <= r; k++) {
                    int xx = horizontal ? x + k : x;
                    int yy = horizontal ? y : y + k;
                    if (xx >= 0 && xx < w && yy >= 0 && yy < h) {
                        sum += in[yy * w + xx];
                    }
                }
                out[y * w + x] = sum / n;
            }
        }
        return out;
    }

    /** Source-over composite of {@code top} onto {@code dst} at (x, y). */
    static void over(BufferedImage dst, BufferedImage top, int x, int y) {
        Graphics2D g = dst.createGraphics();
        g.drawImage(top, x, y, null);
        g.dispose();
    }

    /**
     * Additive blend of a tinted sprite onto an opaque canvas, as the game does for glows with
     * {@code GL_SRC_ALPHA, GL_ONE}; the preview uses it so it shows what the game will show.
     */
    static void add(BufferedImage dst, BufferedImage src, int x, int y, int tint) {
        for (int sy = 0; sy < src.getHeight(); sy++) {
            for (int sx = 0; sx < src.getWidth(); sx++) {
                int dx = x + sx;
                int dy = y + sy;
                if (dx < 0 || dy < 0 || dx >= dst.getWidth() || dy >= dst.getHeight()) {
                    continue;
                }
                int s = src.getRGB(sx, sy);
                double a = (s >>> 24) / 255.0;
                int d = dst.getRGB(dx, dy);
                int r = Math.min(255, ((d >> 16) & 255) + (int) (a * mul((s >> 16) & 255, (tint >> 16) & 255)));
                int gg = Math.min(255, ((d >> 8) & 255) + (int) (a * mul((s >> 8) & 255, (tint >> 8) & 255)));
                int b = Math.min(255, (d & 255) + (int) (a * mul(s & 255, tint & 255)));
                dst.setRGB(dx, dy, (d & 0xFF000000) | (r << 16) | (gg << 8) | b);
            }
        }
    }

    /** The sprite multiplied by an RGB tint, as SpriteBatch.setColor does. */
    static BufferedImage tint(BufferedImage src, int tint) {
        BufferedImage out = canvas(src.getWidth(), src.getHeight());
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                int s = src.getRGB(x, y);
                int r = mul((s >> 16) & 255, (tint >> 16) & 255);
                int g = mul((s >> 8) & 255, (tint >> 8) & 255);
                int b = mul(s & 255, tint & 255);
                out.setRGB(x, y, (s & 0xFF000000) | (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    private static int mul(int a, int b) {
        return (a * b + 127) / 255;
    }

    /** Multiplies every pixel's alpha by {@code f}. */
    static BufferedImage fade(BufferedImage src, double f) {
        BufferedImage out = canvas(src.getWidth(), src.getHeight());
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                int s = src.getRGB(x, y);
                int a = clamp255((s >>> 24) * f);
                out.setRGB(x, y, (a << 24) | (s & 0xFFFFFF));
            }
        }
        return out;
    }

    /** The opaque shape of an image, filled white: a hit flash or a mask for glows. */
    static BufferedImage silhouette(BufferedImage src) {
        BufferedImage out = canvas(src.getWidth(), src.getHeight());
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                out.setRGB(x, y, (src.getRGB(x, y) & 0xFF000000) | 0xFFFFFF);
            }
        }
        return out;
    }

    /** Draws a 9-patch stretched to w x h, the way libGDX's NinePatch does, for the preview. */
    static void ninePatch(BufferedImage dst, BufferedImage p, int[] split, int x, int y, int w, int h) {
        int l = split[0];
        int r = split[1];
        int t = split[2];
        int b = split[3];
        int pw = p.getWidth();
        int ph = p.getHeight();
        int[] sx = {0, l, pw - r, pw};
        int[] sy = {0, t, ph - b, ph};
        int[] dx = {x, x + l, x + w - r, x + w};
        int[] dy = {y, y + t, y + h - b, y + h};
        Graphics2D g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                if (dx[i + 1] > dx[i] && dy[j + 1] > dy[j] && sx[i + 1] > sx[i] && sy[j + 1] > sy[j]) {
                    g.drawImage(p, dx[i], dy[j], dx[i + 1], dy[j + 1], sx[i], sy[j], sx[i + 1], sy[j + 1], null);
                }
            }
        }
        g.dispose();
    }
}
