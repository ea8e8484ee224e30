package io.tickwire.arena.tools;

import static io.tickwire.arena.assets.ArenaPalette.FLOOR;
import static io.tickwire.arena.assets.ArenaPalette.GRID_MAJOR;
import static io.tickwire.arena.assets.ArenaPalette.GRID_MINOR;
import static io.tickwire.arena.assets.ArenaPalette.NEON_CYAN;
import static io.tickwire.arena.assets.ArenaPalette.NEON_MAGENTA;
import static io.tickwire.arena.assets.ArenaPalette.PANEL;
import static io.tickwire.arena.assets.ArenaPalette.STEEL;
import static io.tickwire.arena.assets.ArenaPalette.WALL;
import static io.tickwire.arena.assets.ArenaPalette.rgb;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws every atlas sprite with Java2D. Sprites the game tints per player (ship, glow, bullet,
 * tracer, muzzle, hit, health fill, icons) are white or grey, so {@code batch.setColor} gives them
 * any colour; the rest carry the palette's colours. Ships face right (angle 0 in libGDX).
 */
final class Sprites {
    private final Font bold;

    Sprites(Font bold) {
        this.bold = bold;
    }

    /** All regions, in the order they are listed in the atlas. */
    List<Sprite> all() {
        List<Sprite> s = new ArrayList<>();
        BufferedImage ship = ship();
        s.add(Sprite.of("ship", ship));
        s.add(Sprite.of("ship_glow", Img.glow(Img.silhouette(ship), 4, 2.4, 0xFFFFFF)));
        s.add(Sprite.of("ship_flash", Img.silhouette(ship)));
        s.add(Sprite.of("thruster", thruster()));
        s.add(Sprite.of("bullet", bullet()));
        s.add(Sprite.of("tracer", tracer()));
        s.add(Sprite.of("muzzle", muzzle()));
        s.add(Sprite.of("spark", spark()));
        s.add(Sprite.of("hit", hit()));
        for (int f = 0; f < 6; f++) {
            s.add(new Sprite("explosion", f, explosion(f, 6), null));
        }
        s.add(Sprite.of("floor", floor()));
        s.add(Sprite.of("wall", wallTile()));
        s.add(Sprite.patch("wall_patch", wallPatch(), 16, 16, 16, 16));
        s.add(Sprite.of("crosshair", crosshair()));
        s.add(Sprite.patch("panel", panel(), 10, 10, 10, 10));
        s.add(Sprite.patch("button_normal", button(0x141C33, 0.92, NEON_CYAN, 0.55, false), 9, 9, 9, 9));
        s.add(Sprite.patch("button_hover", button(0x1C2B4D, 0.95, NEON_CYAN, 1.0, true), 9, 9, 9, 9));
        s.add(Sprite.patch("button_pressed", button(0x1A6A80, 0.95, NEON_CYAN, 1.0, false), 9, 9, 9, 9));
        s.add(Sprite.patch("button_disabled", button(0x10152A, 0.75, STEEL, 0.6, false), 9, 9, 9, 9));
        s.add(Sprite.patch("textfield", textField(STEEL), 8, 8, 8, 8));
        s.add(Sprite.patch("textfield_focused", textField(NEON_CYAN), 8, 8, 8, 8));
        s.add(Sprite.patch("healthbar_bg", healthBg(), 4, 4, 4, 4));
        s.add(Sprite.patch("healthbar_fill", healthFill(), 3, 3, 3, 3));
        s.add(Sprite.of("logo", logo()));
        s.add(Sprite.of("icon_kill", iconKill()));
        s.add(Sprite.of("icon_death", iconDeath()));
        s.add(Sprite.of("icon_lock", iconLock()));
        s.add(Sprite.of("icon_ping", iconPing()));
        s.add(Sprite.of("icon_player", iconPlayer()));
        s.add(Sprite.of("icon_bot", iconBot()));
        BufferedImage white = Img.canvas(1, 1);
        white.setRGB(0, 0, 0xFFFFFFFF);
        s.add(Sprite.of("white", white));
        return s;
    }

    // ---- player ----

