package io.tickwire.net.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tickwire.net.serial.TestMessages.Chat;
import io.tickwire.net.serial.TestMessages.NoDefaultConstructor;
import io.tickwire.net.serial.TestMessages.Position;
import io.tickwire.net.serial.TestMessages.Team;
import org.junit.jupiter.api.Test;

class MessageRegistryTest {

    /** A hand-written serializer, to show that the serializer class is part of the hash. */
    static final class PositionSerializer extends Serializer<Position> {
        @Override
        public void write(Kryo kryo, Output output, Position p) {
            output.writeInt(p.entity);
            output.writeFloat(p.x);
            output.writeFloat(p.y);
        }

        @Override
        public Position read(Kryo kryo, Input input, Class<? extends Position> type) {
            return new Position(input.readInt(), input.readFloat(), input.readFloat());
        }
    }

    @Test
    void registrationOrderDoesNotChangeTheHash() {
        MessageRegistry a = MessageRegistry.builder().register(Position.class, 17).register(Chat.class, 16).build();
        MessageRegistry b = MessageRegistry.builder().register(Chat.class, 16).register(Position.class, 17).build();
        assertEquals(a.hash(), b.hash());
        assertEquals(a.layout(), b.layout());
        assertEquals(16, a.idOf(Chat.class));
        assertEquals(Position.class, a.classOf(17));
    }

    @Test
    void differentIdsClassesOrSerializersGiveDifferentHashes() {
        long base = MessageRegistry.builder().register(Position.class, 17).register(Chat.class, 16).build().hash();
        long swappedIds = MessageRegistry.builder().register(Position.class, 16).register(Chat.class, 17).build().hash();
        long extraClass = MessageRegistry.builder().register(Position.class, 17).register(Chat.class, 16)
                .register(Team.class, 18).build().hash();
        long missingClass = MessageRegistry.builder().register(Position.class, 17).build().hash();
        long customSerializer = MessageRegistry.builder().register(Position.class, 17, PositionSerializer::new)
                .register(Chat.class, 16).build().hash();
        long[] all = {base, swappedIds, extraClass, missingClass, customSerializer};
        for (int i = 0; i < all.length; i++) {
            for (int j = i + 1; j < all.length; j++) {
                assertNotEquals(all[i], all[j], "hash " + i + " equals hash " + j);
            }
        }
    }

    @Test
    void layoutCoversFieldNamesTypesAndEnumConstants() {
        MessageRegistry r = MessageRegistry.builder().register(Position.class, 17).register(Team.class, 18).build();
        String layout = r.layout();
        assertTrue(layout.contains("17 " + Position.class.getName()), layout);
        assertTrue(layout.contains("[entity:int as int var]"), layout);
        assertTrue(layout.contains("[x:float"), layout);
        assertTrue(layout.contains("RED BLUE"), layout);
        assertEquals(16, r.hashHex().length());
    }

    @Test
    void buildNamesEveryClashAndBadId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MessageRegistry.builder()
                .register(Position.class, 17)
                .register(Chat.class, 17)
                .register(Team.class, 3)
                .register(Position.class, 30)
                .register(String.class, 31)
                .build());
        String m = e.getMessage();
        assertTrue(m.contains("id 17 is used by both " + Position.class.getName() + " and " + Chat.class.getName()), m);
        assertTrue(m.contains("id 3 for " + Team.class.getName() + " is outside 16..65535"), m);
        assertTrue(m.contains("class " + Position.class.getName() + " is registered twice, with ids 17 and 30"), m);
        assertTrue(m.contains("class java.lang.String is built into Kryo with id"), m);
    }

    @Test
    void buildRefusesAClassKryoCannotInstantiate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MessageRegistry.builder().register(NoDefaultConstructor.class, 16).build());
        assertTrue(e.getMessage().contains(NoDefaultConstructor.class.getName() + " (id 16) cannot be instantiated"),
                e.getMessage());
    }

    @Test
    void buildRefusesInterfacesAndBadLimits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MessageRegistry.builder().register(Runnable.class, 16).build());
        assertTrue(e.getMessage().contains("java.lang.Runnable (id 16) is not a concrete class"), e.getMessage());
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
                () -> MessageRegistry.builder().maxMessageSize(3));
        assertTrue(l.getMessage().contains("maxMessageSize must be at least 16 bytes, was 3"), l.getMessage());
    }

    @Test
    void customSerializerIsUsedAndMadeFreshPerCodec() throws Exception {
        MessageRegistry r = MessageRegistry.builder().register(Position.class, 17, PositionSerializer::new).build();
        byte[] buf = new byte[64];
        int len = r.newCodec().encode(new Position(5, 1f, 2f), buf, 0, buf.length);
        assertEquals(13, len); // id byte + fixed int + two floats
        assertEquals(new Position(5, 1f, 2f), r.newCodec().decode(buf, 0, len));
    }

    @Test
    void everyRegistryCarriesTheTickStampAndRefusesItsIdToTheApplication() throws Exception {
        MessageRegistry r = MessageRegistry.builder().build();
        assertEquals(MessageRegistry.TICK_STAMP_ID, r.idOf(TickStamp.class));
        MessageCodec codec = r.newCodec();
        byte[] buf = new byte[64];
        int n = codec.encode(new TickStamp(123_456_789L), buf, 0, buf.length);
        assertEquals(123_456_789L, ((TickStamp) codec.decode(buf, 0, n)).tick);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MessageRegistry.builder().register(TickStamp.class, 40).build());
        assertTrue(e.getMessage().contains("registered twice"), e.getMessage());
    }
}
