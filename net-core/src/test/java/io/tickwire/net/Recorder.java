package io.tickwire.net;

import io.tickwire.net.protocol.DisconnectReason;
import java.util.ArrayList;
import java.util.List;

/** A listener that records every event with the thread it came on. */
class Recorder implements NetListener {

    record Received(NetPeer peer, Object message, int channel) {
    }

    record Disconnect(NetPeer peer, DisconnectReason reason, String detail) {
    }

    final List<NetPeer> connected = new ArrayList<>();
    final List<Disconnect> disconnected = new ArrayList<>();
    final List<Received> received = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();

    @Override
    public void connected(NetPeer peer) {
        threads.add(Thread.currentThread());
        connected.add(peer);
    }

    @Override
    public void disconnected(NetPeer peer, DisconnectReason reason, String detail) {
        threads.add(Thread.currentThread());
        disconnected.add(new Disconnect(peer, reason, detail));
    }

    @Override
    public void received(NetPeer peer, Object message, int channel) {
        threads.add(Thread.currentThread());
        received.add(new Received(peer, message, channel));
    }

    @Override
    public void error(NetPeer peer, String detail, Throwable cause) {
        threads.add(Thread.currentThread());
        errors.add(detail);
    }

    <T> List<T> messages(Class<T> type, int channel) {
        List<T> out = new ArrayList<>();
        for (Received r : received) {
            if (r.channel() == channel && type.isInstance(r.message())) {
                out.add(type.cast(r.message()));
            }
        }
        return out;
    }

    Disconnect disconnectOf(NetPeer peer) {
        for (Disconnect d : disconnected) {
            if (d.peer() == peer) {
                return d;
            }
        }
        return null;
    }
}
