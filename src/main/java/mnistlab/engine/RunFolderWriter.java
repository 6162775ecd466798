package mnistlab.engine;

import mnistlab.i18n.Messages;
import mnistlab.result.EpochMetrics;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes training into a run folder, as DJL's SaveModelTrainingListener: a checkpoint and metrics.json after every epoch, metrics.json at the end. */
final class RunFolderWriter implements TrainingListener {
    private final Experiment exp;
    private final RunFolder folder;

    RunFolderWriter(Experiment exp, RunFolder folder) {
        this.exp = exp;
        this.folder = folder;
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        try {
            folder.writeCheckpoint(exp.model(), exp.epochsDone(), exp.state().updatesDone());
            folder.writeMetrics(exp.resultSoFar(null, false, folder.dir()), exp.spec());
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.get("run.checkpointFailed", metrics.epoch(), folder.dir()), e);
        }
    }

    /** The checkpoint holds the kept parameters; resuming continues from them, as after Keras's restore_best_weights. */
    @Override
    public void onRestored(int epoch) {
        try {
            folder.writeCheckpoint(exp.model(), exp.epochsDone(), exp.state().updatesDone());
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.get("run.parametersFailed", epoch, folder.dir()), e);
        }
    }

    @Override
    public void onEnd(TrainingResult result) {
        try {
            folder.writeMetrics(result, exp.spec());
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.get("run.metricsFailed", RunFolder.METRICS, folder.dir()), e);
        }
    }
}
