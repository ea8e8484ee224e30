package io.tickwire.arena.server;

import io.tickwire.arena.sim.Arena;
import io.tickwire.arena.sim.ArenaMap;
import io.tickwire.arena.sim.ArenaMessages;
import io.tickwire.arena.sim.BotBrain;
import io.tickwire.net.protocol.DisconnectReason;
import io.tickwire.server.GamePlayer;
import io.tickwire.server.GameServer;
import io.tickwire.server.InputRecord;
import io.tickwire.server.ServerGame;
import io.tickwire.server.WorldWriter;
import io.tickwire.server.lagcomp.HitboxHistory;
import io.tickwire.server.lagcomp.LagCompensator;
import io.tickwire.server.lagcomp.ShotResult;
import io.tickwire.server.lagcomp.ShotStatus;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.logging.Logger;

/**
 * The arena's authoritative rules. Humans join with a {@link ArenaMessages.Join} (name, password,
 * version) within {@link ArenaRulesConfig#JOIN_DEADLINE_SECONDS}; bots fill the free places. Everyone
 * moves with the shared {@link Arena#step}, fires hitscan shots judged by lag compensation against what
 * the shooter saw (walls stop shots), dies after four hits and respawns three seconds later at the spawn
 * point farthest from its enemies. Matches run for a fixed time, then the final scoreboard shows during
 * an intermission in which nobody takes damage.
 *
 * <p>Threads: every method runs on the server's tick thread (it is a {@link ServerGame}); the few
 * read-only figures for other threads ({@link #humans()}, {@link #bots()}) are volatile.
 */
public final class ArenaServerGame implements ServerGame {
    private static final Logger LOG = Logger.getLogger(ArenaServerGame.class.getName());
    /** Entity ids run from 1 to this (8 bits in the schema). */
    static final int MAX_ENTITY = 255;

    private final ArenaRulesConfig rules;
    private final ArenaMap map = Arena.map();
    private final Fighter[] byEntity = new Fighter[MAX_ENTITY + 1];
    private final Map<GamePlayer, Long> pendingJoins = new IdentityHashMap<>();
    private final HitboxHistory history;
    private final LagCompensator lagCompensator;
    private final ShotResult shot = new ShotResult();
    private final SplittableRandom rnd;
    private final float[] enemies = new float[2 * (MAX_ENTITY + 1)];
    private final byte[] botInput = new byte[Arena.INPUT_BYTES];
    private final long joinDeadlineTicks;
    /** Set right after the server starts, read on the tick thread: volatile for the hand-over. */
    private volatile GameServer server;
    private long tick;
    private int match = 1;
    private long matchEndTick = -1;
    private long nextMatchTick = -1;
    private long botSeed;
    private volatile int humanCount;
    private volatile int botCount;
    private volatile IntConsumer playerCountListener;
    private volatile BooleanSupplier nextMatchGate;
    private long shotsFired;
    private long killsTotal;

    /** Rules for one arena; call {@link #attach} with the server before it starts ticking. */
    public ArenaServerGame(ArenaRulesConfig rules) {
        this.rules = rules;
        this.history = HitboxHistory.forWindow(Arena.REWIND_WINDOW_NANOS, Arena.TICK_RATE, MAX_ENTITY + 1);
        this.lagCompensator = new LagCompensator(history);
        this.rnd = new SplittableRandom(rules.seed());
        this.botSeed = rules.seed() * 1_000_003L;
        this.joinDeadlineTicks = (long) ArenaRulesConfig.JOIN_DEADLINE_SECONDS * Arena.TICK_RATE;
    }

    /** Connects the rules to the server that drives them (events go out through it). */
    public void attach(GameServer s) {
        this.server = s;
    }

    /** The rules' configuration. */
    public ArenaRulesConfig config() {
        return rules;
    }

    /** Humans in the game now (any thread). */
    public int humans() {
        return humanCount;
    }

    /** Bots in the game now (any thread). */
    public int bots() {
        return botCount;
    }

    /**
     * Called on the tick thread with the number of players (humans and bots) whenever it changes, e.g.
     * to keep a LAN discovery answer current. Set it before players arrive.
     */
    public void setPlayerCountListener(IntConsumer listener) {
        this.playerCountListener = listener;
    }

    private void playersChanged() {
        IntConsumer l = playerCountListener;
        if (l != null) {
            l.accept(humanCount + botCount);
        }
    }

