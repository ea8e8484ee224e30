package io.tickwire.server.replication;

/**
 * Interest on a uniform spatial grid: a client sees the entities whose cell is within
 * {@code cellRadius} cells (Chebyshev distance) of its own cell; its own cell is most relevant.
 */
public final class GridInterest implements InterestPolicy {
    private final float cellSize;
    private final int cellRadius;

    /** A grid of square cells {@code cellSize} wide (positive, finite), seeing {@code cellRadius} (at least 0) cells around. */
    public GridInterest(float cellSize, int cellRadius) {
        if (!(cellSize > 0) || Float.isInfinite(cellSize)) {
            throw new IllegalArgumentException("cellSize must be positive and finite: " + cellSize);
        }
        if (cellRadius < 0) {
            throw new IllegalArgumentException("cellRadius must be at least 0: " + cellRadius);
        }
        this.cellSize = cellSize;
        this.cellRadius = cellRadius;
    }

    /** The cell that world coordinate {@code v} falls in. */
    public int cellOf(float v) {
        return (int) Math.floor(v / cellSize);
    }

    @Override
    public float relevance(float viewX, float viewY, int entityId, float x, float y) {
        int d = Math.max(Math.abs(cellOf(x) - cellOf(viewX)), Math.abs(cellOf(y) - cellOf(viewY)));
        if (d > cellRadius) {
            return 0f;
        }
        return 1f / (1 + d);
    }
}
