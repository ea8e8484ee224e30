package io.tickwire.arena.desktop;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.audio.Sound;
import com.badlogic.gdx.utils.Disposable;
import io.tickwire.arena.assets.ArenaAssets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The arena's sound effects. A machine without an audio device (a CI box under Xvfb, a muted laptop)
 * must still play the game: a sound that fails to load or play is skipped, and the first failure is
 * logged once, never repeated per shot.
 */
public final class Sfx implements Disposable {
    private static final Logger LOG = Logger.getLogger(Sfx.class.getName());

    /** A laser shot. */
    public static final int SHOT = 0;
    /** A shot hit a player. */
    public static final int HIT = 1;
    /** A player died. */
    public static final int DEATH = 2;
    /** A player came back. */
    public static final int RESPAWN = 3;
    /** A UI button. */
    public static final int CLICK = 4;
    /** Someone joined. */
    public static final int JOIN = 5;

    private static final String[] FILES = {ArenaAssets.SOUND_SHOT, ArenaAssets.SOUND_HIT, ArenaAssets.SOUND_EXPLOSION,
            ArenaAssets.SOUND_RESPAWN, ArenaAssets.SOUND_CLICK, ArenaAssets.SOUND_JOIN};

    private final Sound[] sounds = new Sound[FILES.length];
    private boolean failureLogged;

    /** Loads every sound it can; call on the render thread after the application has started. */
    public Sfx() {
        for (int i = 0; i < FILES.length; i++) {
            try {
                sounds[i] = Gdx.audio == null ? null : Gdx.audio.newSound(Gdx.files.classpath(FILES[i]));
            } catch (RuntimeException | LinkageError e) {
                logOnce("cannot load sound " + FILES[i] + "; the game continues without it", e);
            }
        }
    }

    /** Plays sound {@code id} at {@code volume} (0 to 1); does nothing when there is no sound. */
    public void play(int id, float volume) {
        Sound s = sounds[id];
        if (s == null || volume <= 0f) {
            return;
        }
        try {
            s.play(Math.min(1f, volume));
        } catch (RuntimeException e) {
            sounds[id] = null;
            logOnce("cannot play sound " + FILES[id] + "; it stays off", e);
        }
    }

    private void logOnce(String message, Throwable e) {
        if (!failureLogged) {
            failureLogged = true;
            LOG.log(Level.WARNING, message + " (" + e + "); further sound failures are not logged");
        }
    }

    @Override
    public void dispose() {
        for (int i = 0; i < sounds.length; i++) {
            if (sounds[i] != null) {
                try {
                    sounds[i].dispose();
                } catch (RuntimeException e) {
                    logOnce("cannot release sound " + FILES[i], e);
                }
                sounds[i] = null;
            }
        }
    }
}
