package mnistlab.dsl;

import mnistlab.engine.spec.ExperimentSpec;

import java.nio.file.Path;
import java.util.List;

/**
 * Experiment scripts for Java applications: a script in, a shape-checked spec out, or one
 * {@link DslException} at the script's file, line and column. With {@code sandbox}, the script
 * is held to the DSL's declarative subset and {@link SandboxLimits#DEFAULT} (docs/dsl.md).
 */
public final class Scripts {
    private Scripts() {
    }

    public static ExperimentSpec load(Path script, boolean sandbox) {
        return checked(sandbox ? ScriptLoader.loadSandboxed(script, List.of(), SandboxLimits.DEFAULT)
                : ScriptLoader.load(script, List.of(), false));
    }

    /** Script text; {@code name} names it in messages. */
    public static ExperimentSpec load(String source, String name, boolean sandbox) {
        return checked(ScriptLoader.parse(source, name, List.of(), sandbox));
    }

    /** A script from someone you do not trust, under limits of your choosing. */
    public static ExperimentSpec loadSandboxed(Path script, SandboxLimits limits) {
        return checked(ScriptLoader.loadSandboxed(script, List.of(), limits));
    }

    private static ExperimentSpec checked(ScriptLoader.Loaded loaded) {
        ScriptLoader.check(loaded);
        return loaded.spec();
    }
}