    /**
     * Asked on the tick thread when an intermission ends: true starts the next match, false means
     * this server is done (e.g. the dedicated server under Agones, where one process hosts one
     * session: {@code runner::matchEnded} negated) and no match starts again. Null (the default): always true.
     */
    public void setNextMatchGate(BooleanSupplier gate) {
        this.nextMatchGate = gate;
    }

    /** The number of the match being played (or just over). Tick thread. */
    public int match() {
        return match;
    }

    /** Whether the game is between two matches. Tick thread. */
    public boolean inIntermission() {
        return nextMatchTick >= 0;
    }

    /** Shots fired since start. Tick thread. */
    public long shotsFired() {
        return shotsFired;
    }

    /** Kills since start. Tick thread. */
    public long kills() {
        return killsTotal;
    }

    /** Shots judged by lag compensation, by outcome. Tick thread. */
    public long shots(ShotStatus status) {
        return lagCompensator.count(status);
    }

    /** The scoreboard now, in entity order. Tick thread (post a command from elsewhere). */
    public List<ScoreRow> scoreboard() {
        List<ScoreRow> rows = new ArrayList<>();
        for (int id = 1; id <= MAX_ENTITY; id++) {
            Fighter f = byEntity[id];
            if (f != null) {
                rows.add(new ScoreRow(id, f.name, f.isBot(), f.kills, f.deaths));
            }
        }
        return rows;
    }

    /** Ends the running match now (tick thread): the final scoreboard goes out, the intermission begins. */
    public void endMatchNow() {
        if (nextMatchTick < 0) {
            endMatch();
        }
    }

    @Override
    public void playerJoined(GamePlayer p) {
        pendingJoins.put(p, tick + joinDeadlineTicks);
    }

    @Override
    public void received(GamePlayer p, Object message, int channel) {
        if (!(message instanceof ArenaMessages.Join join)) {
            return;
        }
        if (pendingJoins.remove(p) == null) {
            if (p.reconnects() > 0 && p.userData() instanceof Fighter f) {
                // Came back before it saw its Welcome: the Join had arrived; answer it again.
                server.sendEvent(p, welcome(f));
                return;
            }
            p.disconnect(DisconnectReason.KICKED, "sent Join twice");
            return;
        }
        if (join.version != Arena.VERSION) {
            p.disconnect(DisconnectReason.PROTOCOL_VERSION_MISMATCH, "this server runs " + Arena.VERSION_NAME
                    + " (version " + Arena.VERSION + "), the client version " + join.version + ": use the same build");
            return;
        }
        if (humanCount >= rules.maxPlayers()) {
            p.disconnect(DisconnectReason.SERVER_FULL, "the arena is full: " + humanCount + " of "
                    + rules.maxPlayers() + " players");
            return;
        }
        if (humanCount + botCount >= rules.maxPlayers()) {
            removeOneBot();
        }
        Fighter f = add(cleanName(join.name), p, null);
        p.userData(f);
        humanCount++;
        playersChanged();
        server.sendEvent(p, welcome(f));
        announce(f);
        LOG.info(() -> "player " + f.name + " (entity " + f.entityId + ") joined from " + p.peer().remoteAddress());
    }

    /**
     * A player's connection was lost: its plane stays where it is, frozen (no input is applied while it
     * is away), until it comes back or the server's reconnect grace ends and it leaves.
     */
    @Override
    public void playerAway(GamePlayer p, DisconnectReason reason, String detail) {
        if (p.userData() instanceof Fighter f) {
            LOG.info(() -> "player " + f.name + " lost its connection (" + reason + "); plane kept for a reconnect");
        }
    }

    /** The player is back on a new connection: it gets the whole scoreboard again (it missed events meanwhile). */
    @Override
    public void playerBack(GamePlayer p) {
        if (p.userData() instanceof Fighter f) {
            server.sendEvent(p, welcome(f));
            LOG.info(() -> "player " + f.name + " is back (reconnect " + p.reconnects() + ")");
        } else if (pendingJoins.containsKey(p)) {
            pendingJoins.put(p, tick + joinDeadlineTicks);
        }
    }

    @Override
    public void playerLeft(GamePlayer p, DisconnectReason reason, String detail) {
        pendingJoins.remove(p);
        if (p.userData() instanceof Fighter f) {
            byEntity[f.entityId] = null;
            humanCount--;
            playersChanged();
            broadcast(new ArenaMessages.PlayerGone(f.entityId));
            LOG.info(() -> "player " + f.name + " left: " + reason + (detail.isEmpty() ? "" : " (" + detail + ")"));
            p.userData(null);
        }
        fillBots();
    }

