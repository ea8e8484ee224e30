package io.tickwire.net.dtls;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Trust-on-first-use: a known-hosts file of {@code host:port sha256:hex} lines (blank lines and
 * {@code #} comments allowed). An unknown server is remembered; a known one must present the
 * remembered leaf.
 */
final class KnownHostsTrust implements ServerTrust {

    // One lock for every instance: two clients in one process may share a file.
    private static final Object FILE_LOCK = new Object();

    private final Path file;

    KnownHostsTrust(Path file) {
        this.file = Objects.requireNonNull(file, "known-hosts file");
    }

    /** The key a server is stored under: lower-case host (IPv6 literals in brackets), colon, port. */
    static String hostKey(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return h + ":" + port;
    }

    @Override
    public TrustFailure check(String host, int port, byte[][] derChain) {
        String key = hostKey(host, port);
        if (derChain.length == 0) {
            return new TrustFailure(TrustFailure.Kind.NO_CERTIFICATE, null, null, file, 0,
                    "server " + key + " presented no certificate");
        }
        Fingerprint presented = Fingerprint.ofDer(derChain[0]);
        synchronized (FILE_LOCK) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                lines = List.of();
            } catch (IOException e) {
                return unusable(presented, 0, "cannot read known-hosts file " + file + ": " + e.getMessage());
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                if (parts.length != 2) {
                    return unusable(presented, i + 1, "known-hosts file " + file + " line " + (i + 1)
                            + " is malformed (expected 'host:port sha256:hex'): " + line);
                }
                // Every line is validated, not only ours: a corrupted file is reported, never half-trusted.
                Fingerprint remembered;
                try {
                    remembered = Fingerprint.parse(parts[1]);
                } catch (IllegalArgumentException e) {
                    return unusable(presented, i + 1, "known-hosts file " + file + " line " + (i + 1)
                            + " has a bad fingerprint: " + e.getMessage());
                }
                if (!parts[0].toLowerCase(Locale.ROOT).equals(key)) {
                    continue;
                }
                if (remembered.equals(presented)) {
                    return null;
                }
                return new TrustFailure(TrustFailure.Kind.KNOWN_HOST_MISMATCH, remembered, presented, file, i + 1,
                        "server " + key + " presented certificate " + presented + " but " + file + " line " + (i + 1)
                                + " remembers " + remembered + ". This may be an attack; if the server's identity"
                                + " really changed, edit or delete line " + (i + 1) + " of " + file);
            }
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    w.write(key + " " + presented + "\n");
                }
            } catch (IOException e) {
                return unusable(presented, 0, "cannot remember " + key + " " + presented + " in known-hosts file "
                        + file + ": " + e.getMessage());
            }
            return null;
        }
    }

    private TrustFailure unusable(Fingerprint presented, int line, String message) {
        return new TrustFailure(TrustFailure.Kind.KNOWN_HOSTS_UNUSABLE, null, presented, file, line,
                message + " (server presented " + presented + ")");
    }

    @Override
    public String toString() {
        return "trust-on-first-use " + file;
    }
}
