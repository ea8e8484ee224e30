package io.tickwire.server.runner;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per event on a {@link PrintStream}: {@code 2026-12-06T16:09:51.123Z INFO player 3 joined ...}.
 * While installed it takes the {@code io.tickwire} java.util.logging logger (where Tickwire's
 * {@code System.Logger}s land by default), so joins, leaves, drops and errors read as plain lines
 * instead of the JDK's two-line console format; {@link #uninstall} gives the logger back as it was.
 */
final class PlainLog extends Handler {

    private static final String LOGGER = "io.tickwire";

    private final PrintStream out;
    // Kept strongly: java.util.logging holds loggers weakly, and settings on a collected logger vanish.
    private Logger logger;
    private boolean parentHandlers;

    PlainLog(PrintStream out) {
        this.out = out;
        setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                return line(r.getInstant(), r.getLevel(), formatMessage(r), r.getThrown());
            }
        });
    }

    /** Takes the io.tickwire logger: INFO and above come here, not to the root's console handler. */
    void install() {
        logger = Logger.getLogger(LOGGER);
        parentHandlers = logger.getUseParentHandlers();
        logger.addHandler(this);
        logger.setUseParentHandlers(false);
    }

    /** Gives the logger back; idempotent. */
    void uninstall() {
        if (logger != null) {
            logger.removeHandler(this);
            logger.setUseParentHandlers(parentHandlers);
            logger = null;
        }
    }

    /** Writes one line of the runner's own. */
    void info(String message) {
        write(line(Instant.now(), Level.INFO, message, null));
    }

    /** Writes one warning line of the runner's own. */
    void warning(String message, Throwable cause) {
        write(line(Instant.now(), Level.WARNING, message, cause));
    }

    private static String line(Instant when, Level level, String message, Throwable thrown) {
        StringBuilder sb = new StringBuilder(128).append(when).append(' ').append(level.getName()).append(' ')
                .append(message).append(System.lineSeparator());
        if (thrown != null) {
            StringWriter w = new StringWriter();
            thrown.printStackTrace(new PrintWriter(w));
            sb.append(w);
        }
        return sb.toString();
    }

    private synchronized void write(String s) {
        out.print(s);
        out.flush();
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            write(getFormatter().format(record));
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
