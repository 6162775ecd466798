package mnistlab.repl;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.GroovyShell;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates Groovy against one binding for the whole session, so variables live on from line to
 * line. {@code def x = ...} at the start of a line would make x local to that line; it is kept
 * as a session variable instead, as users of a shell expect.
 */
final class GroovyEvaluator {
    private static final Pattern DEF = Pattern.compile("^\\s*def\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*=");

    private final Binding binding;
    private final GroovyShell shell;
    private int counter;

    /**
     * @param lazy supplies a variable the binding does not hold yet (the engine's objects, created
     *             on first use), or null when it has none by that name
     */
    GroovyEvaluator(java.util.function.Function<String, Object> lazy) {
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
        Matcher m = DEF.matcher(code);
        String source = m.find() ? code.substring(0, m.start()) + m.group(1) + " =" + code.substring(m.end()) : code;
        return shell.evaluate(source, "repl" + (++counter) + ".groovy");
    }

    void bind(String name, Object value) {
        binding.setVariable(name, value);
    }

    /** A helper function, e.g. {@code image(3)}, callable like a method. */
    void bindFunction(String name, java.util.function.Function<Object[], Object> function) {
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

    void clearUserVariables(java.util.Set<String> keep) {
        variables().keySet().removeIf(k -> !keep.contains(k));
    }
}
