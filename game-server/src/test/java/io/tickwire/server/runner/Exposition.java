package io.tickwire.server.runner;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4 for tests: checks the rules we promise
 * (one HELP and one TYPE per family, before its samples; counter families end in _total; valid
 * names; every sample belongs to a declared family) and returns the samples by series key
 * ({@code name} or {@code name{label="value"}}).
 */
final class Exposition {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"\\})? (\\S+)");

    final Map<String, Double> samples = new LinkedHashMap<>();
    final Map<String, String> types = new HashMap<>();

    private Exposition() {
    }

    static Exposition parse(String text) {
        Exposition e = new Exposition();
        Set<String> helped = new HashSet<>();
        Set<String> sampled = new HashSet<>();
        if (!text.endsWith("\n")) {
            throw new AssertionError("the exposition must end with a newline");
        }
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String name = line.substring(7, line.indexOf(' ', 7));
                check(NAME.matcher(name).matches(), "bad family name " + name);
                check(helped.add(name), "two HELP lines for " + name);
                check(!sampled.contains(name), "HELP after samples of " + name);
            } else if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ");
                check(p.length == 4, "TYPE line: " + line);
                String name = p[2];
                check(e.types.put(name, p[3]) == null, "two TYPE lines for " + name);
                check(helped.contains(name), "TYPE before HELP for " + name);
                check(p[3].matches("counter|gauge|summary|histogram|untyped"), "type " + p[3]);
                check(!p[3].equals("counter") || name.endsWith("_total"), "counter " + name + " must end in _total");
            } else {
                check(!line.startsWith("#"), "unexpected comment " + line);
                Matcher m = SAMPLE.matcher(line);
                check(m.matches(), "not a sample line: " + line);
                String name = m.group(1);
                String family = familyOf(e.types, name);
                check(family != null, "sample of an undeclared family: " + line);
                sampled.add(family);
                String key = m.group(2) == null ? name : name + "{" + m.group(3) + "=\"" + m.group(4) + "\"}";
                check(e.samples.put(key, Double.parseDouble(m.group(5))) == null, "duplicate series " + key);
            }
        }
        return e;
    }

    private static String familyOf(Map<String, String> types, String name) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : new String[] {"_sum", "_count"}) {
            if (name.endsWith(suffix)) {
                String f = name.substring(0, name.length() - suffix.length());
                if ("summary".equals(types.get(f)) || "histogram".equals(types.get(f))) {
                    return f;
                }
            }
        }
        return null;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    /** The value of a series; fails when absent. */
    double get(String key) {
        Double v = samples.get(key);
        if (v == null) {
            throw new AssertionError("no series " + key + " in " + samples.keySet());
        }
        return v;
    }
}
