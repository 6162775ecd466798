package mnistlab.repl;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import org.codehaus.groovy.runtime.MethodClosure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates Groovy against one binding for the whole session, so variables live on from line to
 * line. {@code def x = ...} at the start of a line would make x local to that line; it is kept
 * as a session variable instead, and methods and imports declared on one line stay for the
 * lines after it, as users of groovysh expect.
 */
final class GroovyEvaluator {
    private static final Pattern DEF = Pattern.compile("^\\s*def\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*=");
    /** Leading import statements of a line, which stay in force for the lines after it. */
    private static final Pattern IMPORTS = Pattern.compile(
            "(\\s*import\\s+(static\\s+)?[\\w.]+(\\.\\*)?(\\s+as\\s+\\w+)?\\s*(;|\\n|$))+");
    private static final Pattern ONE_IMPORT = Pattern.compile("import\\s+(static\\s+)?[\\w.]+(\\.\\*)?(\\s+as\\s+\\w+)?");

    private final Binding binding;
    private final GroovyShell shell;
    private int counter;
    private String keptImports = "";

    /**
     * @param lazy supplies a variable the binding does not hold yet (the engine's objects, created
     *             on first use), or null when it has none by that name
     */
    GroovyEvaluator(Function<String, Object> lazy) {
        binding = new Binding() {
            @Override
            public Object getVariable(String name) {
                if (!super.hasVariable(name) || super.getVariable(name) == null) {
                    Object value = lazy.apply(name);
                    if (value != null) {
                        super.setVariable(name, value);
                        return value;
                    }
                }
                return super.getVariable(name);
            }
        };
        shell = new GroovyShell(GroovyEvaluator.class.getClassLoader(), binding);
    }

    Object evaluate(String code) {
        Matcher imports = IMPORTS.matcher(code);
        StringBuilder added = new StringBuilder();
        String rest = code;
        if (imports.lookingAt()) {
            for (Matcher one = ONE_IMPORT.matcher(imports.group()); one.find(); ) {
                added.append(one.group()).append("; ");
            }
            // Blank lines where the imports were keep the line numbers of what follows.
            rest = "\n".repeat((int) imports.group().chars().filter(c -> c == '\n').count()) + code.substring(imports.end());
        }
        Matcher m = DEF.matcher(rest);
        String statements = m.find() ? rest.substring(0, m.start()) + m.group(1) + " =" + rest.substring(m.end()) : rest;
        // Imports go before the line, on its own first line, so line numbers stay the user's.
        String prelude = keptImports + added;
        Script script = shell.parse(prelude + statements, "repl" + (++counter) + ".groovy");
        Object result = script.run();
        keptImports = prelude;
        keepMethods(script);
        return result;
    }

    /** Methods a line declared stay callable, as in groovysh: the binding holds a closure for each. */
    private void keepMethods(Script script) {
        for (Method method : script.getClass().getDeclaredMethods()) {
            String name = method.getName();
            if (!method.isSynthetic() && Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                    && !name.equals("run") && !name.contains("$")) {
                binding.setVariable(name, new MethodClosure(script, name));
            }
        }
    }

    void bind(String name, Object value) {
        binding.setVariable(name, value);
    }

    /** A helper function, e.g. {@code image(3)}, callable like a method. */
    void bindFunction(String name, Function<Object[], Object> function) {
        binding.setVariable(name, new Closure<Object>(this) {
            @Override
            public Object call(Object... args) {
                return function.apply(args);
            }
        });
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> variables() {
        return binding.getVariables();
    }

    void clearUserVariables(Set<String> keep) {
        variables().keySet().removeIf(k -> !keep.contains(k));
    }
}
