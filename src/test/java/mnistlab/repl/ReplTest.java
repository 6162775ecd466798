package mnistlab.repl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import mnistlab.TestData;
import mnistlab.data.Datasets;
import mnistlab.data.ImageSet;
import mnistlab.data.MnistData;
import mnistlab.i18n.Messages;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions driven through the REPL's streams, as a piped (dumb) terminal sees them. */
class ReplTest {
    @TempDir
    Path tmp;

    private String session(String input, BiConsumer<String, Repl> onOutput) throws IOException {
        return PipedSession.run(tmp, input, onOutput);
    }

    private String session(String input) throws IOException {
        return session(input, null);
    }

    /** Test image 3 as a 28x28 grey PNG, MNIST's own format. */
    private String picture() throws IOException {
        ImageSet test = MnistData.load(Datasets.MNIST, TestData.mnistRoot(), false).test();
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        float[] pixels = test.image(3);
        for (int i = 0; i < pixels.length; i++) {
            image.getRaster().setSample(i % 28, i / 28, 0, Math.round(pixels[i] * 255));
        }
        Path file = tmp.resolve("three.png");
        ImageIO.write(image, "png", file.toFile());
        return file.toString();
    }

    /** A white sheet with nothing on it. */
    private String blank() throws IOException {
        BufferedImage image = new BufferedImage(60, 40, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, 60, 40, 0, new int[60 * 40]);
        Path file = tmp.resolve("blank.png");
        ImageIO.write(image, "png", file.toFile());
        return file.toString();
    }

    private String script() throws IOException {
        return PipedSession.quickstart(tmp);
    }

    /** PyTorch parameters in and out of the session: python/make_interop_fixtures.py's TinyNetwork. */
    @Test
    void importAndExportInTheSession() throws Exception {
        Path tiny = Path.of(getClass().getResource("/mnistlab/interop/tiny.pth").toURI());
        Path script = Files.writeString(tmp.resolve("tiny.groovy"), """
                experiment 'tiny'
                dataset mnist {
                    root '%s'
                    limit 100
                    testLimit 100
                }
                model {
                    conv2d 4, kernel: 5, padding: 2
                    batchNorm()
                    relu()
                    maxPool 2
                    flatten()
                    linear 10
                }
                train {
                    epochs 1
                }
                """.formatted(TestData.mnistRoot().toAbsolutePath()));
        String out = session(":export pth\n:import " + tiny + "\n:load " + script + "\n:import " + tiny + " " + tmp.resolve("runs")
                + "\n:eval\n:export onnx " + tmp.resolve("tiny.onnx") + "\n:export pth\n:export tflite\n:quit\n");
        assertTrue(out.contains("error: :export writes a run folder's model: :save or :open one first"), out);
        assertTrue(out.contains("error: :import needs the model it fits: :load SCRIPT first"), out);
        assertTrue(out.contains("  conv.weight [4, 1, 5, 5] → 0 conv2d weight\n"), out);
        Matcher imported = Pattern.compile("test accuracy (\\d+\\.\\d\\d) %; the run is (\\S+) and now the session's experiment")
                .matcher(out);
        assertTrue(imported.find(), out);
        assertTrue(out.contains("accuracy " + imported.group(1) + " % (") , ":eval is the imported model's: " + out);
        assertTrue(out.contains("onnx written: " + tmp.resolve("tiny.onnx")), out);
        assertTrue(Files.size(tmp.resolve("tiny.onnx")) > 30_000, "the graph holds the 7,970 parameters");
        assertTrue(out.contains("pth written: " + Path.of(imported.group(2)).resolve("tiny.pth")), out);
        assertTrue(out.contains("error: 'tflite' is not a format: pth, safetensors or onnx"), out);
    }

    @Test
    void bannerHelpAndErrorsInChinese() throws IOException {
        Messages.use(Messages.CHINESE);
        try {
            String out = session(":help\n:train x\n:load %s\n:quit\n".formatted(tmp.resolve("missing.groovy")));
            assertTrue(out.startsWith("mnist-repl：默认使用 Groovy，:java 切换到 Java，:help 列出命令，Ctrl-D 退出\n"), out);
            assertTrue(out.contains(String.format("%-28s %s%n", ":train [EPOCHS]", "再训练 EPOCHS 轮（默认 1）；Ctrl-C 在下一批时停止")), out);
            assertTrue(out.contains("错误：:train 的 EPOCHS 须为整数，而不是 'x'  （:trace 查看详情）"), out);
            assertTrue(out.contains("错误：" + tmp.resolve("missing.groovy") + ": 文件不存在"), "file: problem, as compilers write it: " + out);
        } finally {
            Messages.use(Messages.ENGLISH);
        }
    }

