package io.tickwire.arena.tools;

import static io.tickwire.arena.assets.ArenaPalette.HEALTH_HIGH;
import static io.tickwire.arena.assets.ArenaPalette.HEALTH_LOW;
import static io.tickwire.arena.assets.ArenaPalette.HEALTH_MID;
import static io.tickwire.arena.assets.ArenaPalette.NEON_CYAN;
import static io.tickwire.arena.assets.ArenaPalette.NEON_YELLOW;
import static io.tickwire.arena.assets.ArenaPalette.TEXT;
import static io.tickwire.arena.assets.ArenaPalette.TEXT_DIM;
import static io.tickwire.arena.assets.ArenaPalette.player;
import static io.tickwire.arena.assets.ArenaPalette.rgb;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/**
 * The contact sheet: a mock match and a mock menu built only from the generated sprites and baked
 * fonts (drawn the way libGDX would: tint multiplies, glows add), then every region at 1x with its
 * name, the font samples and the sound waveforms.
 */
final class Preview {
    private final List<Sprite> sprites;
    private final Map<String, FontBaker.Baked> fonts;
    private final BufferedImage img;

    private Preview(List<Sprite> sprites, Map<String, FontBaker.Baked> fonts, BufferedImage img) {
        this.sprites = sprites;
        this.fonts = fonts;
        this.img = img;
    }

    static BufferedImage render(List<Sprite> sprites, Map<String, FontBaker.Baked> fonts, Map<String, double[]> sounds) {
        BufferedImage img = new BufferedImage(1280, 1400, BufferedImage.TYPE_INT_RGB);
        Preview p = new Preview(sprites, fonts, img);
        p.fill(0, 0, 1280, 1400, 0x05070D);
        p.match(0, 0, 800, 560);
        p.menu(800, 0, 480, 560);
        p.sheet(0, 560, 1280, 640);
        p.waves(sounds, 0, 1200, 1280, 200);
        return img;
    }

    private Sprite sprite(String name) {
        for (Sprite s : sprites) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no sprite " + name);
    }

    private BufferedImage image(String name) {
        return sprite(name).image();
    }

    private BufferedImage frame(String name, int index) {
        for (Sprite s : sprites) {
            if (s.name().equals(name) && s.index() == index) {
                return s.image();
            }
        }
        throw new IllegalArgumentException("no frame " + name + "#" + index);
    }

    private void fill(int x, int y, int w, int h, int rgb) {
        Graphics2D g = img.createGraphics();
        g.setColor(Img.rgb(rgb));
        g.fillRect(x, y, w, h);
        g.dispose();
    }

    private int text(String font, String s, int x, int y, int rgb) {
        return FontBaker.draw(img, fonts.get(font), s, x, y, rgb);
    }

    /** Draws a sprite centred at (cx, cy), rotated, tinted; additive when {@code add}. */
    private void draw(BufferedImage s, double cx, double cy, double degrees, double scaleX, double scaleY, int tint,
            boolean add) {
        int size = (int) Math.ceil(Math.hypot(s.getWidth() * scaleX, s.getHeight() * scaleY)) + 2;
        BufferedImage tmp = Img.canvas(size, size);
        Graphics2D g = Img.g(tmp);
        AffineTransform t = new AffineTransform();
        t.translate(size / 2.0, size / 2.0);
        t.rotate(Math.toRadians(-degrees));
        t.scale(scaleX, scaleY);
        t.translate(-s.getWidth() / 2.0, -s.getHeight() / 2.0);
        g.drawImage(Img.tint(s, tint), t, null);
        g.dispose();
        int x = (int) Math.round(cx - size / 2.0);
        int y = (int) Math.round(cy - size / 2.0);
        if (add) {
            Img.add(img, tmp, x, y, 0xFFFFFF);
        } else {
            Img.over(img, tmp, x, y);
        }
    }

