package io.tickwire.net;

import io.tickwire.net.protocol.DisconnectReason;
import java.util.Arrays;

/**
 * Events collected while connections are pumped, delivered to the {@link NetListener} afterwards on
 * the same thread. Why a queue even on the server: callbacks then never run inside a connection's
 * packet processing, so a listener may send or disconnect freely. Parallel arrays that only grow
 * (to the largest burst seen), so steady state allocates nothing but the decoded messages.
 * Owned by the thread that pumps (server tick thread or client poll thread).
 */
final class EventQueue {

    static final byte CONNECTED = 1;
    static final byte DISCONNECTED = 2;
    static final byte RECEIVED = 3;
    static final byte ERROR = 4;

    private byte[] kinds = new byte[64];
    private NetPeer[] peers = new NetPeer[64];
    private Object[] objects = new Object[64];
    private int[] ints = new int[64];
    private String[] texts = new String[64];
    private int size;

    void connected(NetPeer peer) {
        add(CONNECTED, peer, null, 0, null);
    }

    void disconnected(NetPeer peer, DisconnectReason reason, String detail) {
        add(DISCONNECTED, peer, reason, 0, detail);
    }

    void received(NetPeer peer, Object message, int channel) {
        add(RECEIVED, peer, message, channel, null);
    }

    void error(NetPeer peer, String detail, Throwable cause) {
        add(ERROR, peer, cause, 0, detail);
    }

    int size() {
        return size;
    }

    private void add(byte kind, NetPeer peer, Object object, int value, String text) {
        if (size == kinds.length) {
            int n = size * 2;
            kinds = Arrays.copyOf(kinds, n);
            peers = Arrays.copyOf(peers, n);
            objects = Arrays.copyOf(objects, n);
            ints = Arrays.copyOf(ints, n);
            texts = Arrays.copyOf(texts, n);
        }
        kinds[size] = kind;
        peers[size] = peer;
        objects[size] = object;
        ints[size] = value;
        texts[size] = text;
        size++;
    }

    /**
     * Delivers every queued event in order, including events that callbacks add while this runs,
     * then clears the queue. A callback that throws is reported through {@code error} (once; an
     * error callback that throws is dropped) and delivery goes on.
     */
    void dispatch(NetListener listener) {
        for (int i = 0; i < size; i++) {
            byte kind = kinds[i];
            NetPeer peer = peers[i];
            Object object = objects[i];
            int value = ints[i];
            String text = texts[i];
            peers[i] = null;
            objects[i] = null;
            texts[i] = null;
            try {
                switch (kind) {
                    case CONNECTED -> listener.connected(peer);
                    case DISCONNECTED -> listener.disconnected(peer, (DisconnectReason) object, text);
                    case RECEIVED -> listener.received(peer, object, value);
                    default -> listener.error(peer, text, (Throwable) object);
                }
            } catch (RuntimeException e) {
                if (kind != ERROR) {
                    error(peer, "listener threw from its " + name(kind) + " callback: " + e, e);
                }
            }
        }
        size = 0;
    }

    private static String name(byte kind) {
        return switch (kind) {
            case CONNECTED -> "connected";
            case DISCONNECTED -> "disconnected";
            case RECEIVED -> "received";
            default -> "error";
        };
    }
}
