package mnistlab.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A command run in the test's JVM as its launcher runs it: its exit code and what it printed, stripped.
 *
 * @param exit the exit code
 * @param out  standard output
 * @param err  standard error
 */
record Invocation(int exit, String out, String err) {

    static Invocation of(CommandLine command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new Invocation(exit, out.toString().strip(), err.toString().strip());
    }
}
