package mnistlab.engine;

import com.google.gson.JsonParseException;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.PlotSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** spec.json read back: a run folder may come from someone else, so its values are read strictly. */
class SpecJsonTest {
    private static final String JSON = SpecJson.toJson(ExperimentSpec.builder("x")
            .dataset(DatasetSpec.of("mnist", Path.of("data")).withDeskew(true)).flatten().linear(10).build());

    @Test
    void aSwitchIsTrueOrFalseNotAWordGsonWouldReadAsFalse() {
        assertTrue(JSON.contains("\"deskew\": true"), JSON);
        assertTrue(SpecJson.fromJson(JSON).dataset().deskew());
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> SpecJson.fromJson(JSON.replace("\"deskew\": true", "\"deskew\": \"yes\"")));
        assertEquals("expected true or false, not \"yes\"", e.getMessage());
        assertThrows(JsonParseException.class, () -> SpecJson.fromJson(JSON.replace("\"deskew\": true", "\"deskew\": 1")));
    }

    @Test
    void aValueTheRecordsRefuseIsTheirOneLineNotGsonsDumpOfTheWholeSpec() {
        assertTrue(JSON.contains("\"normalizedWidth\": 0"), JSON);
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> SpecJson.fromJson(JSON.replace("\"normalizedWidth\": 0", "\"normalizedWidth\": -3")));
        assertEquals("normalizeWidth must be a width in pixels, or 0 for none, not -3", e.getMessage());
    }

    @Test
    void anInspectionPicturesImagesAndLayerComeBackAndAreCheckedAgain() {
        ExperimentSpec spec = ExperimentSpec.builder("x").dataset(DatasetSpec.of("mnist", Path.of("data")))
                .conv2d(4, c -> c.kernel(3)).flatten().linear(10)
                .plot(PlotSpec.of("gradCam", "cam.png", Map.of("images", List.of(3, 7), "layer", 0))).build();
        String json = SpecJson.toJson(spec);
        assertEquals(spec.plots(), SpecJson.fromJson(json).plots());
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> SpecJson.fromJson(json.replaceFirst("\\[\\s*3,", "[-1,")));
        assertEquals("images must be from 0 to 9999999, not -1", e.getMessage());
        assertEquals("images must be a whole number, not null", assertThrows(JsonParseException.class,
                () -> SpecJson.fromJson(json.replaceFirst("\\[\\s*3,", "[null,"))).getMessage());
    }
}
