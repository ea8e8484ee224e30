package io.tickwire.server.runner;

import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.replication.InputFrame;
import io.tickwire.net.transport.HandshakeFailure;
import io.tickwire.server.ServerMetrics;
import java.util.Locale;

/**
 * Writes a {@link ServerMetrics.Snapshot} in the Prometheus text exposition format, version 0.0.4:
 * one {@code # HELP} and one {@code # TYPE} line per family, counters named {@code ..._total},
 * units in the names ({@code _seconds}, {@code _bytes}), label values escaped. Runs on an HTTP
 * thread; it allocates freely (a scrape is rare next to a tick).
 *
 * <p>We write the format ourselves rather than depend on the Prometheus Java client: the figures
 * already exist as a consistent snapshot, so the client's registry and collectors would only add
 * jars to every game server that embeds the library; the format is a few lines of rules.
 */
public final class PrometheusText {

    /** The Content-Type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final double NANOS_PER_SECOND = 1e9;

    private final StringBuilder out = new StringBuilder(8192);

    private PrometheusText() {
    }

    /**
     * The whole exposition of {@code m}; {@code shuttingDown} becomes the gauge
     * {@code tickwire_shutting_down} (1 while a shutdown runs or after the tick loop failed).
     */
    public static String format(ServerMetrics.Snapshot m, boolean shuttingDown) {
        PrometheusText t = new PrometheusText();
        t.write(m, shuttingDown);
        return t.out.toString();
    }

    private void write(ServerMetrics.Snapshot m, boolean shuttingDown) {
        gauge("tickwire_uptime_seconds", "Time since the server started, at the last publication.",
                seconds(m.uptimeNanos()));
        gauge("tickwire_shutting_down", "1 while the server is shutting down, closed or failed; 0 while it serves.",
                shuttingDown ? 1 : 0);
        gauge("tickwire_players", "Players joined and not yet left (away players included).", m.players());
        gauge("tickwire_connections", "Connections held by the network layer (connecting, connected or disconnecting).",
                m.connections());
        counter("tickwire_players_joined_total", "Players that joined.", m.playersJoined());
        gauge("tickwire_players_away", "Players whose connection was lost, kept within their reconnect grace.",
                m.playersAwayNow());
        counter("tickwire_players_away_total", "Players kept for a reconnect after their connection was lost.",
                m.playersAway());
        counter("tickwire_players_back_total", "Away players whose client came back with its resume ticket.",
                m.playersBack());
        family("tickwire_players_left_total", "counter", "Players that left, by disconnect reason.");
        for (DisconnectReason r : DisconnectReason.values()) {
            sample("tickwire_players_left_total", "reason", label(r), m.playersLeft(r));
        }

        counter("tickwire_ticks_total", "Simulation ticks run.", m.ticks());
        counter("tickwire_ticks_dropped_total", "Overdue ticks dropped after stalls (the loop could not catch up).",
                m.ticksDropped());
        counter("tickwire_tick_stalls_total", "Steps whose backlog of due ticks exceeded maxCatchUpTicks.",
                m.tickStalls());
        family("tickwire_tick_duration_seconds", "summary",
                "Duration of one tick (inputs, step, world, snapshots); quantiles over the last metrics interval.");
        sample("tickwire_tick_duration_seconds", "quantile", "0.5", seconds(m.tickP50Nanos()));
        sample("tickwire_tick_duration_seconds", "quantile", "0.99", seconds(m.tickP99Nanos()));
        sample("tickwire_tick_duration_seconds_sum", null, null, seconds(m.tickSumNanos()));
        sample("tickwire_tick_duration_seconds_count", null, null, m.tickCount());
        gauge("tickwire_tick_duration_max_seconds", "Longest tick of the last metrics interval.",
                seconds(m.tickMaxNanos()));

        counter("tickwire_handshakes_started_total", "DTLS handshakes admitted after a valid cookie.",
                m.handshakesStarted());
        counter("tickwire_handshakes_completed_total", "DTLS handshakes that produced a connection.",
                m.handshakesCompleted());
        counter("tickwire_handshakes_resumed_total", "DTLS handshakes that resumed a cached session (abbreviated).",
                m.handshakesResumed());
        counter("tickwire_admissions_total", "Connections admitted (credential accepted).", m.admissionsAdmitted());
        family("tickwire_admissions_refused_total", "counter", "Connections refused admission, by reason.");
        for (io.tickwire.net.admission.AdmissionRefusal r : io.tickwire.net.admission.AdmissionRefusal.values()) {
            sample("tickwire_admissions_refused_total", "reason", r.label(), m.admissionsRefused(r));
        }
        counter("tickwire_admissions_deferred_total", "Pending CONNECTs that waited for a later update (maxAdmissionsPerUpdate).",
                m.admissionsDeferred());
        family("tickwire_handshakes_failed_total", "counter", "DTLS handshakes that failed, by reason.");
        for (HandshakeFailure r : HandshakeFailure.values()) {
            sample("tickwire_handshakes_failed_total", "reason", label(r), m.handshakesFailed(r));
        }
        gauge("tickwire_handshakes_in_flight", "DTLS handshakes holding state (queued or running).",
                m.handshakesInFlight());
        counter("tickwire_cookies_sent_total", "DTLS HelloVerifyRequests (stateless cookies) sent.", m.cookiesSent());

        counter("tickwire_udp_received_bytes_total", "Bytes of UDP datagrams read from the socket.", m.udpBytesIn());
        counter("tickwire_udp_sent_bytes_total", "Bytes of UDP datagrams written to the socket.", m.udpBytesOut());
        counter("tickwire_udp_received_datagrams_total", "UDP datagrams read from the socket.", m.udpDatagramsIn());
        counter("tickwire_udp_sent_datagrams_total", "UDP datagrams written to the socket.", m.udpDatagramsOut());
        family("tickwire_endpoint_drops_total", "counter",
                "Datagrams or DTLS records dropped at the socket edge, by reason.");
        for (io.tickwire.net.transport.DropReason r : io.tickwire.net.transport.DropReason.values()) {
            sample("tickwire_endpoint_drops_total", "reason", label(r), m.endpointDrops(r));
        }

        counter("tickwire_packets_received_total", "Protocol packets received over every connection.",
                m.packetsReceived());
        counter("tickwire_packets_sent_total", "Protocol packets sent over every connection.", m.packetsSent());
        counter("tickwire_packet_received_bytes_total", "Bytes of protocol packets received (inside DTLS).",
                m.packetBytesReceived());
        counter("tickwire_packet_sent_bytes_total", "Bytes of protocol packets sent (inside DTLS).",
                m.packetBytesSent());
        counter("tickwire_resends_total", "Reliable messages or fragments resent after no acknowledgement.",
                m.resends());
        family("tickwire_connection_drops_total", "counter",
                "Packets or messages dropped by connections without disconnecting, by reason.");
        for (io.tickwire.net.protocol.DropReason r : io.tickwire.net.protocol.DropReason.values()) {
            sample("tickwire_connection_drops_total", "reason", label(r), m.connectionDrops(r));
        }
        family("tickwire_clients_dropped_total", "counter",
                "Clients disconnected with PROTOCOL_ERROR for breaking the game protocol, by what they sent.");
        for (InputFrame.Status st : InputFrame.Status.values()) {
            if (st != InputFrame.Status.OK) {
                sample("tickwire_clients_dropped_total", "reason", "input_frame_" + label(st), m.malformedInputDrops(st));
            }
        }
        sample("tickwire_clients_dropped_total", "reason", "input_before_join", m.earlyInputDrops());
        sample("tickwire_clients_dropped_total", "reason", "sent_on_snapshot_channel", m.wrongChannelDrops());
        sample("tickwire_clients_dropped_total", "reason", "undecodable_message", m.decodeFailures());

        counter("tickwire_input_frames_received_total", "Well-formed input frames received.", m.inputFrames());
        counter("tickwire_inputs_applied_total", "Inputs applied as the client sent them.", m.inputsApplied());
        counter("tickwire_inputs_repeated_total", "Ticks where a player's last input was repeated (next one missing).",
                m.inputsRepeated());
        family("tickwire_input_drops_total", "counter",
                "Inputs not applied, by reason (duplicate: redundant copies, normal).");
        sample("tickwire_input_drops_total", "reason", "late", m.inputsLate());
        sample("tickwire_input_drops_total", "reason", "duplicate", m.inputsDuplicate());
        sample("tickwire_input_drops_total", "reason", "too_far_ahead", m.inputsTooFarAhead());

        counter("tickwire_snapshots_sent_total", "Snapshots queued for players.", m.snapshotsSent());
        counter("tickwire_snapshot_sent_bytes_total", "Bytes of snapshots queued for players, frame headers included.",
                m.snapshotBytesSent());
        family("tickwire_snapshots_skipped_total", "counter", "Snapshots built but not sent, by reason.");
        sample("tickwire_snapshots_skipped_total", "reason", "over_budget", m.snapshotsOverBudget());
        sample("tickwire_snapshots_skipped_total", "reason", "send_queue_refused", m.snapshotsNotQueued());
        counter("tickwire_commands_rejected_total", "Commands refused because the tick thread's queue was full.",
                m.commandsRejected());
        gauge("tickwire_metrics_publications", "Times the tick thread has published these figures.",
                m.publications());
    }

