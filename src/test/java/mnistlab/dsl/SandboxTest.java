package mnistlab.dsl;

import mnistlab.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sandboxed scripts may use the DSL and plain Groovy; every route out is refused at compile time. */
class SandboxTest {
    private static final String HEADER = """
            experiment 'probe'
            dataset mnist
            model {
                flatten()
                linear 10
            }
            train { epochs 1 }
            """;

    private static ScriptLoader.Loaded sandboxed(String source) {
        return ScriptLoader.parse(source, "untrusted.groovy", List.of(), true);
    }

    @Test
    void theExamplesRunSandboxed() throws IOException {
        try (Stream<Path> files = Files.list(TestData.projectDir().resolve("examples"))) {
            for (Path script : files.filter(p -> p.toString().endsWith(".groovy")).sorted().toList()) {
                ScriptLoader.Loaded plain = ScriptLoader.load(script, List.of(), false);
                ScriptLoader.Loaded boxed = ScriptLoader.load(script, List.of(), true);
                assertEquals(plain.spec(), boxed.spec(), script.toString());
            }
        }
    }

    @Test
    void loopsHelpersAndLambdasStillWork() {
        ScriptLoader.Loaded loaded = sandboxed("""
                experiment 'ok'
                dataset mnist { limit 100 }
                int twice(int n) { n * 2 }
                model {
                    flatten()
                    lambda('scale') { x -> x.mul(0.5) }
                    for (i in 1..2) { linear twice(16 * i); relu() }
                    [8].each { u -> linear u }
                    linear 10
                }
                train { epochs 1; device cpu }
                """);
        assertEquals(List.of("flatten", "lambda", "linear", "relu", "linear", "relu", "linear", "linear"),
                loaded.spec().layers().stream().map(l -> l.kind()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "file read          | new File('/etc/passwd').text",
            "file via path      | java.nio.file.Files.readAllLines(java.nio.file.Path.of('/etc/passwd'))",
            "network            | new URL('http://127.0.0.1/').text",
            "process            | 'id'.execute()",
            "System.exit        | System.exit(3)",
            "System property    | System.getProperty('user.home')",
            "System.out         | System.out.println('x')",
            "thread             | Thread.start { }",
            "new thread         | new Thread({ -> })",
            "reflection         | Class.forName('java.lang.Runtime')",
            "getClass           | this.getClass().classLoader",
            "class property     | this.class.classLoader.loadClass('java.lang.Runtime')",
            "Eval               | Eval.me('1 + 1')",
            "evaluate           | evaluate('System.exit(1)')",
            "GroovyShell        | new GroovyShell().evaluate('1')",
            "metaclass          | String.metaClass.boom = { -> 1 }",
            "own metaclass      | metaClass.boom = { -> 1 }",
            "string to class    | def c = 'java.lang.Runtime' as Class",
            "dynamic name       | def m = 'exit'; Math.\"$m\"(1)",
            "closure delegate   | def c = { -> exit(0) }; c.delegate = System; c()",
            "set delegate       | def c = { -> 1 }; c.setDelegate('x')",
            "delegate property  | def c = { -> 1 }; c.delegate = 'x'",
            "method pointer     | def p = System.&exit",
            "binding            | binding.setVariable('x', 1)",
            "script run         | run()",
            "class declaration  | class Evil { }",
            "import             | import java.io.File",
            "field access       | def s = 'x'; s.@value",
            "getManager         | model { lambda('l') { x -> x.getManager().load(null); x } }",
    })
    void routeIsRefused(String route, String code) {
        DslException e = assertThrows(DslException.class, () -> sandboxed(HEADER + code + "\n"), route);
        assertEquals("untrusted.groovy", e.file(), route);
        assertTrue(e.line() >= 8, route + ": " + e.getMessage());
        // Refused either by the allow-list or, where static typing already rules the code out, by the type checker.
        assertTrue(e.getMessage().contains("not allowed in a sandboxed script")
                || e.getMessage().contains("[Static type checking]"), route + ": " + e.getMessage());
    }
}
