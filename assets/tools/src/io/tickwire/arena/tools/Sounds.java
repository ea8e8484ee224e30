package io.tickwire.arena.tools;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Synthesizes the arena's sound effects as 16-bit PCM mono at 44.1 kHz. Every sound starts and ends
 * at zero through short fades (no clicks), and a fixed seed makes the noise the same every run.
 */
final class Sounds {
    static final int RATE = 44100;

    private Sounds() {
    }

    /** Name (without .wav) to samples in -1..1, in the order they are listed. */
    static Map<String, double[]> all() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("shot", normalize(shot(), 0.5));
        m.put("hit", normalize(hit(), 0.55));
        m.put("explosion", normalize(explosion(), 0.7));
        m.put("respawn", normalize(respawn(), 0.45));
        m.put("click", normalize(click(), 0.35));
        m.put("join", normalize(join(), 0.45));
        return m;
    }

    /** Laser: a falling pitch sweep with a bright attack, softened by a low-pass. */
    private static double[] shot() {
        double dur = 0.17;
        double[] s = new double[n(dur)];
        Random rnd = new Random(1);
        double phase = 0;
        double lp = 0;
        for (int i = 0; i < s.length; i++) {
            double t = i / (double) RATE;
            double f = 320 + 1500 * Math.exp(-t * 28);
            phase += 2 * Math.PI * f / RATE;
            double tone = Math.sin(phase) + 0.35 * Math.sin(3 * phase) + 0.15 * Math.sin(5 * phase);
            double noise = (rnd.nextDouble() * 2 - 1) * Math.exp(-t * 180);
            double x = tone * 0.8 + noise * 0.5;
            lp += (x - lp) * 0.45;
            s[i] = lp * env(t, 0.002, dur, 22);
        }
        return s;
    }

    /** Impact: a low thump under a short metallic ping and a crunch of noise. */
    private static double[] hit() {
        double dur = 0.14;
        double[] s = new double[n(dur)];
        Random rnd = new Random(2);
        double phase = 0;
        double lp = 0;
        for (int i = 0; i < s.length; i++) {
            double t = i / (double) RATE;
            double f = 90 + 140 * Math.exp(-t * 40);
            phase += 2 * Math.PI * f / RATE;
            double thump = Math.sin(phase) * Math.exp(-t * 30);
            double ping = Math.sin(2 * Math.PI * 2350 * t) * Math.exp(-t * 60) * 0.35;
            lp += ((rnd.nextDouble() * 2 - 1) - lp) * 0.3;
            double crunch = lp * Math.exp(-t * 70) * 0.8;
            s[i] = (thump + ping + crunch) * env(t, 0.001, dur, 0);
        }
        return s;
    }

    /** Death: a noise blast whose low-pass closes as it fades, a sub boom under it, and crackles. */
    private static double[] explosion() {
        double dur = 0.95;
        double[] s = new double[n(dur)];
        Random rnd = new Random(3);
        double lp1 = 0;
        double lp2 = 0;
        double phase = 0;
        double crackle = 0;
        for (int i = 0; i < s.length; i++) {
            double t = i / (double) RATE;
            double cutoff = 150 + 5000 * Math.exp(-t * 6);
            double a = 1 - Math.exp(-2 * Math.PI * cutoff / RATE);
            lp1 += ((rnd.nextDouble() * 2 - 1) - lp1) * a;
            lp2 += (lp1 - lp2) * a;
            double f = 38 + 60 * Math.exp(-t * 9);
            phase += 2 * Math.PI * f / RATE;
            double boom = Math.sin(phase) * Math.exp(-t * 4.5);
            if (rnd.nextDouble() < 0.0025 * Math.exp(-t * 3)) {
                crackle = rnd.nextDouble() * 0.8;
            }
            crackle *= 0.992;
            s[i] = (lp2 * 1.6 * Math.exp(-t * 4) + boom * 0.9 + crackle * (rnd.nextDouble() - 0.5))
                    * env(t, 0.004, dur, 0);
        }
        return s;
    }

    /** Respawn: a rising major arpeggio with a soft shimmer, the last note left to ring. */
    private static double[] respawn() {
        double dur = 0.62;
        double[] s = new double[n(dur)];
        double[] notes = {523.25, 659.25, 783.99, 1046.5};
        for (int k = 0; k < notes.length; k++) {
            double start = k * 0.075;
            double len = k == notes.length - 1 ? dur - start : 0.22;
            for (int i = n(start); i < Math.min(s.length, n(start + len)); i++) {
                double t = (i - n(start)) / (double) RATE;
                double f = notes[k];
                double v = Math.sin(2 * Math.PI * f * t) + 0.25 * Math.sin(2 * Math.PI * f * 2.003 * t)
                        + 0.12 * Math.sin(2 * Math.PI * f * 1.004 * t + 1);
                s[i] += 0.45 * v * env(t, 0.006, len, k == notes.length - 1 ? 6 : 11);
            }
        }
        return s;
    }

    /** UI click: a very short, high blip. */
    private static double[] click() {
        double dur = 0.045;
        double[] s = new double[n(dur)];
        for (int i = 0; i < s.length; i++) {
            double t = i / (double) RATE;
            double f = 1500 - 500 * t / dur;
            s[i] = Math.sin(2 * Math.PI * f * t) * env(t, 0.001, dur, 80);
        }
        return s;
    }

    /** A player joined: a two-note bell, fifth up. */
    private static double[] join() {
        double dur = 0.45;
        double[] s = new double[n(dur)];
        double[][] notes = {{0, 783.99}, {0.11, 1174.66}};
        for (double[] note : notes) {
            double start = note[0];
            double f = note[1];
            for (int i = n(start); i < s.length; i++) {
                double t = (i - n(start)) / (double) RATE;
                double bell = Math.sin(2 * Math.PI * f * t) + 0.4 * Math.sin(2 * Math.PI * f * 2.76 * t) * Math.exp(-t * 18)
                        + 0.2 * Math.sin(2 * Math.PI * f * 5.4 * t) * Math.exp(-t * 30);
                s[i] += 0.5 * bell * env(t, 0.003, dur - start, 9);
            }
        }
        return s;
    }

    private static int n(double seconds) {
        return (int) Math.round(seconds * RATE);
    }

    /**
     * Envelope: linear attack, exponential decay at {@code decay} per second, and a 6 ms linear
     * release before {@code length} so every sound ends exactly at zero.
     */
    private static double env(double t, double attack, double length, double decay) {
        if (t < 0 || t >= length) {
            return 0;
        }
        double a = t < attack ? t / attack : 1;
        double d = Math.exp(-Math.max(0, t - attack) * decay);
        double release = 0.006;
        double r = t > length - release ? (length - t) / release : 1;
        return a * d * r;
    }

    private static double[] normalize(double[] s, double peak) {
        double max = 1e-9;
        for (double v : s) {
            max = Math.max(max, Math.abs(v));
        }
        double k = peak / max;
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] * k;
        }
        // The first and last samples are forced to silence, whatever the filters left there.
        out[0] = 0;
        out[out.length - 1] = 0;
        return out;
    }

    /** A canonical 44-byte-header RIFF/WAVE file, PCM 16-bit little-endian mono. */
    static byte[] wav(double[] samples) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int dataBytes = samples.length * 2;
        ascii(out, "RIFF");
        le32(out, 36 + dataBytes);
        ascii(out, "WAVE");
        ascii(out, "fmt ");
        le32(out, 16);
        le16(out, 1); // PCM
        le16(out, 1); // mono
        le32(out, RATE);
        le32(out, RATE * 2); // byte rate
        le16(out, 2); // block align
        le16(out, 16); // bits per sample
        ascii(out, "data");
        le32(out, dataBytes);
        for (double v : samples) {
            int q = (int) Math.round(Math.max(-1, Math.min(1, v)) * 32767);
            le16(out, q);
        }
        return out.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        for (char c : s.toCharArray()) {
            out.write(c);
        }
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 255);
        out.write((v >> 8) & 255);
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        le16(out, v & 0xFFFF);
        le16(out, (v >>> 16) & 0xFFFF);
    }
}
