package mnistlab.dsl;

import groovy.transform.CompileStatic;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.transform.ASTTransformation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiler settings for scripts from untrusted sources, in three gates: {@link SandboxSyntax}
 * admits only the DSL's declarative subset of Groovy before any AST transformation could run
 * (and every global transformation on the class path is switched off, so none runs at all);
 * the script is then compiled statically, every call bound at compile time, and
 * {@link SandboxExtension} refuses each target that is not on its allow-list; at run time
 * {@link SandboxGuard} bounds time and allocation. The threat model is in docs/dsl.md.
 */
final class Sandbox {
    private static final String GLOBAL_TRANSFORMS = "META-INF/services/" + ASTTransformation.class.getName();

    private Sandbox() {
    }

    static void configure(CompilerConfiguration config, ClassLoader loader) {
        config.setDisabledGlobalASTTransformations(globalTransforms(loader));
        config.addCompilationCustomizers(new SandboxSyntax(),
                new ASTTransformationCustomizer(Map.of("extensions", List.of(SandboxExtension.class.getName())),
                        CompileStatic.class));
    }

    /** Every global AST transformation the loader would apply, as Groovy finds them. */
    private static Set<String> globalTransforms(ClassLoader loader) {
        Set<String> names = new HashSet<>();
        try {
            for (URL service : Collections.list(loader.getResources(GLOBAL_TRANSFORMS))) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(service.openStream(), StandardCharsets.UTF_8))) {
                    in.lines().map(line -> line.replaceAll("#.*", "").trim()).filter(line -> !line.isEmpty()).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list Groovy's global AST transformations", e);
        }
        return names;
    }
}
