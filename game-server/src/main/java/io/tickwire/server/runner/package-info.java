/**
 * The generic parts of a dedicated game server process, for any {@link io.tickwire.server.ServerGame}:
 * {@link io.tickwire.server.runner.DedicatedServerRunner} (ready line, signals, graceful shutdown,
 * exit status), {@link io.tickwire.server.runner.MetricsHttpServer} ({@code /metrics} and
 * {@code /health}) and {@link io.tickwire.server.runner.PrometheusText} (the exposition format of
 * {@link io.tickwire.server.ServerMetrics}).
 */
package io.tickwire.server.runner;
