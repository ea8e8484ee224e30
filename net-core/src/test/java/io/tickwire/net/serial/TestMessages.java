package io.tickwire.net.serial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Message classes shared by the serial tests. */
final class TestMessages {

    private TestMessages() {
    }

    static final class Position {
        int entity;
        float x;
        float y;

        Position() {
        }

        Position(int entity, float x, float y) {
            this.entity = entity;
            this.x = x;
            this.y = y;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Position p && p.entity == entity && p.x == x && p.y == y;
        }

        @Override
        public int hashCode() {
            return Objects.hash(entity, x, y);
        }
    }

    static final class Chat {
        int from;
        String text;

        Chat() {
        }

        Chat(int from, String text) {
            this.from = from;
            this.text = text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Chat c && c.from == from && Objects.equals(c.text, text);
        }

        @Override
        public int hashCode() {
            return Objects.hash(from, text);
        }
    }

    enum Team { RED, BLUE }

    static final class Roster {
        Team team;
        int[] scores;
        ArrayList<String> names;
        Position[] spawns;

        Roster() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Roster r && r.team == team && Arrays.equals(r.scores, scores)
                    && Objects.equals(r.names, names) && Arrays.equals(r.spawns, spawns);
        }

        @Override
        public int hashCode() {
            return Objects.hash(team, Arrays.hashCode(scores), names);
        }
    }

    /** Not registered anywhere: for the unregistered-class errors. */
    static final class Secret {
        int code = 7;
    }

    /** Registered, but holds a field whose runtime class is not. */
    static final class Wrapper {
        Object payload;
    }

    static final class NoDefaultConstructor {
        final int value;

        NoDefaultConstructor(int value) {
            this.value = value;
        }
    }

    static final class Blob {
        byte[] data;

        Blob() {
        }

        Blob(byte[] data) {
            this.data = data;
        }
    }

    static MessageRegistry.Builder standard() {
        return MessageRegistry.builder()
                .register(Position.class, 17)
                .register(Chat.class, 16)
                .register(Team.class, 18)
                .register(Roster.class, 19)
                .register(int[].class, 20)
                .register(ArrayList.class, 21)
                .register(Position[].class, 22)
                .register(Wrapper.class, 23)
                .register(Blob.class, 24)
                .register(byte[].class, 25);
    }

    static List<String> names(String... n) {
        return new ArrayList<>(Arrays.asList(n));
    }
}
