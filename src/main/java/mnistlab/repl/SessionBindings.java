package mnistlab.repl;

import groovy.lang.Closure;
import mnistlab.i18n.Messages;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The session's objects as variables of both languages: bound in Groovy (with the helper
 * functions image, label, predict, show, summary, confusion, activations, filters, saliency, gradCam) and declared in JShell, which
 * starts on first use. The engine's objects are created when a line first names them.
 */
final class SessionBindings implements AutoCloseable {
    private static final Set<String> ENGINE_VARIABLES = Set.of("experiment", "model", "train", "test", "inspector");

    private final ReplSession session;
    private final Display display;
    private final PrintWriter out;
    private final GroovyEvaluator groovy = new GroovyEvaluator(this::engineVariable);
    private final InspectCommands inspect;
    private JavaEvaluator java;

    SessionBindings(ReplSession session, Display display, PrintWriter out) {
        this.session = session;
        this.display = display;
        this.out = out;
        this.inspect = new InspectCommands(session, display, out);
        bindHelpers();
    }

    /** {@code :layers} and {@code :explain}, whose helpers are bound here. */
    InspectCommands inspect() {
        return inspect;
    }

    GroovyEvaluator groovy() {
        return groovy;
    }

    JavaEvaluator java() {
        if (java == null) {
            java = new JavaEvaluator();
            java.declare(session.variables());
        }
        return java;
    }

    /** Forgets the user's Groovy variables; the helpers and the session's objects come back. */
    void reset() {
        groovy.clearUserVariables(Set.of());
        bindHelpers();
    }

    /** Binds the session's objects in Groovy, and shares them with Java snippets. */
    void refresh() {
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

    /** The session's objects and the user's Groovy variables (not the helpers). */
    Map<String, Object> variables() {
        Map<String, Object> all = new LinkedHashMap<>(session.variables());
        groovy.variables().forEach((k, v) -> {
            if (!(v instanceof Closure)) {
                all.putIfAbsent(k, v);
            }
        });
        return all;
    }

    /** The session's objects that exist now, by name. */
    String liveNames() {
        List<String> names = new ArrayList<>();
        session.variables().forEach((k, v) -> {
            if (v != null) {
                names.add(k);
            }
        });
        return names.isEmpty() ? Messages.get("repl.noneYet") : String.join(", ", names);
    }

    /** The engine's objects, created when a line first names them (the prompt comes up before the engine loads). */
    private Object engineVariable(String name) {
        if (!ENGINE_VARIABLES.contains(name) || session.spec() == null || session.hasExperiment()) {
            return null;
        }
        call(session::experiment);
        refresh();
        return session.variables().get(name);
    }

    private void bindHelpers() {
        groovy.bindFunction("image", a -> call(() -> session.image(toInt(a))));
        groovy.bindFunction("label", a -> call(() -> session.label(toInt(a))));
        groovy.bindFunction("predict", a -> call(() -> a.length == 1 && a[0] instanceof Number n ? session.predict(n.intValue())
                : a.length == 1 && a[0] instanceof float[] f ? session.predict(f)
                : a.length == 1 && a[0] instanceof BufferedImage b ? session.predict(b)
                : a.length == 1 && a[0] instanceof File f ? session.predict(f.toPath())
                : a.length == 1 && a[0] instanceof Path p ? session.predict(p)
                : a.length == 1 && a[0] instanceof CharSequence s ? session.predict(Path.of(s.toString()))
                : fail(Messages.get("repl.predictForms"))));
        groovy.bindFunction("show", a -> {
            out.println(display.show(a.length == 1 ? a[0] : null));
            return null;
        });
        groovy.bindFunction("summary", a -> session.summary());
        groovy.bindFunction("confusion", a -> call(session::confusion));
        inspect.bindHelpers(groovy);
        refresh();
    }

    /** What a helper does, throwing what it may. */
    interface Io<T> {
        T get() throws Exception;
    }

    /** Runs a helper; a checked exception becomes a ReplException with its message. */
    static Object call(Io<?> io) {
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
            throw new ReplException(Messages.get("repl.oneWholeNumber"), null);
        }
        return n.intValue();
    }

    @Override
    public void close() {
        if (java != null) {
            java.close();
        }
    }
}
