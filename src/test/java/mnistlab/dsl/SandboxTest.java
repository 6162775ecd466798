package mnistlab.dsl;

import mnistlab.TestData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sandboxed scripts may use the DSL's declarative subset; every attempt in the escape corpus
 * (src/test/resources/sandbox-escapes/CLASS/NAME.groovy) is refused at its own line, and none
 * writes a file. OUT in an attempt stands for a fresh folder that must stay empty.
 */
class SandboxTest {
    private static final String HEADER = "experiment 'probe'\n";
    private static final String COMPLETE = "experiment 'probe'\ndataset mnist\nmodel { flatten(); linear 10 }\ntrain { epochs 1 }\n";
    private static final SandboxLimits QUICK = new SandboxLimits(Duration.ofSeconds(1), 64L << 20);

    @TempDir
    Path out;

    private static ScriptLoader.Loaded sandboxed(String source) {
        return ScriptLoader.parseSandboxed(source, "untrusted.groovy", List.of(), QUICK);
    }

    @Test
    void theExamplesRunSandboxed() throws IOException {
        try (Stream<Path> files = Files.list(TestData.projectDir().resolve("examples"))) {
            for (Path script : files.filter(p -> p.toString().endsWith(".groovy")).sorted().toList()) {
                ScriptLoader.Loaded plain = ScriptLoader.load(script, List.of(), false);
                if (script.endsWith("kmnist_style_idx.groovy")) {
                    // it reads files a Debian package installs, which a sandboxed script may not name
                    DslException e = assertThrows(DslException.class, () -> ScriptLoader.load(script, List.of(), true));
                    assertTrue(e.getMessage().contains("kmnist_style_idx.groovy:5:5: sandbox: 'trainImages' must name a path"
                            + " below the working directory"), e.getMessage());
                    continue;
                }
                ScriptLoader.Loaded boxed = ScriptLoader.load(script, List.of(), true);
                assertEquals(plain.spec(), boxed.spec(), script.toString());
                if (plain.sweep() != null) { // 1e-3 is a BigDecimal in one, a double in the other: the trials agree
                    assertEquals(plain.sweep().plan(1), boxed.sweep().plan(1), script.toString());
                }
            }
        }
    }

    @Test
    void loopsHelpersClosuresAndArithmeticStillWork() {
        ScriptLoader.Loaded loaded = sandboxed("""
                experiment 'ok'
                dataset mnist { limit 100; root 'data/sets' }
                int twice(int n) { n * 2 }
                def widths = [8, 4]
                def half = { int n -> n.intdiv(2) }
                model {
                    flatten()
                    for (i in 1..2) { linear twice(16 * i); relu() }
                    widths.each { u -> linear half(u) }
                    linear 10
                }
                train { epochs 1; device cpu; optimizer adam(lr: 5e-4 * 2) }
                """);
        assertEquals(List.of("flatten", "linear", "relu", "linear", "relu", "linear", "linear", "linear"),
                loaded.spec().layers().stream().map(l -> l.kind()).toList());
        assertEquals(1e-3f, loaded.spec().train().optimizer().learningRate(), 1e-9f);
        assertEquals(Path.of("data/sets"), loaded.spec().dataset().root());
    }

    @TestFactory
    Stream<DynamicTest> everyEscapeAttemptIsRefusedAtItsLine() throws IOException, URISyntaxException {
        Path corpus = Path.of(SandboxTest.class.getResource("/sandbox-escapes").toURI());
        List<Path> attempts;
        try (Stream<Path> files = Files.walk(corpus)) {
            attempts = files.filter(p -> p.toString().endsWith(".groovy")).sorted().toList();
        }
        assertTrue(attempts.size() >= 60, "the corpus holds " + attempts.size() + " attempts");
        return attempts.stream().map(attempt -> DynamicTest.dynamicTest(corpus.relativize(attempt).toString(), () -> {
            String body = Files.readString(attempt).replace("OUT", out.toString());
            // The attempt first (a package declaration must be), then what makes a script complete.
            DslException e = assertThrows(DslException.class, () -> sandboxed(body + COMPLETE), "not refused");
            assertTrue(e.line() >= 1 && e.line() <= body.lines().count() && e.column() > 0,
                    "not located in the attempt: " + e.getMessage());
            assertTrue(e.problem().startsWith("sandbox: ") || e.problem().startsWith("[Static type checking]")
                    || e.problem().equals("the script recursed too deeply (stack overflow)"),
                    "refused for another reason: " + e.getMessage());
            try (Stream<Path> written = Files.list(out)) {
                assertEquals(List.of(), written.toList(), "the attempt wrote files");
            }
        }));
    }

    @Test
    void limitsAreLocatedAndTheHostStaysHealthy() {
        DslException loop = assertThrows(DslException.class, () -> sandboxed(HEADER + "int i = 0\nwhile (true) {\n i++\n}\n"));
        assertEquals("untrusted.groovy:3:1: sandbox: the script ran longer than its time limit of 1.0 s", loop.getMessage());
        // A time limit far beyond what 64 MB of allocations take, so the allocation limit is the one met.
        SandboxLimits memoryOnly = new SandboxLimits(Duration.ofSeconds(60), 64L << 20);
        DslException memory = assertThrows(DslException.class, () -> ScriptLoader.parseSandboxed(
                HEADER + "def l = []\nwhile (true) { l << 'x' + l.size() }\n", "untrusted.groovy", List.of(), memoryOnly));
        assertEquals(3, memory.line(), memory.getMessage());
        assertTrue(memory.problem().contains("allocated more than its limit of 64 MB"), memory.getMessage());
        DslException stack = assertThrows(DslException.class, () -> sandboxed(HEADER + "int f(int n) {\n f(n + 1)\n}\nf(0)\n"));
        assertEquals("untrusted.groovy:2:1: the script recursed too deeply (stack overflow)", stack.getMessage());
        // The same loader still works afterwards.
        assertEquals("ok", sandboxed("experiment 'ok'\ndataset mnist\nmodel { flatten(); linear 10 }\ntrain { epochs 1 }\n")
                .spec().name());
    }

    @Test
    void theTimeLimitIsTheCallersChoice() {
        SandboxLimits tight = new SandboxLimits(Duration.ofMillis(200), 64L << 20);
        DslException e = assertThrows(DslException.class, () -> ScriptLoader.parseSandboxed(
                HEADER + "while (true) { }\n", "untrusted.groovy", List.of(), tight));
        assertTrue(e.getMessage().endsWith("time limit of 0.2 s"), e.getMessage());
    }
}
