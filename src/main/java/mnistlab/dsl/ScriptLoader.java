package mnistlab.dsl;

import groovy.lang.Binding;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.lang.GroovyShell;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import mnistlab.engine.Experiment;
import mnistlab.engine.ShapeMismatchException;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.SweepSpec;
import mnistlab.i18n.Messages;
import mnistlab.result.ModelSummary;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Entry point of the DSL: runs an experiment script and returns the engine's spec. Every
 * problem comes back as a {@link DslException} naming file, line and column: syntax errors,
 * unknown keywords (with a did-you-mean), wrong argument types, values out of range, missing
 * sections and, through {@link #check}, the engine's shape errors mapped to the layer's line.
 */
public final class ScriptLoader {

    /** A script turned into a spec, with the line that declared each layer and its sweep (null for none). */
    public record Loaded(ExperimentSpec spec, String file, List<Integer> layerLines, SweepSpec sweep) {
    }

    private static final Map<String, Set<String>> KEYWORDS = Map.of(
            "top", keywords(ExperimentScript.class),
            "dataset", keywords(DatasetDsl.class),
            "model", keywords(ModelDsl.class),
            "train", keywords(TrainDsl.class),
            "plots", keywords(PlotsDsl.class),
            "augment", keywords(AugmentDsl.class),
            "sweep", keywords(SweepDsl.class));

    private ScriptLoader() {
    }

    /**
     * Runs a script file; {@code overrides} are {@code key=value} pairs as {@code --set} takes them.
     * @param script the file
     * @param overrides key=value pairs
     * @param sandbox whether to run it in the sandbox with the default limits
     * @return the spec, the sweep if any, and where each layer was declared
     * @throws DslException naming the file, line and column of the first problem
     */
    public static Loaded load(Path script, List<String> overrides, boolean sandbox) {
        return load(script, overrides, sandbox ? SandboxLimits.DEFAULT : null);
    }

    /**
     * Runs an untrusted script file in the sandbox, within {@code limits} (see docs/dsl.md).
     * @param script the file
     * @param overrides key=value pairs
     * @param limits time and memory the script may use
     * @return the spec, the sweep if any, and where each layer was declared
     * @throws DslException naming the file, line and column of the first problem
     */
    public static Loaded loadSandboxed(Path script, List<String> overrides, SandboxLimits limits) {
        return load(script, overrides, Objects.requireNonNull(limits, "limits"));
    }

    private static Loaded load(Path script, List<String> overrides, SandboxLimits limits) {
        return parse(ScriptFiles.read(script), script.toString(), overrides, limits);
    }

    /**
     * Runs script text; {@code file} names it in messages.
     * @param source the script
     * @param file its name in messages
     * @param overrides key=value pairs
     * @param sandbox whether to run it in the sandbox with the default limits
     * @return the spec, the sweep if any, and where each layer was declared
     * @throws DslException naming the file, line and column of the first problem
     */
    public static Loaded parse(String source, String file, List<String> overrides, boolean sandbox) {
        return parse(source, file, overrides, sandbox ? SandboxLimits.DEFAULT : null);
    }

    /**
     * Runs untrusted script text in the sandbox, within {@code limits}.
     * @param source the script
     * @param file its name in messages
     * @param overrides key=value pairs
     * @param limits time and memory the script may use
     * @return the spec, the sweep if any, and where each layer was declared
     * @throws DslException naming the file, line and column of the first problem
     */
    public static Loaded parseSandboxed(String source, String file, List<String> overrides, SandboxLimits limits) {
        return parse(source, file, overrides, Objects.requireNonNull(limits, "limits"));
    }

    /** {@code limits} null: a trusted script, compiled and run as plain Groovy. */
    private static Loaded parse(String source, String file, List<String> overrides, SandboxLimits limits) {
        String frameName = scriptClassName(Path.of(file).getFileName().toString());
        Locator locator = new Locator(frameName, source);
        ExperimentScript script = compile(source, file, frameName, limits != null);
        script.locator(locator);
        script.sandboxed(limits != null);
        try {
            if (limits == null) {
                script.run();
            } else {
                SandboxGuard.run(limits, script::run);
            }
        } catch (KeywordError e) {
            throw relocate(locator, file, e, e.keyword(), e.getMessage());
        } catch (MissingMethodException e) {
            throw relocate(locator, file, e, e.getMethod(), missingMethod(script.section(), e));
        } catch (MissingPropertyException e) {
            throw relocate(locator, file, e, e.getProperty(), missingProperty(script.section(), e.getProperty()));
        } catch (SandboxGuard.LimitExceeded | SecurityException e) {
            throw relocate(locator, file, e, null, e.getMessage());
        } catch (StackOverflowError e) {
            throw relocate(locator, file, e, null, Messages.get("dsl.stackOverflow"));
        } catch (OutOfMemoryError e) {
            throw relocate(locator, file, e, null, Messages.get("dsl.outOfMemory", e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DslException(file, 0, 0, Messages.get("dsl.interrupted"), e);
        } catch (Exception e) {
            throw relocate(locator, file, e, null, Messages.get("dsl.failed", e));
        }
        Overrides.apply(script, overrides);
        return build(script, file);
    }

    private static ExperimentScript compile(String source, String file, String frameName, boolean sandbox) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(ExperimentScript.class.getName());
        config.setSourceEncoding("UTF-8");
        // Helper methods in scripts may name the section builders' types (def block(ModelDsl m) ...).
        config.addCompilationCustomizers(new ImportCustomizer().addStarImports("mnistlab.dsl"));
        ClassLoader parent = ScriptLoader.class.getClassLoader();
        if (sandbox) {
            Sandbox.configure(config, parent);
        }
        try (GroovyClassLoader loader = new GroovyClassLoader(parent, config)) {
            GroovyShell shell = new GroovyShell(loader, new Binding(), config);
            return (ExperimentScript) shell.parse(new GroovyCodeSource(source, frameName, "/groovy/script"));
        } catch (CompilationFailedException e) {
            throw compileError(file, e);
        } catch (IOException e) {
            throw new DslException(file, 0, 0, Messages.get("dsl.compile", e.getMessage()), e);
        }
    }

    /**
     * Checks every layer's shape without training; a mismatch points at the layer's line.
     * @param loaded a loaded script
     * @return layers, output shapes and parameter counts
     * @throws DslException naming the file, line and column of the first problem
     */
    public static ModelSummary check(Loaded loaded) {
        try {
            return Experiment.summarize(loaded.spec());
        } catch (IOException e) {
            throw new DslException(loaded.file(), 0, 0, e.getMessage(), e);
        } catch (ShapeMismatchException e) {
            int line = loaded.layerLines().isEmpty() ? 0 : loaded.layerLines().get(e.layerIndex());
            String kind = loaded.spec().layers().get(e.layerIndex()).kind();
            String text;
            try {
                text = Files.readString(Path.of(loaded.file()));
            } catch (IOException | RuntimeException io) {
                text = "";
            }
            int column = new Locator(loaded.file(), text).column(line, kind);
            throw new DslException(loaded.file(), line, column, e.getMessage(), e);
        }
    }

    private static String scriptClassName(String fileName) {
        String base = fileName.endsWith(".groovy") ? fileName.substring(0, fileName.length() - 7) : fileName;
        return base.replaceAll("[^A-Za-z0-9_]", "_") + ".groovy";
    }

    private static DslException relocate(Locator locator, String file, Throwable e, String keyword, String problem) {
        DslException located = locator.error(e, keyword, problem);
        return new DslException(file, located.line(), located.column(), problem, e);
    }

    private static String where(String section) {
        return "top".equals(section) ? Messages.get("dsl.theScript") : section + " { }";
    }

    private static String missingMethod(String section, MissingMethodException e) {
        String name = e.getMethod();
        Set<String> here = KEYWORDS.get(section);
        if (here.contains(name)) {
            return Messages.get("dsl.wrongArguments", name, describeArgs(e.getArguments()), usage(section, name));
        }
        for (Map.Entry<String, Set<String>> other : KEYWORDS.entrySet()) {
            if (other.getValue().contains(name) && !other.getKey().equals("top")) {
                return Messages.get("dsl.belongsElsewhere", name, where(other.getKey()), where(section));
            }
        }
        return Messages.get("dsl.unknownKeyword", name, where(section), Suggestions.didYouMean(name, here));
    }

    /** A keyword read as a name is a keyword without its value: {@code epochs -1} reads as {@code epochs - 1}. */
    private static String missingProperty(String section, String name) {
        if (KEYWORDS.get(section).contains(name)) {
            return Messages.get("dsl.needsValue", name);
        }
        return Messages.get("dsl.unknownName", name, where(section), Suggestions.didYouMean(name, KEYWORDS.get(section)));
    }

    private static String describeArgs(Object[] args) {
        if (args.length == 0) {
            return Messages.get("dsl.noArguments");
        }
        return Messages.get("dsl.gotArguments", String.join(", ", Arrays.stream(args).map(Args::describe).toList()));
    }

    private static String usage(String section, String name) {
        Class<?> type = switch (section) {
            case "dataset" -> DatasetDsl.class;
            case "model" -> ModelDsl.class;
            case "train" -> TrainDsl.class;
            case "plots" -> PlotsDsl.class;
            case "augment" -> AugmentDsl.class;
            case "sweep" -> SweepDsl.class;
            default -> ExperimentScript.class;
        };
        Set<String> forms = new TreeSet<>();
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name)) {
                forms.add(m.getParameterCount() == 0 ? name + "()" : name + " " + String.join(", ",
                        Arrays.stream(m.getParameterTypes()).map(p -> Map.class.isAssignableFrom(p)
                                ? "options..." : "value").toList()));
            }
        }
        return String.join(Messages.get("dsl.or"), forms);
    }

    /** Public instance methods and getters a section's builder offers, as script names. */
    private static Set<String> keywords(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())) {
                String n = m.getName();
                names.add(n.startsWith("get") && n.length() > 3 && m.getParameterCount() == 0
                        ? Character.toLowerCase(n.charAt(3)) + n.substring(4) : n);
            }
        }
        return names;
    }

    private static DslException compileError(String file, CompilationFailedException e) {
        if (e instanceof MultipleCompilationErrorsException multiple && multiple.getErrorCollector().getErrorCount() > 0) {
            Message first = multiple.getErrorCollector().getError(0);
            if (first instanceof SyntaxErrorMessage syntax) {
                SyntaxException cause = syntax.getCause();
                // A sandbox refusal says what it is in the reader's language: the type checker's tag goes.
                String original = cause.getOriginalMessage();
                String untagged = original.replaceFirst("^\\[Static type checking\\] - ", "");
                String message = (untagged.startsWith(Messages.get("sandbox.tag")) ? untagged : original).strip();
                return new DslException(file, cause.getLine(), cause.getStartColumn(), message, e);
            }
            if (first instanceof ExceptionMessage ex && ex.getCause() != null) {
                return new DslException(file, 0, 0, ex.getCause().getMessage(), e);
            }
        }
        return new DslException(file, 0, 0, e.getMessage(), e);
    }

    private static Loaded build(ExperimentScript script, String file) {
        String missing = script.experimentName() == null ? "experiment 'name'"
                : script.datasetDsl() == null ? "dataset mnist { ... }"
                : script.modelDsl() == null ? "model { ... }"
                : script.trainDsl() == null ? "train { ... }" : null;
        if (missing != null) {
            throw new DslException(file, 1, 1, Messages.get("dsl.missingSection", missing.split(" ")[0], missing), null);
        }
        ModelDsl model = script.modelDsl();
        if (model.layers().isEmpty()) {
            throw new DslException(file, 1, 1, Messages.get("dsl.noLayers"), null);
        }
        try {
            DatasetSpec dataset = script.datasetDsl().build();
            if (script.augmentDsl() != null) {
                dataset = dataset.withAugment(script.augmentDsl().build());
            }
            ExperimentSpec spec = new ExperimentSpec(script.experimentName(), dataset, model.layers(),
                    script.trainDsl().build(), script.plotsDsl() == null ? List.of() : script.plotsDsl().build());
            return new Loaded(spec, file, model.lines(), script.sweepDsl() == null ? null : script.sweepDsl().build());
        } catch (IllegalArgumentException e) {
            throw new DslException(file, 1, 1, e.getMessage(), e);
        }
    }
}
