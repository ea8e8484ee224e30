package io.tickwire.net.demo;

import io.tickwire.net.protocol.ChannelType;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.serial.MessageRegistry;

/**
 * What the demo's server and clients share: the message classes, their registry (one place, explicit
 * ids) and the channel configuration.
 */
public final class DemoMessages {

    /** Channel index of position updates: unreliable-sequenced (old ones are dropped). */
    public static final int POSITIONS = 0;
    /** Channel index of chat lines: reliable-ordered. */
    public static final int CHAT = 1;

    private DemoMessages() {
    }

    /** A chat line, sent reliably and in order. */
    public static final class ChatLine {
        /** Who wrote it. */
        public int from;
        /** The text. */
        public String text;

        /** For Kryo. */
        public ChatLine() {
        }

        /** A line from {@code from}. */
        public ChatLine(int from, String text) {
            this.from = from;
            this.text = text;
        }
    }

    /** An entity position, sent unreliably many times a second (newest wins). */
    public static final class PositionUpdate {
        /** The entity. */
        public int entity;
        /** The sender's tick number. */
        public int tick;
        /** Horizontal position. */
        public float x;
        /** Vertical position. */
        public float y;

        /** For Kryo. */
        public PositionUpdate() {
        }

        /** A position of {@code entity} at {@code tick}. */
        public PositionUpdate(int entity, int tick, float x, float y) {
            this.entity = entity;
            this.tick = tick;
            this.x = x;
            this.y = y;
        }
    }

    /** The registry both sides build. */
    public static MessageRegistry registry() {
        return MessageRegistry.builder()
                .register(ChatLine.class, 16)
                .register(PositionUpdate.class, 17)
                .build();
    }

    /** The channel configuration both sides build. */
    public static ConnectionConfig connection() {
        return ConnectionConfig.builder()
                .addChannel(ChannelType.UNRELIABLE_SEQUENCED)
                .addChannel(ChannelType.RELIABLE_ORDERED)
                .build();
    }
}
