package io.tickwire.arena.tools;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes every arena resource under {@code assets/src/main/resources/tickwire/arena/} and the contact
 * sheet {@code assets/preview.png}. Deterministic: fixed seeds, fixed fonts (the TTFs in tools/fonts),
 * no clock. Run through {@code assets/tools/generate.sh}.
 */
public final class Generate {
    private Generate() {
    }

    /** Font name in the resources, TTF it is baked from, pixel size, bold flag. */
    record FontSpec(String name, String ttf, String face, int size, boolean bold) {
    }

    static final List<FontSpec> FONTS = List.of(
            new FontSpec("ui-16", "DejaVuSans.ttf", "DejaVu Sans", 16, false),
            new FontSpec("ui-24", "DejaVuSans-Bold.ttf", "DejaVu Sans Bold", 24, true),
            new FontSpec("title-48", "DejaVuSans-Bold.ttf", "DejaVu Sans Bold", 48, true),
            new FontSpec("mono-14", "DejaVuSansMono.ttf", "DejaVu Sans Mono", 14, false));

    /**
     * Generates everything.
     *
     * @param args one argument: the assets module directory
     */
    public static void main(String[] args) throws IOException, FontFormatException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Generate <assets module dir>");
        }
        Path module = Path.of(args[0]);
        Path fonts = module.resolve("tools/fonts");
        Path out = module.resolve("src/main/resources/tickwire/arena");

        Font bold = loadFont(fonts.resolve("DejaVuSans-Bold.ttf"));
        List<Sprite> sprites = new Sprites(bold).all();
        AtlasPacker.Result packed = AtlasPacker.pack(sprites, 1024);
        writePng(packed.page(), out.resolve("atlas/arena.png"));
        write(out.resolve("atlas/arena.atlas"), AtlasPacker.atlasText("arena.png", packed));
        // The floor also ships alone, power-of-two sized, so the game can draw the whole floor as one
        // repeating texture (Texture.setWrap(Repeat)) instead of one sprite per tile.
        writePng(Sprites.floor(), out.resolve("textures/floor.png"));

        Map<String, FontBaker.Baked> baked = new LinkedHashMap<>();
        for (FontSpec spec : FONTS) {
            FontBaker.Baked f = FontBaker.bake(loadFont(fonts.resolve(spec.ttf())), spec.face(), spec.size(), spec.bold());
            writePng(f.page(), out.resolve("fonts/" + spec.name() + ".png"));
            write(out.resolve("fonts/" + spec.name() + ".fnt"), FontBaker.fntText(f, spec.name() + ".png"));
            baked.put(spec.name(), f);
        }
        Files.copy(fonts.resolve("LICENSE-DejaVu.txt"), out.resolve("fonts/LICENSE-DejaVu.txt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Map<String, double[]> sounds = Sounds.all();
        for (Map.Entry<String, double[]> e : sounds.entrySet()) {
            Path p = out.resolve("sounds/" + e.getKey() + ".wav");
            Files.createDirectories(p.getParent());
            Files.write(p, Sounds.wav(e.getValue()));
        }

        BufferedImage preview = Preview.render(sprites, baked, sounds);
        writePng(preview, module.resolve("preview.png"));

        List<String> summary = new ArrayList<>();
        summary.add("atlas " + packed.page().getWidth() + "x" + packed.page().getHeight() + ", " + sprites.size()
                + " regions");
        for (Map.Entry<String, FontBaker.Baked> e : baked.entrySet()) {
            FontBaker.Baked f = e.getValue();
            summary.add("font " + e.getKey() + " page " + f.page().getWidth() + "x" + f.page().getHeight() + ", "
                    + f.glyphs().size() + " glyphs, " + f.kernings().size() + " kerning pairs, lineHeight "
                    + f.lineHeight());
        }
        for (Map.Entry<String, double[]> e : sounds.entrySet()) {
            summary.add(String.format("sound %s %.3f s", e.getKey(), e.getValue().length / (double) Sounds.RATE));
        }
        summary.forEach(System.out::println);
    }

    static Font loadFont(Path ttf) throws IOException, FontFormatException {
        return Font.createFont(Font.TRUETYPE_FONT, ttf.toFile());
    }

    private static void writePng(BufferedImage img, Path p) throws IOException {
        Files.createDirectories(p.getParent());
        if (!ImageIO.write(img, "png", p.toFile())) {
            throw new IOException("no PNG writer for " + p);
        }
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }
}
