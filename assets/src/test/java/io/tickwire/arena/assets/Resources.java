package io.tickwire.arena.assets;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.badlogic.gdx.backends.headless.HeadlessFiles;
import com.badlogic.gdx.files.FileHandle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Test helpers: read a resource as the game will, from the classpath. */
final class Resources {
    private static final HeadlessFiles FILES = new HeadlessFiles();

    private Resources() {
    }

    /** The resource's bytes; fails naming the path when it is missing. */
    static byte[] bytes(String path) {
        try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, "missing on the classpath: " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }

    /** The resource decoded by javax.imageio. */
    static BufferedImage image(String path) {
        try {
            BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(bytes(path)));
            assertNotNull(img, "not a decodable image: " + path);
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }

    /** A libGDX classpath file handle, what {@code Gdx.files.classpath(path)} gives the game. */
    static FileHandle gdx(String path) {
        return FILES.classpath(path);
    }
}
