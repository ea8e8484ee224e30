/**
 * The client side of a Tickwire game. {@link io.tickwire.client.GameClient} is the front door: configured by
 * a {@link io.tickwire.client.GameClientConfig}, told about the game through a
 * {@link io.tickwire.client.ClientGame}, driven by {@code update(nowNanos)} once per frame, drawn from with
 * {@code sampleRemote}, {@code predictedState} and {@code latestSnapshot}, watched through a
 * {@link io.tickwire.client.NetGraph}. The libGDX adapter is in {@code io.tickwire.client.gdx}; nothing in
 * this package imports libGDX.
 *
 * <p>Underneath, engine-agnostic client-side time math: clock sync ({@link io.tickwire.client.ServerClock}),
 * snapshot buffering and interpolation ({@link io.tickwire.client.SnapshotBuffer},
 * {@link io.tickwire.client.InterpolationDelay}, {@link io.tickwire.client.Interpolator}), and prediction
 * bookkeeping ({@link io.tickwire.client.InputHistory}, {@link io.tickwire.client.ErrorSmoother}).
 *
 * <p>Every class here is owned by one thread (the one that polls the client, the render thread in a libGDX
 * game), takes time as a {@code nowNanos} parameter, never reads a clock, and allocates nothing after
 * construction. Ticks are server ticks; fractional ticks are doubles.
 *
 * <p>Per frame: feed each arriving snapshot to {@code ServerClock.onSnapshot},
 * {@code InterpolationDelay.onSnapshotArrival} and the {@code SnapshotBuffer}; call {@code ServerClock.update(now)}
 * and run client ticks up to {@code clientTick()} (record each input in the {@code InputHistory} and send the
 * last few); draw remote entities with {@code Interpolator.sample(id, delay.renderTick(now), out)}; on each
 * authoritative state, acknowledge, replay the unacknowledged inputs and hand the difference to the
 * {@code ErrorSmoother}.
 */
package io.tickwire.client;
