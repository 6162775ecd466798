package mnistlab.repl;

import mnistlab.i18n.Messages;
import org.jline.reader.Completer;
import org.jline.reader.impl.completer.AggregateCompleter;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.completer.StringsCompleter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REPL's colon commands in one table, as JLine's own demo pairs each command with its
 * completer: name, arguments, help line, how its argument completes and what it does. Help,
 * dispatch and completion are all read from here.
 */
final class CommandTable {
    /** A command's body; false ends the session. */
    @FunctionalInterface
    interface Body {
        boolean run(String argument) throws Exception;
    }

    record Command(String name, String arguments, String help, Completer argument, Body body) {
    }

    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    /** Adds a command whose argument completes with {@code argument} (NullCompleter for none). */
    CommandTable add(String name, String arguments, String help, Completer argument, Body body) {
        commands.put(name, new Command(name, arguments, help, argument, body));
        return this;
    }

    CommandTable alias(String alias, String name) {
        aliases.put(alias, name);
        return this;
    }

    /** Runs one command line; false when the session should end. */
    boolean run(String line) throws Exception {
        String[] parts = line.split("\\s+", 2);
        Command command = commands.get(aliases.getOrDefault(parts[0], parts[0]));
        if (command == null) {
            throw new ReplException(Messages.get("repl.unknownCommand", parts[0], String.join(", ", commands.keySet())), null);
        }
        return command.body().run(parts.length > 1 ? parts[1].strip() : "");
    }

    boolean has(String name) {
        return commands.containsKey(name);
    }

    String help() {
        StringBuilder sb = new StringBuilder();
        for (Command c : commands.values()) {
            String head = c.arguments().isEmpty() ? c.name() : c.name() + " " + c.arguments();
            sb.append(String.format("%-28s %s%n", head, c.help()));
        }
        return sb.toString();
    }

    /** Each command's name, then its argument's completer. */
    Completer completer() {
        List<Completer> each = new ArrayList<>();
        for (Command c : commands.values()) {
            each.add(new ArgumentCompleter(new StringsCompleter(c.name()), c.argument(), NullCompleter.INSTANCE));
        }
        return new AggregateCompleter(each);
    }

    /** The argument, or an error naming what the command needs. */
    static String required(String command, String arg, String what) {
        if (arg.isEmpty()) {
            throw new ReplException(Messages.get("repl.needs", command, what), null);
        }
        return arg;
    }

    static int wholeNumber(String command, String arg, String what) {
        try {
            return Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            throw new ReplException(Messages.get("repl.wholeNumber", command, what, arg), null);
        }
    }
}