    @Test
    void groovyKeepsVariablesAcrossLinesAndSurvivesErrors() throws IOException {
        String out = session("""
                def xs = [1, 2, 3]
                xs.sum()
                total = xs.collect {
                  it * 10
                }.sum()
                total + 1
                nope.call()
                :trace
                :load %s
                total
                :quit
                """.formatted(tmp.resolve("missing.groovy")));
        assertTrue(out.contains("groovy> 6\n"), out);
        assertTrue(out.contains("groovy> 61\n"), out);
        assertTrue(out.contains("error: No such property: nope"), out);
        assertTrue(out.contains("groovy.lang.MissingPropertyException"), "the :trace shows the stack: " + out);
        assertTrue(out.contains("error: " + tmp.resolve("missing.groovy") + ": no such file"), out);
        assertTrue(out.endsWith("groovy> 60\ngroovy> "), out);
        assertFalse(out.contains("\u001b"), "no escape codes on a dumb terminal");
    }

    @Test
    void methodsAndImportsStayForLaterLines() throws IOException {
        String out = session("""
                def twice(x) { x * 2 }
                twice(21)
                import ai.djl.ndarray.types.DataType
                DataType.INT8
                DataType.FLOAT32.getNumOfBytes()
                :quit
                """);
        assertTrue(out.contains("groovy> 42\n"), out);
        assertTrue(out.contains("groovy> int8\n"), out);
        assertTrue(out.contains("groovy> 4\n"), out);
        assertFalse(out.contains("error:"), out);
    }

    @Test
    void commandsDriveTheEngine() throws IOException {
        String out = session(":load " + script() + "\n"
                + ":summary\n"
                + ":set train.epochs=1\n"
                + ":train 1\n"
                + ":eval\n"
                + ":predict 0\n"
                + ":show image(1)\n"
                + "predict(2).probabilities == predict(image(2)).probabilities\n"
                + "[predict('" + picture() + "').label == predict(3).label, 'picture']\n"
                + "predict('" + tmp.resolve("none.png") + "')\n"
                + "predict('" + blank() + "')\n"
                + ":predict abc\n"
                + ":plot curves\n"
                + ":plot samples\n"
                + ":save " + tmp.resolve("runs") + "\n"
                + ":plot predictions\n"
                + ":plot confusion\n"
                + ":plot misclassified\n"
                + ":vars\n"
                + ":reset\n"
                + ":vars\n"
                + "bogus\n"
                + ":nonsense\n"
                + ":quit\n");
        assertTrue(out.contains("loaded quickstart (10 layers)"), out);
        assertTrue(out.contains("Total params: 215,370"), out);
        assertTrue(out.contains("training on cpu(): epochs 1-1, 32 batches of 64"), out);
        assertTrue(out.matches("(?s).*test accuracy \\d+\\.\\d\\d % after 1 epochs.*"), out);
        assertTrue(out.matches("(?s).*accuracy \\d+\\.\\d\\d % \\(\\d+ of 10000\\).*"), out);
        assertTrue(out.contains("true label: 7"), ":predict 0 shows the true label: " + out);
        assertTrue(out.contains("@@"), "images as text art: " + out);
        assertTrue(out.contains("groovy> true\n"), "predict(i) and predict(image(i)) agree: " + out);
        assertTrue(out.contains("[true, picture]"), "predict('file.png') reads the picture: " + out);
        assertTrue(out.contains("error: " + tmp.resolve("none.png") + ": no such file"), out);
        assertTrue(out.contains("error: " + tmp.resolve("blank.png") + ": no digit found: the picture has no ink"), out);
        assertTrue(out.contains("error: :predict takes a whole number I, not 'abc'"), out);
        assertTrue(out.contains("wrote " + tmp.resolve("repl-output").resolve("curves.png")), out);
        assertTrue(Files.isRegularFile(tmp.resolve("repl-output").resolve("samples.png")), out);
        assertTrue(out.contains("saved " + tmp.resolve("runs")), out);
        Path run;
        try (var runs = Files.list(tmp.resolve("runs"))) {
            run = runs.findFirst().orElseThrow();
        }
        assertTrue(Files.exists(run.resolve("quickstart-0001.params")));
        assertTrue(Files.exists(run.resolve("metrics.json")));
        for (String made : List.of("report.html", "train-samples.png", "curves.png", "test-predictions.png")) {
            assertTrue(Files.isRegularFile(run.resolve(made)), ":save writes the folder bin/mnist-run writes: " + made);
        }
        assertTrue(Files.exists(run.resolve("predictions.png")), "after :save, :plot draws into the run folder");
        assertTrue(Files.exists(run.resolve("confusion.png")));
        assertTrue(Files.exists(run.resolve("misclassified.png")), ":plot draws every kind a script can ask for");

        String reopened = session(":open " + run + "\n:eval\n:quit\n");
        assertTrue(reopened.contains("opened quickstart after 1 epochs"), reopened);
        Matcher before = Pattern.compile("test accuracy (\\d+\\.\\d\\d) %").matcher(out);
        assertTrue(before.find(), out);
        assertTrue(reopened.contains("accuracy " + before.group(1) + " %"), "the same model: " + reopened);
        assertTrue(out.contains("model        PtModel"), out);
        assertTrue(out.contains("model        (not yet)"), ":reset dropped the experiment: " + out);
        assertTrue(out.contains("error: No such property: bogus"), out);
        assertTrue(out.contains("unknown command :nonsense"), out);
    }

