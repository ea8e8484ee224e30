package io.tickwire.arena.client;

import io.tickwire.arena.sim.Arena;
import io.tickwire.arena.sim.ArenaMessages;
import io.tickwire.client.ClientGame;
import io.tickwire.client.GameClient;
import io.tickwire.client.SampleKind;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.net.replication.GameChannels;
import io.tickwire.net.replication.Snapshot;
import java.util.logging.Logger;

/**
 * The arena's client side, engine-agnostic: it joins with a name (a password or connect token is the
 * client config's: {@code ClientConfig.Builder.password / connectToken}), sends the local player's
 * input every tick, predicts the local player with the shared {@link Arena#step}, and keeps what the
 * screen shows: every player's drawn state ({@link #refresh}), the scoreboard, the kill feed, the match
 * clock and shot tracers. The desktop game draws it; headless bots read it.
 *
 * <p>Threads: everything runs on the thread that calls {@link GameClient#update} (the render thread in the
 * desktop game). Steady-state calls allocate nothing: arrays are sized for every entity id up front.
 */
public final class ArenaClient implements ClientGame {
    private static final Logger LOG = Logger.getLogger(ArenaClient.class.getName());
    /** Entity ids are 8 bits. */
    public static final int MAX_ENTITY = 255;
    /** Kill-feed lines kept. */
    public static final int FEED = 6;
    /** Tracers kept for drawing. */
    public static final int TRACERS = 64;

    private final String name;
    private final ArenaInput input;
    private GameClient client;

    // Roster and scores, by entity id.
    private final boolean[] present = new boolean[MAX_ENTITY + 1];
    private final String[] names = new String[MAX_ENTITY + 1];
    private final int[] colours = new int[MAX_ENTITY + 1];
    private final boolean[] bots = new boolean[MAX_ENTITY + 1];
    private final int[] kills = new int[MAX_ENTITY + 1];
    private final int[] deaths = new int[MAX_ENTITY + 1];
    private final int[] ranking = new int[MAX_ENTITY + 1];
    private int rankingSize;
    private boolean welcomed;
    private String serverName = "";
    private String mapName = "";
    private int match;
    private long matchEndTick = -1;
    private long nextMatchTick = -1;

    // Kill feed: a ring of (killer, victim, render-tick) lines.
    private final int[] feedKiller = new int[FEED];
    private final int[] feedVictim = new int[FEED];
    private final long[] feedTick = new long[FEED];
    private long feedCount;
    private int matchesOver;
    private int scoreMismatches;

    // What is drawn this frame.
    private final int[] viewIds = new int[MAX_ENTITY + 1];
    private final float[] viewX = new float[MAX_ENTITY + 1];
    private final float[] viewY = new float[MAX_ENTITY + 1];
    private final float[] viewAim = new float[MAX_ENTITY + 1];
    private final int[] viewHp = new int[MAX_ENTITY + 1];
    private final boolean[] viewAlive = new boolean[MAX_ENTITY + 1];
    private int viewCount;
    private final int[] lastShots = new int[MAX_ENTITY + 1];
    private final float[] tracerX0 = new float[TRACERS];
    private final float[] tracerY0 = new float[TRACERS];
    private final float[] tracerX1 = new float[TRACERS];
    private final float[] tracerY1 = new float[TRACERS];
    private final int[] tracerColour = new int[TRACERS];
    private final boolean[] tracerLocal = new boolean[TRACERS];
    private final long[] tracerNanos = new long[TRACERS];
    private long tracerCount;

    private final float[] sample = new float[Arena.CHANNELS];
    private final float[] predicted = new float[Arena.STATE_SIZE];
    private DisconnectReason disconnectReason;
    private int reconnectAttempt;
    private String disconnectDetail = "";
    private boolean connected;

    /**
     * A client that joins as {@code name} (cut to {@link ArenaMessages#MAX_NAME}), taking the local
     * player's intentions from {@code input}.
     */
    public ArenaClient(String name, ArenaInput input) {
        this.name = name;
        this.input = input;
        java.util.Arrays.fill(lastShots, -1);
    }

    /** Connects this game to the client that drives it. */
    public void attach(GameClient c) {
        this.client = c;
    }

    /** The driving client (for its net graph and state). */
    public GameClient gameClient() {
        return client;
    }

    @Override
    public void connected() {
        connected = true;
        client.net().send(new ArenaMessages.Join(name, Arena.VERSION), GameChannels.EVENTS);
    }

    @Override
    public int sampleInput(long clientTick, byte[] dst) {
        int buttons = input.buttons(this);
        float aim = input.aim(this);
        double rt = client.renderTick();
        long renderTick = rt > 0 ? (long) Math.floor(rt) : 0;
        float fraction = rt > 0 ? (float) (rt - renderTick) : 0f;
        return Arena.encodeInput(dst, 0, buttons, aim, renderTick, fraction);
    }