    private void match(int x0, int y0, int w, int h) {
        BufferedImage floor = image("floor");
        for (int y = 0; y < h; y += 128) {
            for (int x = 0; x < w; x += 128) {
                Img.over(img, floor.getSubimage(0, 0, Math.min(128, w - x), Math.min(128, h - y)), x0 + x, y0 + y);
            }
        }
        BufferedImage patch = image("wall_patch");
        int[] split = sprite("wall_patch").split();
        // Obstacles: the patch's body is inset 8 px, so draw each 8 px larger than its collision box.
        int[][] walls = {{120, 150, 60, 200}, {420, 60, 220, 50}, {560, 300, 50, 170}, {250, 420, 150, 50}};
        for (int[] r : walls) {
            Img.ninePatch(img, patch, split, x0 + r[0] - 8, y0 + r[1] - 8, r[2] + 16, r[3] + 16);
        }
        for (int i = 0; i < 3; i++) {
            Img.over(img, image("wall"), x0 + 700, y0 + 120 + i * 64);
        }

        // Four players: ship over an additive glow, thrusters behind.
        double[][] ships = {{300, 250, 20}, {520, 200, 200}, {380, 360, 75}, {660, 470, 135}};
        int[] hp = {100, 55, 20, 80};
        for (int i = 0; i < ships.length; i++) {
            double cx = x0 + ships[i][0];
            double cy = y0 + ships[i][1];
            double a = ships[i][2];
            int c = rgb(player(i));
            double rad = Math.toRadians(a);
            draw(image("thruster"), cx - Math.cos(rad) * 34, cy + Math.sin(rad) * 34, a, 1, 1, c, true);
            draw(image("ship_glow"), cx, cy, a, 1, 1, c, true);
            draw(image("ship"), cx, cy, a, 1, 1, c, false);
            int barX = (int) cx - 24;
            int barY = (int) cy - 46;
            Img.ninePatch(img, image("healthbar_bg"), sprite("healthbar_bg").split(), barX, barY, 48, 8);
            int fillColor = rgb(hp[i] > 60 ? HEALTH_HIGH : hp[i] > 30 ? HEALTH_MID : HEALTH_LOW);
            BufferedImage fill = Img.tint(image("healthbar_fill"), fillColor);
            Img.ninePatch(img, fill, sprite("healthbar_fill").split(), barX, barY, Math.max(6, 48 * hp[i] / 100), 8);
            String[] names = {"nova", "vex", "kite", "bot-03"};
            FontBaker.Baked f = fonts.get("ui-16");
            int tw = FontBaker.draw(Img.canvas(1, 1), f, names[i], 0, 0, 0);
            text("ui-16", names[i], (int) cx - tw / 2, barY - 20, rgb(TEXT));
        }
        // Player 0 fires at player 1: tracer stretched between them, flash at the muzzle, spark at impact.
        double sx = x0 + 300 + Math.cos(Math.toRadians(20)) * 26;
        double sy = y0 + 250 - Math.sin(Math.toRadians(20)) * 26;
        double ex = x0 + 505;
        double ey = y0 + 205;
        double len = Math.hypot(ex - sx, ey - sy);
        double ang = Math.toDegrees(Math.atan2(-(ey - sy), ex - sx));
        draw(image("tracer"), (sx + ex) / 2, (sy + ey) / 2, ang, len / 32, 0.6, rgb(player(0)), true);
        draw(image("muzzle"), sx + Math.cos(Math.toRadians(ang)) * 12, sy - Math.sin(Math.toRadians(ang)) * 12, ang,
                1, 1, rgb(player(0)), true);
        draw(image("hit"), ex, ey, 0, 1, 1, 0xFFFFFF, true);
        for (int k = 0; k < 5; k++) {
            draw(image("spark"), ex + 10 + k * 7, ey - 12 + k * 5, 0, 0.5, 0.5, rgb(player(0)), true);
        }
        // Player 2 shoots a bullet; a death explosion elsewhere.
        draw(image("bullet"), x0 + 420, y0 + 300, 75, 1, 1, rgb(player(2)), true);
        draw(frame("explosion", 1), x0 + 735, y0 + 440, 0, 1.3, 1.3, 0xFFFFFF, false);
        draw(frame("explosion", 1), x0 + 735, y0 + 440, 0, 1.3, 1.3, 0xFFFFFF, true);
        draw(image("crosshair"), x0 + 470, y0 + 130, 0, 1, 1, 0xFFFFFF, false);

        // Kill feed, top right.
        int kx = x0 + w - 250;
        int ky = y0 + 12;
        Img.ninePatch(img, image("panel"), sprite("panel").split(), kx, ky, 238, 58);
        int px = kx + 12;
        px += text("ui-16", "nova", px, ky + 7, rgb(player(0))) + 6;
        Img.over(img, Img.tint(image("icon_kill"), rgb(NEON_YELLOW)), px, ky + 7);
        px += 30;
        text("ui-16", "bot-07", px, ky + 7, rgb(player(5)));
        px = kx + 12;
        px += text("ui-16", "kite", px, ky + 31, rgb(player(2))) + 6;
        Img.over(img, Img.tint(image("icon_kill"), rgb(NEON_YELLOW)), px, ky + 31);
        px += 30;
        text("ui-16", "Zoë", px, ky + 31, rgb(player(4)));

        // Net graph, bottom left.
        int nx = x0 + 12;
        int ny = y0 + h - 92;
        Img.ninePatch(img, image("panel"), sprite("panel").split(), nx, ny, 230, 80);
        text("mono-14", "rtt  42 ms  jitter 3", nx + 10, ny + 8, rgb(TEXT));
        text("mono-14", "loss 0.4%   in 18 kB/s", nx + 10, ny + 26, rgb(TEXT_DIM));
        for (int i = 0; i < 60; i++) {
            int bh = 6 + (int) (8 * Math.abs(Math.sin(i * 0.7)) + (i % 17 == 0 ? 14 : 0));
            fill(nx + 12 + i * 3, ny + 72 - bh, 2, bh, i % 17 == 0 ? rgb(HEALTH_LOW) : rgb(NEON_CYAN));
        }

        // Scoreboard in the middle-left, as when Tab is held.
        int bx = x0 + 40;
        int by = y0 + 24;
        Img.ninePatch(img, image("panel"), sprite("panel").split(), bx, by, 300, 120);
        text("ui-24", "Scoreboard", bx + 14, by + 8, rgb(TEXT));
        String[][] rows = {{"nova", "12", "3", "24"}, {"vex", "9", "5", "31"}, {"bot-03", "4", "8", "0"}};
        for (int r = 0; r < rows.length; r++) {
            int ry = by + 44 + r * 22;
            Img.over(img, Img.tint(image(r == 2 ? "icon_bot" : "icon_player"), rgb(player(r == 2 ? 3 : r))),
                    bx + 12, ry - 2);
            text("ui-16", rows[r][0], bx + 42, ry, rgb(TEXT));
            text("mono-14", rows[r][1], bx + 170, ry + 2, rgb(TEXT));
            text("mono-14", rows[r][2], bx + 205, ry + 2, rgb(TEXT_DIM));
            text("mono-14", rows[r][3], bx + 248, ry + 2, rgb(TEXT_DIM));
        }
    }

