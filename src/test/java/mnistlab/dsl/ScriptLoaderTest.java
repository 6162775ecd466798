package mnistlab.dsl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import mnistlab.TestData;
import mnistlab.engine.spec.AugmentSpec;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.DeviceSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.engine.spec.PlotSpec;
import mnistlab.engine.spec.TrainSpec;
import mnistlab.result.ModelSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptLoaderTest {
    @TempDir
    Path tmp;

    private static final String VALID = """
            experiment 'probe'
            dataset mnist {
                limit 1000
            }
            model {
                flatten()
                linear 10
            }
            train {
                epochs 1
            }
            """;

    private static ScriptLoader.Loaded parse(String source, String... overrides) {
        return ScriptLoader.parse(source, "probe.groovy", List.of(overrides), false);
    }

    private static DslException failure(String source, String... overrides) {
        return assertThrows(DslException.class, () -> ScriptLoader.check(parse(source, overrides)));
    }

    @Test
    void everyExampleParsesAndChecks() throws IOException {
        try (Stream<Path> files = Files.list(TestData.projectDir().resolve("examples"))) {
            List<Path> scripts = files.filter(p -> p.toString().endsWith(".groovy")).sorted().toList();
            assertTrue(scripts.size() >= 5, scripts.toString());
            for (Path script : scripts) {
                ModelSummary summary = ScriptLoader.check(ScriptLoader.load(script, List.of(), false));
                assertTrue(summary.totalParameters() > 0, script.toString());
            }
        }
    }

    @Test
    void seedScriptGivesTheSeedSpec() throws IOException {
        ScriptLoader.Loaded loaded = ScriptLoader.load(TestData.projectDir().resolve("examples/mnist_cnn.groovy"),
                List.of(), false);
        ExperimentSpec expected = new ExperimentSpec("mnist-cnn", DatasetSpec.of("mnist", Path.of("data")),
                ExperimentSpec.seedNetwork(),
                TrainSpec.seedDefaults(),
                List.of(PlotSpec.of("samples", "train-samples.png", Map.of("count", 100, "columns", 10, "title", "训练集部分数据")),
                        PlotSpec.of("curves", "curves.png", Map.of("title", "损失函数曲线 / 精确度曲线")),
                        PlotSpec.of("predictions", "test-predictions.png", Map.of("count", 25, "columns", 5, "title", "25张测试结果")),
                        PlotSpec.of("confusion", "confusion.png", Map.of())));
        assertEquals(expected, loaded.spec());
        assertEquals(List.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19), loaded.layerLines());
        assertEquals(3_274_634, ScriptLoader.check(loaded).totalParameters());
    }

    @Test
    void plainGroovyBuildsLayers() {
        ScriptLoader.Loaded loaded = parse("""
                experiment 'loops'
                dataset mnist
                def block(ModelDsl m, int units) { m.linear units; m.relu() }
                model {
                    flatten()
                    for (u in [64, 32]) {
                        block(delegate, u)
                    }
                    linear 10
                }
                train { epochs 1 }
                """);
        assertEquals(List.of("flatten", "linear", "relu", "linear", "relu", "linear"),
                loaded.spec().layers().stream().map(LayerSpec::kind).toList());
        assertEquals(64, ((LayerSpec.Linear) loaded.spec().layers().get(1)).units());
    }

    @Test
    void lambdaLayersRunTheClosure() {
        ScriptLoader.Loaded loaded = parse(VALID.replace("flatten()", "flatten()\n    lambda('half') { x -> x.div(2) }"));
        LayerSpec.Lambda half = (LayerSpec.Lambda) loaded.spec().layers().get(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray out = (NDArray) half.function().apply(manager.create(new float[] {4f, 8f}));
            assertEquals(2f, out.getFloat(0));
        }
    }

    @Test
    void overridesReplaceScriptValues() {
        ExperimentSpec spec = parse(VALID, "train.epochs=3", "train.lr=0.01", "dataset.limit=500",
                "train.device=cpu", "experiment=other").spec();
        assertEquals(3, spec.train().epochs());
        assertEquals(0.01f, spec.train().optimizer().learningRate(), 1e-9f);
        assertEquals(500, spec.dataset().limit());
        assertEquals(DeviceSpec.parse("cpu"), spec.train().device());
        assertEquals("other", spec.name());

        DslException unknown = assertThrows(DslException.class, () -> parse(VALID, "train.epoch=3"));
        assertEquals("--set train.epoch=3: unknown key 'train.epoch' (did you mean 'train.epochs'?)", unknown.getMessage());
        DslException bad = assertThrows(DslException.class, () -> parse(VALID, "train.epochs=-1"));
        assertEquals("--set train.epochs=-1: epochs must be positive, not -1", bad.getMessage());
    }

    @Test
    void deskewIsADatasetSwitchAndASetKey() {
        assertFalse(parse(VALID).spec().dataset().deskew());
        assertTrue(parse(VALID.replace("limit 1000", "limit 1000; deskew true")).spec().dataset().deskew());
        assertTrue(parse(VALID, "dataset.deskew=true").spec().dataset().deskew());
        assertEquals("probe.groovy:3:17: 'deskew' takes true or false, not String 'yes'",
                failure(VALID.replace("limit 1000", "limit 1000; deskew 'yes'")).getMessage());
    }

    @Test
    void normalizeWidthIsADatasetSettingAndASetKey() {
        assertEquals(0, parse(VALID).spec().dataset().normalizedWidth());
        assertEquals(16, parse(VALID.replace("limit 1000", "limit 1000; normalizeWidth 16")).spec().dataset().normalizedWidth());
        assertEquals(12, parse(VALID, "dataset.normalizeWidth=12").spec().dataset().normalizedWidth());
        assertEquals("probe.groovy:3:17: normalizeWidth must be a width in pixels, or 0 for none, not -4",
                failure(VALID.replace("limit 1000", "limit 1000; normalizeWidth(-4)")).getMessage());
    }

    @Test
    void syntaxErrorsHaveLineAndColumn() {
        DslException e = failure("experiment 'x'\ndef sizes = [1, 2\nmodel { }\n");
        assertEquals("probe.groovy:3:1: Unexpected input: 'model'", e.getMessage());
    }

    @Test
    void unknownKeywordSuggestsTheNearestOne() {
        DslException e = failure(VALID.replace("linear 10", "linaer 10"));
        assertEquals("probe.groovy:7:5: unknown keyword 'linaer' in model { } (did you mean 'linear'?)", e.getMessage());
    }

    @Test
    void unknownOptionSuggestsTheNearestOne() {
        DslException e = failure(VALID.replace("flatten()", "conv2d 8, kernal: 3"));
        assertEquals("probe.groovy:6:5: 'conv2d' has no option 'kernal' (did you mean 'kernel'?)", e.getMessage());
    }

    @Test
    void keywordInTheWrongSection() {
        DslException e = failure(VALID.replace("epochs 1", "epochs 1\n    linear 5"));
        assertEquals("probe.groovy:11:5: 'linear' belongs in model { }, not in train { }", e.getMessage());
    }

    @Test
    void wrongArgumentTypes() {
        DslException e = failure(VALID.replace("epochs 1", "epochs 'ten'"));
        assertEquals("probe.groovy:10:5: 'epochs' count must be a whole number, not String 'ten'", e.getMessage());
        DslException twoArgs = failure(VALID.replace("epochs 1", "epochs 1, 2"));
        assertTrue(twoArgs.getMessage().startsWith("probe.groovy:10:5: wrong arguments for 'epochs': got Integer 1, Integer 2; use epochs value"),
                twoArgs.getMessage());
    }

    @Test
    void outOfRangeValues() {
        // The records' own checks, reported at the keyword's line and column.
        assertEquals("probe.groovy:10:5: epochs must be positive, not -2",
                failure(VALID.replace("epochs 1", "epochs(-2)")).getMessage());
        assertEquals("probe.groovy:10:5: batchSize must be positive, not 0",
                failure(VALID.replace("epochs 1", "batchSize 0")).getMessage());
        assertEquals("probe.groovy:10:5: unknown device 'tpu': use auto, cpu, gpu or gpu:N",
                failure(VALID.replace("epochs 1", "device 'tpu'")).getMessage());
        assertEquals("probe.groovy:9:9: 'samples' count must be from 1 to 10000, not 0",
                failure(VALID.replace("train {", "plots { samples 'x.png', count: 0 }\ntrain {")).getMessage());
        assertEquals("probe.groovy:10:15: 'adam': lr must be positive, not 0.0",
                failure(VALID.replace("epochs 1", "optimizer adam(lr: 0)")).getMessage());
        assertEquals("probe.groovy:6:5: dropout rate must be in [0, 1), not 1.5",
                failure(VALID.replace("flatten()", "dropout 1.5")).getMessage());
    }

    @Test
    void missingSections() {
        assertEquals("probe.groovy:1:1: the script has no 'model' section (add model { ... })",
                failure(VALID.replace("model {\n    flatten()\n    linear 10\n}\n", "")).getMessage());
        assertEquals("probe.groovy:1:1: the script has no 'experiment' section (add experiment 'name')",
                failure(VALID.replace("experiment 'probe'\n", "")).getMessage());
    }

    @Test
    void shapeMismatchPointsAtTheLayer() {
        DslException e = failure(VALID.replace("linear 10", "conv2d 4, kernel: 3\n    linear 10"));
        assertEquals("probe.groovy", e.file());
        assertEquals(7, e.line());
        assertTrue(e.problem().startsWith("layer 1 (conv2d): needs images shaped [N, channels, height, width]"), e.problem());
    }

    @Test
    void unknownDatasetName() {
        DslException e = failure(VALID.replace("dataset mnist {", "dataset 'cifar10'\nmnistX {"));
        assertEquals("probe.groovy:2:1: unknown dataset 'cifar10': known are mnist, fashionMnist, idx, folder", e.getMessage());
    }

    @Test
    void ownDataValidationAndSelectionKeywordsBuildTheSpec() {
        DatasetSpec idx = parse(VALID.replace("dataset mnist {", """
                dataset idx {
                    trainImages 'k/train-images.gz'; trainLabels 'k/train-labels.gz'
                    testImages 'k/test-images'; testLabels 'k/test-labels'
                    classes 'お', 'き'
                    validation 0.1
                """)).spec().dataset();
        assertEquals(new DatasetSpec.IdxPaths(Path.of("k/train-images.gz"), Path.of("k/train-labels.gz"),
                Path.of("k/test-images"), Path.of("k/test-labels")), idx.idx());
        assertEquals(List.of("お", "き"), idx.classes());
        assertEquals(0.1, idx.validation());

        ScriptLoader.Loaded folder = parse(VALID.replace("dataset mnist {", "dataset folder { root 'mine'; test 'mine-test'")
                .replace("epochs 1", "epochs 1; keepBest 'validation'; patience 2; repeats 3")
                .replace("limit 1000", "limit 1000; validation 100"), "dataset.test=elsewhere", "train.repeats=4");
        assertEquals(Path.of("mine"), folder.spec().dataset().root());
        assertEquals(Path.of("elsewhere"), folder.spec().dataset().testRoot());
        assertEquals(100, folder.spec().dataset().validationCount(1000));
        TrainSpec train = folder.spec().train();
        assertEquals(List.of(true, 2, 4), List.of(train.keepBest(), train.patience(), train.repeats()));
    }

    @Test
    void augmentDescribesTheDistortionsAndChecksThem() {
        ScriptLoader.Loaded loaded = parse(VALID + """
                augment {
                    rotate 10; shift 2; scale 0.9, 1.1; shear 5
                    elastic alpha: 34, sigma: 4
                }
                plots { augmented 'augmented.png', count: 16 }
                """);
        assertEquals(new AugmentSpec(10, 2, 0.9, 1.1, 5, 34, 4), loaded.spec().dataset().augment());
        assertEquals("probe.groovy:13:5: scale needs 0 < smallest <= largest <= 4, not 1.2, 0.9",
                failure(VALID + "augment {\n    scale 1.2, 0.9\n}\n").getMessage());
        assertEquals("probe.groovy:13:5: 'elastic' needs alpha: and sigma:, e.g. elastic alpha: 34, sigma: 4",
                failure(VALID + "augment {\n    elastic alpha: 34\n}\n").getMessage());
        assertTrue(failure(VALID + "plots { augmented 'a.png' }\n").getMessage()
                .endsWith("the 'augmented' plot shows the augment { } section's distortions: the script has none"));
    }

    @Test
    void aSweepVariesSetKeysAndNamesAnUnknownOne() {
        ScriptLoader.Loaded grid = parse(VALID + "sweep { grid 'train.lr': [1e-3, 3e-3], 'train.batchSize': [64, 100] }\n");
        assertEquals(List.of(Map.of("train.lr", "0.001", "train.batchSize", "64"), Map.of("train.lr", "0.001",
                "train.batchSize", "100"), Map.of("train.lr", "0.003", "train.batchSize", "64"),
                Map.of("train.lr", "0.003", "train.batchSize", "100")), grid.sweep().plan(1));
        ScriptLoader.Loaded random = parse(VALID + "sweep { random 3, 'train.lr': logUniform(1e-4, 1e-2),"
                + " 'train.batchSize': choice(64, 128) }\n");
        assertEquals(3, random.sweep().plan(7).size());
        String unknown = failure(VALID + "sweep { grid 'train.learningRate': [1] }\n").getMessage();
        assertTrue(unknown.startsWith("probe.groovy:12:9: 'train.learningRate' is not a key --set takes (known here: ")
                && unknown.contains(" train.lr, "), unknown);
        assertEquals("probe.groovy:12:31: logUniform needs 0 < low < high, not 0.0, 0.01",
                failure(VALID + "sweep { random 3, 'train.lr': logUniform(0, 1e-2) }\n").getMessage());
    }

    @Test
    void ownDataAndSelectionMistakesAreNamed() {
        assertEquals("probe.groovy:11:5: 'keepBest' takes 'validation' (or false), not String 'test': the best epoch"
                + " is chosen by validation, never by test", failure(VALID.replace("epochs 1", "epochs 1\n    keepBest 'test'"))
                .getMessage());
        assertEquals("probe.groovy:1:1: keepBest and patience choose an epoch by validation, never by test: hold out a"
                + " validation set ('validation 5000' in the dataset section)",
                failure(VALID.replace("epochs 1", "epochs 1; patience 2")).getMessage());
        assertEquals("probe.groovy:3:5: trainImages, trainLabels, testImages and testLabels are for dataset idx, not mnist",
                failure(VALID.replace("limit 1000", "trainImages 'x'")).getMessage());
        assertEquals("probe.groovy:1:1: dataset folder needs 'test', the folder of test pictures",
                failure(VALID.replace("dataset mnist {", "dataset folder {")).getMessage());
        assertEquals("probe.groovy:3:5: validation must be a whole number of images or a fraction below 1, not 2.5",
                failure(VALID.replace("limit 1000", "validation 2.5")).getMessage());
    }

    @Test
    void loadsFromAFile() throws IOException {
        Path script = Files.writeString(tmp.resolve("my-exp.groovy"), VALID.replace("linear 10", "linear 11"));
        DslException e = assertThrows(DslException.class, () -> ScriptLoader.check(ScriptLoader.load(script, List.of(), false)));
        assertEquals(script.toString(), e.file());
        assertEquals(7, e.line());
        assertEquals(5, e.column());
    }
}
