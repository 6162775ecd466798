package mnistlab.repl;

import mnistlab.i18n.Messages;
import mnistlab.interop.ModelExport;
import mnistlab.interop.ModelImport;
import org.jline.reader.Completer;
import org.jline.reader.impl.completer.AggregateCompleter;
import org.jline.reader.impl.completer.FileNameCompleter;
import org.jline.reader.impl.completer.StringsCompleter;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code :import PTH} and {@code :export FORMAT [FILE]}: bin/mnist-import and bin/mnist-export in
 * the session. An import goes into the loaded script's model, is saved under DIR ({@code runs}) and
 * becomes the session's experiment; an export writes the session's saved or opened run.
 */
final class InteropCommands {
    private static final Path RUNS = Path.of("runs");

    private final ReplSession session;
    private final PrintWriter out;
    private final Runnable refresh;

    private InteropCommands(ReplSession session, PrintWriter out, Runnable refresh) {
        this.session = session;
        this.out = out;
        this.refresh = refresh;
    }

    /** Adds both commands to the table; {@code refresh} rebinds the session's variables after an import. */
    static CommandTable addTo(CommandTable table, ReplSession session, PrintWriter out, Runnable refresh) {
        InteropCommands commands = new InteropCommands(session, out, refresh);
        String[] formats = Arrays.stream(ModelExport.Format.values()).map(ModelExport.Format::extension).toArray(String[]::new);
        Completer formatThenFile = new AggregateCompleter(new StringsCompleter(formats), new FileNameCompleter());
        return table
                .add(":import", "PTH [DIR]", Messages.get("repl.cmd.import"), new FileNameCompleter(), commands::importFile)
                .add(":export", String.join("|", formats) + " [FILE]", Messages.get("repl.cmd.export"), formatThenFile,
                        commands::export);
    }

    private boolean importFile(String arg) throws Exception {
        String[] parts = CommandTable.required(":import", arg, "PTH").split("\\s+", 2);
        Path file = Path.of(parts[0]);
        if (session.spec() == null) {
            throw new ReplException(Messages.get("repl.importNeedsScript"), null);
        }
        ModelImport.Result r = ModelImport.read(file, session.spec(), parts.length > 1 ? Path.of(parts[1]) : RUNS, null);
        out.println(Messages.get("import.mapping", file, session.spec().name()));
        out.print(r.mapping().table());
        session.open(r.saved().runDir());
        out.println(Messages.get("repl.imported", 100 * r.saved().test().accuracy(), r.saved().runDir()));
        refresh.run();
        return true;
    }

    private boolean export(String arg) throws Exception {
        String[] parts = CommandTable.required(":export", arg, "FORMAT").split("\\s+", 2);
        ModelExport.Format format = Arrays.stream(ModelExport.Format.values())
                .filter(f -> f.extension().equals(parts[0].toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new ReplException(Messages.get("export.badFormat", parts[0]), null));
        Path runDir = session.hasExperiment() ? session.experiment().runDir() : null;
        if (runDir == null) {
            throw new ReplException(Messages.get("repl.exportNeedsRun"), null);
        }
        Path written = ModelExport.write(runDir, format, parts.length > 1 ? Path.of(parts[1]) : null, null);
        out.println(Messages.get("export.written", format.extension(), written));
        return true;
    }
}
