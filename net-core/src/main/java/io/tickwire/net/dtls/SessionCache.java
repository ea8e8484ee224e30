package io.tickwire.net.dtls;

import io.tickwire.net.NanoClock;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.tls.TlsSession;

/**
 * The server's bounded store of DTLS 1.2 sessions that clients may resume (RFC 5246 session IDs):
 * at most {@link #maxEntries()} sessions, each resumable for {@link #lifetimeNanos()} after the full
 * handshake that made it. The oldest entry is evicted when a new one finds no room; an expired entry
 * is removed when looked up or when a store sweeps.
 *
 * <p>Why bounded in time too: a resumed handshake reuses the master secret of the full one, so
 * anyone who later reads a cached entry could decrypt the sessions resumed from it. The lifetime caps
 * that window (forward secrecy holds again once the entry is gone); resumption is for reconnects
 * within seconds, not for days.
 *
 * <p>Threads: handshake worker threads store and look up concurrently; every method is safe from any
 * thread (one lock, held for a map operation; handshakes are rare next to packets).
 */
public final class SessionCache {

    /** Default {@link #maxEntries()}. */
    public static final int DEFAULT_MAX_ENTRIES = 1024;
    /** Default session lifetime: 10 minutes. */
    public static final int DEFAULT_LIFETIME_MILLIS = 600_000;

    private final int maxEntries;
    private final long lifetimeNanos;
    private final NanoClock clock;
    // Insertion order = age order: the first entry is the oldest.
    private final LinkedHashMap<ByteBuffer, Entry> entries = new LinkedHashMap<>();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();

    private record Entry(TlsSession session, long expiresAtNanos) {
    }

    /**
     * A cache of at most {@code maxEntries} sessions (1..65536), each resumable for
     * {@code lifetimeMillis} (1..86 400 000) on {@code clock}.
     */
    public SessionCache(int maxEntries, int lifetimeMillis, NanoClock clock) {
        if (maxEntries < 1 || maxEntries > 65_536) {
            throw new IllegalArgumentException("sessionCacheEntries must be in [1, 65536], was " + maxEntries);
        }
        if (lifetimeMillis < 1 || lifetimeMillis > 86_400_000) {
            throw new IllegalArgumentException("sessionLifetimeMillis must be in [1, 86400000], was " + lifetimeMillis);
        }
        this.maxEntries = maxEntries;
        this.lifetimeNanos = lifetimeMillis * 1_000_000L;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Most sessions held at once. */
    public int maxEntries() {
        return maxEntries;
    }

    /** How long after its full handshake a session may be resumed. */
    public long lifetimeNanos() {
        return lifetimeNanos;
    }

    /**
     * Keeps {@code session} (resumable, with a non-empty ID) for later resumption; ignored otherwise.
     * Evicts the oldest entry when the cache is full.
     */
    public void store(TlsSession session) {
        if (session == null || !session.isResumable()) {
            return;
        }
        byte[] id = session.getSessionID();
        if (id == null || id.length == 0) {
            return;
        }
        long now = clock.nanoTime();
        synchronized (entries) {
            sweepExpired(now);
            while (entries.size() >= maxEntries) {
                Iterator<Map.Entry<ByteBuffer, Entry>> it = entries.entrySet().iterator();
                it.next();
                it.remove();
                evicted.incrementAndGet();
            }
            entries.put(ByteBuffer.wrap(id.clone()), new Entry(session, now + lifetimeNanos));
        }
        stored.incrementAndGet();
    }

    /**
     * The session with this ID if it is held, resumable and not expired, else null (counted as a
     * miss). An expired entry is dropped.
     */
    public TlsSession lookup(byte[] sessionId) {
        if (sessionId == null || sessionId.length == 0) {
            return null;
        }
        long now = clock.nanoTime();
        ByteBuffer key = ByteBuffer.wrap(sessionId);
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e != null && now - e.expiresAtNanos >= 0) {
                entries.remove(key);
                expired.incrementAndGet();
                e = null;
            }
            if (e != null && !e.session.isResumable()) {
                // Bouncy Castle invalidated it (a handshake resuming it failed): never offer it again.
                entries.remove(key);
                e = null;
            }
            if (e == null) {
                misses.incrementAndGet();
                return null;
            }
            hits.incrementAndGet();
            return e.session;
        }
    }

    /** Removes the session with this ID, if held. */
    public void remove(byte[] sessionId) {
        if (sessionId == null) {
            return;
        }
        synchronized (entries) {
            entries.remove(ByteBuffer.wrap(sessionId));
        }
    }

    /** Sessions held now (expired ones not yet swept included). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Sessions stored since start. */
    public long stored() {
        return stored.get();
    }

    /** Lookups that found a resumable session. */
    public long hits() {
        return hits.get();
    }

    /** Lookups that found nothing (unknown, expired or invalidated). */
    public long misses() {
        return misses.get();
    }

    /** Entries pushed out by a newer one because the cache was full. */
    public long evicted() {
        return evicted.get();
    }

    /** Entries dropped because their lifetime was over. */
    public long expired() {
        return expired.get();
    }

    private void sweepExpired(long now) {
        Iterator<Map.Entry<ByteBuffer, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next().getValue();
            // Oldest first: the first unexpired entry ends the sweep.
            if (now - e.expiresAtNanos < 0) {
                return;
            }
            it.remove();
            expired.incrementAndGet();
        }
    }
}
