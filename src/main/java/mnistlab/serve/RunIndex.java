package mnistlab.serve;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import mnistlab.engine.RunFolder;
import mnistlab.engine.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The run folders under one root, found by name only: an id is a plain folder name directly under
 * the root (no separators, no dots alone, no links out of the root), and a file in a run is a
 * plain name with an extension the page shows. Run folders may come from anywhere, so their JSON
 * is read defensively: a broken one is listed with its error, never trusted.
 */
final class RunIndex {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}\\.(png|svg|html|json|csv)");

    private final Path root;

    RunIndex(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** Every run, newest first, as the runs table shows it. */
    List<Map<String, Object>> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(d -> ID.matcher(d.getFileName().toString()).matches()).toList()) {
                if (Files.isRegularFile(dir.resolve(RunFolder.SPEC), LinkOption.NOFOLLOW_LINKS)) {
                    runs.add(summary(dir));
                }
            }
        }
        runs.sort(Comparator.comparing((Map<String, Object> r) -> (String) r.get("date")).reversed());
        return runs;
    }

    /** The run folder of an id, or 404. */
    Path run(String id) throws IOException {
        if (id == null || !ID.matcher(id).matches()) {
            throw HttpError.notFound("no run '" + id + "'");
        }
        Path dir = root.resolve(id);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(dir.resolve(RunFolder.SPEC))
                || !dir.toRealPath().getParent().equals(root.toRealPath())) {
            throw HttpError.notFound("no run '" + id + "'");
        }
        return dir;
    }

    /** A file of a run that the page may show, or 404. */
    Path file(String id, String name) throws IOException {
        Path dir = run(id);
        if (name == null || !FILE.matcher(name).matches()) {
            throw HttpError.notFound("no file '" + name + "' in run '" + id + "'");
        }
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw HttpError.notFound("no file '" + name + "' in run '" + id + "'");
        }
        return file;
    }

    /** The newest run with a checkpoint, for POST /api/predict. */
    String newest() throws IOException {
        for (Map<String, Object> run : list()) {
            if (Files.isRegularFile(root.resolve((String) run.get("id")).resolve(RunFolder.CHECKPOINT))) {
                return (String) run.get("id");
            }
        }
        throw HttpError.notFound("no run with a trained model under " + root);
    }

    /** What the runs table shows of one run. */
    Map<String, Object> summary(Path dir) throws IOException {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", dir.getFileName().toString());
        run.put("date", Instant.ofEpochMilli(Files.getLastModifiedTime(dir).toMillis()).toString());
        try {
            JsonObject spec = read(dir.resolve(RunFolder.SPEC));
            run.put("experiment", spec.get("name").getAsString());
            run.put("dataset", spec.getAsJsonObject("dataset").get("name").getAsString());
            JsonObject metrics = Files.isRegularFile(dir.resolve(RunFolder.METRICS)) ? read(dir.resolve(RunFolder.METRICS)) : null;
            if (metrics != null) {
                run.put("epochs", metrics.getAsJsonArray("epochs").size());
                run.put("device", text(metrics.get("device")));
                run.put("testAccuracy", metrics.has("testAccuracy") ? metrics.get("testAccuracy").getAsDouble() : null);
                double seconds = 0;
                for (JsonElement e : metrics.getAsJsonArray("epochs")) {
                    seconds += e.getAsJsonObject().get("seconds").getAsDouble();
                }
                run.put("seconds", seconds);
            }
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            run.put("error", "unreadable run folder: " + e.getMessage());
        }
        return run;
    }

    /** A run's metrics.json as the page reads it (epochs, history, confusion), or 404 before the first epoch. */
    JsonObject metrics(String id) throws IOException {
        Path file = run(id).resolve(RunFolder.METRICS);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw HttpError.notFound("run '" + id + "' has no metrics yet");
        }
        try {
            return read(file);
        } catch (JsonParseException | IllegalStateException e) {
            throw new HttpError(500, "run '" + id + "' has an unreadable metrics.json");
        }
    }

    private static JsonObject read(Path file) throws IOException {
        if (Files.size(file) > 64L << 20) {
            throw new JsonParseException(file.getFileName() + " is over 64 MB");
        }
        return SpecJson.gson().fromJson(Files.readString(file), JsonObject.class);
    }

    private static String text(JsonElement e) {
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
