package io.tickwire.server.replication;

/**
 * Decides which entities a client may see and how much each matters to it: a relevance of 0 or less
 * means the entity never reaches that client; a positive relevance is added to the entity's priority
 * accumulator each snapshot. Called on the tick thread; implementations must not allocate.
 */
public interface InterestPolicy {
    /** Every entity is relevant to every client, equally (relevance 1). */
    InterestPolicy EVERYTHING = (viewX, viewY, entityId, x, y) -> 1f;

    /** Relevance of an entity at ({@code x}, {@code y}) to a client viewing from ({@code viewX}, {@code viewY}); at most 0 = out of interest. */
    float relevance(float viewX, float viewY, int entityId, float x, float y);
}
