package mnistlab.engine;

import mnistlab.DigitPhotos;
import mnistlab.TestData;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.engine.spec.OptimizerSpec;
import mnistlab.engine.spec.TrainSpec;
import com.google.gson.JsonObject;
import mnistlab.result.EpochMetrics;
import mnistlab.result.Evaluation;
import mnistlab.result.HistoryPoint;
import mnistlab.result.Prediction;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real training on a real-MNIST subset, kept small so the suite stays quick on 2 cores. */
class ExperimentTest {
    @TempDir
    Path runs;

    private static ExperimentSpec small(int epochs) throws IOException {
        LayerSpec relu = new LayerSpec.Activation(LayerSpec.ActivationKind.RELU, 0f);
        List<LayerSpec> layers = List.of(new LayerSpec.Conv2d(16, 5, 1, 2), relu, new LayerSpec.Pool(true, 2, 2, 0),
                new LayerSpec.Flatten(), new LayerSpec.Linear(128), relu, new LayerSpec.Linear(10));
        TrainSpec train = TrainSpec.seedDefaults().withEpochs(epochs).withBatchSize(50)
                .withOptimizer(OptimizerSpec.adam(3e-3f)).withDevice("cpu").withSeed(7).withRecordEvery(50);
        return new ExperimentSpec("small", DatasetSpec.of("mnist", TestData.mnistRoot()).withLimits(10_000, 2000),
                layers, train, List.of());
    }

