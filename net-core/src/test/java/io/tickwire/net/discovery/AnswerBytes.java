package io.tickwire.net.discovery;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes discovery answers straight from the PROTOCOL.md table, independently of
 * {@link DiscoveryCodec}, so tests can pin the layout and craft answers that break one rule at a time.
 * Every field is public and starts at a valid value.
 */
final class AnswerBytes {

    int magic = DiscoveryCodec.MAGIC;
    int version = 1;
    int type = 2;
    long nonce = 0x0102_0304_0506_0708L;
    int protocolVersion = 1;
    long configHash = 0x1111_2222_3333_4444L;
    long applicationHash = 0x5555_6666_7777_8888L;
    int gamePort = 7777;
    int players = 3;
    int maxPlayers = 16;
    int flags = 1;
    byte[] fingerprint = new byte[32];
    byte[] name = utf8("Arena night");
    byte[] map = utf8("dust");
    byte[] gameVersion = utf8("0.3.1");

    AnswerBytes() {
        for (int i = 0; i < 32; i++) {
            fingerprint[i] = (byte) (0xA0 + i);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    byte[] build() {
        ByteBuffer b = ByteBuffer.allocate(1024);
        b.putInt(magic).put((byte) version).put((byte) type).putLong(nonce)
                .putShort((short) protocolVersion).putLong(configHash).putLong(applicationHash)
                .putShort((short) gamePort).putShort((short) players).putShort((short) maxPlayers)
                .put((byte) flags).put(fingerprint);
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        for (byte[] s : new byte[][] {name, map, gameVersion}) {
            strings.write(s.length);
            strings.write(s, 0, s.length);
        }
        b.put(strings.toByteArray());
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }
}
