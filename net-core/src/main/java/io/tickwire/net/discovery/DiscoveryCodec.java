package io.tickwire.net.discovery;

import io.tickwire.net.dtls.Fingerprint;
import java.nio.charset.StandardCharsets;

/**
 * The two LAN discovery packets, byte for byte (PROTOCOL.md, "LAN discovery"): a query padded to
 * {@link #QUERY_SIZE} bytes carrying a random nonce, and an answer of at most
 * {@link #MAX_ANSWER_SIZE} bytes echoing it. All integers are big-endian.
 *
 * <p>Checking ({@link #checkQuery}, {@link #checkAnswer}) allocates nothing and names the first rule
 * a packet breaks; only an answer that passed is decoded into a {@link ServerInfo}. Stateless and
 * thread-safe.
 */
public final class DiscoveryCodec {

    /** The UDP port responders listen on unless configured otherwise. */
    public static final int DEFAULT_PORT = 47800;
    /** First four bytes of both packets: "TWLD" (Tickwire LAN discovery). */
    public static final int MAGIC = 0x54574C44;
    /** The discovery format version this code reads and writes (byte 4). */
    public static final int FORMAT_VERSION = 1;
    /** Packet type (byte 5) of a query. */
    public static final int TYPE_QUERY = 1;
    /** Packet type (byte 5) of an answer. */
    public static final int TYPE_ANSWER = 2;
    /** Magic, format version and type. */
    public static final int HEADER_SIZE = 6;
    /** Exact size a browser sends; a responder ignores shorter queries (answers are never larger). */
    public static final int QUERY_SIZE = 256;
    /** Longest server name in UTF-8 bytes. */
    public static final int MAX_SERVER_NAME_BYTES = 64;
    /** Longest map name in UTF-8 bytes. */
    public static final int MAX_MAP_NAME_BYTES = 32;
    /** Longest display game version in UTF-8 bytes. */
    public static final int MAX_GAME_VERSION_BYTES = 24;
    /** Largest max-players value (the field is a u16). */
    public static final int MAX_PLAYERS = 0xFFFF;
    /** Answer flag bit 0: joining asks for a password. Other bits are reserved (0). */
    public static final int FLAG_PASSWORD = 0x01;
    /** Answer bytes before the strings: header, nonce, compatibility, port, players, flags, fingerprint. */
    public static final int ANSWER_FIXED_SIZE = 71;
    /** Smallest answer: the fixed part and three length bytes. */
    public static final int MIN_ANSWER_SIZE = ANSWER_FIXED_SIZE + 3;
    /** Largest answer: every string at its limit. */
    public static final int MAX_ANSWER_SIZE = MIN_ANSWER_SIZE + MAX_SERVER_NAME_BYTES + MAX_MAP_NAME_BYTES
            + MAX_GAME_VERSION_BYTES;

    static {
        // The anti-amplification rule, checked where the numbers live.
        if (MAX_ANSWER_SIZE > QUERY_SIZE) {
            throw new AssertionError("MAX_ANSWER_SIZE " + MAX_ANSWER_SIZE + " exceeds QUERY_SIZE " + QUERY_SIZE);
        }
    }

    private static final int OFF_NONCE = 6;
    private static final int OFF_PROTOCOL = 14;
    private static final int OFF_CONFIG_HASH = 16;
    private static final int OFF_APP_HASH = 24;
    private static final int OFF_GAME_PORT = 32;
    private static final int OFF_PLAYERS = 34;
    private static final int OFF_MAX_PLAYERS = 36;
    private static final int OFF_FLAGS = 38;
    private static final int OFF_FINGERPRINT = 39;

    private DiscoveryCodec() {
    }

    /**
     * Writes a query with {@code nonce} into {@code out[0..QUERY_SIZE)} (padding zeroed) and returns
     * {@link #QUERY_SIZE}.
     */
    public static int encodeQuery(long nonce, byte[] out) {
        if (out.length < QUERY_SIZE) {
            throw new IllegalArgumentException("query buffer must hold QUERY_SIZE " + QUERY_SIZE + " bytes, has "
                    + out.length);
        }
        putHeader(out, TYPE_QUERY);
        putU64(out, OFF_NONCE, nonce);
        for (int i = OFF_NONCE + 8; i < QUERY_SIZE; i++) {
            out[i] = 0;
        }
        return QUERY_SIZE;
    }

