package mnistlab.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import mnistlab.DigitPhotos;
import mnistlab.engine.Experiment;
import mnistlab.result.Heatmap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The views inside the network over real HTTP: a test image's and a picture's, against the engine's own answers, and bad requests. */
class InspectApiTest {
    @TempDir
    static Path tmp;
    private static LabServer server;
    private static Path runDir;
    private static String run;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws IOException {
        runDir = TrainedRuns.trainOne(tmp.resolve("runs"));
        run = runDir.getFileName().toString();
        server = LabServer.start(tmp.resolve("runs"), "127.0.0.1", 0, new PrintStream(LOG, true));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String path, byte[] body) throws Exception {
        return ApiCalls.send(server, method, path, body);
    }

    private static JsonObject ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body().substring(0, Math.min(200, r.body().length())));
        return ApiCalls.json(r);
    }

    private static String error(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body().substring(0, Math.min(200, r.body().length())));
        return ApiCalls.json(r).get("error").getAsString();
    }

    private static float[] floats(JsonArray array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsFloat();
        }
        return out;
    }

    @Test
    void aTestImagesViewsAreTheEnginesAnswers() throws Exception {
        String base = "/api/runs/" + run + "/test/3/";
        JsonObject activations = ok(send("GET", base + "activations", null));
        JsonArray layers = activations.getAsJsonArray("layers");
        assertEquals(7, layers.size(), "conv2d, relu, maxPool, flatten, linear, relu, linear");
        JsonObject conv = layers.get(0).getAsJsonObject();
        assertEquals("conv2d", conv.get("name").getAsString());
        assertEquals("[16,28,28]", conv.get("shape").toString());
        assertEquals(InspectApi.MAPS_SENT, conv.get("mapsSent").getAsInt());
        assertEquals(InspectApi.MAPS_SENT * 784, conv.getAsJsonArray("values").size(), "the first maps only");
        assertEquals(10, layers.get(6).getAsJsonObject().getAsJsonArray("values").size());
        assertEquals(784, activations.getAsJsonArray("input").size());

        JsonObject saliency = ok(send("GET", base + "saliency?class=5", null));
        JsonObject cam = ok(send("GET", base + "gradcam", null));
        try (Experiment exp = Experiment.open(runDir)) {
            float[] pixels = exp.testSet().image(3);
            assertEquals(exp.predict(pixels).label(), activations.get("label").getAsInt());
            assertEquals(exp.predict(pixels).label(), cam.get("class").getAsInt(), "Grad-CAM explains the prediction by default");
            Heatmap expected = exp.inspector().saliency(pixels, 5);
            float[] sent = floats(saliency.getAsJsonArray("values"));
            for (int i = 0; i < 784; i++) {
                assertEquals(expected.values()[i], sent[i], 1e-6, "pixel " + i);
            }
        }
        assertEquals(5, saliency.get("class").getAsInt());
        assertEquals(1, cam.get("layer").getAsInt(), "the ReLU after the last conv layer");
        assertEquals(784, cam.getAsJsonArray("values").size());
        assertEquals(2, ok(send("GET", base + "gradcam?class=2&layer=0", null)).get("class").getAsInt());
        assertEquals("", LOG.toString(), "no request was a server error");
    }

    @Test
    void aPictureIsPreparedAsForPredictions() throws Exception {
        BufferedImage drawing = DigitPhotos.drawnOne(130, 20);
        byte[] png = ApiCalls.png(drawing);
        JsonObject predicted = ok(send("POST", "/api/runs/" + run + "/predict", png));
        JsonObject cam = ok(send("POST", "/api/runs/" + run + "/gradcam", png));
        assertEquals(predicted.getAsJsonArray("input"), cam.getAsJsonArray("input"), "the same 28x28 the model classifies");
        assertEquals(predicted.get("label").getAsInt(), cam.get("class").getAsInt());
        assertEquals(7, ok(send("POST", "/api/runs/" + run + "/activations", png)).getAsJsonArray("layers").size());
    }

    @Test
    void badRequestsGetOneLineAndTheRightStatus() throws Exception {
        String base = "/api/runs/" + run;
        assertEquals("test image 5000 does not exist: the test set has 2000 images, 0 to 1999 (did you mean 1999?)",
                error(send("GET", base + "/test/5000/saliency", null), 400));
        assertEquals("layer 4 (linear) gives no feature maps for Grad-CAM (did you mean 2? layers with feature maps: 0 to 2)",
                error(send("GET", base + "/test/0/gradcam?layer=4", null), 400));
        assertEquals("class 12 does not exist: the model's classes are 0 to 9 (did you mean 9?)",
                error(send("GET", base + "/test/0/saliency?class=12", null), 400));
        assertEquals("the query's class must be a whole number of at most 9 digits, not 'x'",
                error(send("GET", base + "/test/0/saliency?class=x", null), 400));
        assertEquals("the body is not a picture this reads (PNG, JPEG, BMP or GIF)",
                error(send("POST", base + "/saliency", "hello".getBytes()), 400));
        error(send("POST", base + "/activations", new byte[RunsApi.MAX_UPLOAD + 1]), 413);
        assertEquals("no digit found: the picture has no ink", error(send("POST", base + "/gradcam",
                ApiCalls.png(new BufferedImage(60, 60, BufferedImage.TYPE_BYTE_GRAY))), 422));
        error(send("GET", base + "/saliency", null), 405);
        error(send("POST", base + "/test/0/saliency", new byte[0]), 405);
        error(send("GET", "/api/runs/nosuchrun/test/0/activations", null), 404);
        error(send("GET", "/api/runs/..%2F..%2Fetc/test/0/activations", null), 404);
        error(send("GET", base + "/test/-1/saliency", null), 404);
        error(send("GET", base + "/test/123456789/saliency", null), 404);
        byte[] picture = ApiCalls.png(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY));
        assertEquals("the body is a truncated picture: it ends before its picture does",
                error(send("POST", base + "/activations", Arrays.copyOf(picture, 60)), 400));
        byte[] bomb = picture.clone(); // the header claims 100000x100000 pixels
        for (int i : new int[] {16, 20}) {
            bomb[i] = 0;
            bomb[i + 1] = 1;
            bomb[i + 2] = (byte) 0x86;
            bomb[i + 3] = (byte) 0xA0;
        }
        assertEquals("the body is 100000x100000 pixels; at most 40 megapixels", error(send("POST", base + "/gradcam", bomb), 400));
        assertEquals("", LOG.toString(), "no request was a server error");
    }

    /** Answers carry hundreds of pixels, mostly 0: written short, the others as Gson writes them. */
    @Test
    void floatArraysAreWrittenWithShortZeros() throws IOException {
        assertEquals("{\"input\":[0,0.25,1.0,-3.5E-4]}", Exchange.toJson(Map.of("input", new float[] {0f, 0.25f, 1f, -3.5e-4f})));
        assertArrayEquals(new float[] {0f, 0.25f, 1f, -3.5e-4f}, new FloatArrayJson().fromJson("[0,0.25,1.0,-3.5E-4]"));
    }

}
