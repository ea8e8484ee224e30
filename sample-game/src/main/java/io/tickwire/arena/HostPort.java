package io.tickwire.arena;

/**
 * A server address as players type it: {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6
 * literal; the host comes without brackets.
 *
 * @param host name or address, never empty
 * @param port 1..65535
 */
public record HostPort(String host, int port) {

    /**
     * Parses {@code text}; without a port it takes {@code defaultPort}, or refuses when that is 0.
     *
     * @throws IllegalArgumentException saying what is wrong: no host, or a port that is not 1..65535
     */
    public static HostPort parse(String text, int defaultPort) {
        String t = text == null ? "" : text.strip();
        String host = t;
        String portText = null;
        int colon = t.lastIndexOf(':');
        // A bare IPv6 literal has several colons and no port; "[v6]:port" and "host:port" have one to use.
        if (colon >= 0 && (t.indexOf(':') == colon || t.startsWith("["))) {
            host = t.substring(0, colon);
            portText = t.substring(colon + 1);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host in '" + t + "': write HOST:PORT, e.g. 192.168.1.20:7777");
        }
        int port = defaultPort;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(portText == null ? "no port in '" + t + "': write HOST:PORT"
                    : "the port in '" + t + "' must be a number from 1 to 65535");
        }
        return new HostPort(host, port);
    }

    /** {@code host:port}, with an IPv6 literal in brackets, as {@link #parse} reads it back. */
    public static String format(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
