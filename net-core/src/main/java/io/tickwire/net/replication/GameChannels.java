package io.tickwire.net.replication;

import io.tickwire.net.protocol.ChannelType;
import io.tickwire.net.protocol.ConnectionConfig;

/**
 * The channels every Tickwire game connection starts with, in this order; a game adds its own
 * channels after them (from {@link #FIRST_GAME_CHANNEL} on).
 *
 * <ul>
 *   <li>{@link #EVENTS}: reliable-ordered registry messages both ways; on the server-to-client
 *       side, a {@link io.tickwire.net.serial.TickStamp} precedes the events of each tick.</li>
 *   <li>{@link #SNAPSHOTS}: unreliable, server to client, raw {@link SnapshotFrame}s (may be
 *       dropped, duplicated or reordered; the snapshot sequence sorts that out).</li>
 *   <li>{@link #INPUTS}: unreliable, client to server, raw {@link InputFrame}s carrying the last
 *       few inputs each, so single losses cost nothing.</li>
 * </ul>
 */
public final class GameChannels {
    /** Reliable-ordered events and game messages. */
    public static final int EVENTS = 0;
    /** Unreliable snapshot frames (server to client). */
    public static final int SNAPSHOTS = 1;
    /** Unreliable input frames (client to server). */
    public static final int INPUTS = 2;
    /** The first channel a game may add for its own messages. */
    public static final int FIRST_GAME_CHANNEL = 3;

    private GameChannels() {
    }

    /** A connection config builder holding the three game channels; add more channels, then build. */
    public static ConnectionConfig.Builder builder() {
        return ConnectionConfig.builder()
                .addChannel(ChannelType.RELIABLE_ORDERED)
                .addChannel(ChannelType.UNRELIABLE)
                .addChannel(ChannelType.UNRELIABLE);
    }

    /** Throws naming the difference when {@code config} does not start with the game channels. */
    public static void check(ConnectionConfig config) {
        if (config.channelCount() < FIRST_GAME_CHANNEL
                || config.channel(EVENTS).type() != ChannelType.RELIABLE_ORDERED
                || config.channel(SNAPSHOTS).type() != ChannelType.UNRELIABLE
                || config.channel(INPUTS).type() != ChannelType.UNRELIABLE) {
            throw new IllegalArgumentException("a game connection must start with channels RELIABLE_ORDERED (events), "
                    + "UNRELIABLE (snapshots), UNRELIABLE (inputs); build it with GameChannels.builder(); it has "
                    + config.channelCount() + " channels");
        }
    }
}
