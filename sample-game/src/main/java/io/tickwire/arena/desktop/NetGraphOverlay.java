package io.tickwire.arena.desktop;

import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import io.tickwire.client.GameClient;
import io.tickwire.client.NetGraph;

/**
 * The F3 net graph: round-trip time and jitter, loss, kilobits per second each way, the interpolation
 * delay, prediction corrections, the snapshot rate and the network simulator setting, as text, over a
 * scrolling graph of the round-trip time (with a tick where a snapshot was late). Render thread;
 * allocates nothing per frame.
 */
final class NetGraphOverlay {
    /** Width and height of the panel in pixels. */
    static final float WIDTH = 330;
    static final float HEIGHT = 214;
    private static final int SAMPLES = 150;
    private static final long SAMPLE_NANOS = 1_000_000_000L / 30;

    private final ArenaArt art;
    private final TextBuf text = new TextBuf(96);
    private final float[] rtt = new float[SAMPLES];
    private final boolean[] gap = new boolean[SAMPLES];
    private int head;
    private long nextSample;
    private long lastSnapshots;
    private long lastSnapshotNanos;
    private long rateWindowStart;
    private long rateWindowSnapshots;
    private int snapshotRate;

    NetGraphOverlay(ArenaArt art) {
        this.art = art;
    }

    /** Takes this frame's figures (call every frame, shown or not, so the graph has history). */
    void sample(GameClient client, long nowNanos) {
        NetGraph g = client.netGraph();
        long snaps = g.snapshotsReceived();
        boolean late = false;
        if (snaps != lastSnapshots) {
            // A snapshot arriving more than two intervals after the last one shows as a red tick.
            late = lastSnapshotNanos != 0 && nowNanos - lastSnapshotNanos > 70_000_000L;
            lastSnapshots = snaps;
            lastSnapshotNanos = nowNanos;
        }
        if (rateWindowStart == 0) {
            rateWindowStart = nowNanos;
            rateWindowSnapshots = snaps;
        } else if (nowNanos - rateWindowStart >= 1_000_000_000L) {
            snapshotRate = (int) Math.round((snaps - rateWindowSnapshots) * 1e9 / (nowNanos - rateWindowStart));
            rateWindowStart = nowNanos;
            rateWindowSnapshots = snaps;
        }
        if (late) {
            gap[head] = true;
        }
        if (nowNanos >= nextSample) {
            nextSample = nowNanos + SAMPLE_NANOS;
            head = (head + 1) % SAMPLES;
            rtt[head] = (float) g.rttMillis();
            gap[head] = false;
        }
    }

    /** Nanos of the last snapshot arrival (0 before the first). */
    long lastSnapshotNanos() {
        return lastSnapshotNanos;
    }

    /** Draws the panel with its bottom-left corner at ({@code x}, {@code y}) in HUD pixels. */
    void draw(SpriteBatch batch, GameClient client, String simulation, float x, float y) {
        NetGraph g = client.netGraph();
        art.panel.draw(batch, x, y, WIDTH, HEIGHT);
        BitmapFont f = art.mono14;
        float lx = x + 14;
        float ly = y + HEIGHT - 14;
        float line = 17;
        f.setColor(art.cyan);
        f.draw(batch, "NET GRAPH (F3)", lx, ly);
        ly -= line + 2;
        f.setColor(art.text);
        f.draw(batch, text.clear().append("rtt    ").append(g.rttMillis(), 1).append(" ms  jitter ")
                .append(g.jitterMillis(), 1).append(" ms"), lx, ly);
        ly -= line;
        f.draw(batch, text.clear().append("loss   ").append(g.lossPercent(), 1).append(" %   snapshots ")
                .append(snapshotRate).append("/s"), lx, ly);
        ly -= line;
        f.draw(batch, text.clear().append("kbps   in ").append(g.kbpsIn(), 1).append("  out ")
                .append(g.kbpsOut(), 1), lx, ly);
        ly -= line;
        f.draw(batch, text.clear().append("interp ").append(g.interpolationDelayMillis(), 0).append(" ms  lead ")
                .append(g.leadTicks(), 1).append(" ticks"), lx, ly);
        ly -= line;
        f.draw(batch, text.clear().append("fixes  ").append(g.correctionsSmoothed()).append(" smoothed  ")
                .append(g.correctionsSnapped()).append(" snapped"), lx, ly);
        ly -= line;
        f.setColor(simulation.equals("off") ? art.textDim : art.yellow);
        f.draw(batch, text.clear().append("sim    ").append(simulation).append("  (F4)"), lx, ly);
        f.setColor(art.text);

        // The graph: one column per sample, oldest on the left, scaled to the larger of 100 ms and the peak.
        float gx = x + 14;
        float gy = y + 14;
        float gw = WIDTH - 28;
        float gh = 46;
        batch.setColor(0f, 0f, 0f, 0.35f);
        batch.draw(art.white, gx, gy, gw, gh);
        float peak = 100f;
        for (float v : rtt) {
            peak = Math.max(peak, v);
        }
        float col = gw / SAMPLES;
        for (int i = 0; i < SAMPLES; i++) {
            int s = (head + 1 + i) % SAMPLES;
            float h = Math.min(gh, rtt[s] / peak * gh);
            if (gap[s]) {
                batch.setColor(art.healthLow);
                batch.draw(art.white, gx + i * col, gy, Math.max(1f, col), gh);
            }
            batch.setColor(art.healthHigh.r, art.healthHigh.g, art.healthHigh.b, 0.85f);
            batch.draw(art.white, gx + i * col, gy, Math.max(1f, col - 0.5f), h);
        }
        batch.setColor(1f, 1f, 1f, 1f);
        f.setColor(art.textDim);
        f.draw(batch, text.clear().append((long) peak).append(" ms"), gx + gw - 60, gy + gh - 2);
        f.setColor(art.text);
    }
}
