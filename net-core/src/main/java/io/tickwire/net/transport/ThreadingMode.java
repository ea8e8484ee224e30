package io.tickwire.net.transport;

/** Who reads the server socket. */
public enum ThreadingMode {
    /** A dedicated reader thread reads and demultiplexes; the owner only drains finished connections. */
    DEDICATED_READER,
    /** The owner's {@link DtlsServerEndpoint#poll} reads the socket itself (tests, headless servers stepping by hand). */
    INVOKER
}
