package io.tickwire.arena.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** Every WAV: a well-formed 16-bit PCM mono 44.1 kHz RIFF file, of the right length, clean at both ends. */
class SoundsTest {
    /** Duration bounds in seconds: what each effect was designed to last, with a little slack. */
    private static final Map<String, double[]> DURATIONS = Map.of(
            ArenaAssets.SOUND_SHOT, new double[] {0.08, 0.3},
            ArenaAssets.SOUND_HIT, new double[] {0.06, 0.25},
            ArenaAssets.SOUND_EXPLOSION, new double[] {0.5, 1.5},
            ArenaAssets.SOUND_RESPAWN, new double[] {0.3, 1.0},
            ArenaAssets.SOUND_CLICK, new double[] {0.02, 0.1},
            ArenaAssets.SOUND_JOIN, new double[] {0.2, 0.8});

    @Test
    void headersAreCanonicalPcm16Mono44k() {
        assertEquals(DURATIONS.keySet(), new java.util.HashSet<>(ArenaAssets.SOUNDS));
        for (String path : ArenaAssets.SOUNDS) {
            byte[] wav = Resources.bytes(path);
            ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals("RIFF", ascii(wav, 0), path);
            assertEquals(wav.length - 8, b.getInt(4), path + " RIFF size");
            assertEquals("WAVE", ascii(wav, 8), path);
            assertEquals("fmt ", ascii(wav, 12), path);
            assertEquals(16, b.getInt(16), path + " fmt chunk size");
            assertEquals(1, b.getShort(20), path + " format must be PCM");
            assertEquals(1, b.getShort(22), path + " must be mono");
            assertEquals(44100, b.getInt(24), path + " sample rate");
            assertEquals(88200, b.getInt(28), path + " byte rate");
            assertEquals(2, b.getShort(32), path + " block align");
            assertEquals(16, b.getShort(34), path + " bits per sample");
            assertEquals("data", ascii(wav, 36), path);
            assertEquals(wav.length - 44, b.getInt(40), path + " data size");
        }
    }

    @Test
    void durationsAreWithinBoundsAndTheSetIsSmall() {
        long total = 0;
        for (Map.Entry<String, double[]> e : DURATIONS.entrySet()) {
            byte[] wav = Resources.bytes(e.getKey());
            total += wav.length;
            double seconds = (wav.length - 44) / 2.0 / 44100;
            assertTrue(seconds >= e.getValue()[0] && seconds <= e.getValue()[1],
                    e.getKey() + " lasts " + seconds + " s, expected " + e.getValue()[0] + ".." + e.getValue()[1]);
        }
        assertTrue(total < 500_000, "all sounds together must stay under 500 kB, are " + total);
    }

    @Test
    void startAndEndSilentWithoutClippingAndAreAudible() {
        for (String path : ArenaAssets.SOUNDS) {
            short[] s = samples(Resources.bytes(path));
            assertEquals(0, s[0], path + " must start at zero (no click)");
            assertEquals(0, s[s.length - 1], path + " must end at zero (no click)");
            int peak = 0;
            int maxStep = 0;
            for (int i = 0; i < s.length; i++) {
                peak = Math.max(peak, Math.abs(s[i]));
                if (i > 0) {
                    maxStep = Math.max(maxStep, Math.abs(s[i] - s[i - 1]));
                }
            }
            assertTrue(peak < 32000, path + " clips: peak " + peak);
            assertTrue(peak > 8000, path + " is too quiet: peak " + peak);
            // The last 5 ms fade out: every sample there is already small.
            for (int i = s.length - 220; i < s.length; i++) {
                assertTrue(Math.abs(s[i]) < peak / 4, path + " does not fade out: sample " + i + " = " + s[i]);
            }
        }
    }

    @Test
    void javaSoundDecodesEveryFile() throws Exception {
        for (String path : ArenaAssets.SOUNDS) {
            try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(Resources.bytes(path)))) {
                AudioFormat f = in.getFormat();
                assertEquals(AudioFormat.Encoding.PCM_SIGNED, f.getEncoding(), path);
                assertEquals(44100f, f.getSampleRate(), path);
                assertEquals(1, f.getChannels(), path);
                assertEquals(16, f.getSampleSizeInBits(), path);
                assertEquals((Resources.bytes(path).length - 44) / 2, in.getFrameLength(), path + " frames");
            }
        }
    }

    private static short[] samples(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN);
        short[] s = new short[(wav.length - 44) / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = b.getShort();
        }
        return s;
    }

    private static String ascii(byte[] b, int at) {
        return new String(b, at, 4, StandardCharsets.US_ASCII);
    }
}
