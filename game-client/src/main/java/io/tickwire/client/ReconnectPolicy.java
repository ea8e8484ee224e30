package io.tickwire.client;

import io.tickwire.net.protocol.DisconnectReason;
import java.util.SplittableRandom;

/**
 * When and for how long a {@link GameClient} reconnects by itself after its connection is lost:
 * exponential backoff from {@link #firstDelayMillis()} doubling up to {@link #maxDelayMillis()}, each
 * delay scaled by a seeded random factor in {@code [1 - jitter, 1 + jitter]} (so a server restart is
 * not hit by every client at the same instant), until {@link #giveUpMillis()} after the loss. Keep
 * the give-up time near the server's {@code reconnectGraceMillis}: later the player is gone anyway.
 *
 * <p>Only losses a reconnect can fix start one ({@link #retries}): TIMEOUT, TRANSPORT_FAILED,
 * DTLS_ALERT and HANDSHAKE_TIMEOUT. Refusals (AUTHENTICATION_FAILED, SERVER_FULL, KICKED,
 * version/config/registry mismatches), SERVER_SHUTDOWN, protocol faults and the game's own close are
 * final. Immutable.
 */
public final class ReconnectPolicy {

    /** Default first delay: 250 ms. */
    public static final int DEFAULT_FIRST_DELAY_MILLIS = 250;
    /** Default longest delay between two attempts: 4 s. */
    public static final int DEFAULT_MAX_DELAY_MILLIS = 4_000;
    /** Default give-up time: 20 s after the loss, the server's default reconnect grace. */
    public static final int DEFAULT_GIVE_UP_MILLIS = 20_000;
    /** Default jitter: delays vary by +-25 %. */
    public static final double DEFAULT_JITTER = 0.25;

    /** Reconnect with the defaults, jitter seeded with 1. */
    public static final ReconnectPolicy DEFAULTS = new ReconnectPolicy(DEFAULT_FIRST_DELAY_MILLIS,
            DEFAULT_MAX_DELAY_MILLIS, DEFAULT_GIVE_UP_MILLIS, DEFAULT_JITTER, 1);
    /** Never reconnect: a lost connection ends the client, as before quick reconnect. */
    public static final ReconnectPolicy OFF = new ReconnectPolicy(DEFAULT_FIRST_DELAY_MILLIS, DEFAULT_MAX_DELAY_MILLIS,
            0, 0, 1);

    private final int firstDelayMillis;
    private final int maxDelayMillis;
    private final int giveUpMillis;
    private final double jitter;
    private final long seed;

    /**
     * A policy; every value is checked and a bad one named.
     *
     * @param firstDelayMillis delay before the first attempt, 1..60 000
     * @param maxDelayMillis cap on any delay, firstDelayMillis..600 000
     * @param giveUpMillis time after the loss at which no new attempt starts, 0 (never reconnect)..3 600 000
     * @param jitter relative spread of each delay, 0..0.5
     * @param seed seed of the jitter (tests pass a fixed one; games may pass a random one)
     */
    public ReconnectPolicy(int firstDelayMillis, int maxDelayMillis, int giveUpMillis, double jitter, long seed) {
        if (firstDelayMillis < 1 || firstDelayMillis > 60_000) {
            throw new IllegalArgumentException("reconnect firstDelayMillis must be 1..60000, got " + firstDelayMillis);
        }
        if (maxDelayMillis < firstDelayMillis || maxDelayMillis > 600_000) {
            throw new IllegalArgumentException("reconnect maxDelayMillis must be firstDelayMillis (" + firstDelayMillis
                    + ")..600000, got " + maxDelayMillis);
        }
        if (giveUpMillis < 0 || giveUpMillis > 3_600_000) {
            throw new IllegalArgumentException("reconnect giveUpMillis must be 0 (off)..3600000, got " + giveUpMillis);
        }
        if (!(jitter >= 0 && jitter <= 0.5)) {
            throw new IllegalArgumentException("reconnect jitter must be 0..0.5, got " + jitter);
        }
        this.firstDelayMillis = firstDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
        this.giveUpMillis = giveUpMillis;
        this.jitter = jitter;
        this.seed = seed;
    }

    /** Delay before the first attempt. */
    public int firstDelayMillis() {
        return firstDelayMillis;
    }

    /** Longest delay between two attempts. */
    public int maxDelayMillis() {
        return maxDelayMillis;
    }

    /** Time after the loss when reconnecting stops (0: never reconnect). */
    public int giveUpMillis() {
        return giveUpMillis;
    }

    /** Relative spread of each delay. */
    public double jitter() {
        return jitter;
    }

    /** Seed of the jitter. */
    public long seed() {
        return seed;
    }

    /** Whether this policy reconnects at all. */
    public boolean enabled() {
        return giveUpMillis > 0;
    }

    /** Whether a connection lost for {@code reason} is worth reconnecting (see the class comment). */
    public static boolean retries(DisconnectReason reason) {
        switch (reason) {
            case TIMEOUT:
            case TRANSPORT_FAILED:
            case DTLS_ALERT:
            case HANDSHAKE_TIMEOUT:
                return true;
            default:
                return false;
        }
    }

    /** A fresh random source for one client's jitter. */
    SplittableRandom newRandom() {
        return new SplittableRandom(seed);
    }

    /**
     * Delay in nanoseconds before attempt {@code attempt} (1 = the first): {@code firstDelay x 2^(attempt-1)}
     * capped at maxDelay, times a factor in {@code [1 - jitter, 1 + jitter]} drawn from {@code random}.
     */
    long delayNanos(int attempt, SplittableRandom random) {
        long base = firstDelayMillis;
        for (int i = 1; i < attempt && base < maxDelayMillis; i++) {
            base <<= 1;
        }
        base = Math.min(base, maxDelayMillis);
        double factor = jitter == 0 ? 1 : 1 - jitter + 2 * jitter * random.nextDouble();
        return (long) (base * 1_000_000L * factor);
    }

    @Override
    public String toString() {
        return "ReconnectPolicy[first " + firstDelayMillis + " ms, max " + maxDelayMillis + " ms, give up after "
                + giveUpMillis + " ms, jitter " + jitter + "]";
    }
}