    /** Enum constant as a label value: lower case, as Prometheus labels usually are. */
    private static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static double seconds(long nanos) {
        return nanos / NANOS_PER_SECOND;
    }

    private void counter(String name, String help, long value) {
        family(name, "counter", help);
        sample(name, null, null, value);
    }

    private void gauge(String name, String help, long value) {
        family(name, "gauge", help);
        sample(name, null, null, value);
    }

    private void gauge(String name, String help, double value) {
        family(name, "gauge", help);
        sample(name, null, null, value);
    }

    private void family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ');
        escape(help, false);
        out.append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String labelName, String labelValue, long value) {
        head(name, labelName, labelValue);
        out.append(value).append('\n');
    }

    private void sample(String name, String labelName, String labelValue, double value) {
        head(name, labelName, labelValue);
        out.append(formatDouble(value)).append('\n');
    }

    private void head(String name, String labelName, String labelValue) {
        out.append(name);
        if (labelName != null) {
            out.append('{').append(labelName).append("=\"");
            escape(labelValue, true);
            out.append("\"}");
        }
        out.append(' ');
    }

    /** Prometheus floats: Go's ParseFloat reads Java's notation, except the special values. */
    static String formatDouble(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(v);
    }

    /** Escapes backslash and newline (HELP text), and the double quote too inside a label value. */
    private void escape(String s, boolean labelValue) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '"' && labelValue) {
                out.append("\\\"");
            } else {
                out.append(c);
            }
        }
    }

    /** Escapes a label value by the format's rules (backslash, double quote, newline). */
    public static String escapeLabelValue(String value) {
        PrometheusText t = new PrometheusText();
        t.escape(value, true);
        return t.out.toString();
    }
}
