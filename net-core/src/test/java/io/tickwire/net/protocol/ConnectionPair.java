package io.tickwire.net.protocol;

/**
 * Test harness: a client and a server {@link Connection} joined by two {@link LossyPipe}s, with a
 * hand-stepped clock. Each {@link #step} advances time, delivers the packets that are due, then
 * lets each side write what is due (at most {@code maxPacketsPerStep} packets per side).
 * Public so that other test packages (the network simulator's) can reuse it. Single-threaded: the
 * handlers are called on the thread that calls {@link #step}.
 */
public final class ConnectionPair {

    /** Sees every packet a side writes, before the pipe decides its fate. */
    public interface Tap {
        /** Called on the stepping thread with the packet bytes, valid only during the call. */
        void onPacket(boolean fromClient, byte[] buf, int off, int len);
    }

    /** One millisecond in nanoseconds. */
    public static final long MS = 1_000_000L;

    /** The CLIENT side. */
    public final Connection client;
    /** The SERVER side. */
    public final Connection server;
    /** Carries the client's packets to the server. */
    public final LossyPipe toServer;
    /** Carries the server's packets to the client. */
    public final LossyPipe toClient;
    private final byte[] scratch;
    private final int maxPacketsPerStep;
    private Tap tap;
    private boolean clientSilent;
    private boolean serverSilent;
    /** The current time in nanoseconds, advanced by {@link #step}. */
    public long now;

    /** Joins two connections created at {@code startNanos}. */
    public ConnectionPair(Connection client, Connection server, LossyPipe toServer, LossyPipe toClient,
            long startNanos, int maxPacketsPerStep) {
        this.client = client;
        this.server = server;
        this.toServer = toServer;
        this.toClient = toClient;
        this.now = startNanos;
        this.maxPacketsPerStep = maxPacketsPerStep;
        this.scratch = new byte[Math.max(client.config().maxPacketSize(), server.config().maxPacketSize())];
    }

    /** A pair on one config with the given loss each way and one-way latency, seeded. */
    public static ConnectionPair create(ConnectionConfig config, MessageHandler clientHandler, MessageHandler serverHandler,
            long seed, double loss, long latencyNanos) {
        return create(config, config, 42L, 42L, clientHandler, serverHandler, seed, loss, latencyNanos);
    }

    /** A pair with separate configs and application hashes (for mismatch tests). */
    public static ConnectionPair create(ConnectionConfig clientConfig, ConnectionConfig serverConfig, long clientAppHash,
            long serverAppHash, MessageHandler clientHandler, MessageHandler serverHandler, long seed, double loss,
            long latencyNanos) {
        long start = 1_000_000_000L;
        Connection c = new Connection(clientConfig, ConnectionRole.CLIENT, clientAppHash, clientHandler, start);
        Connection s = new Connection(serverConfig, ConnectionRole.SERVER, serverAppHash, serverHandler, start);
        int size = Math.max(clientConfig.maxPacketSize(), serverConfig.maxPacketSize());
        LossyPipe up = new LossyPipe(seed * 31 + 1, loss, latencyNanos, 8192, size);
        LossyPipe down = new LossyPipe(seed * 31 + 2, loss, latencyNanos, 8192, size);
        return new ConnectionPair(c, s, up, down, start, 256);
    }

    /** Installs (or with null removes) a tap that sees every packet written. */
    public void setTap(Tap tap) {
        this.tap = tap;
    }

    /** Sets the loss probability of both directions. */
    public void setLoss(double loss) {
        toServer.setLoss(loss);
        toClient.setLoss(loss);
    }

    /** A silent side stops writing packets entirely (as if its process hung). */
    public void setSilent(boolean client, boolean silent) {
        if (client) {
            clientSilent = silent;
        } else {
            serverSilent = silent;
        }
    }

    /** Advances time by {@code dtNanos}, delivers due packets, then writes due packets. */
    public void step(long dtNanos) {
        now += dtNanos;
        deliver(toServer, server);
        deliver(toClient, client);
        if (!clientSilent) {
            pump(client, toServer, true);
        }
        if (!serverSilent) {
            pump(server, toClient, false);
        }
    }

    /** Steps {@code n} times by {@code dtNanos}. */
    public void run(int n, long dtNanos) {
        for (int i = 0; i < n; i++) {
            step(dtNanos);
        }
    }

    /** Steps by 1 ms until both sides are connected or {@code maxSteps} pass; returns whether they are. */
    public boolean connect(int maxSteps) {
        for (int i = 0; i < maxSteps; i++) {
            if (client.isConnected() && server.isConnected()) {
                return true;
            }
            step(MS);
        }
        return client.isConnected() && server.isConnected();
    }

    private void deliver(LossyPipe pipe, Connection to) {
        int len;
        while ((len = pipe.poll(scratch, now)) >= 0) {
            to.receivePacket(scratch, 0, len, now);
        }
    }

    private void pump(Connection from, LossyPipe pipe, boolean fromClient) {
        for (int i = 0; i < maxPacketsPerStep; i++) {
            int len = from.writePacket(scratch, 0, now);
            if (len == 0) {
                return;
            }
            if (tap != null) {
                tap.onPacket(fromClient, scratch, 0, len);
            }
            pipe.offer(scratch, 0, len, now);
        }
    }
}