    private void menu(int x0, int y0, int w, int h) {
        fill(x0, y0, w, h, 0x070A14);
        BufferedImage floor = image("floor");
        for (int y = 0; y < h; y += 128) {
            for (int x = 0; x < w; x += 128) {
                Img.over(img, Img.fade(floor.getSubimage(0, 0, Math.min(128, w - x), Math.min(128, h - y)), 0.5),
                        x0 + x, y0 + y);
            }
        }
        BufferedImage logo = image("logo");
        int lw = 448;
        int lh = logo.getHeight() * lw / logo.getWidth();
        Graphics2D g = Img.g(img);
        g.drawImage(logo, x0 + (w - lw) / 2, y0 + 8, lw, lh, null);
        g.dispose();
        int cx = x0 + 40;
        int y = y0 + 150;
        text("ui-16", "Name", cx, y, rgb(TEXT_DIM));
        Img.ninePatch(img, image("textfield_focused"), sprite("textfield_focused").split(), cx, y + 22, 400, 36);
        int tw = text("ui-24", "Ångström_42", cx + 12, y + 26, rgb(TEXT));
        fill(cx + 14 + tw, y + 30, 2, 22, rgb(NEON_CYAN));
        String[] labels = {"Host game", "Join", "Settings", "Quit"};
        String[] states = {"button_hover", "button_pressed", "button_normal", "button_disabled"};
        for (int i = 0; i < 4; i++) {
            int bx = cx + (i % 2) * 205;
            int by = y + 72 + (i / 2) * 54;
            Img.ninePatch(img, image(states[i]), sprite(states[i]).split(), bx, by, 195, 44);
            FontBaker.Baked f = fonts.get("ui-24");
            int lwid = FontBaker.draw(Img.canvas(1, 1), f, labels[i], 0, 0, 0);
            text("ui-24", labels[i], bx + (195 - lwid) / 2, by + 8, i == 3 ? rgb(TEXT_DIM) : rgb(TEXT));
        }
        int ly = y + 190;
        Img.ninePatch(img, image("panel"), sprite("panel").split(), cx, ly, 400, 190);
        text("ui-24", "LAN servers", cx + 14, ly + 10, rgb(TEXT));
        String[][] servers = {{"arena@kitchen", "3/16", "4 ms", "lock"}, {"Friday night", "11/16", "9 ms", ""},
            {"bots only", "8/16", "1 ms", ""}};
        for (int i = 0; i < servers.length; i++) {
            int ry = ly + 50 + i * 40;
            if (i == 0) {
                Img.ninePatch(img, image("button_hover"), sprite("button_hover").split(), cx + 8, ry - 6, 384, 34);
            }
            text("ui-16", servers[i][0], cx + 22, ry + 2, rgb(TEXT));
            if (!servers[i][3].isEmpty()) {
                Img.over(img, Img.tint(image("icon_lock"), rgb(NEON_YELLOW)), cx + 170, ry);
            }
            Img.over(img, Img.tint(image("icon_player"), rgb(TEXT_DIM)), cx + 205, ry);
            text("mono-14", servers[i][1], cx + 232, ry + 4, rgb(TEXT));
            Img.over(img, Img.tint(image("icon_ping"), rgb(HEALTH_HIGH)), cx + 295, ry);
            text("mono-14", servers[i][2], cx + 324, ry + 4, rgb(TEXT));
        }
    }

