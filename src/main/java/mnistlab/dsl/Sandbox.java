package mnistlab.dsl;

import groovy.transform.CompileStatic;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;

import java.util.List;
import java.util.Map;

/**
 * Compiler settings for scripts from untrusted sources. Groovy's SecureASTCustomizer alone can be
 * bypassed (dynamic dispatch, metaclass changes, string-to-class coercion, {@code Eval}, closure
 * delegates), because it sees only the syntax. Here the script is compiled statically instead:
 * every call is bound at compile time, and {@link SandboxExtension} refuses each one whose target
 * is not on the allow-list (imports included). Nothing is left to dynamic dispatch at run time,
 * so what passed the check is all that can run.
 */
final class Sandbox {
    private Sandbox() {
    }

    static void configure(CompilerConfiguration config) {
        config.addCompilationCustomizers(new ASTTransformationCustomizer(Map.of("extensions", List.of(SandboxExtension.class.getName())),
                        CompileStatic.class));
    }
}
