package io.tickwire.net.transport;

import io.tickwire.net.dtls.GuardVerdict;
import io.tickwire.net.dtls.HandshakeGuard;
import io.tickwire.net.dtls.HandshakeGuardConfig;
import io.tickwire.net.dtls.HandshakeGuardState;

/**
 * {@link HandshakeScreen}s backed by Tickwire's {@link HandshakeGuard}: the stateless check for
 * unknown sources, and a check with per-handshake fragment counters for each handshake in flight.
 * Verdict codes are {@link GuardVerdict} ordinals ({@code PASS} is 0, i.e. {@link HandshakeScreen#ACCEPT}).
 */
public final class GuardScreens implements HandshakeScreen.Factory {

    private final HandshakeGuard guard;

    /** Screens enforcing {@code config}. */
    public GuardScreens(HandshakeGuardConfig config) {
        this.guard = new HandshakeGuard(config);
        if (GuardVerdict.values().length > HandshakeScreen.MAX_VERDICTS) {
            throw new IllegalStateException("GuardVerdict has more values than HandshakeScreen.MAX_VERDICTS");
        }
    }

    /** Screens with {@link HandshakeGuardConfig#DEFAULTS}. */
    public static GuardScreens defaults() {
        return new GuardScreens(HandshakeGuardConfig.DEFAULTS);
    }

    /** The verdict a screen code stands for. */
    public static GuardVerdict verdict(int code) {
        return GuardVerdict.values()[code];
    }

    @Override
    public HandshakeScreen create(boolean perHandshake) {
        return new Screen(guard, perHandshake ? guard.newState() : null);
    }

    /** One screen; with state it belongs to one handshake and is used only by the socket reader. */
    private static final class Screen implements HandshakeScreen {
        private final HandshakeGuard guard;
        private final HandshakeGuardState state;

        Screen(HandshakeGuard guard, HandshakeGuardState state) {
            this.guard = guard;
            this.state = state;
        }

        @Override
        public int screen(byte[] buf, int off, int len) {
            return guard.check(buf, off, len, state).ordinal();
        }

        @Override
        public boolean abandonsHandshake(int verdict) {
            GuardVerdict v = GuardVerdict.values()[verdict];
            return state != null && (v == GuardVerdict.TOO_MANY_FRAGMENTS
                    || v == GuardVerdict.TOO_MANY_ENCRYPTED_HANDSHAKE_RECORDS || v == GuardVerdict.INCONSISTENT_LENGTH);
        }

        @Override
        public String verdictName(int verdict) {
            return GuardVerdict.values()[verdict].name();
        }
    }
}