    @Override
    public void applyInput(GamePlayer p, InputRecord input) {
        if (!(p.userData() instanceof Fighter f) || input.length() < Arena.INPUT_BYTES) {
            return;
        }
        byte[] in = input.bytes();
        int buttons = Arena.buttons(in, 0, input.length());
        Arena.step(f.state, buttons);
        f.aim = Arena.aim(in, 0);
        if ((buttons & Arena.FIRE) != 0 && !input.isRepeated()) {
            fire(f, Arena.renderTick(in, 0, tick), Arena.renderFraction(in, 0));
        }
    }

    @Override
    public void step(long t) {
        tick = t;
        if (matchEndTick < 0) {
            matchEndTick = t + (long) rules.matchSeconds() * Arena.TICK_RATE;
            fillBots();
        }
        expireJoins();
        for (int id = 1; id <= MAX_ENTITY; id++) {
            Fighter f = byEntity[id];
            if (f != null && f.isBot()) {
                thinkAndAct(f);
            }
        }
        for (int id = 1; id <= MAX_ENTITY; id++) {
            Fighter f = byEntity[id];
            if (f != null && !f.alive() && t >= f.respawnTick) {
                spawn(f);
            }
        }
        if (nextMatchTick < 0 && t >= matchEndTick) {
            endMatch();
        } else if (nextMatchTick >= 0 && t >= nextMatchTick) {
            BooleanSupplier gate = nextMatchGate;
            if (gate == null || gate.getAsBoolean()) {
                startMatch();
            } else {
                nextMatchTick = Long.MAX_VALUE; // the server is closing: the scoreboard stays until it has
            }
        }
        history.beginTick(t);
        for (int id = 1; id <= MAX_ENTITY; id++) {
            Fighter f = byEntity[id];
            if (f != null && f.alive()) {
                history.record(id, f.x(), f.y(), Arena.RADIUS);
            }
        }
    }

    @Override
    public void writeWorld(long t, WorldWriter world) {
        for (int id = 1; id <= MAX_ENTITY; id++) {
            Fighter f = byEntity[id];
            if (f == null) {
                continue;
            }
            int i = world.add(id, Arena.PLAYER, f.x(), f.y());
            world.setFloat(i, Arena.F_X, f.x());
            world.setFloat(i, Arena.F_Y, f.y());
            world.setFloat(i, Arena.F_AIM, f.aim);
            world.set(i, Arena.F_HP, Math.max(0, f.hp));
            world.setBoolean(i, Arena.F_ALIVE, f.alive());
            world.set(i, Arena.F_SHOTS, f.shots);
            world.setFloat(i, Arena.F_SHOT_LEN, f.shotLen);
            world.set(i, Arena.F_COLOUR, f.colour);
            if (f.player != null) {
                f.player.setViewpoint(f.x(), f.y());
            }
        }
    }

    private void thinkAndAct(Fighter f) {
        if (!f.alive()) {
            return;
        }
        int n = 0;
        for (int id = 1; id <= MAX_ENTITY; id++) {
            Fighter o = byEntity[id];
            if (o != null && o != f && o.alive()) {
                enemies[2 * n] = o.x();
                enemies[2 * n + 1] = o.y();
                n++;
            }
        }
        f.brain.think(f.x(), f.y(), enemies, n);
        int buttons = f.brain.buttons();
        // A bot's input goes through the same encoding as a human's, so it obeys the same quantized aim.
        Arena.encodeInput(botInput, 0, buttons, f.brain.aim(), tick - 1, 0f);
        Arena.step(f.state, buttons);
        f.aim = Arena.aim(botInput, 0);
        if ((buttons & Arena.FIRE) != 0) {
            fire(f, tick - 1, 0f);
        }
    }

