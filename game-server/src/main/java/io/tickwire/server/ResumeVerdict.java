package io.tickwire.server;

/** What a resume ticket presented by a reconnecting client got; every refusal names its rule in {@link #detail()}. */
public enum ResumeVerdict {
    /** The ticket names a player this server still holds; it is used up now. */
    OK("resumed"),
    /** Not {@value ResumeTickets#TICKET_BYTES} bytes long. */
    MALFORMED("the resume ticket must be " + ResumeTickets.TICKET_BYTES + " bytes"),
    /** Never issued by this server run (a restarted server, or a made-up ticket). */
    UNKNOWN("the resume ticket is unknown to this server (it may have restarted); join again"),
    /** Issued, but already presented once: tickets are single-use. */
    USED("the resume ticket was already used; each ticket resumes once"),
    /** The player it named left after its reconnect grace ran out. */
    EXPIRED("the player of this resume ticket already left: its reconnect grace ran out");

    private final String detail;

    ResumeVerdict(String detail) {
        this.detail = detail;
    }

    /** A sentence for the refusal sent to the client and for logs. */
    public String detail() {
        return detail;
    }
}
