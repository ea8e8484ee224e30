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
        try (FloodRig rig = new FloodRig(players, handshakeTimeout)) {
            for (String name : attacks) {
                Attack attack = switch (name.trim()) {
                    case "spoofed" -> Attack.SPOOFED_HELLOS;
                    case "stalled" -> Attack.STALLED_HANDSHAKES;
                    case "hostile" -> Attack.HOSTILE_CLIENTS;
                    default -> throw new IllegalArgumentException("unknown attack '" + name + "': spoofed, stalled or hostile");
                };
                System.out.println(rig.run(attack, phaseMillis));
                System.out.println();
            }
        }
    }
}