    /** A shot by {@code f}, aimed at the world as it was at {@code renderTick + fraction}. */
    private void fire(Fighter f, long renderTick, float fraction) {
        if (!f.alive() || tick < f.nextShotTick) {
            return;
        }
        f.nextShotTick = tick + Arena.FIRE_COOLDOWN_TICKS;
        shotsFired++;
        float dx = (float) Math.cos(f.aim);
        float dy = (float) Math.sin(f.aim);
        float range = map.rayToWall(f.x(), f.y(), dx, dy, Arena.SHOT_RANGE);
        f.shots = (f.shots + 1) % Arena.SHOT_COUNTER_MOD;
        f.shotLen = range;
        if (range <= 0f) {
            return;
        }
        ShotStatus st = lagCompensator.evaluate(renderTick, fraction, f.entityId, f.x(), f.y(), dx, dy, range, shot);
        if (st != ShotStatus.HIT) {
            return;
        }
        f.shotLen = shot.distance();
        Fighter victim = byEntity[shot.hitEntityId()];
        if (victim == null || !victim.alive() || nextMatchTick >= 0) {
            return;
        }
        victim.hp -= Arena.SHOT_DAMAGE;
        if (victim.hp <= 0) {
            victim.hp = 0;
            victim.state[Arena.STATE_ALIVE] = 0f;
            victim.respawnTick = tick + Arena.RESPAWN_TICKS;
            victim.deaths++;
            f.kills++;
            killsTotal++;
            broadcast(new ArenaMessages.Kill(f.entityId, victim.entityId));
        }
    }

    private void spawn(Fighter f) {
        int best = 0;
        float bestScore = -1;
        int start = rnd.nextInt(map.spawnCount());
        for (int k = 0; k < map.spawnCount(); k++) {
            int s = (start + k) % map.spawnCount();
            float nearest = Float.MAX_VALUE;
            for (int id = 1; id <= MAX_ENTITY; id++) {
                Fighter o = byEntity[id];
                if (o != null && o != f && o.alive()) {
                    float dx = o.x() - map.spawnX(s);
                    float dy = o.y() - map.spawnY(s);
                    nearest = Math.min(nearest, dx * dx + dy * dy);
                }
            }
            if (nearest > bestScore) {
                bestScore = nearest;
                best = s;
            }
        }
        f.state[Arena.STATE_X] = Arena.snapX(map.spawnX(best));
        f.state[Arena.STATE_Y] = Arena.snapY(map.spawnY(best));
        f.state[Arena.STATE_ALIVE] = 1f;
        f.hp = Arena.MAX_HP;
        f.nextShotTick = tick + Arena.TICK_RATE / 2;
    }

    private Fighter add(String name, GamePlayer player, BotBrain brain) {
        int id = 1;
        while (id <= MAX_ENTITY && byEntity[id] != null) {
            id++;
        }
        if (id > MAX_ENTITY) {
            throw new IllegalStateException("no free entity id");
        }
        Fighter f = new Fighter(id, name, freeColour(), player, brain);
        byEntity[id] = f;
        spawn(f);
        return f;
    }

    private int freeColour() {
        boolean[] used = new boolean[Arena.COLOURS];
        for (Fighter f : byEntity) {
            if (f != null) {
                used[f.colour] = true;
            }
        }
        for (int c = 0; c < used.length; c++) {
            if (!used[c]) {
                return c;
            }
        }
        return 0;
    }

    private void fillBots() {
        while (botCount < rules.bots() && humanCount + botCount < rules.maxPlayers()) {
            Fighter f = add(freeBotName(), null, new BotBrain(++botSeed, map));
            botCount++;
            playersChanged();
            announce(f);
        }
    }

    private String freeBotName() {
        int start = rnd.nextInt(BOT_NAMES.length);
        for (int k = 0; k < BOT_NAMES.length; k++) {
            String name = BOT_NAMES[(start + k) % BOT_NAMES.length];
            boolean used = false;
            for (Fighter f : byEntity) {
                used |= f != null && f.name.equals(name);
            }
            if (!used) {
                return name;
            }
        }
        return "Bot " + (botCount + 1);
    }

    private void removeOneBot() {
        for (int id = MAX_ENTITY; id >= 1; id--) {
            Fighter f = byEntity[id];
            if (f != null && f.isBot()) {
                byEntity[id] = null;
                botCount--;
                playersChanged();
                broadcast(new ArenaMessages.PlayerGone(id));
                return;
            }
        }
    }

    private void expireJoins() {
        if (pendingJoins.isEmpty()) {
            return;
        }
        List<GamePlayer> late = null;
        for (Map.Entry<GamePlayer, Long> e : pendingJoins.entrySet()) {
            if (tick >= e.getValue() && !e.getKey().isAway()) {
                late = late == null ? new ArrayList<>() : late;
                late.add(e.getKey());
            }
        }
        if (late != null) {
            for (GamePlayer p : late) {
                pendingJoins.remove(p);
                p.disconnect(DisconnectReason.KICKED, "no Join message within " + ArenaRulesConfig.JOIN_DEADLINE_SECONDS
                        + " s of connecting: is this an arena client?");
            }
        }
    }