    @Override
    public void readPredicted(Snapshot s, int index, float[] state) {
        state[Arena.STATE_X] = s.getFloat(index, Arena.F_X);
        state[Arena.STATE_Y] = s.getFloat(index, Arena.F_Y);
        state[Arena.STATE_ALIVE] = s.getBoolean(index, Arena.F_ALIVE) ? 1f : 0f;
    }

    @Override
    public void predict(float[] state, byte[] in, int off, int len) {
        Arena.step(state, Arena.buttons(in, off, len));
    }

    @Override
    public void readInterpolated(Snapshot s, int index, float[] channels) {
        channels[0] = s.getFloat(index, Arena.F_X);
        channels[1] = s.getFloat(index, Arena.F_Y);
        channels[Arena.CHANNEL_AIM] = s.getFloat(index, Arena.F_AIM);
    }

    @Override
    public void event(Object event, long serverTick) {
        if (event instanceof ArenaMessages.Welcome w) {
            onWelcome(w);
        } else if (!welcomed) {
            return;   // the Welcome carries everything up to its tick
        } else if (event instanceof ArenaMessages.PlayerInfo p) {
            put(p.entityId, p.name, p.colour, p.bot, 0, 0);
            rank();
        } else if (event instanceof ArenaMessages.PlayerGone g) {
            if (valid(g.entityId)) {
                present[g.entityId] = false;
                rank();
            }
        } else if (event instanceof ArenaMessages.Kill k) {
            if (valid(k.killer) && valid(k.victim)) {
                kills[k.killer]++;
                deaths[k.victim]++;
                int slot = (int) (feedCount % FEED);
                feedKiller[slot] = k.killer;
                feedVictim[slot] = k.victim;
                feedTick[slot] = serverTick;
                feedCount++;
                rank();
            }
        } else if (event instanceof ArenaMessages.MatchStart m) {
            match = m.match;
            matchEndTick = m.endTick;
            nextMatchTick = -1;
            java.util.Arrays.fill(kills, 0);
            java.util.Arrays.fill(deaths, 0);
            rank();
        } else if (event instanceof ArenaMessages.MatchOver o) {
            nextMatchTick = o.nextMatchTick;
            matchesOver++;
            if (o.entities != null && o.kills != null && o.deaths != null) {
                for (int i = 0; i < o.entities.length && i < o.kills.length && i < o.deaths.length; i++) {
                    if (valid(o.entities[i])) {
                        // The final table must equal what this client counted from the events.
                        if (!present[o.entities[i]] || kills[o.entities[i]] != o.kills[i]
                                || deaths[o.entities[i]] != o.deaths[i]) {
                            scoreMismatches++;
                            LOG.warning("scoreboard drift for entity " + o.entities[i] + ": counted "
                                    + kills[o.entities[i]] + "/" + deaths[o.entities[i]] + ", server says "
                                    + o.kills[i] + "/" + o.deaths[i]);
                        }
                        kills[o.entities[i]] = o.kills[i];
                        deaths[o.entities[i]] = o.deaths[i];
                    }
                }
            }
            rank();
        }
    }

    private void onWelcome(ArenaMessages.Welcome w) {
        java.util.Arrays.fill(present, false);
        int n = w.entities == null ? 0 : w.entities.length;
        for (int i = 0; i < n; i++) {
            put(w.entities[i], at(w.names, i), at(w.colours, i), w.bots != null && i < w.bots.length && w.bots[i],
                    at(w.kills, i), at(w.deaths, i));
        }
        serverName = w.serverName == null ? "" : w.serverName;
        mapName = w.mapName == null ? "" : w.mapName;
        match = w.match;
        matchEndTick = w.matchEndTick;
        nextMatchTick = -1;
        welcomed = true;
        if (valid(w.entityId)) {
            client.setLocalEntity(w.entityId);
        }
        rank();
        LOG.info(() -> "joined " + serverName + " as " + name + " (entity " + w.entityId + "), " + n + " players");
    }

    private void put(int id, String playerName, int colour, boolean bot, int k, int d) {
        if (!valid(id)) {
            return;
        }
        present[id] = true;
        names[id] = playerName == null ? "?" : playerName;
        colours[id] = Math.floorMod(colour, Arena.COLOURS);
        bots[id] = bot;
        kills[id] = k;
        deaths[id] = d;
        lastShots[id] = -1;
    }

    private static int at(int[] a, int i) {
        return a != null && i < a.length ? a[i] : 0;
    }

    private static String at(String[] a, int i) {
        return a != null && i < a.length ? a[i] : null;
    }

    private static boolean valid(int id) {
        return id >= 1 && id <= MAX_ENTITY;
    }

