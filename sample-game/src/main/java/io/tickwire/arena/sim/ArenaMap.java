package io.tickwire.arena.sim;

/**
 * The arena's floor plan: a rectangle of {@link #width()} by {@link #height()} metres with solid
 * axis-aligned walls and a list of spawn points. Every wall edge lies on a whole or half metre, so a
 * player (a {@link Arena#RADIUS} half-size square against walls) pushed against one stops exactly on
 * the replication grid: the server and a predicting client always agree. Immutable; shared by every
 * thread.
 */
public final class ArenaMap {
    private final String name;
    private final float width;
    private final float height;
    /** Walls as {x0, y0, x1, y1} quadruples, x0 < x1, y0 < y1. */
    private final float[] walls;
    /** Spawn points as {x, y} pairs. */
    private final float[] spawns;

    private ArenaMap(String name, float width, float height, float[] walls, float[] spawns) {
        this.name = name;
        this.width = width;
        this.height = height;
        this.walls = walls;
        this.spawns = spawns;
    }

    /** The one map the arena ships with: a 48 x 32 m hall with a central block, four corner forts and cover. */
    public static ArenaMap foundry() {
        float[] walls = {
                // border, 1 m thick
                0, 0, 48, 1, 0, 31, 48, 32, 0, 1, 1, 31, 47, 1, 48, 31,
                // the central block
                21, 13, 27, 19,
                // four corner forts (an L each)
                8, 7, 14, 9, 8, 9, 10, 12,
                34, 7, 40, 9, 38, 9, 40, 12,
                8, 23, 14, 25, 8, 20, 10, 23,
                34, 23, 40, 25, 38, 20, 40, 23,
                // cover in the lanes
                22, 5, 26, 6.5f, 22, 25.5f, 26, 27,
                3, 15, 5.5f, 17, 42.5f, 15, 45, 17,
                15.5f, 14.5f, 16.5f, 17.5f, 31.5f, 14.5f, 32.5f, 17.5f,
        };
        float[] spawns = {
                4, 4, 44, 4, 4, 28, 44, 28,
                24, 3, 24, 29, 12, 16, 36, 16,
                17, 10, 31, 10, 17, 22, 31, 22,
                4, 10, 44, 22, 20, 28, 28, 4,
        };
        return new ArenaMap("Foundry", 48, 32, walls, spawns);
    }

    /** The map's name, shown in the server browser. */
    public String name() {
        return name;
    }

    /** Width in metres (x from 0). */
    public float width() {
        return width;
    }

    /** Height in metres (y from 0). */
    public float height() {
        return height;
    }

    /** Number of walls. */
    public int wallCount() {
        return walls.length / 4;
    }

    /** Wall {@code i}'s left edge. */
    public float wallX0(int i) {
        return walls[4 * i];
    }

    /** Wall {@code i}'s bottom edge. */
    public float wallY0(int i) {
        return walls[4 * i + 1];
    }

    /** Wall {@code i}'s right edge. */
    public float wallX1(int i) {
        return walls[4 * i + 2];
    }

    /** Wall {@code i}'s top edge. */
    public float wallY1(int i) {
        return walls[4 * i + 3];
    }

    /** Number of spawn points. */
    public int spawnCount() {
        return spawns.length / 2;
    }

    /** Spawn point {@code i}'s x. */
    public float spawnX(int i) {
        return spawns[2 * i];
    }

    /** Spawn point {@code i}'s y. */
    public float spawnY(int i) {
        return spawns[2 * i + 1];
    }

    /**
     * Moves a square of half-size {@code r} centred at {@code x} along x to {@code x + dx} and stops it at
     * the first wall it would enter; returns the new x. {@code y} is the square's (unchanged) centre.
     */
    public float moveX(float x, float y, float dx, float r) {
        float nx = x + dx;
        for (int i = 0; i < walls.length; i += 4) {
            float x0 = walls[i];
            float y0 = walls[i + 1];
            float x1 = walls[i + 2];
            float y1 = walls[i + 3];
            if (y + r <= y0 || y - r >= y1) {
                continue;
            }
            if (dx > 0 && x + r <= x0 && nx + r > x0) {
                nx = x0 - r;
            } else if (dx < 0 && x - r >= x1 && nx - r < x1) {
                nx = x1 + r;
            }
        }
        return nx;
    }

    /** As {@link #moveX} along y: returns the new y of a square at ({@code x}, {@code y}) moved by {@code dy}. */
    public float moveY(float x, float y, float dy, float r) {
        float ny = y + dy;
        for (int i = 0; i < walls.length; i += 4) {
            float x0 = walls[i];
            float y0 = walls[i + 1];
            float x1 = walls[i + 2];
            float y1 = walls[i + 3];
            if (x + r <= x0 || x - r >= x1) {
                continue;
            }
            if (dy > 0 && y + r <= y0 && ny + r > y0) {
                ny = y0 - r;
            } else if (dy < 0 && y - r >= y1 && ny - r < y1) {
                ny = y1 + r;
            }
        }
        return ny;
    }

    /** Whether a square of half-size {@code r} at ({@code x}, {@code y}) overlaps no wall. */
    public boolean isFree(float x, float y, float r) {
        for (int i = 0; i < walls.length; i += 4) {
            if (x + r > walls[i] && x - r < walls[i + 2] && y + r > walls[i + 1] && y - r < walls[i + 3]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Distance along the ray from ({@code ox}, {@code oy}) in direction ({@code dx}, {@code dy}) (unit
     * length) to the first wall, or {@code max} when none is nearer.
     */
    public float rayToWall(float ox, float oy, float dx, float dy, float max) {
        float best = max;
        for (int i = 0; i < walls.length; i += 4) {
            float t = slab(ox, oy, dx, dy, walls[i], walls[i + 1], walls[i + 2], walls[i + 3]);
            if (t >= 0 && t < best) {
                best = t;
            }
        }
        return best;
    }

    /** Whether the segment between two points crosses no wall. */
    public boolean lineOfSight(float ax, float ay, float bx, float by) {
        float dx = bx - ax;
        float dy = by - ay;
        float len = (float) Math.sqrt(dx * dx + dy * dy);
        if (len < 1e-4f) {
            return true;
        }
        return rayToWall(ax, ay, dx / len, dy / len, len) >= len;
    }

    /** Ray-box entry distance by the slab method, or -1 when the ray misses (or starts inside: 0). */
    private static float slab(float ox, float oy, float dx, float dy, float x0, float y0, float x1, float y1) {
        float tmin = 0;
        float tmax = Float.MAX_VALUE;
        if (Math.abs(dx) < 1e-9f) {
            if (ox < x0 || ox > x1) {
                return -1;
            }
        } else {
            float a = (x0 - ox) / dx;
            float b = (x1 - ox) / dx;
            tmin = Math.max(tmin, Math.min(a, b));
            tmax = Math.min(tmax, Math.max(a, b));
        }
        if (Math.abs(dy) < 1e-9f) {
            if (oy < y0 || oy > y1) {
                return -1;
            }
        } else {
            float a = (y0 - oy) / dy;
            float b = (y1 - oy) / dy;
            tmin = Math.max(tmin, Math.min(a, b));
            tmax = Math.min(tmax, Math.max(a, b));
        }
        return tmin <= tmax ? tmin : -1;
    }
}
