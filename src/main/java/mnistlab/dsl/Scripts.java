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

    /**
     * A script file's spec.
     * @param script the file
     * @param sandbox whether to run it in the sandbox with the default limits
     * @return the spec
     * @throws DslException naming the file, line and column of the first problem
     */
    public static ExperimentSpec load(Path script, boolean sandbox) {
        return checked(sandbox ? ScriptLoader.loadSandboxed(script, List.of(), SandboxLimits.DEFAULT)
                : ScriptLoader.load(script, List.of(), false));
    }

    /**
     * Script text; {@code name} names it in messages.
     * @param source the script
     * @param name its name in messages
     * @param sandbox whether to run it in the sandbox with the default limits
     * @return the spec
     * @throws DslException naming the file, line and column of the first problem
     */
    public static ExperimentSpec load(String source, String name, boolean sandbox) {
        return checked(ScriptLoader.parse(source, name, List.of(), sandbox));
    }

    /**
     * A script from someone you do not trust, under limits of your choosing.
     * @param script the file
     * @param limits time and memory the script may use
     * @return the spec
     * @throws DslException naming the file, line and column of the first problem
     */
    public static ExperimentSpec loadSandboxed(Path script, SandboxLimits limits) {
        return checked(ScriptLoader.loadSandboxed(script, List.of(), limits));
    }

    private static ExperimentSpec checked(ScriptLoader.Loaded loaded) {
        ScriptLoader.check(loaded);
        return loaded.spec();
    }
}