    @Test
    void trainsWritesTheRunFolderAndReloadsToTheSamePredictions() throws Exception {
        TrainingResult result;
        List<float[]> images = new ArrayList<>();
        List<Prediction> before;
        List<String> events = new ArrayList<>();
        try (Experiment exp = Experiment.create(small(1))) {
            result = exp.trainIntoRunFolder(runs, exp.spec().train().epochs(), new TrainingListener() {
                @Override
                public void onStart(String device, int first, int epochs, int batches, int batchSize) {
                    events.add("start " + first + "/" + epochs + " " + batches + "x" + batchSize);
                }

                @Override
                public void onRecord(HistoryPoint point) {
                    events.add("record " + point.batch());
                }

                @Override
                public void onEpoch(EpochMetrics metrics) {
                    events.add("epoch " + metrics.epoch());
                }
            });
            for (int i = 0; i < 20; i++) {
                images.add(exp.testSet().image(i));
            }
            before = exp.predictAll(images);
        }
        assertEquals(List.of("start 1/1 200x50", "record 50", "record 100", "record 150", "record 200", "epoch 1"), events);
        assertFalse(result.cancelled());
        assertEquals("cpu()", result.device());
        assertTrue(result.test().accuracy() >= 0.90f, "accuracy " + result.test().accuracy());
        assertEquals(2000, result.test().count());
        assertEquals(4, result.history().size());
        assertEquals(10_000, result.history().get(3).samplesSeen());
        assertTrue(result.history().get(3).loss() < result.history().get(0).loss(), "loss falls");

        Path dir = result.runDir();
        assertTrue(dir.getFileName().toString().startsWith("small-"), dir.toString());
        for (String f : List.of("spec.json", "small-0001.params", "checkpoint.json", "metrics.json", "metrics.csv", "history.csv")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        try (var listing = Files.list(dir)) {
            assertTrue(listing.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary files left");
        }
        JsonObject metrics = SpecJson.gson().fromJson(Files.readString(dir.resolve("metrics.json")), JsonObject.class);
        assertEquals(result.test().accuracy(), metrics.get("testAccuracy").getAsFloat(), 1e-6f);
        assertEquals(1, metrics.getAsJsonArray("epochs").size());
        assertEquals(4, metrics.getAsJsonArray("history").size());
        assertTrue(metrics.get("inferenceSeconds10k").getAsDouble() > 0);
        assertEquals("cpu()", metrics.get("device").getAsString());
        assertEquals(result.parameters(), metrics.get("parameters").getAsLong());
        assertEquals(2, Files.readAllLines(dir.resolve("metrics.csv")).size());

        try (Experiment reopened = Experiment.open(dir)) {
            assertEquals(1, reopened.epochsDone());
            List<Prediction> after = reopened.predictAll(images);
            for (int i = 0; i < images.size(); i++) {
                assertEquals(before.get(i).label(), after.get(i).label());
                assertArrayEquals(before.get(i).probabilities(), after.get(i).probabilities(), 1e-6f);
            }
            Evaluation eval = reopened.evaluate();
            assertEquals(result.test().correct(), eval.correct());
            float[] perClass = eval.perClassAccuracy();
            assertEquals(10, perClass.length);
            assertEquals(eval.count() - eval.correct(), eval.misclassified().size());
        }
    }

    @Test
    void sameSeedSameMetrics() throws Exception {
        List<HistoryPoint> first;
        try (Experiment exp = Experiment.create(small(1))) {
            first = exp.train(exp.spec().train().epochs()).history();
        }
        try (Experiment exp = Experiment.create(small(1))) {
            assertEquals(first, exp.train(exp.spec().train().epochs()).history());
        }
    }

    @Test
    void cancelledTrainingKeepsItsCheckpointAndResumes() throws Exception {
        Path dir;
        try (Experiment exp = Experiment.create(small(3))) {
            TrainingResult partial = exp.trainIntoRunFolder(runs, exp.spec().train().epochs(), new TrainingListener() {
                @Override
                public void onBatch(int epoch, int batch) {
                    if (epoch == 2 && batch == 30) {
                        exp.cancel(); // mid-epoch: epoch 2 must not be checkpointed
                    }
                }
            });
            assertTrue(partial.cancelled());
            assertEquals(1, partial.epochs().size());
            assertEquals(4, partial.history().size(), "epoch 2's records went with the epoch");
            dir = partial.runDir();
        }
        assertTrue(Files.exists(dir.resolve("small-0001.params")));
        assertFalse(Files.exists(dir.resolve("small-0002.params")));
        try (Experiment resumed = Experiment.open(dir)) {
            assertEquals(1, resumed.epochsDone());
            TrainingResult done = resumed.trainIntoRunFolder(runs, resumed.spec().train().epochs());
            assertFalse(done.cancelled());
            assertEquals(List.of(1, 2, 3), done.epochs().stream().map(EpochMetrics::epoch).toList());
            assertEquals(dir, done.runDir());
            assertEquals(12, done.history().size());
            assertEquals(30_000, done.history().get(11).samplesSeen());
            assertNotNull(done.test());
        }
        assertTrue(Files.exists(dir.resolve("small-0003.params")));
        assertFalse(Files.exists(dir.resolve("small-0001.params")), "older checkpoints are replaced");
    }

    @Test
    void cancelDuringTheEpochsTestStopsBeforeTheCheckpoint() throws Exception {
        try (Experiment exp = Experiment.create(small(1))) {
            TrainingResult r = exp.trainIntoRunFolder(runs, exp.spec().train().epochs(), new TrainingListener() {
                @Override
                public void onBatch(int epoch, int batch) {
                    if (batch == 200) {
                        exp.cancel(); // after the last batch: the cancel reaches the epoch's evaluation
                    }
                }
            });
            assertTrue(r.cancelled());
            assertEquals(0, r.epochs().size());
            assertFalse(Files.exists(r.runDir().resolve("small-0001.params")));
            assertEquals(2000, exp.evaluate().count(), "a new evaluation starts afresh");
        }
    }

    @Test
    void predictsADrawnPicture() throws Exception {
        try (Experiment exp = Experiment.create(small(1))) {
            exp.train(exp.spec().train().epochs());
            // A thick black "1" on white paper, as a person would draw it.
            BufferedImage drawing = DigitPhotos.drawnOne(125, 30);
            Prediction p = exp.predict(drawing);
            assertEquals(1, p.label(), p.toString());
            assertEquals(1f, sum(p.probabilities()), 1e-4f);
        }
    }

    private static float sum(float[] values) {
        float s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
