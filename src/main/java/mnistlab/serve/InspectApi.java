package mnistlab.serve;

import mnistlab.data.ImageFiles;
import mnistlab.data.NoDigitException;
import mnistlab.engine.Inspector;
import mnistlab.result.Heatmap;
import mnistlab.result.LayerOutput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's views inside the network (docs/serve.md), one endpoint each, for a test image
 * ({@code GET /api/runs/ID/test/I/VIEW}) or a picture ({@code POST /api/runs/ID/VIEW}, the limits
 * and errors of /api/predict): activations (the first maps of each layer), saliency and gradcam.
 */
final class InspectApi {
    /** Feature maps sent per layer: what the page shows, and a bound on the answer's size. */
    static final int MAPS_SENT = 8;

    private static final String VIEWS = "(activations|saliency|gradcam)";
    private static final Pattern TEST = Pattern.compile("/api/runs/([^/]+)/test/(\\d{1,7})/" + VIEWS);
    private static final Pattern UPLOAD = Pattern.compile("/api/runs/([^/]+)/" + VIEWS);

    private final RunIndex runs;
    private final LoadedRuns loaded;

    InspectApi(RunIndex runs, LoadedRuns loaded) {
        this.runs = runs;
        this.loaded = loaded;
    }

    boolean handles(String path) {
        return TEST.matcher(path).matches() || UPLOAD.matcher(path).matches();
    }

    void handle(Exchange ex) throws IOException {
        Matcher m = TEST.matcher(ex.rawPath());
        boolean test = m.matches();
        if (!test) {
            m = UPLOAD.matcher(ex.rawPath());
            m.matches();
        }
        ex.requireMethod(test ? "GET" : "POST");
        String id = m.group(1);
        String view = m.group(test ? 3 : 2);
        Integer index = test ? Integer.valueOf(m.group(2)) : null;
        byte[] body = test ? null : ex.body(RunsApi.MAX_UPLOAD);
        Integer targetClass = ex.queryInt("class");
        Integer layer = ex.queryInt("layer");
        Map<String, Object> answer = loaded.inspect(runs.run(id), inspector -> {
            float[] pixels = test ? inspector.testImage(index) : pixels(inspector, body);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("run", id);
            a.put("index", index);
            a.put("input", pixels);
            a.putAll(switch (view) {
                case "activations" -> activations(inspector.activations(pixels));
                case "saliency" -> heatmap(targetClass == null ? inspector.saliency(pixels) : inspector.saliency(pixels, targetClass));
                default -> heatmap(targetClass != null
                        ? inspector.gradCam(pixels, targetClass, layer == null ? inspector.defaultGradCamLayer() : layer)
                        : layer != null ? inspector.gradCamAt(pixels, layer) : inspector.gradCam(pixels));
            });
            return a;
        });
        ex.json(200, answer);
    }

    private static float[] pixels(Inspector inspector, byte[] body) {
        try {
            return inspector.pixelsOf(ImageFiles.read(body));
        } catch (IOException e) {
            throw HttpError.badRequest("the body " + e.getMessage());
        } catch (NoDigitException e) {
            throw new HttpError(422, e.getMessage()); // a good picture, but nothing in it to look at
        }
    }

    /** Each layer's index, kind, shape and values: feature maps cut to the first {@link #MAPS_SENT}. */
    private static Map<String, Object> activations(List<LayerOutput> outputs) {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LayerOutput output : outputs) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("index", output.index());
            layer.put("name", output.name());
            layer.put("shape", output.shape());
            float[] values = output.values();
            if (output.featureMaps()) {
                long[] shape = output.shape();
                int sent = (int) Math.min(MAPS_SENT, shape[0]);
                layer.put("mapsSent", sent);
                values = Arrays.copyOf(values, (int) (sent * shape[1] * shape[2]));
            }
            layer.put("values", values);
            layers.add(layer);
        }
        float[] logits = outputs.get(outputs.size() - 1).values();
        int label = 0;
        for (int c = 1; c < logits.length; c++) {
            label = logits[c] > logits[label] ? c : label;
        }
        return Map.of("label", label, "layers", layers);
    }

    private static Map<String, Object> heatmap(Heatmap heatmap) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("class", heatmap.targetClass());
        if (heatmap.layer() >= 0) {
            a.put("layer", heatmap.layer());
        }
        a.put("rows", heatmap.rows());
        a.put("cols", heatmap.cols());
        a.put("values", heatmap.values());
        return a;
    }
}
