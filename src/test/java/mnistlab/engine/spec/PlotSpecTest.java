package mnistlab.engine.spec;

import com.google.gson.JsonParseException;
import mnistlab.engine.SpecJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plots are typed and checked once, in the records: kinds, options, file names and the picture's size. */
class PlotSpecTest {
    private static String refusal(String kind, String file, Map<String, ?> options) {
        return assertThrows(IllegalArgumentException.class, () -> PlotSpec.of(kind, file, options)).getMessage();
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        assertEquals("unknown plot kind 'histogram': samples, curves, predictions, confusion, misclassified, augmented,"
                + " featureMaps, filters, saliency, gradCam",
                refusal("histogram", "h.png", Map.of()));
        assertEquals("file '../x.png' must be a plain .png or .svg file name", refusal("curves", "../x.png", Map.of()));
        assertEquals("has no option 'count'", refusal("curves", "c.png", Map.of("count", 3)));
        assertEquals("count must be from 1 to 10000, not 0", refusal("samples", "s.png", Map.of("count", 0)));
        assertEquals("padValue must be in [0, 1] (0 black, 1 white), not 2.0", refusal("samples", "s.png", Map.of("padValue", 2)));
        assertEquals("columns must be a whole number, not String 'ten'", refusal("samples", "s.png", Map.of("columns", "ten")));
    }

    @Test
    void aPictureCannotOutgrowMemory() {
        // Each value within its own bound, together far too large: 10,000 images at scale 32.
        String message = refusal("samples", "s.png", Map.of("count", 10_000, "columns", 100, "scale", 32));
        assertTrue(message.startsWith("would be ") && message.endsWith("at most 40 (fewer images, a smaller scale, size or dpi)"),
                message);
        assertEquals(Set.of("width", "height", "dpi"),
                PlotSpec.of("curves", "c.png", Map.of("width", 1200, "height", 400, "dpi", 144)).options().given());
    }

    @Test
    void specJsonKeepsTheNamesScriptsUse() {
        ExperimentSpec spec = ExperimentSpec.builder("x").mnist(Path.of("data")).flatten().linear(10)
                .plot(PlotSpec.of("samples", "s.png", Map.of("count", 100, "title", "训练集"))).build();
        String json = SpecJson.toJson(spec);
        assertTrue(json.contains("\"kind\": \"samples\""), json);
        assertTrue(json.contains("\"count\": 100"), json);
        assertEquals(spec.plots(), SpecJson.fromJson(json).plots());
        JsonParseException unknown = assertThrows(JsonParseException.class,
                () -> SpecJson.fromJson(json.replace("\"samples\"", "\"histogram\"")));
        assertTrue(unknown.getMessage().startsWith("unknown plot kind 'histogram'"), unknown.getMessage());
    }
}
