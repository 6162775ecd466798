package mnistlab;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The README's arrows over the compiled classes: data flows script → spec → engine → results →
 * plots and report, and no package uses one above it in {@link #LAYERS}. The spec, the results
 * and the plots never touch DJL.
 */
class LayeringTest {
    /** Bottom first; each entry is the packages of one layer. */
    private static final List<String[]> LAYERS = List.of(
            new String[] {"mnistlab.i18n.."},
            new String[] {"mnistlab.data.."},
            new String[] {"mnistlab.engine.spec.."},
            new String[] {"mnistlab.result.."},
            new String[] {"mnistlab.plot.."},
            new String[] {"mnistlab.engine", "mnistlab.engine.optim.."},
            new String[] {"mnistlab.interop.."},
            new String[] {"mnistlab.dsl.."},
            new String[] {"mnistlab.run.."},
            new String[] {"mnistlab.serve.."},
            new String[] {"mnistlab.repl.."},
            new String[] {"mnistlab.cli.."});

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("mnistlab");

    @Test
    void noPackageUsesOneAboveIt() {
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).stream().flatMap(Arrays::stream).toArray(String[]::new);
            noClasses().that().resideInAnyPackage(LAYERS.get(i)).should().dependOnClassesThat().resideInAnyPackage(above)
                    .check(MAIN);
        }
    }

    @Test
    void theSpecTheResultsAndThePlotsNeedNoDjl() {
        noClasses().that().resideInAnyPackage("mnistlab.engine.spec..", "mnistlab.result..", "mnistlab.plot..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..").check(MAIN);
    }
}