    /** Every region at 1x on a dark checker, with its name. */
    private void sheet(int x0, int y0, int w, int h) {
        fill(x0, y0, w, h, 0x0B0F1A);
        int x = x0 + 12;
        int y = y0 + 12;
        int rowH = 0;
        for (Sprite s : sprites) {
            BufferedImage im = s.image();
            String label = s.index() >= 0 ? s.name() + "#" + s.index() : s.name();
            if (s.name().equals("white")) {
                label = "white(1x1)";
            }
            FontBaker.Baked f = fonts.get("mono-14");
            int labelW = FontBaker.draw(Img.canvas(1, 1), f, label, 0, 0, 0);
            int cellW = Math.max(im.getWidth(), labelW) + 14;
            int cellH = im.getHeight() + 22;
            if (x + cellW > x0 + w) {
                x = x0 + 12;
                y += rowH + 8;
                rowH = 0;
            }
            checker(x, y, im.getWidth(), im.getHeight());
            Img.over(img, im, x, y);
            text("mono-14", label, x, y + im.getHeight() + 3, rgb(TEXT_DIM));
            x += cellW;
            rowH = Math.max(rowH, cellH);
        }
        int fy = y + rowH + 12;
        int fx = x0 + 12;
        for (Map.Entry<String, FontBaker.Baked> e : fonts.entrySet()) {
            FontBaker.Baked f = e.getValue();
            String sample = e.getKey() + ": The quick brown fox jumps — AVA Ta 0123456789 é ß →";
            if (fy + f.lineHeight() > y0 + h) {
                break;
            }
            text(e.getKey(), sample.replace("—", "-"), fx, fy, e.getKey().startsWith("title") ? rgb(NEON_YELLOW) : rgb(TEXT));
            fy += f.lineHeight() + 2;
        }
    }

    private void checker(int x, int y, int w, int h) {
        for (int yy = 0; yy < h; yy += 8) {
            for (int xx = 0; xx < w; xx += 8) {
                boolean dark = ((xx + yy) / 8) % 2 == 0;
                fill(x + xx, y + yy, Math.min(8, w - xx), Math.min(8, h - yy), dark ? 0x1A2033 : 0x222A40);
            }
        }
    }

    private void waves(Map<String, double[]> sounds, int x0, int y0, int w, int h) {
        fill(x0, y0, w, h, 0x070A14);
        int n = sounds.size();
        int cw = w / n;
        int i = 0;
        for (Map.Entry<String, double[]> e : sounds.entrySet()) {
            int cx = x0 + i * cw;
            double[] s = e.getValue();
            text("ui-16", String.format("%s.wav  %.2f s", e.getKey(), s.length / (double) Sounds.RATE), cx + 10,
                    y0 + 8, rgb(TEXT));
            int mid = y0 + 40 + (h - 50) / 2;
            int amp = (h - 60) / 2;
            for (int px = 0; px < cw - 20; px++) {
                int from = px * s.length / (cw - 20);
                int to = Math.max(from + 1, (px + 1) * s.length / (cw - 20));
                double lo = 0;
                double hi = 0;
                for (int k = from; k < to && k < s.length; k++) {
                    lo = Math.min(lo, s[k]);
                    hi = Math.max(hi, s[k]);
                }
                int top = mid - (int) Math.round(hi * amp);
                int bottom = mid - (int) Math.round(lo * amp);
                fill(cx + 10 + px, top, 1, Math.max(1, bottom - top), rgb(player(i)));
            }
            i++;
        }
    }
}
