package io.tickwire.arena.tools;

import java.awt.image.BufferedImage;

/**
 * One atlas region before packing.
 *
 * @param name  region name the game looks up
 * @param index animation frame index, or -1 for a single image
 * @param image pixels
 * @param split 9-patch splits (left, right, top, bottom) or null
 */
record Sprite(String name, int index, BufferedImage image, int[] split) {

    static Sprite of(String name, BufferedImage image) {
        return new Sprite(name, -1, image, null);
    }

    static Sprite patch(String name, BufferedImage image, int left, int right, int top, int bottom) {
        return new Sprite(name, -1, image, new int[] {left, right, top, bottom});
    }
}
