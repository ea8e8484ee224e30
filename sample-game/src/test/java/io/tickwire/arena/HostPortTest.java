package io.tickwire.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Addresses as players type them, in the launcher, the desktop flags and the join screen. */
class HostPortTest {

    @Test
    void parsesNamesAddressesAndIpv6WithOrWithoutAPort() {
        assertEquals(new HostPort("192.168.1.20", 7000), HostPort.parse("192.168.1.20:7000", 7777));
        assertEquals(new HostPort("arena.lan", 7777), HostPort.parse(" arena.lan ", 7777));
        assertEquals(new HostPort("::1", 7000), HostPort.parse("[::1]:7000", 7777));
        assertEquals(new HostPort("fe80::1", 7777), HostPort.parse("fe80::1", 7777));
    }

    @Test
    void refusesWhatIsNotAnAddressSayingWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HostPort.parse(":7000", 7777))
                .getMessage().startsWith("no host"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HostPort.parse("host:70000", 7777))
                .getMessage().contains("1 to 65535"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HostPort.parse("host", 0))
                .getMessage().startsWith("no port"));
    }
}
