package mnistlab.repl;

import mnistlab.engine.ConsoleProgress;
import mnistlab.engine.Evaluation;
import mnistlab.engine.TrainingResult;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Entry point of the REPL: a JLine line reader over a terminal, evaluating Groovy (default) or
 * Java ({@code :java}, through JShell in this JVM) against the session's live objects, and the
 * colon commands. Works on a dumb terminal and with piped input (no escape codes then).
 */
public final class Repl implements AutoCloseable {
    static final Map<String, String> COMMANDS = commands();

    private final Terminal terminal;
    private final PrintWriter out;
    private final LineReader reader;
    private final ReplSession session = new ReplSession();
    private final Display display;
    private final GroovyEvaluator groovy = new GroovyEvaluator(this::engineVariable);
    private JavaEvaluator java;
    private boolean javaMode;
    private Throwable lastError;

    /** The session behind the commands (tests point its output folder elsewhere). */
    ReplSession session() {
        return session;
    }

    public Repl(Terminal terminal, Path historyFile) {
        this.terminal = terminal;
        this.out = terminal.writer();
        boolean dumb = terminal.getType().startsWith(Terminal.TYPE_DUMB);
        Integer colours = terminal.getNumericCapability(InfoCmp.Capability.max_colors);
        this.display = new Display(!dumb && colours != null && colours >= 256);
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("mnist-repl")
                .parser(new ContinuationParser()).completer(new SessionCompleter());
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        this.reader = builder.build();
        bindHelpers();
    }

