package io.tickwire.server.runner;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Installs handlers for POSIX signals through {@code sun.misc.Signal} (module jdk.unsupported).
 *
 * <p>Why: on SIGTERM or SIGINT the JVM runs its shutdown hooks and then exits with status 143 or
 * 130 whatever the hooks do; a handler replaces that, so a server can shut down gracefully and
 * then exit 0 itself. Why reflection: javac reports every direct use of {@code sun.misc} as
 * "internal proprietary API", a warning no annotation silences, and our build turns warnings into
 * errors. The class is public and exported on every JDK we run on; where it is missing (or the
 * signal is unknown, or already taken by a -Xrs JVM) {@link #handle} returns false and the
 * caller's shutdown hook is the fallback.
 */
final class Signals {

    private Signals() {
    }

    /**
     * Routes the signal {@code name} ("TERM", "INT") to {@code action}, which runs on a thread the
     * JVM starts for each delivery. Returns whether the handler is in place.
     */
    static boolean handle(String name, Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            InvocationHandler ih = (Object proxy, Method method, Object[] args) -> {
                switch (method.getName()) {
                    case "handle":
                        action.run();
                        return null;
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    default:
                        return "tickwire handler of SIG" + name;
                }
            };
            Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerClass}, ih);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            System.getLogger(Signals.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot handle SIG" + name + " (" + e + "); the JVM's default applies (shutdown hooks, exit 128+n)");
            return false;
        }
    }
}