    private void endMatch() {
        nextMatchTick = tick + (long) rules.intermissionSeconds() * Arena.TICK_RATE;
        ArenaMessages.MatchOver over = new ArenaMessages.MatchOver();
        over.match = match;
        over.nextMatchTick = nextMatchTick;
        List<ScoreRow> rows = scoreboard();
        over.entities = new int[rows.size()];
        over.kills = new int[rows.size()];
        over.deaths = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            over.entities[i] = rows.get(i).entityId();
            over.kills[i] = rows.get(i).kills();
            over.deaths[i] = rows.get(i).deaths();
        }
        broadcast(over);
        LOG.info(() -> "match " + match + " over: " + describe(rows));
    }

    private void startMatch() {
        match++;
        nextMatchTick = -1;
        matchEndTick = tick + (long) rules.matchSeconds() * Arena.TICK_RATE;
        for (Fighter f : byEntity) {
            if (f != null) {
                f.kills = 0;
                f.deaths = 0;
                spawn(f);
            }
        }
        broadcast(new ArenaMessages.MatchStart(match, matchEndTick));
        LOG.info(() -> "match " + match + " started");
    }

    private ArenaMessages.Welcome welcome(Fighter self) {
        List<ScoreRow> rows = scoreboard();
        ArenaMessages.Welcome w = new ArenaMessages.Welcome();
        w.entityId = self.entityId;
        w.serverName = rules.serverName();
        w.mapName = map.name();
        w.match = match;
        w.matchEndTick = nextMatchTick >= 0 ? -1 : matchEndTick;
        int n = rows.size();
        w.entities = new int[n];
        w.names = new String[n];
        w.colours = new int[n];
        w.bots = new boolean[n];
        w.kills = new int[n];
        w.deaths = new int[n];
        for (int i = 0; i < n; i++) {
            ScoreRow r = rows.get(i);
            w.entities[i] = r.entityId();
            w.names[i] = r.name();
            w.colours[i] = byEntity[r.entityId()].colour;
            w.bots[i] = r.bot();
            w.kills[i] = r.kills();
            w.deaths[i] = r.deaths();
        }
        return w;
    }

    /** Tells every joined human but {@code f} itself that {@code f} entered. */
    private void announce(Fighter f) {
        ArenaMessages.PlayerInfo info = new ArenaMessages.PlayerInfo(f.entityId, f.name, f.colour, f.isBot());
        for (int id = 1; id <= MAX_ENTITY; id++) {
            Fighter o = byEntity[id];
            if (o != null && o != f && o.player != null) {
                server.sendEvent(o.player, info);
            }
        }
    }

    /** Sends an event to every joined human (those still joining get the state in their Welcome). */
    private void broadcast(Object event) {
        for (int id = 1; id <= MAX_ENTITY; id++) {
            Fighter o = byEntity[id];
            if (o != null && o.player != null) {
                server.sendEvent(o.player, event);
            }
        }
    }

    private static String describe(List<ScoreRow> rows) {
        StringBuilder sb = new StringBuilder();
        rows.stream().sorted((a, b) -> b.kills() != a.kills() ? b.kills() - a.kills() : a.deaths() - b.deaths())
                .limit(3).forEach(r -> sb.append(sb.length() == 0 ? "" : ", ").append(r.name()).append(' ')
                        .append(r.kills()).append('/').append(r.deaths()));
        return sb.length() == 0 ? "nobody played" : "top " + sb;
    }

    /** A player's chosen name, trimmed, without control characters, at most {@link ArenaMessages#MAX_NAME}; "player" when empty. */
    static String cleanName(String name) {
        if (name == null) {
            return "player";
        }
        StringBuilder sb = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c)).limit(ArenaMessages.MAX_NAME).forEach(sb::appendCodePoint);
        String s = sb.toString().trim();
        return s.isEmpty() ? "player" : s;
    }

    private static final String[] BOT_NAMES = {
            "Ada", "Basil", "Cogsworth", "Dynamo", "Ember", "Flux", "Gizmo", "Helix",
            "Ion", "Jolt", "Kilowatt", "Lumen", "Mosfet", "Nibble", "Ohm", "Pixel",
    };
}
