package io.tickwire.net.replication;

/**
 * One replicated field: its name, {@link FieldKind} and wire parameters; immutable and validated at creation.
 *
 * <p>Snapshots store every field as quantized ints in {@link #slots()} consecutive slots: one for
 * most kinds, and {@code 1 + ceil(maxLength / 4)} for a string (length, then 4 bytes per slot).
 */
public final class FieldSpec {
    /** Longest string field allowed, in bytes. */
    public static final int MAX_STRING_LENGTH = 255;

    private final String name;
    private final FieldKind kind;
    private final int bits;
    private final float min;
    private final float max;
    private final float precision;
    private final int steps;
    private final int enumSize;
    private final int maxLength;

    private FieldSpec(String name, FieldKind kind, int bits, float min, float max, float precision,
                      int steps, int enumSize, int maxLength) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("field name must be non-empty, was " + (name == null ? "null" : "\"\""));
        }
        this.name = name;
        this.kind = kind;
        this.bits = bits;
        this.min = min;
        this.max = max;
        this.precision = precision;
        this.steps = steps;
        this.enumSize = enumSize;
        this.maxLength = maxLength;
    }

    /** A float in [min, max] sent in steps of at most {@code precision}; bits follow from the range. */
    public static FieldSpec quantizedFloat(String name, float min, float max, float precision) {
        if (!Float.isFinite(min) || !Float.isFinite(max) || !(max > min)) {
            throw new IllegalArgumentException("field " + name + ": need finite min < max, was min=" + min + " max=" + max);
        }
        if (!(precision > 0) || !Float.isFinite(precision)) {
            throw new IllegalArgumentException("field " + name + ": precision must be > 0, was " + precision);
        }
        double stepsD = Math.ceil(((double) max - min) / precision);
        if (stepsD > (1L << 30)) {
            throw new IllegalArgumentException("field " + name + ": range/precision needs more than 30 bits ("
                    + stepsD + " steps for min=" + min + " max=" + max + " precision=" + precision + ")");
        }
        int steps = (int) stepsD;
        int bits = 32 - Integer.numberOfLeadingZeros(steps);
        return new FieldSpec(name, FieldKind.QUANTIZED_FLOAT, bits, min, max, precision, steps, 0, 0);
    }

    /** An angle in radians over a full turn in {@code bits} (1..24) bits. */
    public static FieldSpec angle(String name, int bits) {
        checkBits(name, bits, 1, 24);
        return new FieldSpec(name, FieldKind.ANGLE, bits, 0, 0, 0, 0, 0, 0);
    }

    /** An unsigned int of {@code bits} (1..31) bits. */
    public static FieldSpec uint(String name, int bits) {
        checkBits(name, bits, 1, 31);
        return new FieldSpec(name, FieldKind.UINT, bits, 0, 0, 0, 0, 0, 0);
    }

    /** A signed int of {@code bits} (2..32) bits. */
    public static FieldSpec sint(String name, int bits) {
        checkBits(name, bits, 2, 32);
        return new FieldSpec(name, FieldKind.SINT, bits, 0, 0, 0, 0, 0, 0);
    }

    /** A boolean (one bit). */
    public static FieldSpec bool(String name) {
        return new FieldSpec(name, FieldKind.BOOLEAN, 1, 0, 0, 0, 0, 0, 0);
    }

    /** An enum ordinal with {@code size} (2..65536) constants. */
    public static FieldSpec enumeration(String name, int size) {
        if (size < 2 || size > 65536) {
            throw new IllegalArgumentException("field " + name + ": enum size must be 2..65536, was " + size);
        }
        int bits = 32 - Integer.numberOfLeadingZeros(size - 1);
        return new FieldSpec(name, FieldKind.ENUM, bits, 0, 0, 0, 0, size, 0);
    }

    /** An enum field sized from the enum class. */
    public static FieldSpec enumeration(String name, Class<? extends Enum<?>> type) {
        return enumeration(name, type.getEnumConstants().length);
    }

    /** A byte string of at most {@code maxLength} (1..255) bytes. */
    public static FieldSpec string(String name, int maxLength) {
        if (maxLength < 1 || maxLength > MAX_STRING_LENGTH) {
            throw new IllegalArgumentException("field " + name + ": string maxLength must be 1.." + MAX_STRING_LENGTH
                    + ", was " + maxLength);
        }
        int bits = 32 - Integer.numberOfLeadingZeros(maxLength);
        return new FieldSpec(name, FieldKind.STRING, bits, 0, 0, 0, 0, 0, maxLength);
    }

    private static void checkBits(String name, int bits, int lo, int hi) {
        if (bits < lo || bits > hi) {
            throw new IllegalArgumentException("field " + name + ": bits must be " + lo + ".." + hi + ", was " + bits);
        }
    }

    /** Field name, unique within its entity type. */
    public String name() {
        return name;
    }

    /** Wire encoding. */
    public FieldKind kind() {
        return kind;
    }

    /** Bits of the value on the wire (for a string: bits of its length prefix). */
    public int bits() {
        return bits;
    }

    /** Int slots this field takes in a snapshot. */
    public int slots() {
        return kind == FieldKind.STRING ? 1 + (maxLength + 3) / 4 : 1;
    }

    /** Maximum string length in bytes (0 for other kinds). */
    public int maxLength() {
        return maxLength;
    }

    /** Enum size (0 for other kinds). */
    public int enumSize() {
        return enumSize;
    }

    /** Largest valid quantized value of a one-slot field. */
    public int maxQuantized() {
        switch (kind) {
            case QUANTIZED_FLOAT:
                return steps;
            case ENUM:
                return enumSize - 1;
            case SINT:
                return bits == 32 ? Integer.MAX_VALUE : (1 << (bits - 1)) - 1;
            default:
                return bits == 31 ? Integer.MAX_VALUE : (1 << bits) - 1;
        }
    }

    /** Smallest valid quantized value of a one-slot field. */
    public int minQuantized() {
        if (kind == FieldKind.SINT) {
            return bits == 32 ? Integer.MIN_VALUE : -(1 << (bits - 1));
        }
        return 0;
    }

    /** True if {@code q} is a legal stored value for this (one-slot) field. */
    public boolean isValid(int q) {
        return q >= minQuantized() && q <= maxQuantized();
    }

    /** Quantizes a float (clamped to [min, max]) for a QUANTIZED_FLOAT field, or an angle in radians for an ANGLE field. */
    public int quantize(float value) {
        if (kind == FieldKind.QUANTIZED_FLOAT) {
            float v = value != value ? min : Math.max(min, Math.min(max, value));
            long q = Math.round(((double) v - min) / ((double) max - min) * steps);
            return (int) Math.max(0, Math.min(steps, q));
        }
        if (kind == FieldKind.ANGLE) {
            double turn = 2 * Math.PI;
            double a = value != value ? 0 : value % turn;
            if (a < 0) {
                a += turn;
            }
            long q = Math.round(a / turn * (1L << bits));
            return (int) (q & ((1L << bits) - 1));
        }
        throw new IllegalStateException("field " + name + " is " + kind + ", not a float or angle");
    }

    /** The float a quantized value stands for (QUANTIZED_FLOAT, or ANGLE in radians in [0, 2pi)). */
    public float dequantize(int q) {
        if (kind == FieldKind.QUANTIZED_FLOAT) {
            return (float) (min + ((double) max - min) * q / steps);
        }
        if (kind == FieldKind.ANGLE) {
            return (float) (2 * Math.PI * q / (1L << bits));
        }
        throw new IllegalStateException("field " + name + " is " + kind + ", not a float or angle");
    }

    /** Canonical text of this field for the schema hash. */
    String describe() {
        return name + ":" + kind + ":bits=" + bits + ":min=" + Float.floatToIntBits(min) + ":max="
                + Float.floatToIntBits(max) + ":prec=" + Float.floatToIntBits(precision) + ":enum=" + enumSize
                + ":len=" + maxLength;
    }

    @Override
    public String toString() {
        return "FieldSpec[" + describe() + "]";
    }
}
