package io.tickwire.net;

import io.tickwire.net.protocol.ChannelType;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.serial.MessageRegistry;
import java.util.Objects;

/** The registry, channel config and message classes the front-door tests share. */
final class Messages {

    private Messages() {
    }

    static final int UNRELIABLE = 0;
    static final int SEQUENCED = 1;
    static final int ORDERED = 2;
    static final int UNORDERED = 3;

    static final class Chat {
        int from;
        int seq;
        String text;

        Chat() {
        }

        Chat(int from, int seq, String text) {
            this.from = from;
            this.seq = seq;
            this.text = text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Chat c && c.from == from && c.seq == seq && Objects.equals(c.text, text);
        }

        @Override
        public int hashCode() {
            return Objects.hash(from, seq, text);
        }

        @Override
        public String toString() {
            return "Chat[" + from + "#" + seq + " " + text + "]";
        }
    }

    static final class Position {
        int entity;
        int tick;
        float x;
        float y;

        Position() {
        }

        Position(int entity, int tick, float x, float y) {
            this.entity = entity;
            this.tick = tick;
            this.x = x;
            this.y = y;
        }
    }

    static final class Blob {
        int id;
        byte[] data;

        Blob() {
        }

        Blob(int id, byte[] data) {
            this.id = id;
            this.data = data;
        }
    }

    /** Only in the "other" registry, to make a mismatch. */
    static final class Extra {
        int value;
    }

    static MessageRegistry registry() {
        return MessageRegistry.builder()
                .register(Chat.class, 16)
                .register(Position.class, 17)
                .register(Blob.class, 18)
                .register(byte[].class, 19)
                .build();
    }

    static MessageRegistry otherRegistry() {
        return MessageRegistry.builder()
                .register(Chat.class, 16)
                .register(Position.class, 17)
                .register(Blob.class, 18)
                .register(byte[].class, 19)
                .register(Extra.class, 20)
                .build();
    }

    static ConnectionConfig connection() {
        return ConnectionConfig.builder()
                .addChannel(ChannelType.UNRELIABLE)
                .addChannel(ChannelType.UNRELIABLE_SEQUENCED)
                .addChannel(ChannelType.RELIABLE_ORDERED)
                .addChannel(ChannelType.RELIABLE_UNORDERED)
                .build();
    }
}
