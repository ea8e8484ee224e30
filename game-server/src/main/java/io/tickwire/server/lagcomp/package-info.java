/**
 * Lag compensation: a bounded history of hit volumes and shot evaluation against the world as the
 * shooter saw it at its interpolation time.
 *
 * <p>Choices: hit volumes are 2D circles (top-down arena); time is whole server ticks plus a
 * fraction in [0, 1) given by the caller from the client's reported render tick; the rewind is
 * measured from the history's newest recorded tick and limited to
 * {@link io.tickwire.server.lagcomp.HitboxHistory#rewindWindowTicks()}, refusing (never clamping)
 * beyond it. Volumes are linearly interpolated between the two recorded ticks around that time,
 * as the client's interpolation does. Everything here is owned by the tick thread and allocates
 * nothing per tick or per shot.
 */
package io.tickwire.server.lagcomp;
