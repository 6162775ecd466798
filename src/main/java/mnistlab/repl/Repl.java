package mnistlab.repl;

import mnistlab.engine.ConsoleProgress;
import mnistlab.engine.spec.PlotKind;
import mnistlab.i18n.Messages;
import mnistlab.result.Evaluation;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;
import mnistlab.serve.LabServer;
import mnistlab.serve.LiveTraining;
import org.jline.builtins.Completers.FileNameCompleter;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * Entry point of the REPL: a JLine line reader over a terminal, evaluating Groovy (default) or
 * Java ({@code :java}, through JShell in this JVM) against the session's live objects, and the
 * colon commands of one {@link CommandTable}. Works on a dumb terminal and with piped input (no
 * escape codes then).
 */
public final class Repl implements AutoCloseable {
    private static final List<String> PLOT_KINDS = Arrays.stream(PlotKind.values()).map(PlotKind::dslName).toList();

    private final Terminal terminal;
    private final PrintWriter out;
    private final LineReader reader;
    private final ReplSession session = new ReplSession();
    private final Display display;
    private final SessionBindings bindings;
    private final CommandTable commands;
    private boolean javaMode;
    private Throwable lastError;
    private LabServer page;
    private LiveTraining live;

    /**
     * A session on a terminal.
     * @param terminal the JLine terminal
     * @param historyFile where input history is kept
     */
    public Repl(Terminal terminal, Path historyFile) {
        this.terminal = terminal;
        this.out = terminal.writer();
        boolean dumb = terminal.getType().startsWith(Terminal.TYPE_DUMB);
        Integer colours = terminal.getNumericCapability(InfoCmp.Capability.max_colors);
        this.display = new Display(!dumb && colours != null && colours >= 256);
        this.bindings = new SessionBindings(session, display, out);
        this.commands = commands();
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("mnist-repl")
                .parser(new ReplParser(() -> javaMode, code -> bindings.java().isComplete(code)))
                .completer(new SessionCompleter(commands.completer(), bindings::variables));
        builder.variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P ...> "); // continuation lines, padded to the prompt
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        this.reader = builder.build();
    }

    private CommandTable commands() {
        Completer none = NullCompleter.INSTANCE;
        Completer files = new FileNameCompleter();
        CommandTable table = new CommandTable()
                .add(":help", "", Messages.get("repl.cmd.help"), none, arg -> print(commands.help()))
                .add(":load", "SCRIPT", Messages.get("repl.cmd.load"), files, this::load)
                .add(":set", "KEY=VALUE", Messages.get("repl.cmd.set"), none, this::set)
                .add(":summary", "", Messages.get("repl.cmd.summary"), none, arg -> print(session.summary()))
                .add(":train", "[EPOCHS]", Messages.get("repl.cmd.train"), none,
                        this::train)
                .add(":eval", "", Messages.get("repl.cmd.eval"), none, this::eval)
                .add(":predict", "I", Messages.get("repl.cmd.predict"), none, this::predict)
                .add(":show", "EXPR", Messages.get("repl.cmd.show"), none, this::show)
                .add(":plot", String.join("|", PLOT_KINDS), Messages.get("repl.cmd.plot"),
                        new StringsCompleter(PLOT_KINDS), this::plot)
                .add(":save", "[DIR]", Messages.get("repl.cmd.save"), files, this::save)
                .add(":open", "RUN_DIR", Messages.get("repl.cmd.open"), files, this::open);
        return InteropCommands.addTo(bindings.inspect().addTo(table), session, out, bindings::refresh)
                .add(":serve", "[PORT]", Messages.get("repl.cmd.serve"), none, this::serve)
                .add(":vars", "", Messages.get("repl.cmd.vars"), none, arg -> vars())
                .add(":java", "", Messages.get("repl.cmd.java"), none, arg -> java())
                .add(":groovy", "", Messages.get("repl.cmd.groovy"), none, arg -> {
                    javaMode = false;
                    return print(Messages.get("repl.groovyMode") + "\n");
                })
                .add(":reset", "", Messages.get("repl.cmd.reset"), none, arg -> reset())
                .add(":trace", "", Messages.get("repl.cmd.trace"), none, arg -> trace())
                .add(":quit", "", Messages.get("repl.cmd.quit"), none, arg -> false)
                .alias(":exit", ":quit").alias(":q", ":quit");
    }

    /**
     * Preloads a script (parsing only) before the first prompt.
     * @param script the script
     */
    public void preload(Path script) {
        dispatch(":load " + script);
    }

    /** Reads and runs lines until :quit or end of input. */
    public void run() {
        out.println(Messages.get("repl.banner"));
        out.flush();
        while (true) {
            String line;
            try {
                line = reader.readLine(javaMode ? "java> " : "groovy> ");
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt clears the line
            } catch (EndOfFileException e) {
                break;
            }
            if (!line.isBlank() && !dispatch(line.strip())) {
                break;
            }
        }
        out.flush();
    }

    /** Runs one input; false when the session should end. */
    boolean dispatch(String line) {
        try {
            if (line.startsWith(":")) {
                return commands.run(line);
            }
            Object value = javaMode ? bindings.java().evaluate(line) : bindings.groovy().evaluate(line);
            if (value != null) {
                out.println(display.show(value));
            }
        } catch (Throwable e) { // user code may throw anything; the session goes on
            lastError = e;
            out.println(Messages.get("repl.error", message(e)));
        } finally {
            out.flush();
        }
        return true;
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof InvocationTargetException || t.getMessage() == null)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    // The commands' bodies, in the table's order.

    private boolean print(Object text) {
        out.print(text);
        return true;
    }

