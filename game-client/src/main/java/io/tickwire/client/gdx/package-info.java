/**
 * The libGDX adapter of the Tickwire client: {@link io.tickwire.client.gdx.GdxGameClient} drives a
 * {@link io.tickwire.client.GameClient} from an {@code ApplicationListener}'s {@code render()} with libGDX's
 * clock and closes it as a {@code Disposable}. The only package of game-client that imports libGDX (an
 * optional dependency: a game brings its own {@code gdx}).
 */
package io.tickwire.client.gdx;
