package io.tickwire.net.discovery;

import io.tickwire.net.protocol.TokenBucket;
import it.unimi.dsi.fastutil.objects.Object2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectIterator;
import java.net.InetAddress;

/**
 * The responder's admission rule: one token bucket per source address, then one for all sources.
 * The per-source bucket is asked first so that one noisy address spends its own budget, not
 * everyone's. The table of sources is bounded: when it is full, buckets that have refilled
 * completely are forgotten (a new bucket would be the same), at most once per
 * {@link #SWEEP_INTERVAL_NANOS}, and a new source that still finds no room is refused.
 *
 * <p>Owned by the responder's receiving thread; time is a parameter.
 */
final class QueryRateLimiter {

    /** Shortest time between two sweeps of a full source table, so a flood of new sources costs O(1) each. */
    static final long SWEEP_INTERVAL_NANOS = 100_000_000L;

    private final int perSourceRate;
    private final int perSourceBurst;
    private final int maxSources;
    private final TokenBucket total;
    private final Object2ObjectOpenHashMap<InetAddress, TokenBucket> sources;
    private long lastSweepNanos;
    private boolean swept;

    QueryRateLimiter(LanDiscoveryResponder.Config config, long nowNanos) {
        this.perSourceRate = config.perSourceRate();
        this.perSourceBurst = config.perSourceBurst();
        this.maxSources = config.maxSources();
        this.total = new TokenBucket(config.totalRate(), config.totalBurst(), nowNanos);
        this.sources = new Object2ObjectOpenHashMap<>(Math.min(maxSources, 64));
    }

    /** Null when a query from {@code source} may be answered at {@code nowNanos}, else why not. */
    DiscoveryDrop admit(InetAddress source, long nowNanos) {
        TokenBucket bucket = sources.get(source);
        if (bucket == null) {
            if (sources.size() >= maxSources && !sweep(nowNanos)) {
                return DiscoveryDrop.SOURCE_TABLE_FULL;
            }
            bucket = new TokenBucket(perSourceRate, perSourceBurst, nowNanos);
            sources.put(source, bucket);
        }
        if (!bucket.tryTake(nowNanos)) {
            return DiscoveryDrop.RATE_LIMITED_SOURCE;
        }
        return total.tryTake(nowNanos) ? null : DiscoveryDrop.RATE_LIMITED_TOTAL;
    }

    /** Source addresses tracked now. */
    int trackedSources() {
        return sources.size();
    }

    /** Forgets full buckets; true when that made room. */
    private boolean sweep(long nowNanos) {
        if (swept && nowNanos - lastSweepNanos < SWEEP_INTERVAL_NANOS) {
            return false;
        }
        swept = true;
        lastSweepNanos = nowNanos;
        ObjectIterator<TokenBucket> it = sources.values().iterator();
        while (it.hasNext()) {
            if (it.next().isFull(nowNanos)) {
                it.remove();
            }
        }
        return sources.size() < maxSources;
    }
}