    private boolean load(String arg) throws Exception {
        session.load(Path.of(CommandTable.required(":load", arg, "SCRIPT")));
        out.println(Messages.get("repl.loaded", session.spec().name(), session.spec().layers().size()));
        bindings.refresh();
        return true;
    }

    private boolean set(String arg) throws Exception {
        session.set(CommandTable.required(":set", arg, "KEY=VALUE"));
        out.println(Messages.get("repl.set", arg));
        bindings.refresh();
        return true;
    }

    /** Trains with a progress display; Ctrl-C (SIGINT) cancels at the next batch boundary. */
    private boolean train(String arg) throws Exception {
        int epochs = arg.isEmpty() ? 1 : CommandTable.wholeNumber(":train", arg, "EPOCHS");
        session.experiment(); // build first: loading data is not interruptible
        ConsoleProgress progress = new ConsoleProgress(out, !display.isPlain());
        TrainingResult r = interruptibly(() -> session.train(epochs,
                live == null ? progress : TrainingListener.all(List.of(progress, live))));
        if (r.cancelled()) {
            out.println(Messages.get("repl.interrupted", r.epochs().size()));
        } else {
            out.println(Messages.get("repl.trained", 100 * r.test().accuracy(), r.epochs().size()));
        }
        bindings.refresh();
        return true;
    }

    private boolean eval(String arg) throws Exception {
        session.experiment(); // build first: loading data is not interruptible
        Evaluation e = interruptibly(session::evaluate);
        out.println(display.show(e));
        float[] perClass = e.perClassAccuracy();
        List<String> names = session.experiment().testSet().classNames();
        for (int c = 0; c < perClass.length; c++) {
            out.printf(Locale.ROOT, "  %-12s %6.2f %%%n", names.get(c), 100 * perClass[c]);
        }
        bindings.refresh();
        return true;
    }

    private boolean predict(String arg) throws Exception {
        int index = CommandTable.wholeNumber(":predict", CommandTable.required(":predict", arg, "I"), "I");
        var test = session.experiment().testSet();
        out.print(display.image(session.image(index), test.rows(), test.cols()));
        out.print(display.prediction(session.predict(index), session.label(index)));
        return true;
    }

    private boolean show(String arg) {
        String code = CommandTable.required(":show", arg, "EXPR");
        out.println(display.show(javaMode ? bindings.java().evaluate(code) : bindings.groovy().evaluate(code)));
        return true;
    }

    private boolean plot(String arg) throws Exception {
        Path plot = session.plot(CommandTable.required(":plot", arg, "KIND"), w -> out.println(Messages.get("cli.warning", w)));
        out.println(Messages.get("repl.wrote", plot));
        return true;
    }

    private boolean save(String arg) throws Exception {
        Path saved = session.save(Path.of(arg.isEmpty() ? "runs" : arg), w -> out.println(Messages.get("cli.warning", w)));
        out.println(Messages.get("repl.saved", saved));
        bindings.refresh();
        return true;
    }

    private boolean open(String arg) throws Exception {
        session.open(Path.of(CommandTable.required(":open", arg, "RUN_DIR")));
        out.println(Messages.get("repl.opened", session.spec().name(), session.experiment().epochsDone()));
        bindings.refresh();
        return true;
    }

    private boolean serve(String arg) throws Exception {
        if (page == null) {
            page = LabServer.start(Path.of("runs"), "127.0.0.1", arg.isEmpty() ? 0 : CommandTable.wholeNumber(":serve", arg, "PORT"),
                    System.err);
            live = new LiveTraining(session::cancel);
            page.follow(live);
        }
        out.println(Messages.get("repl.page", page.uri()));
        return true;
    }

    private boolean vars() {
        bindings.variables().forEach((k, v) -> out.printf("%-12s %s%n", k,
                v == null ? Messages.get("repl.notYet") : v.getClass().getSimpleName()));
        return true;
    }

    private boolean java() throws Exception {
        javaMode = true;
        if (session.spec() != null && !session.hasExperiment()) {
            out.println(Messages.get("repl.startingEngine"));
            out.flush();
            session.experiment();
        }
        bindings.refresh(); // a command (:layers, :predict) may have started the engine since the last refresh
        bindings.java().declare(session.variables());
        out.println(Messages.get("repl.javaMode", bindings.liveNames()));
        return true;
    }

    private boolean reset() {
        session.reset();
        bindings.reset();
        out.println(Messages.get("repl.reset"));
        return true;
    }

    private boolean trace() {
        if (lastError == null) {
            out.println(Messages.get("repl.noError"));
        } else {
            StringWriter trace = new StringWriter();
            lastError.printStackTrace(new PrintWriter(trace));
            out.print(trace);
        }
        return true;
    }

    private interface Work<T> {
        T get() throws Exception;
    }

    /** Runs work during which Ctrl-C (SIGINT) asks the experiment to stop at its next batch. */
    private <T> T interruptibly(Work<T> work) throws Exception {
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> session.cancel());
        try {
            return work.get();
        } catch (CancellationException e) {
            throw new ReplException(Messages.get("repl.interruptedWork"), e);
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
    }

    /** Raises Ctrl-C as the terminal would (for embedding applications and tests). */
    public void interrupt() {
        terminal.raise(Terminal.Signal.INT);
    }

    /** The session behind the commands (tests point its output folder elsewhere). */
    ReplSession session() {
        return session;
    }

    /** The command table (tests check it). */
    CommandTable commandTable() {
        return commands;
    }

    @Override
    public void close() {
        if (page != null) {
            page.close();
        }
        session.close();
        bindings.close();
    }
}