    /**
     * Checks a received query of {@code length} bytes without allocating: null when it is one, else
     * the rule it breaks. Longer queries are accepted (a later format may add fields); only the first
     * {@link #QUERY_SIZE} bytes are read, and the padding is not inspected.
     */
    public static DiscoveryDrop checkQuery(byte[] in, int length) {
        if (length < QUERY_SIZE) {
            return DiscoveryDrop.TOO_SHORT;
        }
        return checkHeader(in, TYPE_QUERY);
    }

    /** The nonce of a query {@link #checkQuery} accepted. */
    public static long queryNonce(byte[] in) {
        return getU64(in, OFF_NONCE);
    }

    /**
     * Writes the answer to the query with {@code nonce} into {@code out} and returns its length, at
     * most {@link #MAX_ANSWER_SIZE}: the strings already fit, as {@link ServerInfo} cut them.
     */
    public static int encodeAnswer(long nonce, ServerInfo info, byte[] out) {
        if (out.length < MAX_ANSWER_SIZE) {
            throw new IllegalArgumentException("answer buffer must hold MAX_ANSWER_SIZE " + MAX_ANSWER_SIZE
                    + " bytes, has " + out.length);
        }
        putHeader(out, TYPE_ANSWER);
        putU64(out, OFF_NONCE, nonce);
        putU16(out, OFF_PROTOCOL, info.protocolVersion());
        putU64(out, OFF_CONFIG_HASH, info.configHash());
        putU64(out, OFF_APP_HASH, info.applicationHash());
        putU16(out, OFF_GAME_PORT, info.gamePort());
        putU16(out, OFF_PLAYERS, info.players());
        putU16(out, OFF_MAX_PLAYERS, info.maxPlayers());
        out[OFF_FLAGS] = (byte) (info.passwordRequired() ? FLAG_PASSWORD : 0);
        info.fingerprint().copyDigest(out, OFF_FINGERPRINT);
        int p = ANSWER_FIXED_SIZE;
        p = putString(out, p, info.serverName());
        p = putString(out, p, info.mapName());
        return putString(out, p, info.gameVersion());
    }

    /**
     * Checks a received answer of {@code length} bytes without allocating: null when every field is
     * within its bounds (lengths, UTF-8, characters, player counts, port, flags, nothing after the
     * last string), else the first rule it breaks. The nonce is not judged here.
     */
    public static DiscoveryDrop checkAnswer(byte[] in, int length) {
        if (length < HEADER_SIZE) {
            return DiscoveryDrop.TOO_SHORT;
        }
        DiscoveryDrop header = checkHeader(in, TYPE_ANSWER);
        if (header != null) {
            return header;
        }
        if (length > MAX_ANSWER_SIZE) {
            return DiscoveryDrop.OVERSIZED;
        }
        if (length < ANSWER_FIXED_SIZE) {
            return DiscoveryDrop.TRUNCATED;
        }
        if (getU16(in, OFF_GAME_PORT) == 0) {
            return DiscoveryDrop.BAD_PORT;
        }
        int maxPlayers = getU16(in, OFF_MAX_PLAYERS);
        if (maxPlayers == 0 || getU16(in, OFF_PLAYERS) > maxPlayers) {
            return DiscoveryDrop.BAD_PLAYER_COUNT;
        }
        if ((in[OFF_FLAGS] & ~FLAG_PASSWORD) != 0) {
            return DiscoveryDrop.RESERVED_FLAGS;
        }
        int p = ANSWER_FIXED_SIZE;
        for (int field = 0; field < 3; field++) {
            if (p >= length) {
                return DiscoveryDrop.TRUNCATED;
            }
            int n = in[p] & 0xFF;
            if (n > limit(field)) {
                return DiscoveryDrop.BAD_STRING_LENGTH;
            }
            if (field == 0 && n == 0) {
                return DiscoveryDrop.EMPTY_SERVER_NAME;
            }
            p++;
            if (p + n > length) {
                return DiscoveryDrop.TRUNCATED;
            }
            int verdict = DiscoveryText.validate(in, p, n);
            if (verdict == DiscoveryText.BAD_UTF8) {
                return DiscoveryDrop.BAD_UTF8;
            }
            if (verdict == DiscoveryText.FORBIDDEN) {
                return DiscoveryDrop.FORBIDDEN_CHARACTER;
            }
            p += n;
        }
        return p == length ? null : DiscoveryDrop.TRAILING_BYTES;
    }