    private static Map<String, String> commands() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(":help", "this list");
        c.put(":load", "SCRIPT  load an experiment script (the engine starts when first needed)");
        c.put(":set", "KEY=VALUE  override a spec value, e.g. :set train.epochs=2");
        c.put(":summary", "the model's layers, shapes and parameter counts");
        c.put(":train", "[EPOCHS]  train EPOCHS more epochs (default 1); Ctrl-C stops at the next batch");
        c.put(":eval", "classify the test set: accuracy, time, per-class accuracy");
        c.put(":predict", "I  classify test image I: picture, top classes, true label");
        c.put(":show", "EXPR  evaluate and show (tensors, images, predictions)");
        c.put(":plot", "curves|samples|predictions|confusion|misclassified  render a PNG");
        c.put(":save", "[DIR]  save a run folder (parameters, spec, metrics) under DIR (default runs)");
        c.put(":open", "RUN_DIR  open a saved run");
        c.put(":vars", "the session's variables and their types");
        c.put(":java", "evaluate Java (JShell, same JVM, same objects)");
        c.put(":groovy", "evaluate Groovy (the default)");
        c.put(":reset", "drop the experiment, results and your variables (the script stays)");
        c.put(":trace", "the full stack trace of the last error");
        c.put(":quit", "leave (or Ctrl-D)");
        return c;
    }

    /** Preloads a script (parsing only) before the first prompt. */
    public void preload(Path script) {
        dispatch(":load " + script);
    }

    /** Reads and runs lines until :quit or end of input. */
    public void run() {
        out.println("mnist-repl: Groovy by default, :java for Java, :help for commands, Ctrl-D to leave");
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
            if (line.isBlank()) {
                continue;
            }
            if (!dispatch(line.strip())) {
                break;
            }
        }
        out.flush();
    }

    /** Runs one input; false when the session should end. */
    boolean dispatch(String line) {
        try {
            if (line.startsWith(":")) {
                return command(line);
            }
            Object value = javaMode ? javaEvaluator().evaluate(line) : groovy.evaluate(line);
            if (value != null) {
                out.println(display.show(value));
            }
        } catch (Throwable e) { // user code may throw anything; the session goes on
            lastError = e;
            out.println("error: " + message(e) + "  (:trace for details)");
        }
        out.flush();
        return true;
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof java.lang.reflect.InvocationTargetException
                || t.getMessage() == null)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private boolean command(String line) throws Exception {
        String[] parts = line.split("\\s+", 2);
        String name = parts[0];
        String arg = parts.length > 1 ? parts[1].strip() : "";
        switch (name) {
            case ":quit", ":exit", ":q" -> {
                return false;
            }
            case ":help" -> COMMANDS.forEach((c, help) -> out.printf("%-10s %s%n", c, help));
            case ":load" -> {
                session.load(Path.of(required(name, arg, "SCRIPT")));
                out.println("loaded " + session.spec().name() + " (" + session.spec().layers().size() + " layers); "
                        + ":summary to check it, :train to train");
                refreshVariables();
            }
            case ":set" -> {
                session.set(required(name, arg, "KEY=VALUE"));
                out.println("set " + arg);
                refreshVariables();
            }
            case ":summary" -> out.print(session.summary());
            case ":train" -> train(arg.isEmpty() ? 1 : wholeNumber(name, arg, "EPOCHS"));
            case ":eval" -> {
                session.experiment(); // build first: loading data is not interruptible
                Evaluation e = interruptibly(session::evaluate);
                out.println(display.show(e));
                float[] perClass = e.perClassAccuracy();
                List<String> names = session.experiment().testSet().classNames();
                for (int c = 0; c < perClass.length; c++) {
                    out.printf(Locale.ROOT, "  %-12s %6.2f %%%n", names.get(c), 100 * perClass[c]);
                }
                refreshVariables();
            }
            case ":predict" -> {
                int index = wholeNumber(name, required(name, arg, "I"), "I");
                out.print(display.image(session.image(index), 28, 28));
                out.print(display.prediction(session.predict(index), session.label(index)));
            }
            case ":show" -> {
                Object value = javaMode ? javaEvaluator().evaluate(required(name, arg, "EXPR"))
                        : groovy.evaluate(required(name, arg, "EXPR"));
                out.println(display.show(value));
            }
            case ":plot" -> out.println("wrote " + session.plot(required(name, arg, "KIND"), w -> out.println("warning: " + w)));
            case ":save" -> {
                out.println("saved " + session.save(Path.of(arg.isEmpty() ? "runs" : arg), w -> out.println("warning: " + w)));
                refreshVariables();
            }
            case ":open" -> {
                session.open(Path.of(required(name, arg, "RUN_DIR")));
                out.println("opened " + session.spec().name() + " after " + session.experiment().epochsDone() + " epochs");
                refreshVariables();
            }
            case ":vars" -> variables().forEach((k, v) -> out.printf("%-12s %s%n", k,
                    v == null ? "(not yet)" : v.getClass().getSimpleName()));
            case ":java" -> {
                javaMode = true;
                if (session.spec() != null && !session.hasExperiment()) {
                    out.println("starting the engine (data and model) so Java sees the session's objects...");
                    out.flush();
                    session.experiment();
                    refreshVariables();
                }
                javaEvaluator().declare(session.variables());
                out.println("Java mode (JShell); the session's objects are variables: " + liveNames());
            }
            case ":groovy" -> {
                javaMode = false;
                out.println("Groovy mode");
            }
            case ":reset" -> {
                session.reset();
                groovy.clearUserVariables(Set.of());
                bindHelpers();
                refreshVariables();
                out.println("reset: experiment, results and variables dropped");
            }
            case ":trace" -> {
                if (lastError == null) {
                    out.println("no error yet");
                } else {
                    StringWriter trace = new StringWriter();
                    lastError.printStackTrace(new PrintWriter(trace));
                    out.print(trace);
                }
            }
            default -> out.println("unknown command " + name + ": " + String.join(", ", COMMANDS.keySet()));
        }
        return true;
    }

    private static String required(String command, String arg, String what) {
        if (arg.isEmpty()) {
            throw new ReplException(command + " needs " + what, null);
        }
        return arg;
    }

    private static int wholeNumber(String command, String arg, String what) {
        try {
            return Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            throw new ReplException(command + " takes a whole number " + what + ", not '" + arg + "'", null);
        }
    }

    /** Trains with a progress display; Ctrl-C (SIGINT) cancels at the next batch boundary. */
    private void train(int epochs) throws Exception {
        session.experiment(); // build first: loading data is not interruptible
        TrainingResult r = interruptibly(() -> session.train(epochs, new ConsoleProgress(out, !display.isPlain())));
        if (r.cancelled()) {
            out.println("interrupted after " + r.epochs().size() + " epochs in total");
        } else {
            out.printf(Locale.ROOT, "test accuracy %.2f %% after %d epochs%n", 100 * r.test().accuracy(), r.epochs().size());
        }
        refreshVariables();
    }

    /** Runs work during which Ctrl-C (SIGINT) asks the experiment to stop at its next batch. */
    private <T> T interruptibly(Io<T> work) throws Exception {
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> session.cancel());
        try {
            return work.get();
        } catch (java.util.concurrent.CancellationException e) {
            throw new ReplException("interrupted", e);
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
    }

    /** Raises Ctrl-C as the terminal would (for embedding applications and tests). */
    public void interrupt() {
        terminal.raise(Terminal.Signal.INT);
    }

    /** The engine's objects, created when a line first names them (the prompt comes up before the engine loads). */
    private Object engineVariable(String name) {
        if (!ENGINE_VARIABLES.contains(name) || session.spec() == null || session.hasExperiment()) {
            return null;
        }
        call(session::experiment);
        refreshVariables();
        return session.variables().get(name);
    }

    private static final Set<String> ENGINE_VARIABLES = Set.of("experiment", "model", "train", "test");

    private JavaEvaluator javaEvaluator() {
        if (java == null) {
            java = new JavaEvaluator();
            java.declare(session.variables());
        }
        return java;
    }

    private void bindHelpers() {
        groovy.bindFunction("image", a -> call(() -> session.image(toInt(a))));
        groovy.bindFunction("label", a -> call(() -> session.label(toInt(a))));
        groovy.bindFunction("predict", a -> call(() -> a.length == 1 && a[0] instanceof Number n ? session.predict(n.intValue())
                : a.length == 1 && a[0] instanceof float[] f ? session.predict(f)
                : a.length == 1 && a[0] instanceof java.awt.image.BufferedImage b ? session.predict(b)
                : fail("predict(i), predict(float[] pixels) or predict(BufferedImage)")));
        groovy.bindFunction("show", a -> {
            out.println(display.show(a.length == 1 ? a[0] : null));
            return null;
        });
        groovy.bindFunction("summary", a -> session.summary());
        groovy.bindFunction("confusion", a -> call(session::confusion));
        refreshVariables();
    }

    private interface Io<T> {
        T get() throws Exception;
    }

    private static Object call(Io<?> io) {
        try {
            return io.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ReplException(e.getMessage(), e);
        }
    }

    private static Object fail(String usage) {
        throw new ReplException("usage: " + usage, null);
    }

    private static int toInt(Object[] args) {
        if (args.length != 1 || !(args[0] instanceof Number n)) {
            throw new ReplException("expected one whole number", null);
        }
        return n.intValue();
    }

    /** Binds the session's objects in Groovy, and shares them with Java snippets. */
    private void refreshVariables() {
        ReplSession.SHARED.clear();
        session.variables().forEach((k, v) -> {
            groovy.bind(k, v);
            if (v != null) {
                ReplSession.SHARED.put(k, v);
            }
        });
        if (java != null) {
            java.declare(session.variables());
        }
    }

    private String liveNames() {
        List<String> names = new ArrayList<>();
        session.variables().forEach((k, v) -> {
            if (v != null) {
                names.add(k);
            }
        });
        return names.isEmpty() ? "(none yet)" : String.join(", ", names);
    }

    private Map<String, Object> variables() {
        Map<String, Object> all = new LinkedHashMap<>(session.variables());
        groovy.variables().forEach((k, v) -> {
            if (!(v instanceof groovy.lang.Closure)) {
                all.putIfAbsent(k, v);
            }
        });
        return all;
    }

    @Override
    public void close() {
        session.close();
        if (java != null) {
            java.close();
        }
    }

    /** Asks for more lines while braces, brackets or parentheses are open (Groovy) or the snippet is incomplete (Java). */
    private final class ContinuationParser extends DefaultParser {
        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE && !line.startsWith(":")) {
                if (javaMode ? !javaEvaluator().isComplete(line) : openBrackets(line) > 0) {
                    throw new EOFError(-1, -1, "open block", "more");
                }
            }
            return super.parse(line, cursor, context);
        }
    }

    /** Open brackets outside string literals. */
    static int openBrackets(String code) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            }
        }
        return depth;
    }

    /** Completes commands, session variables, and the methods and properties of a variable after a dot. */
    private final class SessionCompleter implements Completer {
        @Override
        public void complete(LineReader lineReader, ParsedLine line, List<Candidate> candidates) {
            String word = line.word();
            if (line.wordIndex() == 0 && word.startsWith(":")) {
                COMMANDS.keySet().forEach(c -> candidates.add(new Candidate(c)));
                return;
            }
            int dot = word.lastIndexOf('.');
            if (dot > 0) {
                Object target = variables().get(word.substring(0, dot));
                if (target != null) {
                    for (String member : members(target.getClass())) {
                        candidates.add(new Candidate(word.substring(0, dot + 1) + member, member, null, null, null, null, false));
                    }
                }
                return;
            }
            variables().keySet().forEach(v -> candidates.add(new Candidate(v)));
            for (String helper : List.of("image(", "label(", "predict(", "show(", "summary()", "confusion()")) {
                candidates.add(new Candidate(helper, helper, null, null, null, null, false));
            }
        }
    }

    /** Public methods (with "(") and bean properties of a type, for completion. */
    static Set<String> members(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
                continue;
            }
            names.add(m.getName() + "(");
            if (m.getParameterCount() == 0 && m.getName().startsWith("get") && m.getName().length() > 3) {
                names.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        return names;
    }
}