    /** The delta-wing fighter outline, nose at (56, 32). */
    private static Area hull() {
        Area a = new Area(poly(56, 32, 42, 26.5, 24, 25, 15, 28, 15, 36, 24, 39, 42, 37.5));
        a.add(new Area(poly(38, 28, 19, 8.5, 13, 9.5, 17, 27)));
        a.add(new Area(poly(38, 36, 19, 55.5, 13, 54.5, 17, 37)));
        a.add(new Area(new RoundRectangle2D.Double(10, 26, 9, 4.5, 2, 2)));
        a.add(new Area(new RoundRectangle2D.Double(10, 33.5, 9, 4.5, 2, 2)));
        return a;
    }

    static BufferedImage ship() {
        BufferedImage img = Img.canvas(64, 64);
        Graphics2D g = Img.g(img);
        Area hull = hull();
        g.setPaint(new GradientPaint(16, 10, new Color(0xFFFFFF), 48, 54, new Color(0xCCCCCC)));
        g.fill(hull);
        // Wing panels a shade darker so the tint reads as two tones of the player's colour.
        g.setColor(new Color(0xB8B8B8));
        g.fill(poly(33, 28, 20, 12.5, 17, 13, 21, 27));
        g.fill(poly(33, 36, 20, 51.5, 17, 51, 21, 37));
        g.setColor(new Color(0x888888));
        g.setStroke(new BasicStroke(1f));
        g.draw(new Line2D.Double(24, 31.5, 50, 31.5));
        // Cockpit: dark glass with a highlight, it stays dark under any tint.
        g.setColor(new Color(0x2A2A2A));
        g.fill(new Ellipse2D.Double(35, 28.5, 13, 7));
        g.setColor(new Color(255, 255, 255, 170));
        g.fill(new Ellipse2D.Double(40, 29.5, 5, 2.2));
        // Engines: bright nozzles.
        g.setColor(new Color(0x4C4C4C));
        g.fill(new Rectangle2D.Double(9.5, 26.5, 2.5, 3.5));
        g.fill(new Rectangle2D.Double(9.5, 34, 2.5, 3.5));
        g.setColor(new Color(0x555555));
        g.setStroke(new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(hull);
        g.dispose();
        return img;
    }

    private static BufferedImage thruster() {
        BufferedImage img = Img.canvas(32, 16);
        Graphics2D g = Img.g(img);
        for (int i = 0; i < 14; i++) {
            double t = i / 13.0;
            double len = 30 * (1 - t * 0.55);
            double h = 11 * (1 - t * 0.7);
            g.setColor(new Color(255, 255, 255, Img.clamp255(28 + 120 * t * t)));
            Path2D p = new Path2D.Double();
            p.moveTo(31, 8 - h / 2);
            p.curveTo(24, 8 - h / 2, 32 - len + 6, 8 - h / 6, 32 - len, 8);
            p.curveTo(32 - len + 6, 8 + h / 6, 24, 8 + h / 2, 31, 8 + h / 2);
            p.closePath();
            g.fill(p);
        }
        g.dispose();
        return img;
    }

    // ---- weapons and effects ----

    private static BufferedImage bullet() {
        BufferedImage core = Img.canvas(24, 10);
        Graphics2D g = Img.g(core);
        g.setColor(Color.WHITE);
        g.fill(new RoundRectangle2D.Double(5, 3.5, 15, 3, 3, 3));
        g.dispose();
        BufferedImage img = Img.glow(core, 2, 1.6, 0xFFFFFF);
        Img.over(img, core, 0, 0);
        return img;
    }

    /** A beam cross-section, uniform along x so the game stretches it from muzzle to impact. */
    private static BufferedImage tracer() {
        BufferedImage img = Img.canvas(32, 16);
        for (int y = 0; y < 16; y++) {
            double d = Math.abs(y + 0.5 - 8);
            double a = d <= 1 ? 1 : Math.min(1, 0.75 * Math.exp(-(d - 1) * 0.65));
            // The core is white; the halo stays white too, the tint colours it.
            for (int x = 0; x < 32; x++) {
                img.setRGB(x, y, (Img.clamp255(a * 255) << 24) | 0xFFFFFF);
            }
        }
        return img;
    }

    /** Flash with its origin at the left middle (4, 16), pointing right. */
    private static BufferedImage muzzle() {
        BufferedImage shape = Img.canvas(32, 32);
        Graphics2D g = Img.g(shape);
        g.setColor(Color.WHITE);
        double[][] rays = {{0, 26, 3.2}, {-0.45, 15, 2.2}, {0.45, 15, 2.2}, {-0.95, 9, 1.6}, {0.95, 9, 1.6}};
        for (double[] r : rays) {
            double ang = r[0];
            double len = r[1];
            double w = r[2];
            double cx = 4;
            double cy = 16;
            double ex = cx + Math.cos(ang) * len;
            double ey = cy + Math.sin(ang) * len;
            double nx = -Math.sin(ang) * w;
            double ny = Math.cos(ang) * w;
            g.fill(poly(cx + nx, cy + ny, ex, ey, cx - nx, cy - ny));
        }
        g.fill(new Ellipse2D.Double(0, 11, 11, 10));
        g.dispose();
        BufferedImage img = Img.glow(shape, 3, 1.5, 0xFFFFFF);
        Img.over(img, shape, 0, 0);
        return img;
    }

    private static BufferedImage spark() {
        BufferedImage img = Img.canvas(16, 16);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                double r = Math.hypot(x + 0.5 - 8, y + 0.5 - 8) / 8;
                double a = r >= 1 ? 0 : Math.pow(1 - r, 2.2);
                img.setRGB(x, y, (Img.clamp255(a * 255) << 24) | 0xFFFFFF);
            }
        }
        return img;
    }

    private static BufferedImage hit() {
        BufferedImage shape = Img.canvas(32, 32);
        Graphics2D g = Img.g(shape);
        g.setColor(Color.WHITE);
        Random rnd = new Random(0x417);
        int rays = 7;
        for (int i = 0; i < rays; i++) {
            double ang = (i + rnd.nextDouble() * 0.6) * Math.PI * 2 / rays;
            double len = 8 + rnd.nextDouble() * 6;
            double w = 1.3;
            double ex = 16 + Math.cos(ang) * len;
            double ey = 16 + Math.sin(ang) * len;
            double nx = -Math.sin(ang) * w;
            double ny = Math.cos(ang) * w;
            g.fill(poly(16 + nx, 16 + ny, ex, ey, 16 - nx, 16 - ny));
        }
        g.fill(new Ellipse2D.Double(12.5, 12.5, 7, 7));
        g.dispose();
        BufferedImage img = Img.glow(shape, 2, 1.4, 0xFFFFFF);
        Img.over(img, shape, 0, 0);
        return img;
    }

    /** One frame of the death explosion: white-hot core, expanding shock ring, flying embers. */
    private static BufferedImage explosion(int frame, int frames) {
        double t = (frame + 0.5) / frames;
        BufferedImage img = Img.canvas(64, 64);
        Graphics2D g = Img.g(img);
        double fade = 1 - t;
        // Shock ring.
        double ring = 6 + 22 * Math.sqrt(t);
        g.setStroke(new BasicStroke((float) (5 * fade + 1)));
        g.setColor(Img.rgb(0xFFE7A8, 0.9 * fade));
        g.draw(new Ellipse2D.Double(32 - ring, 32 - ring, ring * 2, ring * 2));
        // Fireball, shrinking as it cools from white through yellow to orange.
        double core = 15 * (1 - t * 0.7);
        int[] ramp = {0xFFFFFF, 0xFFF1A0, 0xFFD23F, 0xFF8C3A, 0xFF4757, 0x8A2A4A};
        double pos = t * (ramp.length - 2);
        int i = (int) pos;
        int c0 = lerp(ramp[i], ramp[i + 1], pos - i);
        int c1 = lerp(ramp[i + 1], ramp[Math.min(i + 2, ramp.length - 1)], pos - i);
        g.setColor(Img.rgb(c1, 0.85 * fade + 0.1));
        g.fill(new Ellipse2D.Double(32 - core, 32 - core, core * 2, core * 2));
        g.setColor(Img.rgb(c0, fade));
        double inner = core * 0.55;
        g.fill(new Ellipse2D.Double(32 - inner, 32 - inner, inner * 2, inner * 2));
        // Embers: same seed every frame, so each ember flies on one line across the frames.
        Random rnd = new Random(0xB00);
        for (int e = 0; e < 16; e++) {
            double ang = rnd.nextDouble() * Math.PI * 2;
            double speed = 0.55 + rnd.nextDouble() * 0.45;
            double r = 4 + speed * 26 * t;
            double size = (1.2 + rnd.nextDouble() * 1.8) * (1 - t * 0.6);
            double x = 32 + Math.cos(ang) * r;
            double y = 32 + Math.sin(ang) * r;
            g.setColor(Img.rgb(lerp(0xFFF1A0, 0xFF8C3A, t), Math.min(1, fade * 1.4)));
            g.fill(new Ellipse2D.Double(x - size, y - size, size * 2, size * 2));
        }
        g.dispose();
        BufferedImage out = Img.glow(img, 3, 1.1, lerp(0xFFD23F, 0xFF3D9A, t));
        Img.over(out, img, 0, 0);
        return out;
    }

    // ---- level ----

    /** A 128 px floor tile: dark base, 32 px minor grid, brighter edge so tiles form a 128 grid. */
    static BufferedImage floor() {
        BufferedImage img = Img.canvas(128, 128);
        Graphics2D g = Img.g(img);
        g.setColor(Img.rgb(rgb(FLOOR)));
        g.fillRect(0, 0, 128, 128);
        g.setColor(Img.rgb(rgb(GRID_MINOR)));
        for (int k = 32; k < 128; k += 32) {
            g.fillRect(k, 0, 1, 128);
            g.fillRect(0, k, 128, 1);
        }
        // Major line split over both edges: one pixel at 0 and one at 127 meet as a 2 px line when tiled.
        g.setColor(Img.rgb(rgb(GRID_MAJOR)));
        g.fillRect(0, 0, 1, 128);
        g.fillRect(127, 0, 1, 128);
        g.fillRect(0, 0, 128, 1);
        g.fillRect(0, 127, 128, 1);
        // Small plus marks where minor lines cross, a hint of tech panel.
        g.setColor(Img.rgb(0x24345C));
        for (int y = 32; y < 128; y += 32) {
            for (int x = 32; x < 128; x += 32) {
                g.fillRect(x - 2, y, 5, 1);
                g.fillRect(x, y - 2, 1, 5);
            }
        }
        g.dispose();
        return img;
    }

    private static BufferedImage wallTile() {
        BufferedImage img = Img.canvas(64, 64);
        Graphics2D g = Img.g(img);
        g.setColor(Img.rgb(rgb(WALL)));
        g.fillRect(0, 0, 64, 64);
        // Diagonal hatching, very faint, so big walls are not flat.
        g.setClip(new Rectangle2D.Double(6, 6, 52, 52));
        g.setColor(Img.rgb(0x1C2742));
        g.setStroke(new BasicStroke(3f));
        for (int k = -64; k < 128; k += 10) {
            g.draw(new Line2D.Double(k, 64, k + 64, 0));
        }
        g.setClip(null);
        g.setStroke(new BasicStroke(1.5f));
        g.setColor(Img.rgb(rgb(STEEL)));
        g.draw(new RoundRectangle2D.Double(5.75, 5.75, 52.5, 52.5, 6, 6));
        g.setColor(Img.rgb(rgb(NEON_CYAN), 0.85));
        g.setStroke(new BasicStroke(2f));
        g.draw(new Rectangle2D.Double(1, 1, 62, 62));
        g.setColor(Img.rgb(0x5B6C96));
        for (int[] b : new int[][] {{10, 10}, {54, 10}, {10, 54}, {54, 54}}) {
            g.fill(new Ellipse2D.Double(b[0] - 1.5, b[1] - 1.5, 3, 3));
        }
        g.dispose();
        return img;
    }

    /** Obstacle of any size: the body spans 8..40, the transparent 8 px margin holds its outer glow. */
    private static BufferedImage wallPatch() {
        BufferedImage shape = Img.canvas(48, 48);
        Graphics2D g = Img.g(shape);
        g.setColor(Img.rgb(rgb(NEON_CYAN)));
        g.setStroke(new BasicStroke(2f));
        g.draw(new RoundRectangle2D.Double(9, 9, 30, 30, 6, 6));
        g.dispose();
        BufferedImage img = Img.glow(shape, 3, 0.9, rgb(NEON_CYAN));
        g = Img.g(img);
        g.setColor(Img.rgb(rgb(WALL)));
        g.fill(new RoundRectangle2D.Double(8, 8, 32, 32, 8, 8));
        g.setColor(Img.rgb(rgb(STEEL)));
        g.setStroke(new BasicStroke(1f));
        g.draw(new RoundRectangle2D.Double(13.5, 13.5, 21, 21, 4, 4));
        g.setColor(Img.rgb(rgb(NEON_CYAN)));
        g.setStroke(new BasicStroke(2f));
        g.draw(new RoundRectangle2D.Double(9, 9, 30, 30, 6, 6));
        g.dispose();
        return img;
    }

    private static BufferedImage crosshair() {
        BufferedImage shape = Img.canvas(32, 32);
        Graphics2D g = Img.g(shape);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int q = 0; q < 4; q++) {
            g.draw(new java.awt.geom.Arc2D.Double(7, 7, 18, 18, q * 90 + 15, 60, java.awt.geom.Arc2D.OPEN));
        }
        g.draw(new Line2D.Double(16, 2, 16, 6));
        g.draw(new Line2D.Double(16, 26, 16, 30));
        g.draw(new Line2D.Double(2, 16, 6, 16));
        g.draw(new Line2D.Double(26, 16, 30, 16));
        g.fill(new Ellipse2D.Double(14.5, 14.5, 3, 3));
        g.dispose();
        // A dark rim keeps it readable over explosions and bright walls.
        BufferedImage img = Img.glow(shape, 1, 2.0, 0x000000);
        img = Img.fade(img, 0.6);
        Img.over(img, shape, 0, 0);
        return img;
    }

    // ---- UI ----

    private static BufferedImage panel() {
        BufferedImage img = Img.canvas(32, 32);
        Graphics2D g = Img.g(img);
        RoundRectangle2D r = new RoundRectangle2D.Double(0.5, 0.5, 31, 31, 14, 14);
        g.setColor(Img.rgb(rgb(PANEL), 0.86));
        g.fill(r);
        g.setColor(Img.rgb(rgb(NEON_CYAN), 0.45));
        g.setStroke(new BasicStroke(1f));
        g.draw(r);
        g.dispose();
        return img;
    }

    private static BufferedImage button(int fill, double fillAlpha, int border, double borderAlpha, boolean glow) {
        BufferedImage img = Img.canvas(32, 32);
        Graphics2D g = Img.g(img);
        RoundRectangle2D r = new RoundRectangle2D.Double(1, 1, 30, 30, 10, 10);
        g.setColor(Img.rgb(fill, fillAlpha));
        g.fill(r);
        // A faint top sheen; it sits inside the 9 px top split, so stretching keeps it thin.
        g.setPaint(new GradientPaint(0, 1, new Color(255, 255, 255, 28), 0, 9, new Color(255, 255, 255, 0)));
        g.fill(r);
        g.dispose();
        if (glow) {
            BufferedImage ring = Img.canvas(32, 32);
            Graphics2D rg = Img.g(ring);
            rg.setColor(Color.WHITE);
            rg.setStroke(new BasicStroke(2f));
            rg.draw(r);
            rg.dispose();
            BufferedImage inner = Img.glow(ring, 2, 0.5, rgb(border));
            Graphics2D ig = Img.g(img);
            ig.setClip(r);
            ig.drawImage(inner, 0, 0, null);
            ig.dispose();
        }
        g = Img.g(img);
        g.setColor(Img.rgb(border, borderAlpha));
        g.setStroke(new BasicStroke(glow ? 2f : 1.5f));
        g.draw(r);
        g.dispose();
        return img;
    }

    private static BufferedImage textField(int border) {
        BufferedImage img = Img.canvas(32, 32);
        Graphics2D g = Img.g(img);
        RoundRectangle2D r = new RoundRectangle2D.Double(1, 1, 30, 30, 6, 6);
        g.setColor(Img.rgb(0x070A14, 0.9));
        g.fill(r);
        g.setColor(Img.rgb(rgb(border)));
        g.setStroke(new BasicStroke(1.5f));
        g.draw(r);
        g.dispose();
        return img;
    }

    private static BufferedImage healthBg() {
        BufferedImage img = Img.canvas(16, 10);
        Graphics2D g = Img.g(img);
        RoundRectangle2D r = new RoundRectangle2D.Double(0.5, 0.5, 15, 9, 5, 5);
        g.setColor(Img.rgb(0x04060C, 0.8));
        g.fill(r);
        g.setColor(Img.rgb(0x2A3656, 0.9));
        g.setStroke(new BasicStroke(1f));
        g.draw(r);
        g.dispose();
        return img;
    }

    /** White with a lighter top half; the game tints it green, yellow or red by health. */
    private static BufferedImage healthFill() {
        BufferedImage img = Img.canvas(12, 10);
        Graphics2D g = Img.g(img);
        RoundRectangle2D r = new RoundRectangle2D.Double(1, 1, 10, 8, 4, 4);
        g.setPaint(new GradientPaint(0, 1, new Color(0xFFFFFF), 0, 9, new Color(0xBBBBBB)));
        g.fill(r);
        g.dispose();
        return img;
    }

    private BufferedImage logo() {
        int w = 512;
        int h = 160;
        BufferedImage text = Img.canvas(w, h);
        Graphics2D g = Img.g(text);
        FontRenderContext frc = g.getFontRenderContext();
        Font big = bold.deriveFont(Font.BOLD, 74f);
        String title = "TICKWIRE";
        GlyphVector gv = big.createGlyphVector(frc, title);
        Rectangle2D b = gv.getVisualBounds();
        double tx = (w - b.getWidth()) / 2 - b.getX();
        double ty = 84;
        Shape titleShape = gv.getOutline((float) tx, (float) ty);
        g.setPaint(new GradientPaint((float) tx, 0, Img.rgb(rgb(NEON_CYAN)), (float) (tx + b.getWidth()), 0,
                Img.rgb(0x9A6BFF)));
        g.fill(titleShape);
        // "ARENA", letter-spaced, in the second accent.
        Font small = bold.deriveFont(Font.BOLD, 26f);
        String sub = "ARENA";
        double spacing = 20;
        double subWidth = -spacing;
        for (char c : sub.toCharArray()) {
            subWidth += small.createGlyphVector(frc, String.valueOf(c)).getLogicalBounds().getWidth() + spacing;
        }
        double sx = (w - subWidth) / 2;
        g.setColor(Img.rgb(rgb(NEON_MAGENTA)));
        for (char c : sub.toCharArray()) {
            GlyphVector cv = small.createGlyphVector(frc, String.valueOf(c));
            g.fill(cv.getOutline((float) sx, 136f));
            sx += cv.getLogicalBounds().getWidth() + spacing;
        }
        // The wire: a line with tick marks and a pulse, between the two words.
        double wy = 102;
        double left = tx + b.getX();
        double right = left + b.getWidth();
        g.setColor(Img.rgb(rgb(NEON_CYAN), 0.85));
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(left, wy, right, wy));
        g.setStroke(new BasicStroke(1.5f));
        int ticks = 24;
        for (int i = 0; i <= ticks; i++) {
            double x = left + (right - left) * i / ticks;
            double len = i % 4 == 0 ? 6 : 3;
            g.draw(new Line2D.Double(x, wy - len, x, wy));
        }
        g.setColor(Color.WHITE);
        double px = left + (right - left) * 0.62;
        g.fill(new Ellipse2D.Double(px - 3.5, wy - 3.5, 7, 7));
        g.dispose();
        BufferedImage img = Img.glow(text, 6, 1.1, rgb(NEON_CYAN));
        BufferedImage tight = Img.glow(text, 2, 0.9, 0xFFFFFF);
        Img.over(img, Img.fade(tight, 0.35), 0, 0);
        Img.over(img, text, 0, 0);
        return img;
    }

    // ---- icons: 24 px, white, tinted by the game ----

    private static Graphics2D icon(BufferedImage img) {
        Graphics2D g = Img.g(img);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        return g;
    }

    /** Kill feed: a laser bolt. */
    private static BufferedImage iconKill() {
        BufferedImage img = Img.canvas(24, 24);
        Graphics2D g = icon(img);
        g.fill(poly(2, 10, 14, 10, 14, 6, 22, 12, 14, 18, 14, 14, 2, 14));
        g.dispose();
        return img;
    }

    /** Deaths column and suicides: a broken ring with a cross. */
    private static BufferedImage iconDeath() {
        BufferedImage img = Img.canvas(24, 24);
        Graphics2D g = icon(img);
        g.draw(new Ellipse2D.Double(3, 3, 18, 18));
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(8, 8, 16, 16));
        g.draw(new Line2D.Double(16, 8, 8, 16));
        g.dispose();
        return img;
    }

    /** Server browser: password required. */
    private static BufferedImage iconLock() {
        BufferedImage img = Img.canvas(24, 24);
        Graphics2D g = icon(img);
        g.draw(new java.awt.geom.Arc2D.Double(7, 3, 10, 12, 0, 180, java.awt.geom.Arc2D.OPEN));
        g.draw(new Line2D.Double(7, 9, 7, 11));
        g.draw(new Line2D.Double(17, 9, 17, 11));
        g.fill(new RoundRectangle2D.Double(4, 10.5, 16, 11, 3, 3));
        g.dispose();
        return img;
    }

    /** Server browser and scoreboard: latency bars. */
    private static BufferedImage iconPing() {
        BufferedImage img = Img.canvas(24, 24);
        Graphics2D g = icon(img);
        for (int i = 0; i < 4; i++) {
            double h = 5 + i * 5;
            g.fill(new RoundRectangle2D.Double(3 + i * 5, 21 - h, 3.5, h, 1.5, 1.5));
        }
        g.dispose();
        return img;
    }

    private static BufferedImage iconPlayer() {
        BufferedImage img = Img.canvas(24, 24);
        Graphics2D g = icon(img);
        g.fill(new Ellipse2D.Double(8, 3, 8, 8));
        Path2D body = new Path2D.Double();
        body.moveTo(3.5, 21);
        body.curveTo(3.5, 14, 8, 12.5, 12, 12.5);
        body.curveTo(16, 12.5, 20.5, 14, 20.5, 21);
        body.closePath();
        g.fill(body);
        g.dispose();
        return img;
    }

    private static BufferedImage iconBot() {
        BufferedImage img = Img.canvas(24, 24);
        Graphics2D g = icon(img);
        Area head = new Area(new RoundRectangle2D.Double(3, 7, 18, 14, 5, 5));
        head.subtract(new Area(new Ellipse2D.Double(7, 11.5, 4, 4)));
        head.subtract(new Area(new Ellipse2D.Double(13, 11.5, 4, 4)));
        g.fill(head);
        g.draw(new Line2D.Double(12, 7, 12, 4));
        g.fill(new Ellipse2D.Double(10.5, 1.5, 3, 3));
        g.dispose();
        return img;
    }

    // ---- helpers ----

    private static Polygon2 poly(double... xy) {
        return new Polygon2(xy);
    }

    /** A closed polygon with double coordinates (java.awt.Polygon only takes ints). */
    private static final class Polygon2 extends Path2D.Double {
        private static final long serialVersionUID = 1L;

        Polygon2(double... xy) {
            moveTo(xy[0], xy[1]);
            for (int i = 2; i < xy.length; i += 2) {
                lineTo(xy[i], xy[i + 1]);
            }
            closePath();
        }
    }

    static int lerp(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 255) * (1 - t) + ((b >> 16) & 255) * t);
        int g = (int) Math.round(((a >> 8) & 255) * (1 - t) + ((b >> 8) & 255) * t);
        int bl = (int) Math.round((a & 255) * (1 - t) + (b & 255) * t);
        return (r << 16) | (g << 8) | bl;
    }
}
