package mnistlab.serve;

import mnistlab.engine.Classifier;
import mnistlab.engine.Experiment;
import mnistlab.engine.Inspector;
import mnistlab.engine.RunFolder;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.result.Evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Models the page has asked for, kept loaded: a few classifiers (for drawing and uploads) and one
 * evaluated experiment (for the confusion explorer, which needs the test set). The least recently
 * used is closed when another comes, so native memory stays bounded however many runs there are.
 * The classifiers and the evaluated experiment have a lock each: opening and evaluating a run, or
 * inspecting it, takes from tens of milliseconds to seconds, and predictions must not wait on it.
 */
final class LoadedRuns implements AutoCloseable {
    private static final int CLASSIFIERS = 4;

    /** An experiment opened from a run folder with its evaluation of the test set. */
    record Evaluated(Experiment experiment, Evaluation evaluation) {
    }

    private final Map<Path, PredictionBatcher> classifiers = new LinkedHashMap<>(8, 0.75f, true);
    private final Object evaluatedLock = new Object();
    private Path evaluatedDir;
    private Evaluated evaluated;

    /** The run's model behind its batching queue. */
    PredictionBatcher classifier(Path runDir) throws IOException {
        synchronized (classifiers) {
            PredictionBatcher c = classifiers.get(runDir);
            if (c == null) {
                c = new PredictionBatcher(Classifier.open(runDir), runDir.getFileName().toString());
                classifiers.put(runDir, c);
                if (classifiers.size() > CLASSIFIERS) {
                    Iterator<PredictionBatcher> eldest = classifiers.values().iterator();
                    eldest.next().close();
                    eldest.remove();
                }
            }
            return c;
        }
    }

    Evaluated evaluated(Path runDir) throws IOException {
        synchronized (evaluatedLock) {
            if (!runDir.equals(evaluatedDir)) {
                closeEvaluated();
                // A page's request never fetches data: a run folder from elsewhere could name any folder to fetch into.
                ExperimentSpec recorded = RunFolder.open(runDir).readSpec();
                Experiment exp = Experiment.open(runDir, recorded.withDataset(recorded.dataset().withDownload(false)));
                try {
                    evaluated = new Evaluated(exp, exp.evaluate());
                } catch (RuntimeException e) {
                    exp.close();
                    throw e;
                }
                evaluatedDir = runDir;
            }
            return evaluated;
        }
    }

    /**
     * Runs an inspection of the run's model, one at a time (gradients are recorded per model) and
     * with the run kept loaded meanwhile; predictions do not wait for it. The inspector's one-line
     * refusals are the client's errors.
     */
    Map<String, Object> inspect(Path runDir, Function<Inspector, Map<String, Object>> inspection) throws IOException {
        synchronized (evaluatedLock) {
            try {
                return inspection.apply(evaluated(runDir).experiment().inspector());
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest(e.getMessage());
            }
        }
    }

    private void closeEvaluated() {
        if (evaluated != null) {
            evaluated.experiment().close();
            evaluated = null;
            evaluatedDir = null;
        }
    }

    @Override
    public void close() {
        synchronized (classifiers) {
            classifiers.values().forEach(PredictionBatcher::close);
            classifiers.clear();
        }
        synchronized (evaluatedLock) {
            closeEvaluated();
        }
    }
}
