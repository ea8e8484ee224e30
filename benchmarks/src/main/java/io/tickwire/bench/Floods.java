package io.tickwire.bench;

import io.tickwire.net.FloodRig;
import io.tickwire.net.FloodRig.Attack;
import java.util.Locale;

/**
 * The long mode of net-core's {@code FloodSystemTest}: a real DTLS server on loopback ticking at
 * 60 Hz with admitted players echoing one reliable message per tick each, and one attacker thread
 * per flood (spoofed ClientHellos, valid-cookie handshakes that stall, hostile authenticated
 * clients). Prints, before / during / after each flood: server tick time p50/p99/max, heap used
 * after a GC, live threads, the players' echoes, attacker packets/s, then drops and disconnects by
 * reason. Everything runs in one JVM on a 2-core machine, so the attacker competes with the server
 * for CPU: read "during" as "server and attacker on the same cores".
 *
 * <p>{@code --attacks stalled-join}: how long a new player takes to join while stalled handshakes hold
 * every handshake slot, with eviction off ({@code handshakeEvictAfterSilenceMillis} 0, the behaviour
 * before it existed) and at the default, for each attacker pace in {@code --join-paces} (verified
 * hellos per second after filling the slots at once; 0 = as fast as the attacker thread goes).
 */
public final class Floods {

    private Floods() {
    }

    public static void main(String[] argv) throws Exception {
        Bench a = new Bench(argv);
        int players = a.intArg("players", 8);
        int phaseMillis = a.intArg("phase-ms", 10_000);
        int handshakeTimeout = a.intArg("handshake-timeout-ms", 10_000);
        String[] attacks = a.arg("attacks", "spoofed,stalled,hostile").split(",");
        Bench.printEnvironment(String.format(Locale.ROOT, "Floods players=%d phase-ms=%d handshake-timeout-ms=%d attacks=%s",
                players, phaseMillis, handshakeTimeout, String.join(",", attacks)));
        if (java.util.Arrays.asList(attacks).contains("stalled-join")) {
            joins(a, players, handshakeTimeout);
            return;
        }
        try (FloodRig rig = new FloodRig(players, handshakeTimeout)) {
            for (String name : attacks) {
                Attack attack = switch (name.trim()) {
                    case "spoofed" -> Attack.SPOOFED_HELLOS;
                    case "stalled" -> Attack.STALLED_HANDSHAKES;
                    case "hostile" -> Attack.HOSTILE_CLIENTS;
                    default -> throw new IllegalArgumentException("unknown attack '" + name
                            + "': spoofed, stalled, hostile (or stalled-join alone)");
                };
                System.out.println(rig.run(attack, phaseMillis));
                System.out.println();
            }
        }
    }

    private static void joins(Bench a, int players, int handshakeTimeout) throws Exception {
        int limitMillis = a.intArg("join-limit-ms", 30_000);
        int settleMillis = a.intArg("join-settle-ms", 2_000);
        int evictDefault = io.tickwire.net.transport.EndpointConfig.builder().build().handshakeEvictAfterSilenceMillis();
        String[] paces = a.arg("join-paces", "20,0").split(",");
        System.out.printf(Locale.ROOT, "stalled-join: 64 handshake slots filled at once, then the pace below; the new player "
                + "starts %d ms after the slots are full; limit %d ms (a failed attempt is retried at once)%n", settleMillis, limitMillis);
        for (String p : paces) {
            double pace = Double.parseDouble(p.trim());
            for (int evict : new int[] {0, evictDefault}) {
                try (FloodRig rig = new FloodRig(players, handshakeTimeout, 64, evict)) {
                    FloodRig.Join j = rig.joinDuringStalls(64, pace, settleMillis, limitMillis);
                    System.out.printf(Locale.ROOT, "pace %s hellos/s, handshakeEvictAfterSilenceMillis %5d: %s%n",
                            pace == 0 ? "unpaced" : p.trim(), evict, j);
                }
            }
        }
    }
}