    /** Orders the present players by kills (more first), then deaths (fewer first), then id. */
    private void rank() {
        rankingSize = 0;
        for (int id = 1; id <= MAX_ENTITY; id++) {
            if (present[id]) {
                int i = rankingSize++;
                while (i > 0 && better(id, ranking[i - 1])) {
                    ranking[i] = ranking[i - 1];
                    i--;
                }
                ranking[i] = id;
            }
        }
    }

    private boolean better(int a, int b) {
        if (kills[a] != kills[b]) {
            return kills[a] > kills[b];
        }
        if (deaths[a] != deaths[b]) {
            return deaths[a] < deaths[b];
        }
        return a < b;
    }

    @Override
    public void reconnecting(int attempt, long delayNanos, DisconnectReason reason, String detail) {
        connected = false;
        reconnectAttempt = attempt;
        LOG.info(() -> "connection lost (" + reason + "): reconnect attempt " + attempt + " in "
                + delayNanos / 1_000_000 + " ms");
    }

    @Override
    public void reconnected(boolean resumed) {
        connected = true;
        reconnectAttempt = 0;
        if (!resumed || !welcomed) {
            // A new player on the server (it restarted, or forgot us), or our Join may have been lost
            // with the old connection: join (again). The server answers a resumed player with a Welcome.
            welcomed = false;
            client.net().send(new ArenaMessages.Join(name, Arena.VERSION), GameChannels.EVENTS);
        }
        LOG.info(() -> resumed ? "reconnected: same player" : "reconnected as a new player");
    }

    /** Whether the connection was lost and the client is reconnecting by itself (the game goes on drawing). */
    public boolean isReconnecting() {
        return client != null && client.connectionStatus() == io.tickwire.client.ConnectionStatus.RECONNECTING;
    }

    /** The current reconnect attempt (1 = the first), or 0 when connected. */
    public int reconnectAttempt() {
        return reconnectAttempt;
    }

    @Override
    public void disconnected(DisconnectReason reason, String detail) {
        connected = false;
        disconnectReason = reason;
        disconnectDetail = detail == null ? "" : detail;
        LOG.info(() -> "disconnected: " + reason + (disconnectDetail.isEmpty() ? "" : " (" + disconnectDetail + ")"));
    }

    /**
     * Rebuilds what is drawn this frame, after {@link GameClient#update}: every player of the newest
     * snapshot at its interpolated position (the local player at its predicted one, with the
     * reconciliation smoothing), and a tracer for every shot fired since the last snapshot seen.
     */
    public void refresh(long nowNanos) {
        viewCount = 0;
        Snapshot s = client.latestSnapshot();
        if (s == null) {
            return;
        }
        int local = client.localEntity();
        for (int i = 0; i < s.count(); i++) {
            int id = s.entityId(i);
            if (s.typeId(i) != Arena.PLAYER || !valid(id)) {
                continue;
            }
            float x;
            float y;
            float aim;
            if (id == local && client.isPredicting() && client.predictedState(predicted)) {
                x = predicted[Arena.STATE_X];
                y = predicted[Arena.STATE_Y];
                aim = input.aim(this);
            } else if (client.sampleRemote(id, sample) != SampleKind.MISSING) {
                x = sample[0];
                y = sample[1];
                aim = sample[Arena.CHANNEL_AIM];
            } else {
                x = s.getFloat(i, Arena.F_X);
                y = s.getFloat(i, Arena.F_Y);
                aim = s.getFloat(i, Arena.F_AIM);
            }
            int v = viewCount++;
            viewIds[v] = id;
            viewX[v] = x;
            viewY[v] = y;
            viewAim[v] = aim;
            viewHp[v] = s.get(i, Arena.F_HP);
            viewAlive[v] = s.getBoolean(i, Arena.F_ALIVE);
            if (!present[id]) {
                colours[id] = s.get(i, Arena.F_COLOUR);
            }
            int shots = s.get(i, Arena.F_SHOTS);
            if (lastShots[id] >= 0 && shots != lastShots[id]) {
                float len = s.getFloat(i, Arena.F_SHOT_LEN);
                float a = s.getFloat(i, Arena.F_AIM);
                int slot = (int) (tracerCount % TRACERS);
                tracerX0[slot] = x;
                tracerY0[slot] = y;
                tracerX1[slot] = x + (float) Math.cos(a) * len;
                tracerY1[slot] = y + (float) Math.sin(a) * len;
                tracerColour[slot] = s.get(i, Arena.F_COLOUR);
                tracerLocal[slot] = id == local;
                tracerNanos[slot] = nowNanos;
                tracerCount++;
            }
            lastShots[id] = shots;
        }
    }

    /** Players drawn this frame. */
    public int viewCount() {
        return viewCount;
    }

    /** Entity id of drawn player {@code i}. */
    public int viewId(int i) {
        return viewIds[i];
    }

