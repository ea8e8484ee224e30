package io.tickwire.arena.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The HUD's number formatting: what it writes, where it cuts off, and what it refuses. */
class TextBufTest {

    @Test
    void formatsIntegersClocksAndFixedPointLikeStringFormat() {
        TextBuf b = new TextBuf(64);
        assertEquals("0", b.clear().append(0L).toString());
        assertEquals("-1234567", b.clear().append(-1234567L).toString());
        assertEquals("9223372036854775807", b.clear().append(Long.MAX_VALUE).toString());
        assertEquals("4:05", b.clear().append(4L).append(':').appendPadded(5, 2).toString());
        assertEquals("12.3 ms", b.clear().append(12.34, 1).append(" ms").toString());
        assertEquals("0.05", b.clear().append(0.049, 2).toString());
        assertEquals("-2.500", b.clear().append(-2.5, 3).toString());
        assertEquals("0", b.clear().append(-0.0004, 0).toString());
        assertEquals("-", b.clear().append(Double.NaN, 1).toString());
        for (double v = -50; v < 50; v += 0.37) {
            assertEquals(String.format(java.util.Locale.ROOT, "%.2f", v).replace("-0.00", "0.00"),
                    b.clear().append(v, 2).toString(), "value " + v);
        }
    }

    @Test
    void cutsOffAtCapacityAndRefusesBadArguments() {
        TextBuf b = new TextBuf(5);
        assertEquals("hello", b.clear().append("hello world").toString());
        assertEquals(5, b.length());
        assertEquals('e', b.charAt(1));
        assertThrows(IndexOutOfBoundsException.class, () -> b.charAt(5));
        assertThrows(IllegalArgumentException.class, () -> b.append(1.0, 4));
        assertThrows(IllegalArgumentException.class, () -> new TextBuf(0));
    }
}
