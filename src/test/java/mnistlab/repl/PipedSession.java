package mnistlab.repl;

import mnistlab.TestData;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/** A REPL session driven through its streams, as a piped (dumb) terminal sees it. */
final class PipedSession {
    private PipedSession() {
    }

    /**
     * Runs the lines; {@code onOutput} (or null) may react to what has been printed so far.
     * History and plots go under {@code tmp}.
     */
    static String run(Path tmp, String input, BiConsumer<String, Repl> onOutput) throws IOException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        AtomicReference<Repl> self = new AtomicReference<>();
        OutputStream watched = new OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                if (b == '\n' && onOutput != null && self.get() != null) {
                    onOutput.accept(captured.toString(StandardCharsets.UTF_8), self.get());
                }
            }
        };
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), watched);
             Repl repl = new Repl(terminal, tmp.resolve("history"))) {
            self.set(repl);
            repl.session().outputDir(tmp.resolve("repl-output"));
            repl.run();
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** examples/quickstart.groovy on 2,000 training images of the test data, written under {@code tmp}. */
    static String quickstart(Path tmp) throws IOException {
        String text = Files.readString(TestData.projectDir().resolve("examples/quickstart.groovy"))
                .replace("limit 20000", "limit 2000\n    root '" + TestData.mnistRoot().toAbsolutePath() + "'");
        return Files.writeString(tmp.resolve("quick.groovy"), text).toString();
    }
}
