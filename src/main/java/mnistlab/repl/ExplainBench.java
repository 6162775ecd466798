package mnistlab.repl;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code bin/mnist-bench-explain RUN_DIR [ROUNDS]}: times {@code :explain I} in a REPL session as a
 * person runs it (prediction, saliency, Grad-CAM and the text drawn), after a warm-up, over
 * test images 0..ROUNDS-1; prints {@code name: value} lines in milliseconds.
 */
public final class ExplainBench {
    private static final int WARMUP = 20;

    private ExplainBench() {
    }

    /**
     * @param args the run folder, then the timed rounds (default 200)
     * @throws IOException when the run cannot be opened
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2 || !Files.isDirectory(Path.of(args[0])) || args.length == 2 && !args[1].matches("[1-9]\\d{0,4}")) {
            System.err.println("usage: bin/mnist-bench-explain RUN_DIR [ROUNDS]");
            System.exit(2);
        }
        int rounds = args.length == 2 ? Integer.parseInt(args[1]) : 200;
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream());
             Repl repl = new Repl(terminal, null)) {
            if (!repl.dispatch(":open " + args[0]) || !repl.session().hasExperiment()) {
                System.exit(1);
            }
            long start = System.nanoTime();
            repl.dispatch(":explain 0");
            double first = (System.nanoTime() - start) / 1e6;
            for (int i = 0; i < WARMUP; i++) {
                repl.dispatch(":explain " + i);
            }
            double[] ms = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                long t = System.nanoTime();
                repl.dispatch(":explain " + i);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "cores: %d%n", Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "explain_first_ms: %.1f%n", first);
            System.out.printf(Locale.ROOT, "explain_rounds: %d%n", rounds);
            System.out.printf(Locale.ROOT, "explain_median_ms: %.1f%n", ms[rounds / 2]);
            System.out.printf(Locale.ROOT, "explain_p90_ms: %.1f%n", ms[(int) (rounds * 0.9)]);
            System.out.printf(Locale.ROOT, "explain_max_ms: %.1f%n", ms[rounds - 1]);
        }
    }
}
