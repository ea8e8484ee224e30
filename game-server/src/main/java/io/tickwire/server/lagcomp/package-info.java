/**
 * Lag compensation: a bounded history of hit volumes (2D circles for a top-down arena) and
 * shot evaluation against the world as the shooter saw it at its interpolation time.
 * Everything here is owned by the tick thread and allocates nothing per tick or per shot.
 */
package io.tickwire.server.lagcomp;
