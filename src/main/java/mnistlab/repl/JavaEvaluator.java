package mnistlab.repl;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Evaluates Java through the JDK's JShell API with local execution: snippets run in this JVM and
 * reach the session's live objects through {@link ReplSession#SHARED}, declared as typed variables.
 */
final class JavaEvaluator implements AutoCloseable {
    private final JShell shell;

    JavaEvaluator() {
        shell = JShell.builder().executionEngine("local").build();
        shell.addToClasspath(System.getProperty("java.class.path"));
    }

    /** (Re)declares each shared object as a variable of its class, e.g. {@code var test = (ImageSet) ...}. */
    void declare(Map<String, Object> vars) {
        for (Map.Entry<String, Object> e : vars.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String type = publicType(e.getValue().getClass());
            evaluate(type + " " + e.getKey() + " = (" + type + ") mnistlab.repl.ReplSession.SHARED.get(\"" + e.getKey() + "\");");
        }
    }

    /** The most specific public class or interface a snippet can name. */
    private static String publicType(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (Modifier.isPublic(c.getModifiers()) && c.getCanonicalName() != null) {
                return c.getCanonicalName();
            }
            for (Class<?> i : c.getInterfaces()) {
                if (Modifier.isPublic(i.getModifiers())) {
                    return i.getCanonicalName();
                }
            }
        }
        return "Object";
    }

    boolean isComplete(String code) {
        SourceCodeAnalysis.Completeness c = shell.sourceCodeAnalysis().analyzeCompletion(code).completeness();
        return c != SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE;
    }

    /** Runs one or more snippets; returns the last value shown, or throws with JShell's diagnostics. */
    String evaluate(String code) {
        String remaining = code;
        String value = null;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(remaining);
            String source = info.source() == null ? remaining : info.source();
            for (SnippetEvent event : shell.eval(source)) {
                if (event.exception() != null) {
                    throw new ReplException(event.exception().getClass().getSimpleName() + ": " + event.exception().getMessage(),
                            event.exception());
                }
                if (event.status() == Snippet.Status.REJECTED) {
                    String diagnostics = shell.diagnostics(event.snippet()).map(d -> d.getMessage(Locale.ROOT))
                            .collect(Collectors.joining("; "));
                    throw new ReplException("Java: " + diagnostics, null);
                }
                if (event.value() != null && event.causeSnippet() == null) {
                    value = event.value();
                }
            }
            remaining = info.remaining() == null ? "" : info.remaining();
        }
        return value;
    }

    @Override
    public void close() {
        shell.close();
    }
}
