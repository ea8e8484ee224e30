package io.tickwire.bench;

import io.tickwire.client.GameClient;
import io.tickwire.net.NetPeer;
import io.tickwire.net.protocol.ConnectionStats;
import io.tickwire.net.transport.EndpointStats;
import java.util.List;
import java.util.Locale;

/**
 * Traffic over a measured window, per client and each way. Connection level = the bytes
 * {@link ConnectionStats} counts (Tickwire packets, before DTLS). DTLS overhead is measured, not assumed:
 * the server socket's bytes ({@link EndpointStats}) minus its connections' packet bytes, per datagram,
 * each way; wire figures add that per packet (UDP and IP headers not included).
 */
final class Traffic {
    private final GameRig rig;
    private long startNanos;
    private long[] start;
    private double seconds;
    private double[] downKbps;
    private double[] upKbps;
    private double[] downPps;
    private double[] upPps;
    private double overheadOut = Double.NaN;
    private double overheadIn = Double.NaN;

    Traffic(GameRig rig) {
        this.rig = rig;
    }

    /** Starts the window at {@code nowNanos}. */
    void start(long nowNanos) {
        startNanos = nowNanos;
        start = counters();
    }

    /** Ends the window at {@code nowNanos} and computes the rates. */
    void stop(long nowNanos) {
        long[] end = counters();
        seconds = (nowNanos - startNanos) / 1e9;
        int n = rig.clients.size();
        downKbps = new double[n];
        upKbps = new double[n];
        downPps = new double[n];
        upPps = new double[n];
        for (int i = 0; i < n; i++) {
            downKbps[i] = (end[4 * i] - start[4 * i]) * 8 / 1000.0 / seconds;
            upKbps[i] = (end[4 * i + 1] - start[4 * i + 1]) * 8 / 1000.0 / seconds;
            downPps[i] = (end[4 * i + 2] - start[4 * i + 2]) / seconds;
            upPps[i] = (end[4 * i + 3] - start[4 * i + 3]) / seconds;
        }
        if (rig.transport.isDtls()) {
            int s = 4 * n;
            overheadOut = (double) (end[s] - start[s] - (end[s + 4] - start[s + 4])) / (end[s + 1] - start[s + 1]);
            overheadIn = (double) (end[s + 2] - start[s + 2] - (end[s + 5] - start[s + 5])) / (end[s + 3] - start[s + 3]);
        }
    }

    // Per client: bytes received, bytes sent, packets received, packets sent; then the server socket's
    // bytes out, datagrams out, bytes in, datagrams in, and its connections' packet bytes sent, received.
    private long[] counters() {
        List<GameClient> clients = rig.clients;
        int n = clients.size();
        long[] c = new long[4 * n + 6];
        for (int i = 0; i < n; i++) {
            ConnectionStats st = clients.get(i).net().stats();
            c[4 * i] = st.bytesReceived();
            c[4 * i + 1] = st.bytesSent();
            c[4 * i + 2] = st.packetsReceived();
            c[4 * i + 3] = st.packetsSent();
        }
        EndpointStats socket = rig.server.net().endpointStats();
        if (socket != null) {
            c[4 * n] = socket.bytesOut();
            c[4 * n + 1] = socket.datagramsOut();
            c[4 * n + 2] = socket.bytesIn();
            c[4 * n + 3] = socket.datagramsIn();
            for (NetPeer p : rig.server.net().peers()) {
                c[4 * n + 4] += p.stats().bytesSent();
                c[4 * n + 5] += p.stats().bytesReceived();
            }
        }
        return c;
    }

    double seconds() {
        return seconds;
    }

    /** Median over clients of server-to-client kbps, connection level. */
    double medianDownKbps() {
        return Bench.median(downKbps);
    }

    /** Median over clients of server-to-client kbps with the measured DTLS overhead per packet (NaN in memory). */
    double medianDownWireKbps() {
        return Bench.median(wire(downKbps, downPps, overheadOut));
    }

    /** {@link #medianDownWireKbps()} formatted, or "n/a" without DTLS. */
    String medianDownWire() {
        return rig.transport.isDtls() ? String.format(Locale.ROOT, "%.2f kbps", medianDownWireKbps()) : "n/a (no DTLS)";
    }

    double medianDownPps() {
        return Bench.median(downPps);
    }

    private static double[] wire(double[] kbps, double[] pps, double overhead) {
        double[] w = new double[kbps.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = kbps[i] + pps[i] * overhead * 8 / 1000.0;
        }
        return w;
    }

    private static String medMax(double[] v, String format) {
        return String.format(Locale.ROOT, "median " + format + ", max " + format, Bench.median(v), Bench.percentile(v, 100));
    }

    /** The window's figures, one line per direction, plus the measured overhead. */
    String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "window %.2f s, %d clients%n", seconds, downKbps.length));
        sb.append("  server->client per client: connection ").append(medMax(downKbps, "%.2f kbps"));
        sb.append("; ").append(medMax(downPps, "%.1f packets/s"));
        if (rig.transport.isDtls()) {
            sb.append("; wire (DTLS) ").append(medMax(wire(downKbps, downPps, overheadOut), "%.2f kbps"));
        }
        sb.append(String.format(Locale.ROOT, "%n  client->server per client: connection "))
                .append(medMax(upKbps, "%.2f kbps")).append("; ").append(medMax(upPps, "%.1f packets/s"));
        if (rig.transport.isDtls()) {
            sb.append("; wire (DTLS) ").append(medMax(wire(upKbps, upPps, overheadIn), "%.2f kbps"));
            sb.append(String.format(Locale.ROOT, "%n  DTLS overhead measured at the server socket: %.2f B/datagram out, "
                    + "%.2f B/datagram in (UDP/IPv4 headers, 28 B/datagram, not included)", overheadOut, overheadIn));
        }
        return sb.toString();
    }
}
