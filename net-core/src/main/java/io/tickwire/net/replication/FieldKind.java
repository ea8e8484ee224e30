package io.tickwire.net.replication;

/** How one replicated field is encoded on the wire. */
public enum FieldKind {
    /** A float in [min, max] quantized to a precision; stored as the step index. */
    QUANTIZED_FLOAT,
    /** An angle in radians quantized to N bits over one full turn. */
    ANGLE,
    /** An unsigned int in [0, 2^bits). */
    UINT,
    /** A signed int in [-2^(bits-1), 2^(bits-1)), two's complement on the wire. */
    SINT,
    /** One bit. */
    BOOLEAN,
    /** An enum ordinal in [0, size), with just enough bits for size. */
    ENUM,
    /** A short byte string (e.g. UTF-8) of bounded length; meant for rare changes such as names. */
    STRING
}
