package io.tickwire.bench;

import io.tickwire.net.TokenFloodRig;
import java.util.Locale;

/**
 * The long mode of net-core's {@code TokenFloodSystemTest}, and the before/after figure for
 * {@code ServerConfig.maxAdmissionsPerUpdate}: a real DTLS connect-token server on loopback ticking at
 * 60 Hz with admitted players echoing a reliable message per tick each, flooded by real DTLS clients
 * that finish a batch of handshakes and then send all their CONNECTs with bad or no tokens at once.
 * For each budget (runs alternate between them), the server's update time p50/p99/max before and
 * during the flood; then the medians per budget and their ratio to the first budget's. One JVM on a
 * 2-core machine: the attacker's handshakes compete with the server for CPU.
 */
public final class TokenFloods {

    private TokenFloods() {
    }

    public static void main(String[] argv) throws Exception {
        Bench a = new Bench(argv);
        int players = a.intArg("players", 8);
        int phaseMillis = a.intArg("phase-ms", 8_000);
        int batch = a.intArg("batch", 48);
        int runs = a.intArg("runs", 3);
        int[] budgets = a.intsArg("budgets", "4096,8");
        Bench.printEnvironment(String.format(Locale.ROOT, "TokenFloods players=%d phase-ms=%d batch=%d runs=%d budgets=%s",
                players, phaseMillis, batch, runs, a.arg("budgets", "4096,8")));
        double[][] p50 = new double[budgets.length][runs];
        double[][] p99 = new double[budgets.length][runs];
        double[][] max = new double[budgets.length][runs];
        double[][] admP99 = new double[budgets.length][runs];
        double[][] admMax = new double[budgets.length][runs];
        for (int r = 0; r < runs; r++) {
            for (int b = 0; b < budgets.length; b++) {
                try (TokenFloodRig rig = new TokenFloodRig(players, budgets[b], 5_000, 16)) {
                    TokenFloodRig.Report rep = rig.run(2_000, phaseMillis, batch);
                    System.out.println(rep);
                    System.out.println();
                    p50[b][r] = rep.during().tickP50Micros();
                    p99[b][r] = rep.during().tickP99Micros();
                    max[b][r] = rep.during().tickMaxMicros();
                    admP99[b][r] = rep.during().admissionP99Micros();
                    admMax[b][r] = rep.during().admissionMaxMicros();
                }
            }
        }
        System.out.println("time inside the admission (the verifications) per update during the flood, median of " + runs
                + " runs:");
        for (int b = 0; b < budgets.length; b++) {
            System.out.printf(Locale.ROOT,
                    "  maxAdmissionsPerUpdate %5d  p99 %8.1f us  max %8.1f us   (ratio to %d: p99 %.2f  max %.2f)%n",
                    budgets[b], Bench.median(admP99[b]), Bench.median(admMax[b]), budgets[0],
                    Bench.median(admP99[b]) / Bench.median(admP99[0]), Bench.median(admMax[b]) / Bench.median(admMax[0]));
        }
        System.out.println("server update time during the flood, median of " + runs + " runs:");
        for (int b = 0; b < budgets.length; b++) {
            System.out.printf(Locale.ROOT, "  maxAdmissionsPerUpdate %5d  p50 %8.1f us  p99 %8.1f us  max %8.1f us"
                    + "   (ratio to %d: p50 %.2f  p99 %.2f  max %.2f)%n", budgets[b], Bench.median(p50[b]), Bench.median(p99[b]),
                    Bench.median(max[b]), budgets[0], Bench.median(p50[b]) / Bench.median(p50[0]),
                    Bench.median(p99[b]) / Bench.median(p99[0]), Bench.median(max[b]) / Bench.median(max[0]));
        }
    }
}
