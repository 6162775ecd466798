package mnistlab.cli;

import mnistlab.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Each kind of bad input gets one line naming the thing and the reason, and the documented exit code. */
class BadInputTest {
    @TempDir
    Path tmp;

    private record Result(int exit, String err) {
    }

    private Result mnistRun(String... args) {
        Invocation run = Invocation.of(RunCommand.commandLine(), args);
        assertFalse(run.err().contains("\tat "), "a stack trace: " + run.err());
        return new Result(run.exit(), run.err());
    }

    private String quickstart() {
        return TestData.projectDir().resolve("examples/quickstart.groovy").toString();
    }

    @Test
    void unreadableScripts() throws IOException {
        Path missing = tmp.resolve("nope.groovy");
        assertEquals(new Result(2, missing + ": no such file"), mnistRun(missing.toString(), "--dry-run"));
        assertEquals(new Result(2, tmp + ": is a directory, not a script"), mnistRun(tmp.toString(), "--dry-run"));
        Path latin1 = Files.write(tmp.resolve("latin1.groovy"), new byte[] {'/', '/', ' ', (byte) 0xE9, '\n'});
        assertEquals(new Result(2, latin1 + ": is not UTF-8 text (byte 0xE9 at offset 3); save it as UTF-8"),
                mnistRun(latin1.toString(), "--dry-run"));
        Path binary = Files.write(tmp.resolve("model.bin"), new byte[] {1, 0, 2});
        assertEquals(new Result(2, binary + ": is a binary file (a NUL byte at offset 1), not a Groovy script"),
                mnistRun(binary.toString(), "--dry-run"));
    }

    @Test
    void overridesThatDoNotFitBlameTheSetArgument() {
        assertEquals(new Result(2, "--set train.seed=99999999999: 'seed' value must be a whole number from -2147483648"
                + " to 2147483647, not 99999999999"), mnistRun(quickstart(), "--dry-run", "--set", "train.seed=99999999999"));
        assertEquals(new Result(2, "--set dataset.limit=2147483648: 'limit' count must be a whole number from -2147483648"
                + " to 2147483647, not 2147483648"), mnistRun(quickstart(), "--dry-run", "--set", "dataset.limit=2147483648"));
    }

    @Test
    void foldersThatCannotBeWrittenAreNamedByTheDryRun() throws IOException {
        assertEquals(new Result(2, "mnist-run: --out /proc/x: cannot create files in /proc"),
                mnistRun(quickstart(), "--dry-run", "--out", "/proc/x"));
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertEquals(new Result(2, "mnist-run: --root " + file.resolve("data") + ": " + file + " is not a folder"),
                mnistRun(quickstart(), "--dry-run", "--root", file.resolve("data").toString()));
    }

    @Test
    void aKeywordWithoutItsValueIsAnErrorAtItsLine() throws IOException {
        Path script = Files.writeString(tmp.resolve("minus.groovy"), """
                experiment 'x'
                dataset mnist
                model { flatten(); linear 10 }
                train {
                    epochs -1
                }
                """);
        assertEquals(new Result(2, script + ":5:5: 'epochs' needs a value, e.g. epochs 5; 'epochs -1' reads as a"
                + " subtraction, write epochs(-1)"), mnistRun(script.toString(), "--dry-run"));
    }

    @Test
    void theSandboxTimeLimitIsAnOption() throws IOException {
        Path script = Files.writeString(tmp.resolve("spin.groovy"), "experiment 'x'\nwhile (true) { }\n");
        assertEquals(new Result(2, script + ":2:1: sandbox: the script ran longer than its time limit of 0.3 s"),
                mnistRun(script.toString(), "--dry-run", "--sandbox", "--sandbox-timeout", "0.3"));
    }
}