    /** Drawn x of player {@code i}, metres. */
    public float viewX(int i) {
        return viewX[i];
    }

    /** Drawn y of player {@code i}, metres. */
    public float viewY(int i) {
        return viewY[i];
    }

    /** Drawn aim of player {@code i}, radians. */
    public float viewAim(int i) {
        return viewAim[i];
    }

    /** Health of player {@code i}, 0 to {@link Arena#MAX_HP}. */
    public int viewHp(int i) {
        return viewHp[i];
    }

    /** Whether player {@code i} is alive. */
    public boolean viewAlive(int i) {
        return viewAlive[i];
    }

    /** Tracers ever seen; the newest is at {@code (tracerCount() - 1) % TRACERS}. */
    public long tracerCount() {
        return tracerCount;
    }

    /** Tracer in ring slot {@code slot}: start x. */
    public float tracerX0(int slot) {
        return tracerX0[slot];
    }

    /** Tracer start y. */
    public float tracerY0(int slot) {
        return tracerY0[slot];
    }

    /** Tracer end x (where the shot stopped: a wall, a player or its range). */
    public float tracerX1(int slot) {
        return tracerX1[slot];
    }

    /** Tracer end y. */
    public float tracerY1(int slot) {
        return tracerY1[slot];
    }

    /** Colour index of the shooter. */
    public int tracerColour(int slot) {
        return tracerColour[slot];
    }

    /** Whether the local player fired it. */
    public boolean tracerLocal(int slot) {
        return tracerLocal[slot];
    }

    /** When it was first seen, in the nanos passed to {@link #refresh}. */
    public long tracerNanos(int slot) {
        return tracerNanos[slot];
    }

    /** Players on the scoreboard, in rank order. */
    public int rankingSize() {
        return rankingSize;
    }

    /** Entity id at rank {@code i} (0 = leader). */
    public int rankedEntity(int i) {
        return ranking[i];
    }

    /** Whether {@code id} is in the game. */
    public boolean isPresent(int id) {
        return valid(id) && present[id];
    }

    /** Name of player {@code id}. */
    public String name(int id) {
        return valid(id) && names[id] != null ? names[id] : "?";
    }

    /** Colour index (0-15) of player {@code id}. */
    public int colour(int id) {
        return valid(id) ? colours[id] : 0;
    }

    /** Whether player {@code id} is a bot. */
    public boolean isBot(int id) {
        return valid(id) && bots[id];
    }

    /** Kills of player {@code id} this match. */
    public int kills(int id) {
        return valid(id) ? kills[id] : 0;
    }

    /** Deaths of player {@code id} this match. */
    public int deaths(int id) {
        return valid(id) ? deaths[id] : 0;
    }

    /** Kill-feed lines ever received; the newest is at {@code (feedCount() - 1) % FEED}. */
    public long feedCount() {
        return feedCount;
    }

    /** Killer of feed slot {@code slot}. */
    public int feedKiller(int slot) {
        return feedKiller[slot];
    }

    /** Victim of feed slot {@code slot}. */
    public int feedVictim(int slot) {
        return feedVictim[slot];
    }

    /** Server tick of feed slot {@code slot}. */
    public long feedTick(int slot) {
        return feedTick[slot];
    }

    /** Whether the server has accepted the Join (the scoreboard is live). */
    public boolean isWelcomed() {
        return welcomed;
    }

    /** Whether the connection is up. */
    public boolean isConnected() {
        return connected;
    }

    /** Why the connection ended, or null while it lasts. */
    public DisconnectReason disconnectReason() {
        return disconnectReason;
    }

    /** The server's explanation of the disconnect ("" when none). */
    public String disconnectDetail() {
        return disconnectDetail;
    }

    /** The server's name, from the Welcome. */
    public String serverName() {
        return serverName;
    }

    /** The map's name, from the Welcome. */
    public String mapName() {
        return mapName;
    }

    /** The match number. */
    public int match() {
        return match;
    }

    /** Whether the match is over and the next one not yet started. */
    public boolean inIntermission() {
        return nextMatchTick >= 0;
    }

    /** Seconds left in the match (or until the next one during an intermission), at the render tick. */
    public float secondsLeft() {
        long end = nextMatchTick >= 0 ? nextMatchTick : matchEndTick;
        if (end < 0) {
            return 0;
        }
        return Math.max(0f, (float) ((end - client.renderTick()) / Arena.TICK_RATE));
    }

    /** MatchOver events received. */
    public int matchesOver() {
        return matchesOver;
    }

    /**
     * Rows of the servers' final scoreboards (MatchOver) that differed from what this client had counted
     * from the join state and the kill events; 0 when the two agree.
     */
    public int scoreMismatches() {
        return scoreMismatches;
    }

    /** This player's name as sent. */
    public String playerName() {
        return name;
    }
}
