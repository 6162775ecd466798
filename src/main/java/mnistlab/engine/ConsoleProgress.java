package mnistlab.engine;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows training progress: a single self-rewriting line (epoch, batch, loss, accuracy, img/s,
 * ETA) on an interactive terminal, plain log lines for every record and epoch otherwise.
 */
public final class ConsoleProgress implements TrainingListener {
    private final PrintWriter out;
    private final boolean interactive;
    private int epochs;
    private int batches;
    private int batchSize;
    private long epochStart;
    private HistoryPoint last;
    private long lastDraw;

    public ConsoleProgress(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void onStart(String device, int firstEpoch, int epochs, int batchesPerEpoch, int batchSize) {
        this.epochs = epochs;
        this.batches = batchesPerEpoch;
        this.batchSize = batchSize;
        out.printf(Locale.ROOT, "training on %s: epochs %d-%d, %d batches of %d%n", device, firstEpoch, epochs,
                batchesPerEpoch, batchSize);
        out.flush();
    }

    @Override
    public void onBatch(int epoch, int batch) {
        long now = System.nanoTime();
        if (batch == 1) {
            epochStart = now;
        }
        if (!interactive || (now - lastDraw < 200_000_000L && batch != batches)) {
            return;
        }
        lastDraw = now;
        double seconds = (now - epochStart) / 1e9;
        double rate = seconds > 0 ? batch * (double) batchSize / seconds : 0;
        long eta = rate > 0 ? Math.round((batches - batch) * (double) batchSize / rate) : 0;
        int width = 24;
        int filled = (int) ((long) width * batch / batches);
        out.printf(Locale.ROOT, "\r\u001b[Kepoch %d/%d [%s%s] %d/%d %s %.0f img/s ETA %d:%02d", epoch, epochs,
                "=".repeat(filled), " ".repeat(width - filled), batch, batches,
                last == null ? "" : String.format(Locale.ROOT, "loss %.4f acc %.2f%%", last.loss(), 100 * last.accuracy()),
                rate, eta / 60, eta % 60);
        out.flush();
    }

    @Override
    public void onRecord(HistoryPoint point) {
        last = point;
        if (!interactive) {
            out.printf(Locale.ROOT, "epoch %d batch %d/%d: loss %.4f, accuracy %.2f%%%n", point.epoch(), point.batch(),
                    batches, point.loss(), 100 * point.accuracy());
            out.flush();
        }
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        String validation = m.validated() ? String.format(Locale.ROOT, "validation loss %.4f, accuracy %.2f%%, ",
                m.validationLoss(), 100 * m.validationAccuracy()) : "";
        out.printf(Locale.ROOT, "%sepoch %d/%d: loss %.4f, train accuracy %.2f%%, %stest accuracy %.2f%%, %.1f s, %.0f img/s%n",
                interactive ? "\r\u001b[K" : "", m.epoch(), epochs, m.loss(), 100 * m.trainAccuracy(), validation,
                100 * m.testAccuracy(), m.seconds(), m.imagesPerSecond());
        out.flush();
    }

    @Override
    public void onRestored(int epoch) {
        out.printf("kept the parameters of epoch %d, the best by validation%n", epoch);
        out.flush();
    }

    @Override
    public void onEnd(TrainingResult result) {
        if (result.cancelled()) {
            out.printf("%straining cancelled; the last checkpoint stays in place%n", interactive ? "\r\u001b[K\n" : "");
            out.flush();
        }
    }
}
