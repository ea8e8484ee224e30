package io.tickwire.server;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Random;

/**
 * The server's table of resume tickets: one live ticket per player, random
 * ({@value #TICKET_BYTES} bytes from a {@link SecureRandom}), known only to the server and the
 * client it was sent to inside DTLS. A ticket is single-use: redeeming it removes it, and the player
 * gets a fresh one on its new connection. Tickets of players that left, and tickets already used,
 * are remembered (at most {@code maxRemembered}, oldest forgotten first) so a refusal can say
 * which rule was broken. Tick thread only.
 */
final class ResumeTickets {

    /** Length in bytes of a resume ticket. */
    static final int TICKET_BYTES = 16;

    private final Random random;
    private final int maxRemembered;
    private final HashMap<ByteBuffer, GamePlayer> live = new HashMap<>();
    private final HashMap<ByteBuffer, ResumeVerdict> spent = new HashMap<>();
    private final ArrayDeque<ByteBuffer> spentOrder = new ArrayDeque<>();
    private GamePlayer redeemed;

    ResumeTickets(Random random, int maxRemembered) {
        if (maxRemembered < 1) {
            throw new IllegalArgumentException("maxRemembered must be >= 1, was " + maxRemembered);
        }
        this.random = random;
        this.maxRemembered = maxRemembered;
    }

    /** Live tickets (one per player holding one). */
    int liveCount() {
        return live.size();
    }

    /** Gives {@code p} a fresh ticket, retiring its previous one (as used); returns the new ticket. */
    byte[] issue(GamePlayer p) {
        retire(p, ResumeVerdict.USED);
        byte[] t = new byte[TICKET_BYTES];
        random.nextBytes(t);
        live.put(ByteBuffer.wrap(t), p);
        p.ticket = t;
        return t.clone();
    }

    /**
     * Checks {@code ticket}; on {@link ResumeVerdict#OK} the ticket is used up and {@link #redeemed()} names
     * its player.
     */
    ResumeVerdict redeem(byte[] ticket) {
        redeemed = null;
        if (ticket == null || ticket.length != TICKET_BYTES) {
            return ResumeVerdict.MALFORMED;
        }
        ByteBuffer key = ByteBuffer.wrap(ticket);
        GamePlayer p = live.get(key);
        if (p == null) {
            ResumeVerdict v = spent.get(key);
            return v == null ? ResumeVerdict.UNKNOWN : v;
        }
        retire(p, ResumeVerdict.USED);
        redeemed = p;
        return ResumeVerdict.OK;
    }

    /** The player of the last {@link ResumeVerdict#OK} redemption. */
    GamePlayer redeemed() {
        return redeemed;
    }

    /** {@code p} left for good: its ticket now reads {@link ResumeVerdict#EXPIRED}. */
    void playerLeft(GamePlayer p) {
        retire(p, ResumeVerdict.EXPIRED);
    }

    private void retire(GamePlayer p, ResumeVerdict as) {
        byte[] t = p.ticket;
        if (t == null) {
            return;
        }
        p.ticket = null;
        ByteBuffer key = ByteBuffer.wrap(t);
        live.remove(key);
        if (spent.put(key, as) == null) {
            spentOrder.addLast(key);
            if (spentOrder.size() > maxRemembered) {
                spent.remove(spentOrder.removeFirst());
            }
        }
    }
}