    @Test
    void javaSeesTheSameLiveObjects() throws IOException {
        String out = session(":load " + script() + "\n"
                + "System.identityHashCode(test)\n"
                + ":java\n"
                + "System.identityHashCode(test)\n"
                + "int twice = test.size() * 2;\n"
                + "twice\n"
                + "String broken = ;\n"
                + "test.label(0)\n"
                + ":groovy\n"
                + ":quit\n");
        Matcher ids = Pattern.compile("(?:groovy|java)> (-?\\d{3,})\n").matcher(out);
        assertTrue(ids.find(), out);
        String groovyId = ids.group(1);
        assertTrue(ids.find(), out);
        assertEquals(groovyId, ids.group(1), "the same object in both languages: " + out);
        assertTrue(out.contains("java> 20000\n"), out);
        assertTrue(out.contains("error: Java: illegal start of expression"), out);
        assertTrue(out.contains("java> 7\n"), "the session goes on after a Java error: " + out);
        assertTrue(out.contains("Groovy mode"), out);
    }

    @Test
    void ctrlCStopsTrainingAndTheSessionGoesOn() throws IOException {
        AtomicBoolean sent = new AtomicBoolean();
        String full = script().replace("quick.groovy", "full.groovy");
        Files.writeString(Path.of(full), Files.readString(Path.of(script())).replace("limit 2000", "limit 60000"));
        String out = session(":load " + full + "\n:train 3\n1 + 1\n:quit\n", (text, repl) -> {
            if (text.contains("training on") && sent.compareAndSet(false, true)) {
                repl.interrupt();
            }
        });
        assertTrue(sent.get(), out);
        assertTrue(out.contains("interrupted after 0 epochs in total"), out);
        assertTrue(out.contains("groovy> 2\n"), "the session continues: " + out);
    }

    @Test
    void tensorsShowShapeStatisticsAndElidedValues() {
        Display display = new Display(false);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.arange(20f).reshape(2, 10);
            String shown = display.show(a);
            assertTrue(shown.startsWith("NDArray (2, 10) float32 cpu()"), shown);
            assertTrue(shown.contains("min 0.000  max 19.00  mean 9.500  std 5.766"), shown);
            assertTrue(shown.contains("[[0., 1., 2., ..., 7., 8., 9.],\n [10., 11., 12., ..., 17., 18., 19.]]"), shown);
        }
    }

    @Test
    void imagesUseHalfBlocksOnlyWithColours() {
        float[] pixels = new float[28 * 28];
        pixels[0] = 1f;
        String colour = new Display(true).image(pixels, 28, 28);
        assertEquals(14, colour.lines().count(), "two pixel rows per line");
        assertTrue(colour.contains("\u2580") && colour.contains("\u001b[38;5;255;48;5;232m"), colour);
        String plain = new Display(false).show(pixels);
        assertEquals(28, plain.lines().count());
        assertFalse(plain.contains("\u001b"));
        assertTrue(plain.startsWith("@@"), plain);
    }

    @Test
    void completionComesFromTheCommandTable() throws IOException {
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream());
             Repl repl = new Repl(terminal, null)) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            assertEquals(List.of(":plot"), complete(repl, reader, ":pl"));
            assertEquals(List.of("confusion", "curves"), complete(repl, reader, ":plot c"));
            assertTrue(repl.commandTable().help().contains(":plot samples|curves|predictions|confusion|misclassified|augmented"));
        }
        assertTrue(SessionCompleter.members(ImageSet.class).containsAll(List.of("size(", "classNames(", "image(")),
                "" + SessionCompleter.members(ImageSet.class));
    }

    private static List<String> complete(Repl repl, LineReader reader, String typed) {
        List<Candidate> candidates = new ArrayList<>();
        ParsedLine line = new DefaultParser().parse(typed, typed.length(), Parser.ParseContext.COMPLETE);
        repl.commandTable().completer().complete(reader, line, candidates);
        return candidates.stream().map(Candidate::value).filter(v -> v.startsWith(line.word())).sorted().toList();
    }

    @Test
    void groovyInputContinuesWhileABracketOrQuoteIsOpen() throws IOException {
        String out = session("""
                def f = { x ->
                  x * 2 // a comment with ' and {
                }
                f(21)
                '''two
                lines'''.readLines().size()
                "${f(1)} {".size()
                :quit
                """);
        assertTrue(out.contains("groovy> 42\n"), out);
        assertTrue(out.contains("groovy> 2\n"), out);
        assertTrue(out.contains("groovy> 3\n"), out);
        assertFalse(out.contains("error:"), out);
    }
}