    /** The nonce an answer echoes (bytes 6..13); read after {@link #checkAnswer} passed. */
    public static long answerNonce(byte[] in) {
        return getU64(in, OFF_NONCE);
    }

    /**
     * Decodes an answer {@link #checkAnswer} accepted.
     *
     * @throws IllegalArgumentException naming the rule when the answer breaks one
     */
    public static ServerInfo decodeAnswer(byte[] in, int length) {
        DiscoveryDrop problem = checkAnswer(in, length);
        if (problem != null) {
            throw new IllegalArgumentException("not a valid discovery answer (" + length + " bytes): " + problem);
        }
        byte[] digest = new byte[Fingerprint.DIGEST_LENGTH];
        System.arraycopy(in, OFF_FINGERPRINT, digest, 0, digest.length);
        int p = ANSWER_FIXED_SIZE;
        String[] strings = new String[3];
        for (int field = 0; field < 3; field++) {
            int n = in[p++] & 0xFF;
            strings[field] = new String(in, p, n, StandardCharsets.UTF_8);
            p += n;
        }
        return ServerInfo.builder()
                .serverName(strings[0]).mapName(strings[1]).gameVersion(strings[2])
                .players(getU16(in, OFF_PLAYERS), getU16(in, OFF_MAX_PLAYERS))
                .gamePort(getU16(in, OFF_GAME_PORT))
                .passwordRequired((in[OFF_FLAGS] & FLAG_PASSWORD) != 0)
                .fingerprint(Fingerprint.fromDigest(digest))
                .compatibility(getU16(in, OFF_PROTOCOL), getU64(in, OFF_CONFIG_HASH), getU64(in, OFF_APP_HASH))
                .build();
    }

    private static int limit(int field) {
        return field == 0 ? MAX_SERVER_NAME_BYTES : field == 1 ? MAX_MAP_NAME_BYTES : MAX_GAME_VERSION_BYTES;
    }

    private static DiscoveryDrop checkHeader(byte[] in, int type) {
        if (getU32(in, 0) != MAGIC) {
            return DiscoveryDrop.BAD_MAGIC;
        }
        if ((in[4] & 0xFF) != FORMAT_VERSION) {
            return DiscoveryDrop.BAD_FORMAT_VERSION;
        }
        return (in[5] & 0xFF) == type ? null : DiscoveryDrop.WRONG_TYPE;
    }

    private static void putHeader(byte[] out, int type) {
        out[0] = (byte) (MAGIC >>> 24);
        out[1] = (byte) (MAGIC >>> 16);
        out[2] = (byte) (MAGIC >>> 8);
        out[3] = (byte) MAGIC;
        out[4] = (byte) FORMAT_VERSION;
        out[5] = (byte) type;
    }

    private static int putString(byte[] out, int p, String text) {
        // ServerInfo guarantees the limit; the encoding is allocated per answer, which is rare.
        byte[] bytes = DiscoveryText.utf8(text);
        out[p] = (byte) bytes.length;
        System.arraycopy(bytes, 0, out, p + 1, bytes.length);
        return p + 1 + bytes.length;
    }

    private static void putU16(byte[] out, int p, int v) {
        out[p] = (byte) (v >>> 8);
        out[p + 1] = (byte) v;
    }

    private static void putU64(byte[] out, int p, long v) {
        for (int i = 0; i < 8; i++) {
            out[p + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    private static int getU16(byte[] in, int p) {
        return ((in[p] & 0xFF) << 8) | (in[p + 1] & 0xFF);
    }

    private static int getU32(byte[] in, int p) {
        return ((in[p] & 0xFF) << 24) | ((in[p + 1] & 0xFF) << 16) | ((in[p + 2] & 0xFF) << 8) | (in[p + 3] & 0xFF);
    }

    private static long getU64(byte[] in, int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (in[p + i] & 0xFF);
        }
        return v;
    }
}
