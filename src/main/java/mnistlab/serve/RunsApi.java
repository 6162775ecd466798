package mnistlab.serve;

import com.google.gson.JsonParseException;
import mnistlab.data.ImageFiles;
import mnistlab.data.NoDigitException;
import mnistlab.engine.RunFolder;
import mnistlab.engine.SpecJson;
import mnistlab.result.Evaluation;
import mnistlab.result.Prediction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's API (docs/serve.md): runs, one run, a run's files, the test images of a confusion
 * cell, predictions for uploaded pictures, and (through {@link InspectApi}) views inside the network.
 */
final class RunsApi {
    /** An upload larger than this is not a drawing or a photo of one digit. */
    static final int MAX_UPLOAD = 5 << 20;
    /** Images a confusion cell returns at most. */
    static final int MAX_CELL_IMAGES = 100;

    private static final Pattern RUN = Pattern.compile("/api/runs/([^/]+)");
    private static final Pattern FILE = Pattern.compile("/api/runs/([^/]+)/files/([^/]+)");
    private static final Pattern CELL = Pattern.compile("/api/runs/([^/]+)/confusion/(\\d{1,3})/(\\d{1,3})");
    private static final Pattern PREDICT = Pattern.compile("/api/runs/([^/]+)/predict");

    private final RunIndex runs;
    private final LoadedRuns loaded;
    private final InspectApi inspect;

    RunsApi(RunIndex runs, LoadedRuns loaded) {
        this.runs = runs;
        this.loaded = loaded;
        this.inspect = new InspectApi(runs, loaded);
    }

    void handle(Exchange ex) throws IOException {
        String path = ex.rawPath();
        Matcher m;
        if (path.equals("/api/runs")) {
            ex.requireMethod("GET");
            ex.json(200, runs.list());
        } else if (path.equals("/api/predict")) {
            ex.requireMethod("POST");
            predict(ex, runs.newest());
        } else if ((m = FILE.matcher(path)).matches()) {
            ex.requireMethod("GET");
            Path file = runs.file(m.group(1), m.group(2));
            ex.send(200, contentType(file), Files.readAllBytes(file));
        } else if ((m = CELL.matcher(path)).matches()) {
            ex.requireMethod("GET");
            ex.json(200, cell(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        } else if (inspect.handles(path)) {
            inspect.handle(ex);
        } else if ((m = PREDICT.matcher(path)).matches()) {
            ex.requireMethod("POST");
            predict(ex, m.group(1));
        } else if ((m = RUN.matcher(path)).matches()) {
            ex.requireMethod("GET");
            ex.json(200, run(m.group(1)));
        } else {
            throw HttpError.notFound("no API at " + path);
        }
    }

    private Map<String, Object> run(String id) throws IOException {
        Path dir = runs.run(id);
        Map<String, Object> run = runs.summary(dir);
        try {
            run.put("spec", SpecJson.gson().fromJson(Files.readString(dir.resolve(RunFolder.SPEC)), Object.class));
        } catch (JsonParseException e) {
            throw new HttpError(500, "run '" + id + "' has an unreadable spec.json");
        }
        if (Files.isRegularFile(dir.resolve(RunFolder.METRICS))) {
            run.put("metrics", runs.metrics(id));
        }
        List<String> files = new ArrayList<>();
        try (var list = Files.list(dir)) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.matches(".*\\.(png|svg|html)")).sorted().forEach(files::add);
        }
        run.put("files", files);
        return run;
    }

    /** The test images of true class {@code truth} that the run's model called {@code predicted}, most confident first. */
    private Map<String, Object> cell(String id, int truth, int predicted) throws IOException {
        LoadedRuns.Evaluated e = loaded.evaluated(runs.run(id));
        Evaluation eval = e.evaluation();
        int classes = e.experiment().testSet().classNames().size();
        if (truth >= classes || predicted >= classes) {
            throw HttpError.badRequest("classes are 0 to " + (classes - 1));
        }
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < eval.count(); i++) {
            if (eval.labels()[i] == truth && eval.predictions()[i] == predicted) {
                indices.add(i);
            }
        }
        indices.sort((a, b) -> Float.compare(eval.confidences()[b], eval.confidences()[a]));
        List<Map<String, Object>> images = new ArrayList<>();
        for (int i : indices.subList(0, Math.min(MAX_CELL_IMAGES, indices.size()))) {
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("index", i);
            image.put("probability", eval.confidences()[i]);
            image.put("pixels", e.experiment().testSet().image(i));
            images.add(image);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("true", truth);
        answer.put("predicted", predicted);
        answer.put("count", indices.size());
        answer.put("images", images);
        return answer;
    }

    private void predict(Exchange ex, String id) throws IOException {
        PredictionBatcher model = loaded.classifier(runs.run(id));
        byte[] body = ex.body(MAX_UPLOAD);
        float[] input;
        try {
            input = model.input(ImageFiles.read(body));
        } catch (IOException e) {
            throw HttpError.badRequest("the body " + e.getMessage());
        } catch (NoDigitException e) {
            throw new HttpError(422, e.getMessage()); // a good picture, but nothing in it to classify
        }
        Prediction p;
        try {
            p = model.predict(input);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "the server is stopping");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("run", id);
        answer.put("label", p.label());
        answer.put("probabilities", p.probabilities());
        answer.put("classes", p.classNames());
        answer.put("input", input);
        ex.json(200, answer);
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".png") ? "image/png" : name.endsWith(".svg") ? "image/svg+xml"
                : name.endsWith(".html") ? "text/html; charset=utf-8" : name.endsWith(".json") ? "application/json"
                : "text/csv; charset=utf-8";
    }
}
