package mnistlab.engine;

import mnistlab.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compiles examples/embed/src/main/java/EmbedExample.java against the engine and runs it: the public API as an app sees it. */
class EmbedExampleTest {
    @TempDir
    Path tmp;

    @Test
    void theEmbeddingExampleCompilesAndRuns() throws Exception {
        Path source = TestData.projectDir().resolve("examples/embed/src/main/java/EmbedExample.java");
        Path classes = tmp.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, null, diagnostics, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), source.toString());
        assertEquals(0, rc, diagnostics.toString(StandardCharsets.UTF_8));

        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass("EmbedExample").getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {TestData.mnistRoot().toString(), tmp.resolve("runs").toString()});
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        Matcher acc = Pattern.compile("test accuracy: (\\d\\.\\d+)").matcher(out);
        assertTrue(acc.find(), out);
        assertTrue(Double.parseDouble(acc.group(1)) >= 0.85, out);
        Matcher prediction = Pattern.compile("image 0: predicted (\\d) \\(p=[0-9.E-]+\\), true 7").matcher(out);
        assertTrue(prediction.find(), out);
        assertTrue(out.contains("script users-mlp: 109386 parameters"), out);
        try (var runs = Files.list(tmp.resolve("runs"))) {
            Path run = runs.findFirst().orElseThrow();
            assertTrue(Files.isRegularFile(run.resolve("report.html")), "the same run folder as bin/mnist-run: " + run);
        }
    }
}
