package io.tickwire.net;

import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.serial.MessageRegistry;

/** The checks {@link ServerConfig} and {@link ClientConfig} share; each names the bad value. */
final class ConfigChecks {

    private ConfigChecks() {
    }

    /** Both sides need a channel configuration and a registry that fit together. */
    static void sharedProtocol(ConnectionConfig connection, MessageRegistry registry) {
        if (connection == null) {
            throw new IllegalArgumentException("connection (the shared ConnectionConfig) is required");
        }
        if (registry == null) {
            throw new IllegalArgumentException("registry (the shared MessageRegistry) is required");
        }
        connection.validate();
        if (registry.maxMessageSize() > connection.maxMessageSize()) {
            throw new IllegalArgumentException("registry maxMessageSize " + registry.maxMessageSize()
                    + " exceeds the connection's maxMessageSize " + connection.maxMessageSize()
                    + ": lower the registry's or raise the connection's");
        }
    }

    /** A close/shutdown linger in milliseconds, 0 to {@link ServerConfig#MAX_SHUTDOWN_LINGER_MILLIS}. */
    static void lingerMillis(String name, int millis) {
        if (millis < 0 || millis > ServerConfig.MAX_SHUTDOWN_LINGER_MILLIS) {
            throw new IllegalArgumentException(name + " must be in [0, " + ServerConfig.MAX_SHUTDOWN_LINGER_MILLIS
                    + "], was " + millis);
        }
    }
}
