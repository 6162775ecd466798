package mnistlab.dsl;

import mnistlab.engine.spec.LayerSpec;
import mnistlab.engine.spec.PlotKind;
import mnistlab.engine.spec.PlotSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** featureMaps, filters, saliency and gradCam in plots { }, sandboxed as well, and what they refuse. */
class InspectPlotsDslTest {
    private static final String SCRIPT = """
            experiment 'probe'
            dataset mnist {
                limit 1000
            }
            model {
                conv2d 8, kernel: 5, padding: 2
                relu()
                maxPool 2
                conv2d 16, kernel: 5, padding: 2
                relu()
                flatten()
                linear 10
            }
            train {
                epochs 1
            }
            plots {
            PLOTS
            }
            """;

    private static List<PlotSpec> plots(String lines, boolean sandbox) {
        return ScriptLoader.parse(SCRIPT.replace("PLOTS", lines), "probe.groovy", List.of(), sandbox).spec().plots();
    }

    private static String failure(String lines) {
        return assertThrows(DslException.class, () -> plots(lines, false)).getMessage();
    }

    @Test
    void theKeywordsBuildTheirSpecsInASandboxToo() {
        String lines = """
                featureMaps 0, 7
                filters()
                saliency 0..9
                gradCam misclassified: 16
                gradCam 0..4, [20, 30], layer: 0, count: 3, file: 'cam0.svg'
                """;
        for (boolean sandbox : List.of(false, true)) {
            List<PlotSpec> plots = plots(lines, sandbox);
            assertEquals(List.of(PlotKind.FEATURE_MAPS, PlotKind.FILTERS, PlotKind.SALIENCY, PlotKind.GRAD_CAM, PlotKind.GRAD_CAM),
                    plots.stream().map(PlotSpec::kind).toList());
            assertEquals(List.of("feature-maps.png", "filters.png", "saliency.png", "grad-cam.png", "cam0.svg"),
                    plots.stream().map(PlotSpec::file).toList());
            assertEquals(List.of(0, 7), plots.get(0).options().images());
            assertNull(plots.get(1).options().images());
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), plots.get(2).options().images());
            assertEquals(16, plots.get(3).options().misclassified());
            assertEquals(List.of(0, 1, 2, 3, 4, 20, 30), plots.get(4).options().images());
            List<LayerSpec> layers = ScriptLoader.parse(SCRIPT.replace("PLOTS", lines), "probe.groovy",
                    List.of(), sandbox).spec().layers();
            assertEquals(List.of(0, 0, 0, 4, 0), plots.stream().map(p -> p.layerIn(layers)).toList(),
                    "the first conv layer, but Grad-CAM's default is the last one's ReLU");
        }
    }

    @Test
    void wrongLayersImagesAndOptionsAreNamed() {
        assertEquals("probe.groovy:1:1: gradCam layer: 6 does not give feature maps (layers before the flatten: 0 to 4)",
                failure("gradCam 0, layer: 6"));
        assertEquals("probe.groovy:1:1: filters layer: 1 is not a conv layer (conv layers: 0, 3)",
                failure("filters layer: 1"));
        assertEquals("probe.groovy:1:1: featureMaps layer: 5 does not give feature maps (layers before the flatten: 0 to 4)",
                failure("featureMaps 0, layer: 5"));
        assertEquals("probe.groovy:18:1: 'saliency' images must be from 1 to 100, not 101", failure("saliency 0..500"));
        assertEquals("probe.groovy:18:1: 'gradCam' images: and misclassified: choose the test images two ways: give one of them",
                failure("gradCam 3, misclassified: 4"));
        assertEquals("probe.groovy:18:1: saliency: the images are given twice, as values and as images: ; keep one",
                failure("saliency 3, images: [4]"));
        assertEquals("probe.groovy:18:1: 'filters' dpi must be from 1 to 600, not 99999", failure("filters dpi: 99999"));
        assertEquals("probe.groovy:18:1: 'saliency' images must be a whole number, not String 'x'", failure("saliency 'x', 3"));
        assertEquals("probe.groovy:18:1: 'gradCam' misclassified must be from 1 to 100, not 100000", failure("gradCam misclassified: 100000"));
    }
}
