package mnistlab.engine;

import mnistlab.i18n.Messages;
import mnistlab.result.EpochMetrics;
import mnistlab.result.HistoryPoint;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;

import java.io.PrintWriter;

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

    /**
     * Progress on {@code out}.
     * @param out where the lines go
     * @param interactive a terminal: one self-rewriting line; otherwise plain lines
     */
    public ConsoleProgress(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void onStart(String device, int firstEpoch, int epochs, int batchesPerEpoch, int batchSize) {
        this.epochs = epochs;
        this.batches = batchesPerEpoch;
        this.batchSize = batchSize;
        out.println(Messages.get("progress.start", device, firstEpoch, epochs, batchesPerEpoch, batchSize));
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
        out.print("\r\u001b[K" + Messages.get("progress.bar", epoch, epochs, "=".repeat(filled) + " ".repeat(width - filled),
                batch, batches, last == null ? "" : Messages.get("progress.barLoss", last.loss(), 100 * last.accuracy()),
                rate, eta / 60, eta % 60));
        out.flush();
    }

    @Override
    public void onRecord(HistoryPoint point) {
        last = point;
        if (!interactive) {
            out.println(Messages.get("progress.record", point.epoch(), point.batch(), batches, point.loss(),
                    100 * point.accuracy()));
            out.flush();
        }
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        String line = m.validated()
                ? Messages.get("progress.epochValidated", m.epoch(), epochs, m.loss(), 100 * m.trainAccuracy(),
                        m.validationLoss(), 100 * m.validationAccuracy(), 100 * m.testAccuracy(), m.seconds(), m.imagesPerSecond())
                : Messages.get("progress.epoch", m.epoch(), epochs, m.loss(), 100 * m.trainAccuracy(), 100 * m.testAccuracy(),
                        m.seconds(), m.imagesPerSecond());
        out.println((interactive ? "\r\u001b[K" : "") + line);
        out.flush();
    }

    @Override
    public void onRestored(int epoch) {
        out.println(Messages.get("progress.restored", epoch));
        out.flush();
    }

    @Override
    public void onEnd(TrainingResult result) {
        if (result.cancelled()) {
            out.println((interactive ? "\r\u001b[K\n" : "") + Messages.get("progress.cancelled"));
            out.flush();
        }
    }
}
