package io.tickwire.net.discovery;

/**
 * Why a discovery datagram was not used, counted by {@link LanDiscoveryResponder} (queries) and
 * {@link LanBrowser} (answers). The format reasons are what {@link DiscoveryCodec#checkQuery} and
 * {@link DiscoveryCodec#checkAnswer} report.
 */
public enum DiscoveryDrop {
    /** Shorter than the packet's minimum: a query under {@link DiscoveryCodec#QUERY_SIZE} bytes, an answer under its 6-byte header. */
    TOO_SHORT,
    /** The first four bytes are not {@link DiscoveryCodec#MAGIC}. */
    BAD_MAGIC,
    /** A discovery format version other than {@link DiscoveryCodec#FORMAT_VERSION}. */
    BAD_FORMAT_VERSION,
    /** A query where an answer was expected or the other way round, or an unknown packet type. */
    WRONG_TYPE,
    /** An answer longer than {@link DiscoveryCodec#MAX_ANSWER_SIZE}. */
    OVERSIZED,
    /** An answer that ends inside its fixed fields (the fingerprint included) or inside a string. */
    TRUNCATED,
    /** A string length byte above that string's limit ({@link DiscoveryCodec#MAX_SERVER_NAME_BYTES} and friends). */
    BAD_STRING_LENGTH,
    /** A string that is not well-formed UTF-8 (bad sequence, overlong form, surrogate, above U+10FFFF). */
    BAD_UTF8,
    /** A string with a control, line-separator or bidirectional-override character. */
    FORBIDDEN_CHARACTER,
    /** An answer with an empty server name. */
    EMPTY_SERVER_NAME,
    /** An answer with max players 0 or more players than max players. */
    BAD_PLAYER_COUNT,
    /** An answer with game port 0. */
    BAD_PORT,
    /** An answer with flag bits set that this format version does not define. */
    RESERVED_FLAGS,
    /** An answer with bytes after its last string. */
    TRAILING_BYTES,
    /** A well-formed answer whose nonce echoes none of the browser's recent queries (stray, late or spoofed). */
    UNKNOWN_NONCE,
    /** A new server while the browser already lists {@link LanBrowser.Config#maxServers()} servers. */
    LIST_FULL,
    /** A query beyond its source address's token bucket ({@link LanDiscoveryResponder.Config#perSourceRate()}). */
    RATE_LIMITED_SOURCE,
    /** A query beyond the responder's overall token bucket ({@link LanDiscoveryResponder.Config#totalRate()}). */
    RATE_LIMITED_TOTAL,
    /** A query from a new source address while {@link LanDiscoveryResponder.Config#maxSources()} addresses are tracked. */
    SOURCE_TABLE_FULL,
    /** The answer could not be sent (the socket reported an error; see {@link LanDiscoveryResponder#lastError()}). */
    SEND_FAILED
}
