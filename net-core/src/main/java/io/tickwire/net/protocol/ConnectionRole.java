package io.tickwire.net.protocol;

/** Which side of a connection this is: the client sends CONNECT, the server answers ACCEPT. */
public enum ConnectionRole {
    /** Initiates the connection by sending CONNECT until the server answers. */
    CLIENT,
    /** Waits for CONNECT, checks versions and hashes, answers ACCEPT or refuses. */
    SERVER
}
