package io.tickwire.server.replication;

/** Interest within a radius of the client's viewpoint; nearer entities are more relevant (1 at the centre, falling to a floor at the edge). */
public final class RadiusInterest implements InterestPolicy {
    /** Relevance of an entity right at the radius, so far entities still accumulate and never starve. */
    public static final float EDGE_RELEVANCE = 0.1f;
    private final float radius;
    private final float radiusSquared;

    /** Interest within {@code radius} world units (positive, finite). */
    public RadiusInterest(float radius) {
        if (!(radius > 0) || Float.isInfinite(radius)) {
            throw new IllegalArgumentException("radius must be positive and finite: " + radius);
        }
        this.radius = radius;
        this.radiusSquared = radius * radius;
    }

    /** The radius in world units. */
    public float radius() {
        return radius;
    }

    @Override
    public float relevance(float viewX, float viewY, int entityId, float x, float y) {
        float dx = x - viewX;
        float dy = y - viewY;
        float d2 = dx * dx + dy * dy;
        if (d2 > radiusSquared) {
            return 0f;
        }
        float t = (float) Math.sqrt(d2) / radius;
        return 1f - (1f - EDGE_RELEVANCE) * t;
    }
}
