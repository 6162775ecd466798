package mnistlab.repl;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** Completes colon commands (through their table), session variables, helpers, and a variable's members after a dot. */
final class SessionCompleter implements Completer {
    private static final List<String> HELPERS = List.of("image(", "label(", "predict(", "show(", "summary()", "confusion()");

    private final Completer commands;
    private final Supplier<Map<String, Object>> variables;

    SessionCompleter(Completer commands, Supplier<Map<String, Object>> variables) {
        this.commands = commands;
        this.variables = variables;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.line().startsWith(":")) {
            commands.complete(reader, line, candidates);
            return;
        }
        String word = line.word();
        int dot = word.lastIndexOf('.');
        if (dot > 0) {
            Object target = variables.get().get(word.substring(0, dot));
            if (target != null) {
                for (String member : members(target.getClass())) {
                    candidates.add(new Candidate(word.substring(0, dot + 1) + member, member, null, null, null, null, false));
                }
            }
            return;
        }
        variables.get().keySet().forEach(v -> candidates.add(new Candidate(v)));
        for (String helper : HELPERS) {
            candidates.add(new Candidate(helper, helper, null, null, null, null, false));
        }
    }

    /** Public methods (with "(") and bean properties of a type. */
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
